"""Choosers that fit the page's language: a resource's topics are ticked from the topics in its
own language, its type picked from the types in that language, and the landing page's featured
resources and partners are chosen from its own language's library and directory."""

import json
import re

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from partners.factories import PartnerPageFactory
from resources.factories import ResourcePageFactory, ResourceTypeFactory, TopicFactory
from resources.models import ResourcePage
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def spanish_copy(term, spanish, name, slug):
    copy = term.copy_for_translation(spanish)
    copy.name, copy.slug = name, slug
    copy.save()
    return copy


@pytest.fixture
def terms(english, spanish):
    """Two topics and a type in English, each translated, named so the alphabetical order
    differs from the editors' sort order."""
    policy = TopicFactory(name="Policy", slug="policy", sort_order=1)
    data = TopicFactory(name="Data", slug="data", sort_order=2)
    report = ResourceTypeFactory(name="Report", slug="report")
    return {
        "en": {"topics": [policy, data], "type": report},
        "es": {
            "topics": [
                spanish_copy(policy, spanish, "Política", "politica"),
                spanish_copy(data, spanish, "Datos", "datos"),
            ],
            "type": spanish_copy(report, spanish, "Informe", "informe"),
        },
    }


@pytest.fixture
def spanish_library(resource_index, spanish, spanish_home):
    library = resource_index.copy_for_translation(spanish)
    library.save_revision().publish()
    return library


def add_url(library):
    return reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", library.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def offered(response, name):
    """The inputs of field `name` in the form: their type and their values."""
    document = soup(response)
    inputs = document.select(f'input[name="{name}"]')
    if inputs:
        return {i["type"] for i in inputs}, [int(i["value"]) for i in inputs]
    options = document.select(f'select[name="{name}"] option')
    return {"select"}, [int(o["value"]) for o in options if o["value"]]


def pks(objects):
    return [obj.pk for obj in objects]


def resource_form(topics, resource_type):
    data = nested_form_data(
        {
            "title": "Community data guide",
            "slug": "community-data-guide",
            "summary": "A guide.",
            "external_url": "https://example.org/guide",
            "publisher_name": "Someone",
            "transcript": rich_text(""),
            "body": streamfield([]),
        }
    )
    return {**data, "topics": topics, "resource_type": resource_type}


def test_an_english_resource_is_given_english_topics_by_ticking_boxes(
    client, editor, resource_index, spanish_library, terms
):
    client.force_login(editor)
    response = client.get(add_url(resource_index))
    assert response.status_code == 200
    kinds, topics = offered(response, "topics")
    assert kinds == {"checkbox"}
    # Alphabetical: Data before Policy.
    assert topics == pks(reversed(terms["en"]["topics"]))
    assert "Tick every subject it covers." in response.content.decode()
    assert offered(response, "resource_type") == ({"select"}, [terms["en"]["type"].pk])


def test_a_spanish_resource_is_given_spanish_topics_and_types(
    client, editor, spanish_library, terms
):
    client.force_login(editor)
    response = client.get(add_url(spanish_library))
    assert response.status_code == 200
    kinds, topics = offered(response, "topics")
    assert kinds == {"checkbox"}
    assert topics == pks(reversed(terms["es"]["topics"]))  # Datos, Política
    assert offered(response, "resource_type") == ({"select"}, [terms["es"]["type"].pk])


def test_the_edit_form_offers_the_resources_own_language(
    client, editor, resource_index, spanish_library, terms
):
    resource = ResourcePageFactory(parent=resource_index, resource_type=terms["en"]["type"])
    spanish_resource = ResourcePageFactory(
        parent=spanish_library, resource_type=terms["es"]["type"], slug="guia"
    )
    client.force_login(editor)
    english_form = client.get(edit_url(resource))
    spanish_form = client.get(edit_url(spanish_resource))
    assert sorted(offered(english_form, "topics")[1]) == sorted(pks(terms["en"]["topics"]))
    assert sorted(offered(spanish_form, "topics")[1]) == sorted(pks(terms["es"]["topics"]))
    assert offered(spanish_form, "resource_type")[1] == [terms["es"]["type"].pk]


def test_a_topic_or_type_in_another_language_is_refused(
    client, editor, resource_index, spanish_library, terms
):
    client.force_login(editor)
    spanish_topic = terms["es"]["topics"][0]
    response = client.post(
        add_url(resource_index),
        resource_form(topics=[spanish_topic.pk], resource_type=terms["es"]["type"].pk),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Select a valid choice" in errors["topics"][0]
    assert "Select a valid choice" in errors["resource_type"][0]
    assert not ResourcePage.objects.filter(slug="community-data-guide").exists()


def test_a_topic_and_type_in_the_pages_language_are_saved(
    client, editor, resource_index, spanish_library, terms
):
    client.force_login(editor)
    response = client.post(
        add_url(spanish_library),
        resource_form(topics=pks(terms["es"]["topics"]), resource_type=terms["es"]["type"].pk),
    )
    assert response.status_code == 302
    page = ResourcePage.objects.get(slug="community-data-guide")
    assert page.locale == spanish_library.locale
    assert set(page.topics.all()) == set(terms["es"]["topics"])
    assert page.resource_type == terms["es"]["type"]


def test_a_topic_the_page_already_has_in_another_language_stays_offered(
    client, editor, resource_index, spanish_library, terms
):
    """A translation can keep a topic not yet translated; saving must not drop it unseen."""
    english_only = TopicFactory(name="Civic health", slug="civic")
    spanish_resource = ResourcePageFactory(
        parent=spanish_library, resource_type=terms["es"]["type"], topics=[english_only]
    )
    client.force_login(editor)
    topics = offered(client.get(edit_url(spanish_resource)), "topics")[1]
    assert english_only.pk in topics
    assert terms["en"]["topics"][0].pk not in topics


def test_a_partners_focus_areas_are_ticked_in_its_language(
    client, editor, partner_index, spanish, spanish_home, terms
):
    spanish_directory = partner_index.copy_for_translation(spanish)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["partners", "partnerpage", spanish_directory.pk])
    kinds, focus_areas = offered(client.get(url), "focus_areas")
    assert kinds == {"checkbox"}
    assert focus_areas == pks(reversed(terms["es"]["topics"]))


def chooser_options(response, input_id):
    """The options the page chooser `input_id` is started with (also for the new-row template
    of an inline list, whose ids have `__prefix__`)."""
    html = response.content.decode()
    match = re.search(r"new PageChooser\(\"" + re.escape(input_id) + r"\", (\{.*?\})\);", html)
    assert match, f"no page chooser for {input_id}"
    return json.loads(match.group(1))


def chosen_ids(response):
    """The pages a chooser modal's listing lets the editor choose."""
    html = json.loads(response.content)["html"]
    return {int(link["data-id"]) for link in soup(html).select("a.choose-page")}


def test_featured_resources_are_chosen_from_the_landing_pages_library(
    client, editor, home_page, resource_index, spanish_library
):
    resource = ResourcePageFactory(parent=resource_index, title="Health equity toolkit")
    other = ResourcePageFactory(parent=resource_index, title="Data guide")
    spanish_resources = [
        page.copy_for_translation(spanish_library.locale) for page in (resource, other)
    ]
    client.force_login(editor)

    options = chooser_options(
        client.get(edit_url(home_page)), "id_featured_resources-__prefix__-resource"
    )
    assert options["parentId"] == resource_index.pk
    assert options["modelNames"] == ["resources.resourcepage"]

    # The request the chooser makes when opened: its modal URL, the starting page, the type.
    url = options["modalUrl"] + f"{options['parentId']}/"
    response = client.get(url, {"page_type": ",".join(options["modelNames"])})
    assert response.status_code == 200
    assert chosen_ids(response) == {resource.pk, other.pk}
    assert not chosen_ids(response) & set(pks(spanish_resources))


def test_featured_partners_are_chosen_from_the_landing_pages_directory(
    client, editor, home_page, partner_index, spanish, spanish_home
):
    partner = PartnerPageFactory(parent=partner_index, title="Law Network")
    partner_index.copy_for_translation(spanish)
    spanish_partner = partner.copy_for_translation(spanish)
    client.force_login(editor)

    options = chooser_options(
        client.get(edit_url(home_page)), "id_featured_partners-__prefix__-partner"
    )
    assert options["parentId"] == partner_index.pk
    response = client.get(
        options["modalUrl"] + f"{options['parentId']}/",
        {"page_type": ",".join(options["modelNames"])},
    )
    assert chosen_ids(response) == {partner.pk}
    assert spanish_partner.pk not in chosen_ids(response)


def test_the_spanish_landing_page_chooses_from_the_spanish_library(
    admin_client, spanish_home, resource_index, spanish_library
):
    options = chooser_options(
        admin_client.get(edit_url(spanish_home)), "id_featured_resources-__prefix__-resource"
    )
    assert options["parentId"] == spanish_library.pk
