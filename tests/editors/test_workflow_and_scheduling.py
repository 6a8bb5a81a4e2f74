"""The "Editor → Moderator" workflow on the whole site, and scheduled publishing and expiry
(Wagtail's `publish_scheduled` command, run by cron in production) on every page type."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Workflow, WorkflowState, get_page_models

import pytest
import time_machine

from events.factories import EventPageFactory
from home import roles
from home.factories import StandardPageFactory
from tests.helpers import soup, visible_text

PAGE_TYPES = [model for model in get_page_models() if model is not Page]


# The workflow -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_goes_through_the_editor_to_moderator_workflow(home_page):
    root = Page.get_first_root_node()
    workflow = root.get_workflow()
    assert workflow.name == roles.WORKFLOW_NAME
    assert workflow.active
    [task] = [task.specific for task in workflow.tasks]
    assert [group.name for group in task.groups.all()] == [roles.MODERATORS]
    assert home_page.get_workflow() == workflow
    # Wagtail's default workflow, replaced by ours, is no longer offered.
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


@pytest.mark.django_db
def test_an_editors_change_goes_live_only_when_a_moderator_approves(
    client, editor, moderator, home_page
):
    page = StandardPageFactory(parent=home_page, title="About CARE")
    page.title = "About the Collaborative"
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    task_state = state.current_task_state
    task = task_state.task.specific

    assert task.get_actions(page, editor) == []
    assert {name for name, *_rest in task.get_actions(page, moderator)} >= {"approve", "reject"}
    page.refresh_from_db()
    assert page.title == "About CARE"  # still the published version

    client.force_login(moderator)
    dashboard = visible_text(client.get(reverse("wagtailadmin_home")))
    assert "Awaiting your review" in dashboard
    assert "About the Collaborative" in dashboard
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "Looks good"},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live
    assert page.title == "About the Collaborative"


# Scheduled publishing and expiry ------------------------------------------------------------


@pytest.mark.usefixtures("seeded")
class TestScheduling:
    @pytest.mark.django_db
    @pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model._meta.label)
    def test_a_page_scheduled_for_later_goes_live_when_publish_scheduled_runs(self, model):
        page = model.objects.filter(locale__language_code="en").order_by("path").last()
        assert page is not None, f"the demo site has no {model._meta.label}"
        page.unpublish()
        go_live = timezone.now() + datetime.timedelta(days=2)
        page.go_live_at = go_live
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
        assert page.get_latest_revision().approved_go_live_at == go_live

        call_command("publish_scheduled")
        page.refresh_from_db()
        assert not page.live  # not yet

        with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
            call_command("publish_scheduled")
        page.refresh_from_db()
        assert page.live

    @pytest.mark.django_db
    def test_an_expired_event_disappears_from_the_landing_and_community_pages(self, client):
        from events.models import EventIndexPage
        from home.models import HomePage

        landing = HomePage.objects.get(locale__language_code="en")
        community = EventIndexPage.objects.get(locale__language_code="en")
        now = timezone.now()
        event = EventPageFactory(
            parent=community,
            title="Pop-up listening session",
            start=now + datetime.timedelta(hours=1),
            end=now + datetime.timedelta(hours=2),
        )
        event.expire_at = now + datetime.timedelta(minutes=30)
        event.save_revision().publish()
        assert next_meeting_link(client, landing) == event.url
        assert "Pop-up listening session" in visible_text(client.get(community.url))

        with time_machine.travel(now + datetime.timedelta(minutes=31)):
            call_command("publish_scheduled")
            event.refresh_from_db()
            assert not event.live
            assert event.expired
            assert next_meeting_link(client, landing) != event.url
            assert "Pop-up listening session" not in visible_text(client.get(community.url))


def next_meeting_link(client, landing):
    """Where the landing page's "The next meeting is …" teaser links."""
    link = soup(client.get(landing.url)).select_one(".next-meeting a")
    return link["href"] if link else None
