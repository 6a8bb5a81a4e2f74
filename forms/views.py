"""Wagtail's form admin views with our rules: reviewers reach the forms list without page
permissions, exports are safe to open, deleting needs the delete permission, and every
reading, export and deletion goes into the audit log."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms import views as wagtail_views
from wagtail.contrib.forms.utils import get_forms_for_user

from . import audit
from .exports import SafeSpreadsheetMixin
from .permissions import can_delete


class FormPagesListView(wagtail_views.FormPagesListView):
    # Wagtail asks for a page permission here; a reviewer may have none.
    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not get_forms_for_user(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SubmissionsListView(SafeSpreadsheetMixin, wagtail_views.SubmissionsListView):
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


class DeleteSubmissionsView(wagtail_views.DeleteSubmissionsView):
    def dispatch(self, request, *args, **kwargs):
        if not can_delete(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # Only this form's submissions, and only ids a database column can hold: "abc",
        # "²" or 40 digits are ignored, not a 500.
        values = self.request.GET.getlist("selected-submissions")
        ids = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 19]
        return self.page.get_submissions().filter(id__in=ids)

    def handle_delete(self, submissions):
        audit.record(self.page, audit.DELETE, submissions.count())
        super().handle_delete(submissions)
