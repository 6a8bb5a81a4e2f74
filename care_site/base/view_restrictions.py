"""Wagtail's view-restriction checks, answered inside the query that needs them.

Wagtail reads every view restriction before a listing's `public()` (one more query per listing:
at 10,000 resources, 11 s per facet count without this) and walks the ancestors to check a
served page (two queries). Both answers are the same; see docs/decisions.md."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


class CarePageQuerySet(PageQuerySet):
    """Wagtail's page queryset with `public()` answered inside the listing's own SQL (Wagtail
    reads every view restriction first: one more query per listing)."""

    def private_q(self):
        restricted_ancestor = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return Q(Exists(restricted_ancestor))


CarePageManager = PageManager.from_queryset(CarePageQuerySet)


class ViewRestrictionsInOneQuery:
    """Mixed into pages: `get_view_restrictions` in one query."""

    def get_view_restrictions(self):
        """Wagtail's rule (this page's and its ancestors' restrictions, an alias using its
        source's) in one query instead of two: the ancestors' paths are known from this one's.
        None at all when routing found the whole way public (`route_in_one_query`)."""
        if getattr(self, "_public_section", False):
            return PageViewRestriction.objects.none()
        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        own = Q(page__path__in=paths, page__alias_of__isnull=True)
        return PageViewRestriction.objects.filter(own | Q(page__aliases__path__in=paths)).distinct()
