"""The four editorial roles made by the home app's data migration: what each may and may not do
(edit, publish, delete, see submissions, change settings, manage users), and the migration
putting the groups back in line when run again."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Site

import pytest

from home import roles
from home.factories import ImageFactory, StandardPageFactory

ROLE_NAMES = [roles.EDITORS, roles.MODERATORS, roles.REVIEWERS, roles.TRANSLATORS]


def group_permissions(name):
    group = Group.objects.get(name=name)
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in group.permissions.select_related("content_type")
    }


def page_permissions(name):
    return {
        (row.page.depth, row.permission.codename)
        for row in GroupPagePermission.objects.filter(group__name=name).select_related(
            "page", "permission"
        )
    }


def settings_url():
    return reverse("wagtailsettings:edit", args=["home", "sitesettings", Site.objects.get().pk])


def page_tester(user, page):
    return page.permissions_for_user(user)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ROLE_NAMES)
def test_each_role_holds_exactly_its_listed_permissions(name):
    role = roles.ROLES[name]
    listed = set(role["permissions"])
    # The footer snippet's permissions apply once that model exists.
    existing = {
        label
        for label in listed
        if Permission.objects.filter(
            content_type__app_label=label.split(".")[0], codename=label.split(".")[1]
        ).exists()
    }
    assert group_permissions(name) == existing
    assert "wagtailadmin.access_admin" in existing
    # The Translators' pages are the other languages' landing pages: none on a new database.
    scope = role.get("page_scope", roles.SITE_ROOT)
    expected = set(role.get("page_permissions", [])) if scope == roles.SITE_ROOT else set()
    assert {codename for _depth, codename in page_permissions(name)} == expected


@pytest.mark.django_db
def test_nobody_but_superusers_manages_users_or_groups():
    for name in ROLE_NAMES:
        assert not {
            label
            for label in group_permissions(name)
            if label.startswith(("auth.", "wagtailusers.", "wagtailcore.add_site"))
        }, name


@pytest.mark.django_db
def test_images_and_documents_are_shared_through_the_root_collection():
    def held(name):
        return set(
            GroupCollectionPermission.objects.filter(
                group__name=name, collection__depth=1
            ).values_list("permission__codename", flat=True)
        )

    assert held(roles.EDITORS) == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }
    assert held(roles.MODERATORS) == held(roles.EDITORS) | {"delete_image", "delete_document"}
    assert held(roles.REVIEWERS) == set()
    assert held(roles.TRANSLATORS) == set()


# What each person can do, through the admin -----------------------------------------------


@pytest.mark.django_db
def test_editors_edit_and_submit_but_do_not_publish_delete_or_administer(
    client, editor, home_page, resource, contact_form
):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[resource.pk])).status_code == 200
    assert (
        client.get(
            reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk])
        ).status_code
        == 200
    )
    permissions = page_tester(editor, resource)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_delete()  # it is live: only a moderator takes it down
    assert not permissions.can_unpublish()

    assert_cannot_see_submissions(client, contact_form)
    assert_cannot_change_settings(client)
    assert_cannot_manage_users(client)
    image = ImageFactory()
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    assert not editor.has_perm("wagtailimages.delete_image")


@pytest.mark.django_db
def test_editors_may_delete_a_draft_nobody_has_published(editor, home_page):
    draft = StandardPageFactory(parent=home_page, live=False, owner=editor)
    assert page_tester(editor, draft).can_delete()


@pytest.mark.django_db
def test_moderators_publish_delete_and_change_settings_but_see_no_submissions(
    client, moderator, resource, contact_form
):
    client.force_login(moderator)
    permissions = page_tester(moderator, resource)
    assert permissions.can_edit()
    assert permissions.can_publish()
    assert permissions.can_unpublish()
    assert permissions.can_delete()
    assert permissions.can_lock()
    assert client.get(settings_url()).status_code == 200
    assert_cannot_see_submissions(client, contact_form)
    assert_cannot_manage_users(client)


@pytest.mark.django_db
def test_reviewers_read_submissions_and_nothing_else(client, reviewer, resource, contact_form):
    client.force_login(reviewer)
    submissions = reverse("wagtailforms:list_submissions", args=[contact_form.pk])
    assert client.get(submissions).status_code == 200
    assert client.get(submissions + "?export=csv").status_code == 200
    permissions = page_tester(reviewer, resource)
    assert not permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_delete()
    assert_redirected_away(client, reverse("wagtailadmin_pages:edit", args=[resource.pk]))
    assert_cannot_change_settings(client)
    assert_cannot_manage_users(client)


@pytest.mark.django_db
def test_translators_translate_and_edit_but_do_not_publish_or_administer(
    client, translator, resource, contact_form, spanish
):
    translation = resource.copy_for_translation(spanish, copy_parents=True)
    translation.save_revision().publish()
    roles.sync_roles(apps)  # the Spanish landing page now exists: translators' rights go onto it
    assert page_permissions(roles.TRANSLATORS) == {(2, "add_page"), (2, "change_page")}
    client.force_login(translator)
    assert translator.has_perm("wagtail_localize.submit_translation")
    permissions = page_tester(translator, translation)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_delete()
    assert not page_tester(translator, resource).can_edit()
    assert not page_tester(translator, Page.get_first_root_node()).can_edit()
    assert_cannot_see_submissions(client, contact_form)
    assert_cannot_change_settings(client)
    assert_cannot_manage_users(client)


def assert_redirected_away(client, url):
    """Wagtail answers a signed-in user without the permission by sending them back to the
    dashboard (or a 403); never the page itself."""
    response = client.get(url)
    assert response.status_code in (302, 403), (url, response.status_code)
    if response.status_code == 302:
        assert "login" not in response["Location"]


def assert_cannot_see_submissions(client, form):
    assert_redirected_away(client, reverse("wagtailforms:list_submissions", args=[form.pk]))


def assert_cannot_change_settings(client):
    assert_redirected_away(client, settings_url())


def assert_cannot_manage_users(client):
    assert_redirected_away(client, reverse("wagtailusers_users:index"))
    assert_redirected_away(client, reverse("wagtailusers_groups:index"))


# The migration keeps the groups in line ----------------------------------------------------


@pytest.mark.django_db
def test_running_the_roles_sync_again_repairs_drift_and_duplicates_nothing(home_page):
    editors = Group.objects.get(name=roles.EDITORS)
    editors.permissions.add(Permission.objects.get(codename="delete_user"))
    GroupPagePermission.objects.create(
        group=editors,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="publish_page"),
    )
    Group.objects.get(name=roles.REVIEWERS).delete()
    before = {name: group_permissions(name) for name in (roles.MODERATORS, roles.TRANSLATORS)}

    roles.sync_roles(apps)
    roles.sync_roles(apps)

    assert "auth.delete_user" not in group_permissions(roles.EDITORS)
    assert page_permissions(roles.EDITORS) == {(1, "add_page"), (1, "change_page")}
    assert group_permissions(roles.REVIEWERS) == {
        "wagtailadmin.access_admin",
        "care_forms.view_submission",
        "care_forms.delete_submission",
    }
    assert {name: group_permissions(name) for name in before} == before
    assert Group.objects.filter(name__in=ROLE_NAMES).count() == 4
    assert GroupCollectionPermission.objects.filter(group__name=roles.EDITORS).count() == 6


@pytest.mark.django_db
def test_moderators_keep_meeting_series_and_editors_do_not(client, django_user_model):
    """A series publishes the dates it makes, so keeping one is a moderator's job."""
    series_list = reverse("wagtailsnippets_events_meetingseries:list")
    for group, expected in ((roles.MODERATORS, 200), (roles.EDITORS, 302)):
        user = django_user_model.objects.create_user(group, f"{group}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        assert client.get(series_list).status_code == expected, group
