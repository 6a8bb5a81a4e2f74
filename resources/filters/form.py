"""The library's query string as a form. Its fields clean rather than refuse: what cannot be a
value is dropped, so no address a visitor sends is an error."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 100
YEARS = range(1800, 2200)
PUNCTUATION = re.compile(r"[^\w\s'-]")
SLUG = re.compile(r"[-\w]+")

RELEVANCE = "relevance"
SORTS = {
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
    "title": _("Title A–Z"),
}


def clean_query(text):
    """Keywords as words only: punctuation carries no meaning here, and a stray double quote
    breaks SQLite's full-text query syntax (modelsearch quotes terms without escaping it)."""
    words = PUNCTUATION.sub(" ", text[: MAX_QUERY_LENGTH * 4]).split()
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def distinct_values(values):
    """Distinct, stripped, non-empty values, as given."""
    return list(dict.fromkeys(value.strip() for value in values if value.strip()))


def sort_choices(query):
    """The orders offered: best match first when there are keywords to match."""
    return {RELEVANCE: _("Best match"), **SORTS} if query else dict(SORTS)


class SlugsField(forms.Field):
    """A repeatable parameter: the values that can be slugs, at most MAX_VALUES_PER_FACET. Others
    (the NUL character among them, which PostgreSQL refuses in a query) would match nothing."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        slugs = [slug for slug in distinct_values(value or []) if SLUG.fullmatch(slug)]
        return [slug for slug in slugs if len(slug) <= MAX_VALUE_LENGTH][:MAX_VALUES_PER_FACET]


class YearsField(SlugsField):
    def to_python(self, value):
        years = (slug for slug in super().to_python(value) if slug.isascii() and slug.isdigit())
        return [int(year) for year in years if int(year) in YEARS]


class LibraryForm(forms.Form):
    """`q` (keywords), `sort`, and the facets `topic`, `type`, `partner` and `year`, each
    repeatable. Always valid."""

    # Plain fields: a CharField would refuse the NUL character rather than drop it.
    q = forms.Field(required=False)
    sort = forms.Field(required=False)
    topic = SlugsField(required=False)
    type = SlugsField(required=False)
    partner = SlugsField(required=False)
    year = YearsField(required=False)

    def clean_q(self):
        return clean_query(self.cleaned_data["q"] or "")

    def clean(self):
        data = super().clean()
        if data["sort"] not in sort_choices(data["q"]):
            data["sort"] = ""
        return data
