"""Builds the visitor's form from the editor's fields, with a length limit on every free-text
answer (Wagtail's builder leaves multi-line text unlimited)."""

import django.forms

from wagtail.contrib.forms.forms import FormBuilder as WagtailFormBuilder

# The most characters each kind of free-text field takes; editors may only set lower limits.
LENGTH_LIMITS = {
    "singleline": 255,
    "multiline": 5000,
    "email": 254,
    "url": 2000,
    "hidden": 255,
}

# Names the site's own form inputs use (consent box, spam trap and timer): no editor's field
# may take them.
RESERVED_NAMES = {"care_consent", "care_trap", "care_token"}


class FormBuilder(WagtailFormBuilder):
    def get_field_options(self, field):
        options = super().get_field_options(field)
        limit = field.character_limit
        if limit:
            options["max_length"] = limit
        return options

    def create_singleline_field(self, field, options):
        # Wagtail's version overwrites max_length with 255; ours has set the editor's limit.
        return django.forms.CharField(**options)

    def create_number_field(self, field, options):
        options.setdefault("max_digits", 20)
        return super().create_number_field(field, options)
