"""People in each editorial role (the groups home/migrations/0005_editorial_roles.py makes),
and a small site for them to work on."""

from django.contrib.auth.models import Group

import pytest

from home import roles
from resources.factories import ResourcePageFactory
from tests.forms.conftest import contact_form  # noqa: F401  (a fixture used by these tests)


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model, home_page):
    return member_of(django_user_model, roles.EDITORS, "editor")


@pytest.fixture
def moderator(django_user_model, home_page):
    return member_of(django_user_model, roles.MODERATORS, "moderator")


@pytest.fixture
def reviewer(django_user_model, home_page):
    return member_of(django_user_model, roles.REVIEWERS, "reviewer")


@pytest.fixture
def translator(django_user_model, home_page):
    return member_of(django_user_model, roles.TRANSLATORS, "translator")


@pytest.fixture
def resource(resource_index):
    return ResourcePageFactory(parent=resource_index, title="Health equity toolkit")
