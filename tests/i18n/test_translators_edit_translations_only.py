"""Translators (the group home/roles.py defines, as the migrations and seed_demo leave it) work
on translations into the languages whose page tree they hold, never on the English originals:
not the English pages, not the English footer or library terms, in any admin view."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page

import pytest

from home import roles
from home.models import Footer
from resources.factories import ResourcePageFactory
from resources.models import Topic
from tests.i18n.test_translation_permissions import assert_refused, submit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(django_user_model, spanish_home):
    roles.sync_roles(apps)
    user = django_user_model.objects.create_user("translator", password="x" * 12)
    user.groups.add(Group.objects.get(name=roles.TRANSLATORS))
    return user


@pytest.fixture
def resource(resource_index, spanish):
    page = ResourcePageFactory(parent=resource_index, title="Health equity toolkit")
    translation = page.copy_for_translation(spanish, copy_parents=True)
    translation.save_revision().publish()
    return page


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_translators_edit_the_spanish_page_and_not_the_english_one(client, translator, resource):
    spanish_page = resource.get_translations().get()
    client.force_login(translator)

    assert client.get(edit_url(spanish_page)).status_code == 200
    assert_refused(client.get(edit_url(resource)))
    assert_refused(client.post(edit_url(resource), {"title": "Changed by a translator"}))
    assert Page.objects.get(pk=resource.pk).specific.title == "Health equity toolkit"
    english_rights = Page.objects.get(pk=resource.pk).permissions_for_user(translator)
    assert not english_rights.can_edit()
    assert not english_rights.can_add_subpage()


def test_a_new_language_tree_is_given_to_translators(home_page, spanish):
    roles.sync_roles(apps)  # before the Spanish landing page exists: no page rights at all
    group = Group.objects.get(name=roles.TRANSLATORS)
    assert not group.page_permissions.exists()

    spanish_home = home_page.copy_for_translation(spanish)
    held = set(
        Group.objects.get(name=roles.TRANSLATORS)
        .page_permissions.values_list("page_id", flat=True)
        .distinct()
    )
    assert held == {spanish_home.pk}


def snippet_edit_url(instance):
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[instance.pk])


def test_translators_do_not_change_the_english_footer_or_library_terms(
    client, translator, english, spanish
):
    topic = Topic.objects.create(name="Policy", slug="policy", locale=english)
    footer = Footer.objects.filter(locale=english).first() or Footer.objects.create(
        locale=english, text="Original footer"
    )
    client.force_login(translator)

    for instance in (topic, footer):
        assert_refused(client.get(snippet_edit_url(instance)))
        assert_refused(client.post(snippet_edit_url(instance), {"name": "Changed", "text": "x"}))
    assert Topic.objects.get(pk=topic.pk).name == "Policy"
    add_english_topic = reverse("wagtailsnippets_resources_topic:add") + "?locale=en"
    assert_refused(client.get(add_english_topic))
    assert_refused(client.post(add_english_topic, {"name": "New", "slug": "new"}))
    assert not Topic.objects.filter(slug="new").exists()


def test_translators_open_the_spanish_library_terms(client, translator, english, spanish):
    topic = Topic.objects.create(name="Policy", slug="policy", locale=english)
    spanish_topic = topic.copy_for_translation(spanish)
    spanish_topic.save()
    client.force_login(translator)
    assert client.get(snippet_edit_url(spanish_topic)).status_code == 200
    add_spanish_topic = reverse("wagtailsnippets_resources_topic:add") + "?locale=es"
    assert client.get(add_spanish_topic).status_code == 200


def test_translators_still_start_a_spanish_translation_of_an_english_page(
    client, translator, resource_index, spanish
):
    page = ResourcePageFactory(parent=resource_index, title="Not yet translated")
    resource_index.copy_for_translation(spanish, copy_parents=True)
    client.force_login(translator)
    response = client.post(submit_url(page), {"locales": [spanish.pk]})
    assert response.status_code == 302
    assert page.has_translation(spanish)
    assert Page.objects.get(pk=page.pk).specific.title == "Not yet translated"


def test_the_translation_editor_offers_no_override_of_where_a_form_sends(
    client, admin_client, translator, home_page, spanish, spanish_home
):
    from tests.forms.conftest import contact_form as make_contact_form

    form = make_contact_form.__wrapped__(home_page)
    admin_client.post(submit_url(form), {"locales": [spanish.pk]})
    spanish_form = form.get_translations().get()
    client.force_login(translator)
    editor = client.get(edit_url(spanish_form))
    assert editor.status_code == 200
    page = editor.content.decode()
    assert "Connect with us" in page  # the translation editor, with the form's strings
    # Overridable settings are listed with their value and an edit link; these are not.
    assert "staff@care.example.org" not in page
    assert "noreply@care.example.org" not in page
    assert "/overrides/" not in page
