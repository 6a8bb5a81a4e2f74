"""The admin dashboard's panels (home/dashboard.py): what each shows, who sees it, that each
links to where the editor acts, and that the number of queries does not grow with the site."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

import pytest

from events.factories import EventPageFactory
from forms.models import Submission
from home.factories import StandardPageFactory
from resources.factories import ResourcePageFactory
from resources.models import LinkCheck
from tests.helpers import collapse, soup

DASHBOARD = reverse("wagtailadmin_home")


def panel(response, panel_id):
    return soup(response).find(id=f"{panel_id}-section")


def links(section):
    return {a["href"] for a in section.find_all("a", href=True)}


def submit(form, name="Ada"):
    return Submission.objects.create(page=form, form_data={"your_name": name}, language="en")


@pytest.fixture
def community(event_index):
    now = timezone.now()
    for days in (30, 2, 9, 16):
        EventPageFactory(
            parent=event_index,
            title=f"Meeting in {days} days",
            start=now + datetime.timedelta(days=days),
            end=now + datetime.timedelta(days=days, hours=1),
        )
    EventPageFactory(
        parent=event_index,
        title="Meeting last week",
        start=now - datetime.timedelta(days=7),
        end=now - datetime.timedelta(days=7) + datetime.timedelta(hours=1),
    )
    return event_index


# The submissions inbox, for reviewers -------------------------------------------------------


@pytest.mark.django_db
def test_reviewers_see_the_inbox_counts_and_a_weekly_chart(client, reviewer, contact_form):
    submit(contact_form)
    submit(contact_form, "Grace")
    mine = submit(contact_form, "Alan")
    Submission.objects.filter(pk=mine.pk).update(
        status=Submission.Status.IN_PROGRESS, assignee=reviewer
    )
    three_weeks_ago = submit(contact_form, "Kim")
    Submission.objects.filter(pk=three_weeks_ago.pk).update(
        submit_time=timezone.now() - datetime.timedelta(weeks=3), status=Submission.Status.DONE
    )
    Submission.objects.create(
        page=contact_form, form_data={}, status=Submission.Status.SPAM, spam_reason="honeypot"
    )
    client.force_login(reviewer)
    section = panel(client.get(DASHBOARD), "care-inbox")
    text = collapse(section.get_text(" "))
    for said in (
        "2 new submissions",
        "1 in progress",
        "1 open and assigned to you",
        "1 in the spam folder",
    ):
        assert said in text
    inbox = reverse("care_forms_inbox")
    assert {f"{inbox}?status=new", f"{inbox}?assignee=me", reverse("care_forms_spam")} <= links(
        section
    )
    week_row, count_row = section.find("table").find_all("tr")
    assert len(week_row.find_all("th", scope="col")) == 8
    counts = [cell.get_text(strip=True) for cell in count_row.find_all("td")]
    assert counts == ["0"] * 4 + ["1", "0", "0", "3"]
    # The bars say the same: the busiest week is the full height.
    heights = [float(bar["height"]) for bar in section.select("svg rect")]
    assert heights == [0.0] * 4 + [13.33, 0.0, 0.0, 40.0]


@pytest.mark.django_db
def test_people_who_may_not_read_submissions_get_no_submissions_panel(client, editor, contact_form):
    submit(contact_form)
    client.force_login(editor)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert panel(response, "care-inbox") is None
    assert panel(response, "care-upcoming-events") is not None


# Events, links, translations, stale pages: for page editors ---------------------------------


@pytest.mark.django_db
def test_the_next_three_events_in_order_with_a_link_to_add_one(client, editor, community):
    client.force_login(editor)
    section = panel(client.get(DASHBOARD), "care-upcoming-events")
    titles = [a.get_text(strip=True) for a in section.select("td.title a")]
    assert titles == ["Meeting in 2 days", "Meeting in 9 days", "Meeting in 16 days"]
    assert reverse("wagtailadmin_pages:add_subpage", args=[community.pk]) in links(section)


@pytest.mark.django_db
def test_resources_with_broken_links_link_to_their_editor_and_the_report(
    client, editor, resource_index
):
    broken = ResourcePageFactory(parent=resource_index, title="Gone toolkit")
    fixed = ResourcePageFactory(parent=resource_index, title="Moved toolkit")
    fine = ResourcePageFactory(parent=resource_index, title="Working toolkit")
    LinkCheck.objects.create(
        page=broken, url=broken.external_url, outcome=LinkCheck.Outcome.BROKEN, status_code=404
    )
    # Its link was broken, then an editor changed it: nothing left to do.
    LinkCheck.objects.create(
        page=fixed, url="https://old.example.org/", outcome=LinkCheck.Outcome.BROKEN
    )
    LinkCheck.objects.create(
        page=fine, url=fine.external_url, outcome=LinkCheck.Outcome.OK, status_code=200
    )
    client.force_login(editor)
    section = panel(client.get(DASHBOARD), "care-broken-links")
    text = collapse(section.get_text(" "))
    assert "1 resource links to a page that no longer opens." in text
    assert "Gone toolkit 404" in text
    assert "Moved toolkit" not in text
    assert "Working toolkit" not in text
    assert reverse("wagtailadmin_pages:edit", args=[broken.pk]) in links(section)
    assert reverse("resource_links_report:index") in links(section)


@pytest.mark.django_db
def test_before_any_link_check_the_dashboard_does_not_say_every_link_worked(
    client, editor, resource_index
):
    resource = ResourcePageFactory(parent=resource_index, title="Unchecked toolkit")
    client.force_login(editor)
    text = collapse(panel(client.get(DASHBOARD), "care-broken-links").get_text(" "))
    assert "have not been checked yet" in text
    assert "worked" not in text

    checked = timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 15))
    LinkCheck.objects.create(
        page=resource,
        url=resource.external_url,
        outcome=LinkCheck.Outcome.OK,
        status_code=200,
        checked_at=checked,
    )
    text = collapse(panel(client.get(DASHBOARD), "care-broken-links").get_text(" "))
    assert "worked when the links were last checked, on November 30, 2026, 9:15" in text


@pytest.mark.django_db
def test_pages_without_a_spanish_version_link_to_translating_them(client, editor, home_page):
    about = StandardPageFactory(parent=home_page, title="About CARE")
    client.force_login(editor)
    section = panel(client.get(DASHBOARD), "care-translations")
    text = collapse(section.get_text(" "))
    assert "Translate “About CARE”" in text
    assert "2 pages have no Spanish version yet." in text  # the landing page and About
    assert reverse("wagtail_localize:submit_page_translation", args=[about.pk]) in links(section)


@pytest.mark.django_db
def test_spanish_pages_older_than_their_english_are_flagged(client, editor, home_page, spanish):
    about = StandardPageFactory(parent=home_page, title="About CARE")
    copy = about.copy_for_translation(spanish, copy_parents=True)
    copy.save_revision().publish()
    Page.objects.filter(pk=copy.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=3)
    )
    Page.objects.filter(pk=about.pk).update(last_published_at=timezone.now())
    client.force_login(editor)
    section = panel(client.get(DASHBOARD), "care-translations")
    text = collapse(section.get_text(" "))
    assert "1 Spanish page is behind its English page." in text
    assert "Update “About CARE”" in text
    assert reverse("wagtailadmin_pages:edit", args=[copy.pk]) in links(section)
    assert reverse("translation_status_report:index") in links(section)


@pytest.mark.django_db
def test_pages_not_published_for_a_year_are_listed_oldest_first(client, editor, home_page):
    old = StandardPageFactory(parent=home_page, title="Old news")
    older = StandardPageFactory(parent=home_page, title="Older news")
    StandardPageFactory(parent=home_page, title="Fresh news")
    Page.objects.filter(pk=old.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=400)
    )
    Page.objects.filter(pk=older.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=800)
    )
    client.force_login(editor)
    section = panel(client.get(DASHBOARD), "care-stale-pages")
    titles = [a.get_text(strip=True) for a in section.select("td.title a")]
    assert titles == ["Older news", "Old news"]
    assert reverse("wagtailadmin_reports:aging_pages") in links(section)


# Query count --------------------------------------------------------------------------------


def dashboard_queries(client, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_dashboard_query_count_does_not_grow_with_the_site(
    admin_client, community, resource_index, contact_form, django_assert_max_num_queries
):
    """An editor opens the dashboard many times a day: each panel is a fixed handful of
    queries, whether the site has five pages or five thousand."""

    def add_content(first, n):
        for i in range(first, first + n):
            resource = ResourcePageFactory(parent=resource_index)
            LinkCheck.objects.create(
                page=resource, url=resource.external_url, outcome=LinkCheck.Outcome.BROKEN
            )
            StandardPageFactory(parent=community.get_parent(), title=f"Page {i}")
            submit(contact_form)

    add_content(0, 2)
    small = dashboard_queries(admin_client, django_assert_max_num_queries, 50)
    add_content(2, 8)
    EventPageFactory.create_batch(5, parent=community)
    large = dashboard_queries(admin_client, django_assert_max_num_queries, 50)
    assert large == small, (small, large)
