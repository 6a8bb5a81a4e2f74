"""The "Translation status" report (Reports menu): every page of the default language, with its
status in each other language. Missing: no translation yet. Out of date: the source page was
published again after its text was last sent to translators (wagtail-localize's sync), or, for
a translation made without wagtail-localize, after the translation was last published. Not
started, or partly translated (with the share done): pieces of text wait for their translation,
counted as wagtail-localize's `Translation.get_progress()` counts them. Not yet published: every
piece is translated but the translation has never been published (a new translation is a draft
until a moderator publishes or approves it). Up to date: otherwise.
Statuses are worked out in the database, so the list filters and pages."""

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

import django_filters

from search.reports import ReportViewSet


class Status(TextChoices):
    MISSING = "missing", _("Missing")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("Partly translated")
    UNPUBLISHED = "unpublished", _("Not yet published")
    OUT_OF_DATE = "out_of_date", _("Out of date")
    UP_TO_DATE = "up_to_date", _("Up to date")


def other_locales():
    return list(Locale.objects.exclude(pk=Locale.get_default().pk).order_by("language_code"))


def status_field(locale):
    return f"status_{locale.language_code.replace('-', '_')}"


def with_statuses(locales):
    """The default language's pages (aliases left out), annotated with status_<language> (and
    translation_<language>, the translation's id) for each of `locales`."""
    source_locale = Locale.get_default()
    pages = Page.objects.filter(locale=source_locale, depth__gt=1, alias_of__isnull=True)
    last_sync = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale=source_locale
    ).values("last_updated_at")[:1]
    segments = StringSegment.objects.filter(
        source__object_id=OuterRef("translation_key"), source__locale=source_locale
    )
    pages = pages.annotate(segments=counted(segments))
    for locale in locales:
        translations = Page.objects.filter(
            translation_key=OuterRef("translation_key"), locale=locale
        )
        published = translations.values("last_published_at")[:1]
        done = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale=locale,
            has_error=False,
        )
        code = status_field(locale)
        translated = f"translated_{code}"
        pages = pages.annotate(
            **{translated: Coalesce(counted(segments.filter(Exists(done))), 0)}
        ).annotate(
            **{
                f"translation_{code}": Subquery(translations.values("pk")[:1]),
                code: Case(
                    When(~Exists(translations), then=Value(Status.MISSING)),
                    When(
                        last_published_at__gt=Coalesce(Subquery(last_sync), Subquery(published)),
                        then=Value(Status.OUT_OF_DATE),
                    ),
                    When(Q(segments__gt=0, **{translated: 0}), then=Value(Status.NOT_STARTED)),
                    When(segments__gt=F(translated), then=Value(Status.IN_PROGRESS)),
                    When(~Exists(translations.filter(live=True)), then=Value(Status.UNPUBLISHED)),
                    default=Value(Status.UP_TO_DATE),
                ),
            }
        )
    return pages


def counted(segments):
    """How many of `segments` (string segments of one page's source) there are, as a subquery."""
    grouped = segments.order_by().values("source__object_id").annotate(n=Count("pk"))
    return Subquery(grouped.values("n")[:1], output_field=IntegerField())


def status_label(page, locale):
    """The status of `page` in `locale` in words, with the share done when partly translated."""
    code = status_field(locale)
    status = Status(getattr(page, code))
    if status != Status.IN_PROGRESS:
        return str(status.label)
    share = getattr(page, f"translated_{code}") * 100 // page.segments
    return str(_("%(percent)s%% translated") % {"percent": share})


class TranslationStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        empty_label=_("Any status"),
        method="filter_status",
    )

    class Meta:
        model = Page
        fields = []

    def filter_status(self, queryset, name, value):
        """Pages with that status in at least one of the other languages."""
        condition = Q(pk__in=[])
        for locale in other_locales():
            condition |= Q(**{status_field(locale): value})
        return queryset.filter(condition)


class StatusColumn(Column):
    """The status in one language, with a link to translate the page or edit its translation."""

    cell_template_name = "home/admin/translation_status_cell.html"

    def __init__(self, locale):
        super().__init__(status_field(locale), label=locale.get_display_name())
        self.locale = locale

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = Status(context["raw_value"])
        context["status_label"] = status_label(instance, self.locale)
        context["translation_id"] = getattr(instance, f"translation_{self.name}")
        return context


class TranslationStatusReportView(ReportView):
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"
    filterset_class = TranslationStatusFilterSet
    any_permission_required = ["add", "change", "publish"]

    permission_policy = PagePermissionPolicy()

    @cached_property
    def locales(self):
        return other_locales()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Page"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            Column("page_type", label=_("Type"), accessor="page_type_display_name"),
            *[StatusColumn(locale) for locale in self.locales],
        ]

    @cached_property
    def export_headings(self):
        headings = {"title": _("Page"), "url_path": _("Address")}
        headings.update({status_field(loc): loc.get_display_name() for loc in self.locales})
        return headings

    @cached_property
    def list_export(self):
        return list(self.export_headings)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for locale in self.locales:
            row[status_field(locale)] = status_label(item, locale)
        return row

    def get_queryset(self):
        return with_statuses(self.locales).select_related("content_type").order_by("path")

    def get_filename(self):
        return f"translation-status-{datetime.date.today():%Y-%m-%d}"


@hooks.register("register_admin_viewset")
def register_translation_status_report():
    return ReportViewSet(
        "translation_status_report",
        TranslationStatusReportView,
        url_prefix="reports/translation-status",
        menu_order=1400,
    )
