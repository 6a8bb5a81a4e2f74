"""The submissions inbox: every form's submissions in every language, as work for reviewers.
Each submission has a status (new, in progress, done; spam moves it to the spam folder), an
assignee and notes. Apps above this one add their own panels to a submission's page through
the `inbox_submission_panels` hook (the home app's turns a resource suggestion into a draft
resource page). Only submission reviewers reach it; every reading and change is in the audit
log (forms/audit.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, PageLogEntry

from . import audit
from .exports import readable
from .models import FormPage, Submission, SubmissionNote
from .permissions import VIEW_SUBMISSIONS, can_review

# Each function registered under this hook name takes (request, submission) and returns a
# Wagtail admin Component shown on the submission's page, or None.
SUBMISSION_PANELS_HOOK = "inbox_submission_panels"

OPEN = "open"
ALL = "all"
ME = "me"
NOBODY = "nobody"
Status = Submission.Status


def reviewers():
    """Active people who may read submissions: the ones a submission can be assigned to."""
    app_label, codename = VIEW_SUBMISSIONS.split(".")
    grants = {"permissions__content_type__app_label": app_label, "permissions__codename": codename}
    in_group = Q(**{f"groups__{key}": value for key, value in grants.items()})
    direct = Q(**{f"user_{key}": value for key, value in grants.items()})
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | in_group | direct, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def person(user):
    return (user.get_full_name() or user.get_username()) if user else ""


class InboxFilters(forms.Form):
    """The inbox's filters, from the query string. A value no choice has is ignored."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (OPEN, _("Open (new or in progress)")),
            (Status.NEW, _("New")),
            (Status.IN_PROGRESS, _("In progress")),
            (Status.DONE, _("Done")),
            (ALL, _("All but spam")),
        ],
    )
    form = forms.ChoiceField(label=_("Form"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)

    def __init__(self, data, user):
        super().__init__(data)
        self.user = user
        sources = FormPage.objects.filter(locale=Locale.get_default()).order_by("title")
        self.fields["form"].choices = [("", _("Every form"))] + [
            (str(page.translation_key), page.title) for page in sources
        ]
        self.fields["language"].choices = [("", _("Every language"))] + [
            (locale.language_code, locale.get_display_name()) for locale in Locale.objects.all()
        ]
        self.fields["assignee"].choices = [
            ("", _("Anyone or nobody")),
            (ME, _("Me")),
            (NOBODY, _("Nobody yet")),
        ] + [(str(reviewer.pk), person(reviewer)) for reviewer in reviewers()]

    def chosen(self, name, default=""):
        if self.is_bound and name not in self.errors:
            return self.cleaned_data.get(name) or default
        return default

    def apply(self, submissions):
        self.is_valid()
        status = self.chosen("status", OPEN)
        if status == OPEN:
            submissions = submissions.filter(status__in=[Status.NEW, Status.IN_PROGRESS])
        elif status != ALL:
            submissions = submissions.filter(status=status)
        if form := self.chosen("form"):
            submissions = submissions.filter(page__translation_key=form)
        if language := self.chosen("language"):
            submissions = submissions.filter(language=language)
        assignee = self.chosen("assignee")
        if assignee == ME:
            submissions = submissions.filter(assignee=self.user)
        elif assignee == NOBODY:
            submissions = submissions.filter(assignee__isnull=True)
        elif assignee:
            submissions = submissions.filter(assignee_id=assignee)
        return submissions


def inbox_counts(user):
    """How many submissions are new, in progress, assigned to `user` and still open, and in
    the spam folder: one query."""
    open_statuses = [Status.NEW, Status.IN_PROGRESS]
    return Submission.objects.aggregate(
        new=Count("pk", filter=Q(status=Status.NEW)),
        in_progress=Count("pk", filter=Q(status=Status.IN_PROGRESS)),
        mine=Count("pk", filter=Q(status__in=open_statuses, assignee=user)),
        spam=Count("pk", filter=Q(status=Status.SPAM)),
    )


class ReviewersOnly(PermissionRequiredMixin):
    permission_required = VIEW_SUBMISSIONS


class ReviewersMenuItem(MenuItem):
    """A menu item only people who may read submissions see."""

    def is_shown(self, request):
        return can_review(request.user)


class InboxView(ReviewersOnly, TemplateView):
    template_name = "care_forms/admin/inbox.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        filters = InboxFilters(self.request.GET or None, self.request.user)
        rows = (
            filters.apply(Submission.objects.exclude(status=Status.SPAM))
            .select_related("page", "assignee")
            .annotate(note_count=Count("notes"))
            .order_by("-submit_time", "-pk")
        )
        page = Paginator(rows, self.paginate_by).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        return super().get_context_data(
            filters=filters,
            submissions=page,
            query=query.urlencode(),
            counts=inbox_counts(self.request.user),
            **kwargs,
        )


class UpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("Nobody"))] + [
            (str(reviewer.pk), person(reviewer)) for reviewer in reviewers()
        ]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add a note"),
        max_length=SubmissionNote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What you did or found out, for the other reviewers. Notes are deleted with the "
            "submission."
        ),
    )


class SubmissionMixin(ReviewersOnly):
    def get_submission(self):
        return get_object_or_404(
            Submission.objects.select_related("page", "assignee", "draft_resource"),
            pk=self.kwargs["submission_id"],
        )

    def back(self, submission):
        return redirect("care_forms_inbox_submission", submission.pk)


def answers(submission):
    """[(question, answer)] in the order of the form's questions, then any answer to a
    question the form no longer asks, under its stored name."""
    form_page = submission.page.specific_deferred
    labels = dict(form_page.get_data_fields())
    data = {
        name: ", ".join(map(str, value)) if isinstance(value, list) else value
        for name, value in readable(submission.form_data).items()
    }
    shown = [(labels[name], data[name]) for name in labels if name in data]
    shown += [(name, value) for name, value in data.items() if name not in labels]
    return shown


class SubmissionView(SubmissionMixin, TemplateView):
    template_name = "care_forms/admin/inbox_submission.html"

    def get_context_data(self, **kwargs):
        submission = self.get_submission()
        audit.record(submission.page, audit.VIEW, 1)
        history = PageLogEntry.objects.filter(
            page_id=submission.page_id,
            action__in=audit.WORK_ACTIONS,
            data__submission=submission.pk,
        ).select_related("user")
        return super().get_context_data(
            submission=submission,
            answers=answers(submission),
            update_form=UpdateForm(
                initial={"status": submission.status, "assignee": submission.assignee_id or ""}
            ),
            note_form=kwargs.pop("note_form", None) or NoteForm(),
            notes=submission.notes.select_related("author"),
            history=history.order_by("-timestamp", "-pk"),
            panels=[
                panel
                for make_panel in hooks.get_hooks(SUBMISSION_PANELS_HOOK)
                if (panel := make_panel(self.request, submission)) is not None
            ],
            **kwargs,
        )


class UpdateSubmissionView(SubmissionMixin, View):
    http_method_names = ["post"]

    def post(self, request, submission_id):
        submission = self.get_submission()
        form = UpdateForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a status and a reviewer from the lists."))
            return self.back(submission)
        status = form.cleaned_data["status"]
        assignee = reviewers().filter(pk=form.cleaned_data["assignee"] or None).first()
        if status != submission.status:
            submission.status = status
            audit.record_work(submission, audit.CHANGE_STATUS, request.user, status=status)
        if assignee != submission.assignee:
            submission.assignee = assignee
            audit.record_work(submission, audit.ASSIGN, request.user, assignee=person(assignee))
        submission.save(update_fields=["status", "assignee"])
        if status == Status.SPAM:
            messages.success(request, _("The submission is in the spam folder now."))
            return redirect("care_forms_inbox")
        messages.success(request, _("Saved."))
        return self.back(submission)


class AddNoteView(SubmissionMixin, View):
    http_method_names = ["post"]

    def post(self, request, submission_id):
        submission = self.get_submission()
        form = NoteForm(request.POST)
        if not form.is_valid():
            view = SubmissionView()
            view.setup(request, **self.kwargs)
            context = view.get_context_data(note_form=form)
            return view.render_to_response(context, status=400)
        submission.notes.create(author=request.user, text=form.cleaned_data["text"])
        audit.record_work(submission, audit.ADD_NOTE, request.user)
        messages.success(request, _("Note added."))
        return self.back(submission)
