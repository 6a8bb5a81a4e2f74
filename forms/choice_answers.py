"""Choice answers in the form's source language (the one it was written in, which its
translations are made from). A visitor answering the Spanish form picks a Spanish choice
("Ley"), and that is what is stored; reviewers read and export it as the source language's
choice in the same place of the same question's list ("Law"), so one column holds
one set of values whatever language people answered in. The answer's language stays in its
own column. Stored answers are never changed: this is done each time they are read.

A stored answer that is no choice of its question in its language (the choices have been
edited since it was given) is shown as it was stored."""

from django.conf import settings
from django.db.models import F

from wagtail.coreutils import get_supported_content_language_variant

from .models import FormField

# Wagtail's field types whose answers are picked from the editor's list of choices.
CHOICE_TYPES = ("dropdown", "radio", "checkboxes", "multiselect")


class ChoiceAnswers:
    """The choices of every question of `form_page` and its translations, read in one query,
    to put any submission's choice answers in the source language (`in_source_language`)."""

    def __init__(self, form_page):
        fields = (
            FormField.objects.filter(
                page__translation_key=form_page.translation_key, field_type__in=CHOICE_TYPES
            )
            .annotate(language=F("page__locale__language_code"))
            .order_by("pk")
        )
        builder = form_page.form_builder([])
        # The form's own way of cutting the editor's text into choices, so the positions are
        # those the visitor saw.
        choices = {
            (field.language, field.translation_key): (
                field.clean_name,
                [value for value, _label in builder.get_formatted_field_choices(field)],
            )
            for field in fields
        }
        source = source_language(form_page, {language for language, _key in choices})
        # {language: {field name: {choice in that language: choice in the source language}}}
        self.maps = {}
        for (language, key), (name, translated) in choices.items():
            if language == source or (source, key) not in choices:
                continue
            _name, originals = choices[source, key]
            mapping = self.maps.setdefault(language, {}).setdefault(name, {})
            for choice, original in zip(translated, originals, strict=False):
                mapping.setdefault(choice, original)

    def in_source_language(self, data):
        """`data` (a submission's answers, with its `language`) with its choice answers in the
        source language; a new dict."""
        names = self.maps.get(data.get("language"))
        if not names:
            return data
        data = dict(data)
        for name, mapping in names.items():
            value = data.get(name)
            if isinstance(value, list):
                data[name] = [mapping.get(item, item) for item in value]
            elif isinstance(value, str):
                data[name] = mapping.get(value, value)
        return data


def source_language(form_page, languages):
    """The language the form was written in: the site's default one when the form has
    choice questions in it, else the language of `form_page` itself."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return default if default in languages else form_page.locale.language_code
