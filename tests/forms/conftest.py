"""Fixtures for the form tests: the "Connect with us" form of the foundation tests, and the
people who deal with its answers."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Page

import pytest

from forms.factories import FormFieldFactory, FormPageFactory
from forms.permissions import REVIEWERS_GROUP

VALID_ANSWERS = {
    "your_name": "Ada Lovelace",
    "email": "ada@example.org",
    "how_did_you_hear_about_us": "A colleague",
    "message": "How do I join the peer learning community?",
}


@pytest.fixture
def contact_form(home_page):
    form = FormPageFactory(
        parent=home_page,
        title="Connect with us",
        slug="connect",
        intro="<p>Ask a question or share an idea.</p>",
        thank_you_text="<p>Thank you. We have received your message.</p>",
        submit_label="Send message",
        to_address="staff@care.example.org",
        from_address="noreply@care.example.org",
        subject="New message from the website",
        consent_text="I agree that CARE keeps my answers to reply to me.",
    )
    FormFieldFactory(page=form, label="Your name", field_type="singleline", sort_order=0)
    FormFieldFactory(
        page=form,
        label="Email",
        field_type="email",
        sort_order=1,
        help_text='Use your <b>work</b> address <script>alert("x")</script>',
    )
    FormFieldFactory(
        page=form,
        label="How did you hear about us?",
        field_type="dropdown",
        choices="A colleague\nThe newsletter",
        required=False,
        sort_order=2,
    )
    FormFieldFactory(
        page=form, label="Message", field_type="multiline", required=False, sort_order=3
    )
    return form


@pytest.fixture
def reviewer(django_user_model):
    """A member of the seeded "Submission reviewers" group, with no page permission at all."""
    user = django_user_model.objects.create_user("reviewer", "reviewer@example.org", "pw")
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return user


@pytest.fixture
def editor(django_user_model, home_page):
    """Someone who may edit and publish every page, form pages included, but is no reviewer."""
    group = Group.objects.create(name="Page editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename=permission),
        )
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(group)
    return user
