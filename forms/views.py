"""Wagtail's form admin views with our rules: reviewers reach the forms list without page
permissions, exports are safe to open, choice answers are listed and exported in the form's
source language whatever language they were given in, deleting needs the delete permission,
and every reading, export and deletion goes into the audit log. Also the spam folder, where
reviewers release or delete what the spam checks caught."""

import datetime
from collections import Counter, OrderedDict

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.contrib.forms import views as wagtail_views
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page

from . import audit
from .choice_answers import ChoiceAnswers
from .exports import UTF8_BOM, neutralise
from .models import Submission
from .permissions import DELETE_SUBMISSIONS, VIEW_SUBMISSIONS, can_delete


class FormPagesListView(wagtail_views.FormPagesListView):
    # Wagtail asks for a page permission here; a reviewer may have none.
    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not get_forms_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def local_time(value):
    """`value` in the site's time zone, to the second (the admin shows that time, not UTC)."""
    return timezone.localtime(value).replace(microsecond=0)


def listed(value):
    """An answer as one cell of the admin's list: several choices joined, as Wagtail does."""
    return ", ".join(value) if isinstance(value, list) else value


class SubmissionsListView(wagtail_views.SubmissionsListView):
    custom_value_preprocess = {
        **wagtail_views.SubmissionsListView.custom_value_preprocess,
        datetime.datetime: {
            # XLSX dates hold no zone: in the site's, as the admin shows them (CSV names it).
            "xlsx": lambda value: local_time(value).replace(tzinfo=None),
            "csv": lambda value: local_time(value).strftime("%Y-%m-%d %H:%M:%S %Z"),
        },
    }

    @cached_property
    def choice_answers(self):
        return ChoiceAnswers(self.form_page)

    def answers(self, submission):
        """What reviewers read of `submission`: its answers with choices in the form's source
        language, whatever language it was given in."""
        return self.choice_answers.in_source_language(submission.get_data())

    def to_row_dict(self, item):
        answers = self.answers(item)
        return OrderedDict((field, answers.get(field)) for field in self.list_export)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            # Wagtail's rows are read from the stored answers; these are the same rows, with
            # choices in the source language.
            names = [heading["name"] for heading in context["data_headings"]]
            for row, submission in zip(context["data_rows"], context["submissions"], strict=True):
                answers = self.answers(submission)
                row["fields"] = [listed(answers.get(name)) for name in names]
        return context

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # An XLSX cell holding text is text: Excel never evaluates it, and Wagtail writes a
        # formula-like answer as text, so only CSV needs the protective apostrophe.
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset):
        yield UTF8_BOM
        yield from super().stream_csv(queryset)

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            export_format = self.request.GET["export"]
            self.list_export = [*self.list_export, "consent"]
            self.export_headings = {**self.export_headings, "consent": _("Consent given")}
            submissions = context["submissions"]
            audit.record(self.form_page, audit.EXPORT, submissions.count(), format=export_format)
        else:
            audit.record(self.form_page, audit.VIEW, len(context["data_rows"]))
        return super().render_to_response(context, **response_kwargs)


class DeleteSubmissionsView(PermissionRequiredMixin, wagtail_views.DeleteSubmissionsView):
    permission_required = (VIEW_SUBMISSIONS, DELETE_SUBMISSIONS)

    def get_queryset(self):
        # Only this form's submissions, and only ids a database column can hold: "abc",
        # "²" or 40 digits are ignored, not a 500.
        values = self.request.GET.getlist("selected-submissions")
        ids = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 19]
        return self.page.get_submissions().filter(id__in=ids)

    def handle_delete(self, submissions):
        audit.record(self.page, audit.DELETE, submissions.count())
        super().handle_delete(submissions)


class SpamFolderMixin(PermissionRequiredMixin):
    """The spam folder: every form's submissions caught by the spam checks, for reviewers to
    release or delete. Reading it needs what reading submissions needs."""

    permission_required = VIEW_SUBMISSIONS

    @staticmethod
    def spam():
        return Submission.objects.filter(status=Submission.Status.SPAM)


class SpamFolderView(SpamFolderMixin, TemplateView):
    template_name = "care_forms/admin/spam_folder.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        rows = self.spam().select_related("page").order_by("-submit_time", "-pk")
        page = Paginator(rows, self.paginate_by).get_page(self.request.GET.get("p"))
        for form_page, count in Counter(row.page for row in page).items():
            audit.record(form_page, audit.VIEW_SPAM, count)
        return super().get_context_data(
            submissions=page,
            total=rows.count(),
            can_delete=can_delete(self.request.user),
            **kwargs,
        )


class ReleaseSpamView(SpamFolderMixin, View):
    http_method_names = ["post"]

    def post(self, request, submission_id):
        submission = get_object_or_404(self.spam().select_related("page"), pk=submission_id)
        if submission.release():
            audit.record(submission.page, audit.RELEASE, 1)
            messages.success(
                request, _("The submission is back among the form's submissions, marked new.")
            )
        return redirect("care_forms_spam")


class EmptySpamView(SpamFolderMixin, TemplateView):
    template_name = "care_forms/admin/empty_spam.html"
    permission_required = (VIEW_SUBMISSIONS, DELETE_SUBMISSIONS)

    def get_context_data(self, **kwargs):
        return super().get_context_data(total=self.spam().count(), **kwargs)

    def post(self, request):
        with transaction.atomic():
            # What is there now; spam arriving meanwhile waits for the next emptying.
            rows = list(self.spam().values_list("pk", "page_id"))
            if rows:
                self.spam().filter(pk__lte=max(pk for pk, _page in rows)).delete()
            counts = Counter(page_id for _pk, page_id in rows)
            pages = Page.objects.in_bulk(counts)
            for page_id, count in counts.items():
                audit.record(pages[page_id], audit.EMPTY_SPAM, count)
        messages.success(request, _("The spam folder is empty."))
        return redirect("care_forms_spam")
