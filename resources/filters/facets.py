"""The library's facets: each knows its query parameter and label, the condition its chosen
values put on the list, and how to count its options.

Values combine with OR inside a facet and AND across facets. An option's count is what the list
would hold with that option added to the other facets' choices, from one aggregate query per
facet whatever the number of options or resources. A facet whose values all match nothing is
satisfied by every resource, so an old bookmark still opens a useful list."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from ..models import ResourcePage


@dataclass(frozen=True)
class TermFacet:
    """Resources by a term they point at through `path` (a topic, a type, a publisher page),
    offered as the terms in the library's language. Terms are matched by translation key: a
    translated resource may still point at the term in the source language."""

    name: str
    label: str
    path: str
    label_field: str = "name"
    order_field: str = "sort_order"
    only: Q = Q()  # which terms may be offered, besides their language

    @property
    def field(self):
        return ResourcePage._meta.get_field(self.path)

    def offered(self, locale_id):
        return self.field.related_model.objects.filter(self.only, locale_id=locale_id)

    def condition(self, library, slugs):
        known = self.offered(library.locale_id).filter(slug__in=slugs)
        chosen = Q(**{f"{self.path}__translation_key__in": known.values("translation_key")})
        if self.field.many_to_many:
            # A subquery: a join would list a resource once per matching term.
            chosen = Q(pk__in=ResourcePage.objects.filter(chosen).values("pk"))
        return chosen | ~Exists(known)

    def counts(self, library):
        """(slug, label, count) for each term offered, in order. The versions of a term in every
        language are grouped by translation key, each counting the resources pointing at it."""
        local = self.only & Q(locale_id=library.locale_id)
        resources = self.field.related_query_name()
        counted = Q(**{f"{resources}__in": library.filtered(without=self.name).values("pk")})
        offered = self.offered(library.locale_id).values("translation_key")
        rows = (
            self.field.related_model.objects.filter(translation_key__in=offered)
            .values("translation_key")
            .annotate(
                value=Max("slug", filter=local),
                text=Max(self.label_field, filter=local),
                position=Max(self.order_field, filter=local),
                count=Count(resources, filter=counted, distinct=True),
            )
            .order_by("position", "text", "value")
        )
        return list(rows.values_list("value", "text", "count"))


class YearFacet:
    """Resources by the year they were published; the library's years, newest first."""

    name = "year"
    label = _("Year")

    def condition(self, library, years):
        known = library.base.filter(publication_date__year__in=years)
        return Q(publication_date__year__in=years) | ~Exists(known)

    def counts(self, library):
        count = Count("pk")
        if library.conditions.keys() - {self.name}:
            others = library.filtered(without=self.name).values("pk")
            count = Count("pk", filter=Q(pk__in=others))
        rows = (
            library.base.filter(publication_date__isnull=False)
            .annotate(year=ExtractYear("publication_date"))
            .values("year")
            .annotate(count=count)
            .order_by("-year")
            .values_list("year", "count")
        )
        return [(str(year), str(year), n) for year, n in rows]


FACETS = (
    TermFacet("topic", _("Topic"), "topics"),
    TermFacet("type", _("Type"), "resource_type"),
    TermFacet("partner", _("Publisher"), "publisher_page", "title", "title", only=Q(live=True)),
    YearFacet(),
)
