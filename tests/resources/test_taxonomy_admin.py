"""Editors manage topics and resource types as ordered, translatable snippets; one in use cannot
be deleted by accident."""

from django.contrib.messages import get_messages
from django.urls import reverse

import pytest

from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from resources.factories import ResourcePageFactory, ResourceTypeFactory, TopicFactory
from resources.models import ResourceType, Topic
from tests.helpers import collapse, soup

pytestmark = pytest.mark.django_db


def url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def bulk_delete_url(model, *terms):
    base = reverse("wagtail_bulk_action", args=("resources", model._meta.model_name, "delete"))
    return base + "?" + "&".join(f"id={term.pk}" for term in terms)


def errors(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def test_deleting_a_topic_in_use_is_refused_with_a_reason(admin_client, resource_index):
    topic = TopicFactory(name="Policy and law", slug="policy")
    ResourcePageFactory(parent=resource_index, topics=[topic])
    ResourcePageFactory(parent=resource_index, topics=[topic])
    for method in (admin_client.get, admin_client.post):
        response = method(url(Topic, "delete", topic.pk), follow=True)
        assert response.redirect_chain == [(url(Topic, "list"), 302)]
        assert (
            "“Policy and law” was not deleted: 2 pages use it. Take it off those pages first, "
            "or rename it instead."
        ) in collapse(soup(response).get_text(" "))
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_a_partners_focus_area_counts_as_in_use(admin_client, partner_index):
    topic = TopicFactory(name="Civic health", slug="civic")
    partner = PartnerPageFactory(parent=partner_index)
    partner.focus_areas.set([topic])
    partner.save()
    response = admin_client.post(url(Topic, "delete", topic.pk))
    assert response.status_code == 302
    assert "1 page uses it" in errors(response)[0]
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_bulk_delete_refuses_when_any_term_is_in_use(admin_client, resource_index):
    used = TopicFactory(name="Used", slug="used")
    unused = TopicFactory(name="Unused", slug="unused")
    ResourcePageFactory(parent=resource_index, topics=[used])
    response = admin_client.post(bulk_delete_url(Topic, used, unused))
    assert response.status_code == 302
    assert len(errors(response)) == 1
    assert Topic.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2


def test_a_topic_nothing_uses_can_be_deleted(admin_client, resource_index):
    topic = TopicFactory(name="Unused", slug="unused")
    confirm = admin_client.get(url(Topic, "delete", topic.pk))
    assert confirm.status_code == 200
    response = admin_client.post(url(Topic, "delete", topic.pk))
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()


def test_deleting_a_resource_type_in_use_is_refused(admin_client, resource_index):
    kind = ResourceTypeFactory(name="Toolkit", slug="toolkit")
    ResourcePageFactory(parent=resource_index, resource_type=kind, live=False)  # drafts count
    response = admin_client.post(url(ResourceType, "delete", kind.pk))
    assert response.status_code == 302
    assert errors(response) == [
        "“Toolkit” was not deleted: 1 page uses it. Take it off that page first, "
        "or rename it instead."
    ]
    assert ResourceType.objects.filter(pk=kind.pk).exists()


def test_listing_shows_how_many_pages_use_each_term(admin_client, resource_index):
    policy = TopicFactory(name="Policy", slug="policy", sort_order=2)
    data = TopicFactory(name="Data", slug="data", sort_order=1)
    ResourcePageFactory(parent=resource_index, topics=[policy, data])
    ResourcePageFactory(parent=resource_index, topics=[policy])
    partner = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=resource_index.get_parent()))
    partner.focus_areas.set([policy])
    partner.save()
    response = admin_client.get(url(Topic, "list"))
    assert response.status_code == 200
    rows = {}
    for row in soup(response).select("table.listing tbody tr"):
        cells = [collapse(cell.get_text()) for cell in row.find_all("td")]
        rows[cells[2]] = cells[-1]  # slug: pages using it
    assert rows == {"policy": "3", "data": "1"}
    # Listed in the editors' order (sort_order), which drag and drop changes.
    text = collapse(soup(response).get_text(" "))
    assert text.index("Data") < text.index("Policy")


def test_admin_creates_a_topic_with_its_slug(admin_client, english):
    response = admin_client.post(
        url(Topic, "add") + "?locale=en",
        {"name": "Housing", "slug": "housing", "sort_order": 5},
    )
    assert response.status_code == 302
    topic = Topic.objects.get(slug="housing")
    assert (topic.name, topic.sort_order, topic.locale) == ("Housing", 5, english)
