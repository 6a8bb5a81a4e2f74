"""Every page type and translatable snippet says, field by field, what wagtail-localize does
with it: text is translated, dates, links, images, choices and relations are synchronised. Once
a model lists its fields, wagtail-localize ignores the rest, so a new field left off the list
would silently never reach the Spanish page: these tests catch that, and check what
wagtail-localize derives for the snippets that list nothing."""

import json

from django.apps import apps
from django.db import models

from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField
from wagtail.models import COMMENTS_RELATION_NAME, Page, TranslatableMixin, get_page_models
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home.factories import ImageFactory, StandardPageFactory

# Page fields wagtail-localize never handles itself (Wagtail manages them per page).
PAGE_INTERNAL = {"go_live_at", "expire_at", "first_published_at", "content_type", "owner"}
PAGE_INTERNAL |= {"path", "depth", "numchild"}
PROJECT_APPS = {"home", "resources", "partners", "events", "care_forms", "search"}


def project_models():
    pages = [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]
    snippets = [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
        and model._meta.app_label in PROJECT_APPS
    ]
    return pages + snippets


def fields_to_handle(model):
    """Names of the fields wagtail-localize would consider on `model`."""
    names = set()
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or not field.editable:
            continue
        if isinstance(field, models.AutoField | models.ManyToManyField | ParentalKey):
            continue
        if isinstance(field, models.OneToOneField) and field.remote_field.parent_link:
            continue
        if issubclass(model, Page) and field.name in PAGE_INTERNAL:
            continue
        names.add(field.name)
    for relation in get_all_child_relations(model) if hasattr(model, "_meta") else []:
        if relation.name != COMMENTS_RELATION_NAME:
            names.add(relation.name)
    return names


@pytest.mark.parametrize("model", project_models(), ids=lambda model: model.__name__)
def test_every_field_is_listed_once(model):
    listed = [field.field_name for field in get_translatable_fields(model)]
    assert len(listed) == len(set(listed)), f"{model.__name__} lists a field twice"
    assert set(listed) == fields_to_handle(model)


@pytest.mark.parametrize("model", project_models(), ids=lambda model: model.__name__)
def test_text_translates_and_the_rest_is_synchronised(model):
    for entry in get_translatable_fields(model):
        field = model._meta.get_field(entry.field_name)
        is_text = isinstance(field, StreamField | RichTextField | models.TextField) or (
            isinstance(field, models.CharField)
            and not field.choices
            and not isinstance(field, models.URLField | models.EmailField)
        )
        relation_to_translated_snippet = (
            isinstance(field, models.ForeignKey)
            and issubclass(field.related_model, TranslatableMixin)
            and not issubclass(field.related_model, Page)
        ) or (field.one_to_many and issubclass(field.related_model, TranslatableMixin))
        # Text that is not for visitors: the stored answer key, the event's clock, the staff
        # email's addresses and subject.
        synchronised_text = {"clean_name", "time_zone", "to_address", "from_address", "subject"}
        if is_text and entry.field_name not in synchronised_text or relation_to_translated_snippet:
            assert isinstance(entry, TranslatableField), f"{model.__name__}.{entry.field_name}"
        else:
            assert isinstance(entry, SynchronizedField), f"{model.__name__}.{entry.field_name}"


@pytest.mark.django_db
def test_alt_text_and_captions_in_a_body_reach_the_translators(home_page, spanish):
    image = ImageFactory()
    body = [
        {
            "type": "image",
            "value": {
                "image": {
                    "image": image.pk,
                    "alt_text": "Six people at a table",
                    "decorative": False,
                },
                "caption": "The first meeting",
                "attribution": "Photo: CARE",
            },
        }
    ]
    page = StandardPageFactory(parent=home_page, slug="photos", body=json.dumps(body))
    source, _created = TranslationSource.get_or_create_from_instance(page)
    po = Translation.objects.create(source=source, target_locale=spanish).export_po()
    assert {"Six people at a table", "The first meeting", "Photo: CARE"} <= {e.msgid for e in po}
