"""A resource suggestion in the submissions inbox becomes a draft resource page in one action:
the answers to the questions marked "Fills in the resource's…" (FormField.fills_resource) become
its title, web address, summary and publisher, the publisher is matched to a partner page when
one has that name, and the submission keeps a link to the draft. Editors finish and publish it
as any other page; nothing is published here. It sits in the home app because it joins three
below it: forms, resources and partners; the inbox shows it through its panels hook."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from wagtail.admin.ui.components import Component
from wagtail.coreutils import find_available_slug

from care_site.base.locale import locale_id_for
from forms import audit
from forms.inbox import SubmissionMixin
from forms.models import FormField, Submission
from partners.models import PartnerPage
from resources.models import ResourceIndexPage, ResourcePage

Field = FormField.ResourceField


def suggested_fields(submission):
    """{resource field: the answer that fills it}, from the questions of the submission's form."""
    questions = FormField.objects.filter(page_id=submission.page_id).exclude(fills_resource="")
    found = {}
    for question in questions.values("clean_name", "fills_resource"):
        answer = submission.form_data.get(question["clean_name"])
        if isinstance(answer, list):
            answer = ", ".join(str(item) for item in answer)
        if isinstance(answer, str) and answer.strip():
            found.setdefault(question["fills_resource"], " ".join(answer.split()))
    return found


def suggests_a_resource(submission):
    """Whether the submission's form asks for a resource's title (it is a suggestion form)."""
    return FormField.objects.filter(page_id=submission.page_id, fills_resource=Field.TITLE).exists()


def library():
    """The library in the site's main language, where resources are written before they are
    translated."""
    default = locale_id_for(settings.LANGUAGE_CODE)
    return ResourceIndexPage.objects.filter(locale_id=default).first()


def limit(field_name):
    return ResourcePage._meta.get_field(field_name).max_length


def web_address(answer):
    try:
        URLValidator(schemes=["http", "https"])(answer)
    except ValidationError:
        return ""
    return answer if len(answer) <= limit("external_url") else ""


def publisher(answer, locale):
    """(partner page, other publisher's name): the partner whose name the answer is, ignoring
    case and spacing, else the answer as the other publisher's name."""
    wanted = answer.casefold()
    for partner in PartnerPage.objects.filter(locale=locale).only("pk", "title"):
        if " ".join(partner.title.split()).casefold() == wanted:
            return partner, ""
    return None, Truncator(answer).chars(limit("publisher_name"))


def make_draft_resource(submission, user, index):
    """The draft resource page made from `submission` in the library `index` (made now, or
    earlier by anyone: a second click never makes a second page). None when the form is not a
    suggestion form or the site has no library."""
    fields = suggested_fields(submission)
    if not fields.get(Field.TITLE) or index is None:
        return None
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.draft_resource_id:
            return locked.draft_resource
        title = Truncator(fields[Field.TITLE]).chars(limit("title"))
        partner, other_publisher = publisher(fields.get(Field.PUBLISHER, ""), index.locale)
        slug = slugify(title, allow_unicode=getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True))
        page = ResourcePage(
            title=title,
            slug=find_available_slug(index, slug or "suggested-resource"),
            summary=Truncator(fields.get(Field.SUMMARY, "")).chars(limit("summary")),
            external_url=web_address(fields.get(Field.LINK, "")),
            publisher_page=partner,
            publisher_name=other_publisher,
            live=False,
            owner=user,
            locale=index.locale,
        )
        # A draft: only its title and slug are checked now; the editor completes the rest
        # (a document if the suggestion had no web address) before publishing.
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True, clean=False)
        locked.draft_resource = page
        if locked.status == Submission.Status.NEW:
            locked.status = Submission.Status.IN_PROGRESS
        locked.save(update_fields=["draft_resource", "status"])
        audit.record_work(locked, audit.MAKE_RESOURCE, user, resource=page.pk)
    return page


def may_make_resource(user, index):
    return index is not None and index.permissions_for_user(user).can_add_subpage()


class ResourceSuggestionPanel(Component):
    """On a suggestion's page in the inbox: the draft made from it, or the button to make it."""

    template_name = "home/admin/resource_suggestion.html"

    def __init__(self, submission, may_make):
        self.submission = submission
        self.may_make = may_make

    def get_context_data(self, parent_context):
        return {
            "submission": self.submission,
            "may_make_resource": self.may_make,
            "csrf_token": parent_context.get("csrf_token"),
        }


def suggestion_panel(request, submission):
    if not suggests_a_resource(submission):
        return None
    return ResourceSuggestionPanel(submission, may_make_resource(request.user, library()))


class MakeResourceView(SubmissionMixin, View):
    http_method_names = ["post"]

    def post(self, request, submission_id):
        submission = self.get_submission()
        index = library()
        if not may_make_resource(request.user, index):
            messages.error(request, _("You may not add pages to the library."))
            return self.back(submission)
        page = make_draft_resource(submission, request.user, index)
        if page is None:
            messages.error(request, _("This submission has no resource title to start from."))
            return self.back(submission)
        messages.success(
            request,
            _("Draft resource page “%(title)s” made. Check it, complete it and publish it.")
            % {"title": page.title},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
