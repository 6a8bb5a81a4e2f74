"""Translating takes the right to edit what is translated: wagtail-localize's own check is one
site-wide permission, so a translator who may not edit a page (or change a snippet) must be
refused when they try to translate or sync it, and nothing may be created."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home.factories import StandardPageFactory
from resources.models import Topic

pytestmark = pytest.mark.django_db


def permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.fixture
def section(home_page):
    return StandardPageFactory(parent=home_page, title="Section", slug="section")


@pytest.fixture
def elsewhere(home_page):
    return StandardPageFactory(parent=home_page, title="Elsewhere", slug="elsewhere")


@pytest.fixture
def section_translator(django_user_model, section, spanish_home):
    """With the Translators' global permission and page rights on one English section only
    (no language's tree)."""
    group = Group.objects.create(name="Section translators")
    group.permissions.set(
        [permission("wagtailadmin.access_admin"), permission("wagtail_localize.submit_translation")]
    )
    for page in (section,):
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group, page=page, permission=permission(f"wagtailcore.{codename}")
            )
    user = django_user_model.objects.create_user("translator", password="x" * 12)
    user.groups.add(group)
    return user


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a
    "no permission" message (a bare 403 outside its decorator)."""
    refused = response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )
    assert refused, (response.status_code, response.get("Location"))


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def test_a_page_the_translator_may_edit_is_translated(client, section_translator, section, spanish):
    client.force_login(section_translator)
    assert client.get(submit_url(section)).status_code == 200
    response = client.post(submit_url(section), {"locales": [spanish.pk]})
    assert response.status_code == 302
    assert section.has_translation(spanish)


def test_a_page_the_translator_may_not_edit_is_refused(
    client, section_translator, elsewhere, spanish
):
    client.force_login(section_translator)
    assert_refused(client.get(submit_url(elsewhere)))
    assert_refused(client.post(submit_url(elsewhere), {"locales": [spanish.pk]}))
    assert not elsewhere.has_translation(spanish)
    assert not TranslationSource.objects.filter(object_id=elsewhere.translation_key).exists()
    assert not Translation.objects.exists()


def test_syncing_a_page_the_user_may_not_edit_is_refused(
    client, admin_client, section_translator, elsewhere, spanish_home, spanish
):
    admin_client.post(submit_url(elsewhere), {"locales": [spanish.pk]})
    source = TranslationSource.objects.get(object_id=elsewhere.translation_key)
    client.force_login(section_translator)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert_refused(client.get(url))
    assert_refused(client.post(url, {}))


def test_a_snippet_needs_the_right_to_change_it_in_the_language(
    client, section_translator, english, spanish, spanish_home
):
    topic = Topic.objects.create(name="Policy", slug="policy", locale=english)
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["resources", "topic", topic.pk]
    )
    client.force_login(section_translator)
    assert_refused(client.post(url, {"locales": [spanish.pk]}))
    assert not topic.has_translation(spanish)

    group = section_translator.groups.get()
    group.permissions.add(permission("resources.add_topic"), permission("resources.change_topic"))
    assert_refused(client.post(url, {"locales": [spanish.pk]}))  # nor the Spanish terms
    GroupPagePermission.objects.create(
        group=group, page=spanish_home, permission=permission("wagtailcore.change_page")
    )
    client.force_login(type(section_translator).objects.get(pk=section_translator.pk))
    assert client.post(url, {"locales": [spanish.pk]}).status_code == 302
    assert topic.has_translation(spanish)


def test_translators_edit_but_do_not_publish(django_user_model, home_page, spanish_home):
    """The Translators group (home/roles.py) as the migrations leave it."""
    group = Group.objects.get(name="Translators")
    names = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert {"wagtail_localize.submit_translation", "home.change_footer"} <= names
    assert not {name for name in names if name.split(".")[1].startswith("delete_")}
    user = django_user_model.objects.create_user("member", password="x" * 12)
    user.groups.add(group)
    GroupPagePermission.objects.filter(group=group).delete()
    for page in (home_page, spanish_home):
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group, page=page, permission=permission(f"wagtailcore.{codename}")
            )
    rights = Page.objects.get(pk=spanish_home.pk).permissions_for_user(user)
    assert rights.can_edit() and not rights.can_publish()


def test_the_translate_action_is_offered_only_where_it_is_allowed(
    client, section_translator, section, elsewhere, home_page
):
    # A second section of theirs makes the landing page the place they browse from.
    other = StandardPageFactory(parent=home_page, title="Other", slug="other")
    GroupPagePermission.objects.create(
        group=section_translator.groups.get(),
        page=other,
        permission=permission("wagtailcore.change_page"),
    )
    client.force_login(section_translator)
    listing = client.get(reverse("wagtailadmin_explore", args=[home_page.pk])).content.decode()
    assert submit_url(section) in listing
    assert submit_url(elsewhere) not in listing
