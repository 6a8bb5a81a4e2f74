"""What the admin needs beyond Wagtail's own search statistics.

Wagtail counts every search per query and day (`QueryDailyHits`, from
`wagtail.contrib.search_promotions`), but not whether it found anything nor in which language.
`EmptySearch` adds exactly that, for the searches that found nothing: one row per query,
language and day, so the report can be filtered by date as Wagtail's is, and editors see which
language is missing the content."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmptySearch(models.Model):
    """How many times on one day a search, in one language, found nothing."""

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query",
        on_delete=models.CASCADE,
        related_name="empty_searches",
        help_text=_("What the visitor searched for."),
    )
    language = models.CharField(
        max_length=15, help_text=_("The language of the site the visitor searched.")
    )
    date = models.DateField(help_text=_("The day of the searches."))
    hits = models.PositiveIntegerField(
        default=0, help_text=_("How many times that day the search found nothing.")
    )

    class Meta:
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")
        # Only read in the admin: the reports need "view"; rows are written by the search page.
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["query", "language", "date"], name="search_emptysearch_one_row_a_day"
            )
        ]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.date})"
