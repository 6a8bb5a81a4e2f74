"""What an announcement says, and the email that says it to one subscriber.

`content` is taken when the announcement is made, once per language the meeting is published in
(every translation, for a cancellation): its text, links and calendar file. The calendar file is
`events.calendar`'s own event, so its UID is the one in the calendar feed and in every download
of the meeting; with METHOD:PUBLISH a mail program offers to add it, and the cancellation's
METHOD:CANCEL, STATUS:CANCELLED and higher SEQUENCE remove it from calendars that have it.

`message` renders one delivery in the subscriber's language, with the meeting's own words
(title, summary, its page) in that language when the meeting is translated into it, else in the
site's default language with a sentence saying so; times in the meeting's zone and in the
subscriber's own. Its
Message-ID is fixed per announcement and subscriber, so a copy sent again after a sender died
is recognisably the same message."""

import datetime
from email.mime.text import MIMEText
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from care_site.base.public_address import absolute_url

from . import calendar, subscriptions
from .models import Announcement
from .time_zones import zone_abbreviation, zone_or_default

Kind = Announcement.Kind
ATTACHMENT_NAME = "meeting.ics"


def subject(kind, title):
    subjects = {
        Kind.NEW: _("New meeting: %(title)s"),
        Kind.CHANGED: _("New date or time: %(title)s"),
        Kind.CANCELLED: _("Cancelled: %(title)s"),
        Kind.REMINDER: _("Reminder: %(title)s"),
    }
    return subjects[kind] % {"title": title}


# What is announced ------------------------------------------------------------------------------


def content(event, kind, sequence):
    pages = event.get_translations(inclusive=True).select_related("locale").specific()
    if kind != Kind.CANCELLED:
        pages = [page for page in pages if page.live or page.pk == event.pk]
    return {
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "time_zone": event.zone.key,
        "languages": {
            page.locale.language_code: page_content(page, kind, sequence) for page in pages
        },
    }


def page_content(page, kind, sequence):
    with translation.override(page.locale.language_code):
        registration = page.registration_link()
        if registration.startswith("/"):
            registration = absolute_url(registration)
        return {
            "title": page.title,
            "summary": page.summary,
            "url": page.get_full_url(),
            "location": " ".join(page.location.split()),
            "join_url": page.join_url,
            "registration_url": registration,
            "capacity_note": page.capacity_note,
            "ics": calendar_file(page, kind, sequence),
        }


def method(kind):
    return "CANCEL" if kind == Kind.CANCELLED else "PUBLISH"


def calendar_file(page, kind, sequence):
    cal = calendar.new_calendar()
    cal.add("method", method(kind))
    event = calendar.vevent(page)
    # With a METHOD, DTSTAMP is when this message was made (RFC 5546).
    replaced = {
        "dtstamp": timezone.now().astimezone(datetime.UTC),
        "sequence": sequence,
        "status": "CANCELLED" if kind == Kind.CANCELLED else "CONFIRMED",
    }
    for name, value in replaced.items():
        event.pop(name, None)
        event.add(name, value)
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if address:
        event.add("organizer", f"mailto:{address}")
    cal.add_component(event)
    calendar.add_time_zones(cal, [page])
    return cal.to_ical().decode()


# One email --------------------------------------------------------------------------------------


def span(start, end, zone):
    """ "July 24, 2023, 1:00 PM – 2:30 PM EDT (America/New York)" in the active language."""
    start, end = start.astimezone(zone), end.astimezone(zone)
    if start.date() == end.date():
        text = "{}, {} – {}".format(
            formats.date_format(start, "DATE_FORMAT"),
            formats.time_format(start, "TIME_FORMAT"),
            formats.time_format(end, "TIME_FORMAT"),
        )
    else:
        text = "{} – {}".format(
            formats.date_format(start, "DATETIME_FORMAT"),
            formats.date_format(end, "DATETIME_FORMAT"),
        )
    return f"{text} {zone_abbreviation(end)} ({zone.key.replace('_', ' ')})"


def language_for(subscriber, languages):
    """The subscriber's language if the meeting is published in it, else the site's default."""
    for code in (subscriber.language, settings.LANGUAGE_CODE):
        if code in languages:
            return code
    return next(iter(languages))


def message_id(announcement, subscriber):
    return f"<announcement-{announcement.pk}.subscriber-{subscriber.pk}@{calendar.uid_domain()}>"


def site_language(code):
    """`code` if the site speaks it, else the site's default."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def message(delivery, connection=None):
    announcement, subscriber = delivery.announcement, delivery.subscriber
    details = announcement.content
    language = site_language(subscriber.language)
    meeting_language = language_for(subscriber, details["languages"])
    entry = details["languages"][meeting_language]
    start = datetime.datetime.fromisoformat(details["start"])
    end = datetime.datetime.fromisoformat(details["end"])
    zone = zone_or_default(details["time_zone"])
    own_zone = zone_or_default(subscriber.time_zone) if subscriber.time_zone else None
    with translation.override(language):
        context = {
            **entry,
            "kind": announcement.kind,
            "cancelled": announcement.kind == Kind.CANCELLED,
            "when": span(start, end, zone),
            "your_when": span(start, end, own_zone) if own_zone and own_zone != zone else "",
            "meeting_language": (
                translation.get_language_info(meeting_language)["name_translated"]
                if meeting_language != language
                else ""
            ),
            "manage_url": subscriptions.manage_url(subscriber),
            "unsubscribe_url": subscriptions.unsubscribe_url(subscriber),
        }
        body = render_to_string("events/emails/announcement.txt", context)
        email = EmailMessage(
            subject(announcement.kind, entry["title"]),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [subscriber.email],
            connection=connection,
            headers={
                **subscriptions.list_unsubscribe_headers(subscriber),
                "Message-ID": message_id(announcement, subscriber),
                "Content-Language": language,
            },
        )
    attachment = MIMEText(entry["ics"], "calendar", "utf-8")
    attachment.set_param("method", method(announcement.kind))
    attachment.add_header("Content-Disposition", "attachment", filename=ATTACHMENT_NAME)
    email.attach(attachment)
    return email
