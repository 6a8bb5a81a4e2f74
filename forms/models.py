"""Public forms ("Suggest a resource", "Connect with us", registration for the Peer Learning
Community) built by editors with Wagtail's form builder. Submissions are kept in our own
`Submission` model (consent wording and language recorded), saved before any email is tried,
and readable only by submission reviewers."""

import datetime
import enum
from functools import partial

from django import forms as django_forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.dispatch import Signal
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from care_site.base import api as base_api
from care_site.base.models import INLINE_RICH_TEXT, SIGNPOST_SEARCH_FIELDS, BasePage
from care_site.base.public_address import public_address

from . import ratelimit, spam
from .builder import LENGTH_LIMITS, RESERVED_NAMES, FormBuilder
from .exports import readable
from .panels import SubmissionsPanel

CONSENT_FIELD = "care_consent"
DEFAULT_CONSENT_TEXT = (
    "I agree that the Collaborative keeps what I send in this form to reply to me, and deletes "
    "it when it is no longer needed."
)

# Sent with `submission_id` once a submission waiting for its emails has committed. Sending
# them is the business of the modules above the models: `forms.apps` connects
# `forms.tasks.queue_emails` to this signal.
emails_pending = Signal()
# Sent with `address`, `language` and `submission_id` once a submission to a form that
# subscribes people to meeting announcements has committed with an email address in it. The
# subscription itself is the events app's business; `home.apps` connects it, above both.
subscription_requested = Signal()


class Outcome(enum.Enum):
    """What became of a submission (`FormPage.take_submission`)."""

    # Kept, perhaps in the spam folder: spam is thanked like anyone else, so a bot learns nothing.
    STORED = "stored"
    INVALID = "invalid"
    TOO_FAST = "too_fast"  # sent sooner than a person can: asked to send again, nothing kept
    RATE_LIMITED = "rate_limited"


class FormField(TranslatableMixin, AbstractFormField):
    """One question of a form page. Labels, help text and choices are translated; the field's
    name (`clean_name`, the key answers are stored under) stays the English one in every
    language, so English and Spanish answers export in the same columns."""

    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    max_length = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Most characters allowed in the answer. Leave empty for the usual limit: 255 for "
            "single line text, 5,000 for multi-line text. It can only be lowered."
        ),
    )

    class ResourceField(models.TextChoices):
        TITLE = "title", _("its title")
        LINK = "external_url", _("its web address")
        SUMMARY = "summary", _("its summary")
        PUBLISHER = "publisher", _("its publisher")

    fills_resource = models.CharField(
        max_length=20,
        choices=ResourceField.choices,
        blank=True,
        verbose_name=_("Fills in the resource's"),
        help_text=_(
            "Only for forms where people suggest resources: when a reviewer turns an answer into "
            "a draft resource page, this answer becomes the resource's title, web address, "
            "summary or publisher. Leave empty for other questions."
        ),
    )

    panels = [*AbstractFormField.panels, FieldPanel("max_length"), FieldPanel("fills_resource")]
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("max_length"),
        SynchronizedField("fills_resource", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass

    @property
    def character_limit(self):
        limit = LENGTH_LIMITS.get(self.field_type)
        return min(self.max_length, limit) if limit and self.max_length else limit

    def clean(self):
        super().clean()
        limit = LENGTH_LIMITS.get(self.field_type)
        if self.max_length and limit and self.max_length > limit:
            message = _("This kind of field allows at most %(limit)s characters.")
            raise ValidationError({"max_length": message % {"limit": limit}})
        if (self.clean_name or self.get_field_clean_name()) in RESERVED_NAMES:
            raise ValidationError({"label": _("This label is reserved: please choose another.")})


class FormPage(AbstractEmailForm, BasePage):
    """A form visitors fill in; editors choose its questions, its consent wording, when it is
    open, who is told of new answers and how long answers are kept."""

    depends_on_clock = True

    intro = RichTextField(
        blank=True,
        features=INLINE_RICH_TEXT + ["ul", "ol"],
        help_text=_("Shown above the form: what it is for and what happens next."),
    )
    thank_you_text = RichTextField(
        features=INLINE_RICH_TEXT,
        help_text=_("Shown after someone sends the form."),
    )
    submit_label = models.CharField(
        max_length=40, default="Send", help_text=_("Text of the button that sends the form.")
    )
    consent_text = models.TextField(
        max_length=500,
        default=DEFAULT_CONSENT_TEXT,
        help_text=_(
            "The words next to the box everyone must tick to send the form. The wording they "
            "agreed to is kept with their answers."
        ),
    )
    retention_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "Answers older than this many days are deleted automatically. Leave empty for the "
            "site's standard period."
        ),
    )
    opens_at = models.DateTimeField(
        null=True, blank=True, help_text=_("The form accepts answers from this moment. Optional.")
    )
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text=_("The form stops accepting answers at this moment.")
    )
    closed_text = RichTextField(
        blank=True,
        features=INLINE_RICH_TEXT,
        help_text=_("Shown instead of the form once it has closed. Optional."),
    )
    notify_with_answers = models.BooleanField(
        default=False,
        help_text=_(
            "Put the answers in the email to staff. Off: the email only says a new answer "
            "arrived, with a link to read it in the admin, which keeps personal details out "
            "of inboxes."
        ),
    )
    confirmation_subject = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Subject of the confirmation email. Empty: the form's title."),
    )
    confirmation_text = models.TextField(
        blank=True,
        max_length=5000,
        help_text=_(
            "If filled in, this text is emailed to the address given in the form's first "
            "email field after each submission. Their answers are not repeated in it."
        ),
    )

    subscribes_to_meetings = models.BooleanField(
        default=False,
        verbose_name=_("Subscribes people to meeting announcements"),
        help_text=_(
            "For the Peer Learning Community's registration form. Everyone who sends it is "
            "emailed a link to confirm, at the address in the form's first email field; once "
            "they confirm, they receive the announcements of new meetings. Their answers are "
            "kept as usual."
        ),
    )

    parent_page_types = ["home.HomePage", "events.EventIndexPage", "home.StandardPage"]
    subpage_types = []
    form_builder = FormBuilder
    # Our `forms.views.SubmissionsListView`, set by `forms.apps`: the admin views sit above
    # the models.
    submissions_list_view_class = None

    search_fields = SIGNPOST_SEARCH_FIELDS

    content_panels = [
        *BasePage.content_panels,
        SubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("consent_text"), FieldPanel("retention_days")],
            heading=_("Consent and privacy"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("closed_text"),
            ],
            heading=_("When the form is open"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel(
                            "from_address",
                            help_text=_("The sender of the emails. Empty: the site's address."),
                        ),
                        FieldPanel("to_address"),
                    ]
                ),
                FieldPanel("subject", help_text=_("Subject of the email to staff.")),
                FieldPanel("notify_with_answers"),
            ],
            heading=_("Email notification to staff"),
        ),
        FieldPanel("subscribes_to_meetings"),
        MultiFieldPanel(
            [FieldPanel("confirmation_subject"), FieldPanel("confirmation_text")],
            heading=_("Confirmation email to the sender"),
        ),
    ]
    # Everything a visitor reads translates (questions through `form_fields`); when and to whom
    # the form sends, and how long answers are kept, stay those of the source page.
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
        TranslatableField("form_fields"),
        TranslatableField("submit_label"),
        TranslatableField("thank_you_text"),
        TranslatableField("consent_text"),
        SynchronizedField("retention_days", overridable=False),
        SynchronizedField("opens_at", overridable=False),
        SynchronizedField("closes_at", overridable=False),
        TranslatableField("closed_text"),
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
        SynchronizedField("subject", overridable=False),
        SynchronizedField("notify_with_answers", overridable=False),
        SynchronizedField("subscribes_to_meetings", overridable=False),
        TranslatableField("confirmation_subject"),
        TranslatableField("confirmation_text"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("submit_label"),
        APIField("thank_you_text"),
        APIField("closed_text"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("form", serializer=base_api.ApiUrl("api_form")),
    ]

    class Meta:
        verbose_name = _("form page")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The form must close after it opens.")})

    # Opening and closing ----------------------------------------------------------------

    def availability(self, now=None):
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return "not_open"
        if self.closes_at and now >= self.closes_at:
            return "closed"
        return "open"

    @property
    def retention_period(self):
        days = self.retention_days or settings.CARE_FORMS_DEFAULT_RETENTION_DAYS
        return datetime.timedelta(days=days)

    # The form ---------------------------------------------------------------------------

    def get_form_class(self):
        editor_form = super().get_form_class()
        consent = django_forms.BooleanField(
            label=self.consent_text,
            required=True,
            error_messages={
                "required": _("Tick the consent box to agree, or we cannot take your answers.")
            },
        )
        return type("CareForm", (editor_form,), {CONSENT_FIELD: consent})

    def render_form(self, request, form, status=200, form_token=None, **flags):
        context = self.get_context(request)
        context.update(flags, form=form, form_token=form_token or spam.make_token(self))
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def serve(self, request, *args, **kwargs):
        state = self.availability()
        if state != "open":
            response = self.render_form(request, None, form_state=state)
            # The state changes with the clock, not on publish: no cache may keep it.
            add_never_cache_headers(response)
            return response
        if request.method != "POST":
            initial = self.answers_from_link(request.GET)
            return self.render_form(
                request, self.get_form(page=self, user=request.user, initial=initial)
            )

        outcome, form, submission = self.take_submission(request, request.POST, request.FILES)
        if outcome is Outcome.RATE_LIMITED:
            return self.render_form(request, form, status=429, rate_limited=True)
        if outcome is Outcome.TOO_FAST:
            # The same token goes back: it is already old enough once they send again.
            token = request.POST.get(spam.TOKEN_FIELD)
            return self.render_form(request, form, form_token=token, too_fast=True)
        if outcome is Outcome.STORED:
            return self.render_landing_page(request, submission, *args, **kwargs)
        return self.render_form(request, form)

    def answers_from_link(self, params):
        """Answers the link to this form fills in: a web-address question the link names, with
        an address on this site (a resource's page linking to the report form). Nothing else,
        so a crafted link cannot put words of its own in a visitor's answers."""
        if not params:
            return {}
        site = public_address().origin + "/"
        return {
            field.clean_name: params[field.clean_name]
            for field in self.get_form_fields()
            if field.field_type == "url"
            and params.get(field.clean_name, "").startswith(site)
            and len(params[field.clean_name]) <= LENGTH_LIMITS["url"]
        }

    def take_submission(self, request, data, files=None):
        """The one path every submission takes, from this page's HTML form or from the API
        (`forms.api`): rate limit, spam check, validation, storage, emails queued once stored.
        `data` is a QueryDict of the posted answers. The caller has checked the form is open.
        Returns (Outcome, the bound form, the Submission or None)."""
        form = self.get_form(data, files, page=self, user=request.user)
        if not ratelimit.allow(request, scope=f"form:{self.translation_key}"):
            return Outcome.RATE_LIMITED, form, None
        verdict = spam.check(data, self)
        if verdict.too_fast:
            return Outcome.TOO_FAST, form, None
        if verdict.reason:
            return Outcome.STORED, form, self.store_spam(form, verdict.reason)
        if form.is_valid():
            return Outcome.STORED, form, self.process_form_submission(form, nonce=verdict.nonce)
        return Outcome.INVALID, form, None

    # Submissions ------------------------------------------------------------------------

    def get_submission_class(self):
        return Submission

    def get_submissions(self):
        """What reviewers list, export and count: every language's answers, spam left out
        (it has its own folder)."""
        return Submission.objects.filter(page__translation_key=self.translation_key).exclude(
            status=Submission.Status.SPAM
        )

    def get_data_fields(self):
        fields = dict(super().get_data_fields())
        # A question added to one translation only still gets its column.
        others = (
            FormField.objects.filter(page__translation_key=self.translation_key)
            .exclude(page=self)
            .order_by("sort_order", "pk")
        )
        for field in others:
            fields.setdefault(field.clean_name, field.label)
        return [*fields.items(), ("language", _("Language"))]

    def staff_addresses(self):
        return [address.strip() for address in self.to_address.split(",") if address.strip()]

    def sends_emails(self):
        """Whether a submission to this page waits for emails: a notice to staff or a
        confirmation. Whether the answers hold an address to confirm to is checked when
        sending (`forms.notifications`), sparing the visitor's request a query."""
        return bool(self.staff_addresses() or self.confirmation_text.strip())

    def process_form_submission(self, form, nonce=None):
        """Store the answers in their own transaction; emails are queued only once it has
        committed (`emails_pending`), so a failing mail server can neither lose the answers
        nor show an error. A spam-timer `nonce` already spent by a stored submission makes
        this one spam: the database's unique constraint decides, so two posts of one token
        at the same instant cannot both pass."""
        answers = {name: form.cleaned_data.get(name) for name in form.fields}
        due = self.sends_emails()
        pending = Submission.EmailStatus.PENDING if due else Submission.EmailStatus.NONE
        try:
            with transaction.atomic():
                submission = self.store(answers, token_nonce=nonce or None, email_status=pending)
                if due:
                    submission.announce_emails()
                submission.announce_subscription(self)
        except IntegrityError:
            if not nonce:
                raise
            spam.caught(self, spam.Reason.TOKEN_REPLAYED)
            submission = self.store(
                answers,
                token_nonce=nonce,
                status=Submission.Status.SPAM,
                spam_reason=spam.Reason.TOKEN_REPLAYED,
            )
        return submission

    def store_spam(self, form, reason):
        """Keep what a post caught by the spam checks sent, valid or not, for reviewers to
        judge (`Submission.release`). No email goes out for it."""
        if form.is_valid():
            answers = {name: form.cleaned_data.get(name) for name in form.fields}
        else:
            answers = {name: form[name].data for name in form.fields}
        answers = {name: clipped(value) for name, value in answers.items()}
        return self.store(answers, status=Submission.Status.SPAM, spam_reason=reason)

    def store(self, answers, **fields):
        """A submission of `answers` (the consent box among them) in this page's language,
        with the consent wording if the box was ticked."""
        return Submission.objects.create(
            page=self,
            form_data={name: value for name, value in answers.items() if name != CONSENT_FIELD},
            language=self.locale.language_code,
            consent_text=self.consent_text if answers.get(CONSENT_FIELD) else "",
            **fields,
        )


def clipped(value, limit=LENGTH_LIMITS["multiline"]):
    """An answer that failed validation, cut to the longest any field accepts."""
    if isinstance(value, str):
        return value[:limit]
    if isinstance(value, list):
        return [clipped(item, limit) for item in value[:100]]
    return value


class Submission(AbstractFormSubmission):
    """One visitor's answers to a form page, with the consent wording they agreed to, the
    language they answered in, where reviewers are with it, and whether the emails about it
    have gone out."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        SPAM = "spam", _("spam")

    class EmailStatus(models.TextChoices):
        NONE = "", _("nothing to send")
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="care_submissions")
    language = models.CharField(max_length=20, blank=True)
    consent_text = models.TextField(blank=True)
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        help_text=_(
            "Where reviewers are with this submission. Spam is kept apart, in the spam folder."
        ),
    )
    spam_reason = models.CharField(
        max_length=20,
        choices=spam.Reason.choices,
        blank=True,
        help_text=_("Why the spam checks put it in the spam folder."),
    )
    token_nonce = models.CharField(
        max_length=32,
        null=True,
        blank=True,
        help_text=_("The single-use number of the form's spam timer, spent by this submission."),
    )
    email_status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.NONE, blank=True
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_claimed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "When a worker took on sending this submission's emails; another waits until it "
            "is done or this is five minutes old."
        ),
    )
    notified_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_submissions",
        help_text=_("The reviewer taking care of this submission."),
    )
    draft_resource = models.ForeignKey(
        "resources.ResourcePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_in",
        help_text=_("The resource page made from this suggestion."),
    )

    class Meta(AbstractFormSubmission.Meta):
        indexes = [
            models.Index(fields=["page", "submit_time"]),
            models.Index(fields=["email_status", "submit_time"]),
            models.Index(fields=["status", "submit_time"]),
        ]
        constraints = [
            # A token is spent once: a second stored submission with it is a replay.
            models.UniqueConstraint(
                fields=["token_nonce"],
                condition=~models.Q(status="spam"),
                name="care_submission_token_spent_once",
            )
        ]

    @property
    def language_name(self):
        """The language it was written in, by name in the reader's language."""
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    def get_data(self):
        data = {**super().get_data(), "language": self.language, "consent": self.consent_text}
        return readable(data)

    def announce_emails(self):
        """Queue this submission's emails once the current transaction commits."""
        announce = partial(emails_pending.send, sender=Submission, submission_id=self.pk)
        transaction.on_commit(announce, robust=True)

    def announce_subscription(self, page):
        """On a form that subscribes people, ask for the subscription of the address in the
        form's first email field once the current transaction commits."""
        if not page.subscribes_to_meetings:
            return
        for field in page.get_form_fields():
            if field.field_type == "email":
                address = self.form_data.get(field.clean_name)
                break
        else:
            return
        if not isinstance(address, str) or not address.strip():
            return
        announce = partial(
            subscription_requested.send,
            sender=Submission,
            address=address,
            language=self.language,
            submission_id=self.pk,
        )
        transaction.on_commit(announce, robust=True)

    def release(self):
        """Out of the spam folder: a new submission, whose emails now go out. Returns whether
        it was still spam."""
        due = self.page.specific.sends_emails()
        with transaction.atomic():
            # Its token may have been spent by a later submission meanwhile: released rows
            # give it up rather than break the constraint.
            released = Submission.objects.filter(pk=self.pk, status=self.Status.SPAM).update(
                status=self.Status.NEW,
                token_nonce=None,
                email_status=self.EmailStatus.PENDING if due else self.EmailStatus.NONE,
            )
            if released and due:
                self.announce_emails()
            if released:
                self.announce_subscription(self.page.specific)
        return bool(released)


class SubmissionNote(models.Model):
    """What a reviewer did or found out about a submission. Notes go with their submission when
    it is deleted (retention, a person's request), since they may repeat what it says."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note {self.pk} on submission {self.submission_id}"
