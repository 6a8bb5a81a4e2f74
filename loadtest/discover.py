"""Run inside the site's own Django (`manage.py shell -c`): the URLs the load mix visits, and
the submission count the load run checks. Prints one JSON object."""

import json

from django.db.models import Q
from django.utils.html import strip_tags


def targets():
    from wagtail.models import Locale

    from events.models import EventIndexPage, EventPage
    from forms.models import FormPage
    from resources.models import ResourceIndexPage, ResourcePage, Topic

    english = Locale.objects.get(language_code="en")
    library = ResourceIndexPage.objects.live().get(locale=english)
    topics = Topic.objects.filter(locale=english).values_list("slug", flat=True)[:6]
    resources = ResourcePage.objects.live().filter(locale=english)[:12]
    events = EventIndexPage.objects.live().get(locale=english)
    meetings = EventPage.objects.live().filter(locale=english)[:4]
    form = FormPage.objects.live().get(locale=english, slug="connect-with-us")
    return {
        "landing": ["/en/"],
        "library": [f"{library.url}?topic={slug}" for slug in topics]
        + [f"{library.url}?q=health", f"{library.url}?sort=title"],
        "resource": [page.url for page in resources],
        "events": [events.url] + [page.url for page in meetings],
        "search": [f"/en/search/?q={term}" for term in ("equity", "health", "law", "community")],
        "form": form.url,
        "form_id": form.pk,
        "answers": answers(form),
        # The first sentence of the thank-you text tells an accepted post.
        "thanks": strip_tags(form.thank_you_text).split(".")[0].strip(),
    }


def answers(form):
    """What a person types into each question but the message (the load run writes that)."""
    typed = {}
    for field in form.get_form_fields():
        if field.clean_name == "message":
            continue
        if field.field_type == "email":
            typed[field.clean_name] = "load@example.org"
        elif field.field_type in ("radio", "dropdown", "checkboxes"):
            typed[field.clean_name] = field.choices.splitlines()[0].strip()
        else:
            typed[field.clean_name] = "Load test"
    return typed


def submissions(form_id, marker):
    from forms.models import FormPage, Submission

    form = FormPage.objects.get(pk=form_id)
    stored = Submission.objects.filter(
        Q(page__translation_key=form.translation_key), form_data__message__startswith=marker
    )
    pending = stored.filter(email_status=Submission.EmailStatus.PENDING).count()
    return {"stored": stored.count(), "emails_pending": pending}


def main(what="targets", *args):
    result = targets() if what == "targets" else submissions(int(args[0]), args[1])
    print(json.dumps(result))  # noqa: T201
