"""Fixtures and helpers for the subscription tests: the community's registration form in both
languages, posted as a browser would, and the links the emails carry."""

import re
from urllib.parse import urlsplit

import pytest

from forms.factories import FormFieldFactory, FormPageFactory
from forms.models import FormPage
from tests.forms.support import filled

LINK = re.compile(r"https?://\S+/subscriptions/\w+/[\w-]+/")


@pytest.fixture
def register_form(event_index):
    form = FormPageFactory(
        parent=event_index,
        title="Register for the Peer Learning Community",
        slug="register",
        thank_you_text="<p>Thank you for registering. Check your inbox.</p>",
        submit_label="Register",
        to_address="",
        subscribes_to_meetings=True,
    )
    FormFieldFactory(page=form, label="Your name", field_type="singleline", sort_order=0)
    FormFieldFactory(page=form, label="Email address", field_type="email", sort_order=1)
    return form


@pytest.fixture
def spanish_register_form(register_form, event_index, spanish_home, spanish):
    spanish_index = event_index.copy_for_translation(spanish)
    spanish_index.save_revision().publish()
    page = FormPage.objects.get(pk=register_form.copy_for_translation(spanish).pk)
    page.thank_you_text = "<p>Gracias por inscribirse. Revise su correo.</p>"
    fields = list(page.form_fields.all())
    for field, label in zip(fields, ["Su nombre", "Correo electrónico"], strict=True):
        field.label = label
    page.form_fields = fields
    page.save_revision().publish()
    return FormPage.objects.get(pk=page.pk)


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    """Post the registration form as a browser would, and run what waits for the commit (the
    confirmation email is sent by the immediate task backend)."""

    def register(form, address="ada@example.org", name="Ada Lovelace"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                form.url, filled(form, {"your_name": name, "email_address": address})
            )

    return register


def links(mail):
    """{kind: path} of the subscription links in an email's body."""
    return {
        urlsplit(url).path.split("/")[-3]: urlsplit(url).path for url in LINK.findall(mail.body)
    }


def path_of(url):
    return urlsplit(url).path
