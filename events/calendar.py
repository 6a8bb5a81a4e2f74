"""Calendar files (RFC 5545), made with the icalendar library: one meeting as a download, the
community's meetings as a feed people subscribe to, and "add to calendar" links.

- UID is the page's translation key at the domain recorded when the site was first migrated
  (`CalendarIdentity`: the public host then), never the site's current host: it survives a
  change of title, slug, place in the tree or of the site's address, and is shared by the
  translations of one meeting, which are the same event to a calendar. A calendar app that
  sees a new UID shows the meeting twice (docs/decisions.md).
- DTSTART/DTEND carry the event's own zone (TZID) with a VTIMEZONE built from tzdata, so a
  calendar shows the meeting at the right moment whatever zone the reader is in.
- SEQUENCE is `EventPage.schedule_sequence`, which grows when an editor changes the time.
- No METHOD, so DTSTAMP is when the information was last revised: the last publication."""

import datetime
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

import icalendar

from care_site.base import cache
from care_site.base.public_address import public_address

PRODID = "-//Collaborative for Anti-Racism & Equity//Peer Learning Community//EN"
# The feed keeps a year of past meetings, so a subscriber's calendar keeps its history.
FEED_PAST_DAYS = 365
FEED_REFRESH = datetime.timedelta(hours=6)
# Calendar apps poll a subscription every few minutes to hours: browsers and proxies may answer
# from a copy this many seconds old, so a burst of polls costs one rendering, and an edited
# meeting reaches everyone within five minutes.
CACHE_SECONDS = 300


def event_uid(event):
    """`event-<translation key>@<domain>`: the key (shared by a meeting's translations, kept
    through any change of title or slug) and the domain recorded when the site was first
    migrated (`CalendarIdentity`), never the site's current host."""
    return f"event-{event.translation_key}@{uid_domain()}"


def uid_domain():
    identity = apps.get_model("events", "CalendarIdentity")
    return cache.cached(
        lambda: (
            identity.objects.values_list("uid_domain", flat=True).first()
            or public_address().hostname
        ),
        cache.key("calendar-uid-domain"),
    )


def description(event, page_url, show_links):
    parts = [event.summary] if event.summary else []
    if show_links and event.join_url:
        parts.append(_("Join the meeting: %(url)s") % {"url": event.join_url})
    if event.capacity_note and show_links:
        parts.append(event.capacity_note)
    parts.append(_("Details: %(url)s") % {"url": page_url})
    return "\n\n".join(parts)


def location(event, show_links):
    if event.location:
        return " ".join(event.location.split())
    if show_links and event.join_url:
        return event.join_url
    return _("Online")


def vevent(event, request=None, now=None):
    show_links = event.get_status(now) != event.Status.PAST
    page_url = event.get_full_url(request)
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    revised = event.last_published_at or event.latest_revision_created_at or timezone.now()
    component.add("dtstamp", revised.astimezone(datetime.UTC))
    component.add("last-modified", revised.astimezone(datetime.UTC))
    if event.first_published_at:
        component.add("created", event.first_published_at.astimezone(datetime.UTC))
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("sequence", event.schedule_sequence)
    component.add("status", "CONFIRMED")
    component.add("summary", event.title)
    component.add("description", description(event, page_url, show_links))
    component.add("location", location(event, show_links))
    component.add("url", page_url)
    return component


def add_time_zones(calendar, events):
    """VTIMEZONE for each zone the events use (the site's zone when there are none: RFC 5545
    wants at least one component), covering only the years around them (tzdata's whole
    history would make every file tens of kilobytes)."""
    today = timezone.localdate()
    first = min((event.local_start.date() for event in events), default=today)
    last = max((event.local_end.date() for event in events), default=today)
    years = {
        "first_date": first.replace(year=first.year - 1, month=1, day=1),
        "last_date": last.replace(year=last.year + 1, month=12, day=31),
    }
    if not events:
        calendar.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE, **years))
    calendar.add_missing_timezones(**years)


def new_calendar():
    """An empty calendar saying who made it: the start of every calendar file the site writes."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def calendar_response(events, request=None, *, filename=None, community=None):
    """`events` as a calendar file: a download named `filename`, or the feed of `community`.
    The file is kept in the content cache until content changes or a meeting in it ends."""
    now = timezone.now()
    ended = [(event.pk, event.get_status(now) == event.Status.PAST) for event in events]
    key = cache.key(
        "calendar",
        filename,
        community and community.pk,
        request and request.get_host(),
        translation.get_language(),
        # With no meeting, the file's time zone covers the years around today.
        ended or timezone.localdate(),
    )
    body = cache.cached(lambda: calendar_file(events, request, now, community), key)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def calendar_file(events, request, now, community=None):
    calendar = new_calendar()
    if community:
        calendar.add("name", community.title)
        calendar.add("x-wr-calname", community.title)
        if community.summary:
            calendar.add("x-wr-caldesc", community.summary)
        calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(FEED_REFRESH))
    for event in events:
        calendar.add_component(vevent(event, request, now))
    add_time_zones(calendar, events)
    return calendar.to_ical()


# Links ------------------------------------------------------------------------------------------


def utc_stamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def add_to_calendar_links(event, request=None):
    """Links that open a new-event form in Google Calendar or Outlook, filled in, and the
    calendar file for everything else (Apple Calendar, Thunderbird)."""
    page_url = event.get_full_url(request)
    text = description(event, page_url, show_links=True)
    where = location(event, show_links=True)
    google = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{utc_stamp(event.start)}/{utc_stamp(event.end)}",
        "details": text,
        "location": where,
        "ctz": event.zone.key,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": event.start_utc,
        "enddt": event.end_utc,
        "body": text,
        "location": where,
    }
    return {
        "google": "https://calendar.google.com/calendar/render?" + urlencode(google),
        "outlook": "https://outlook.live.com/calendar/0/action/compose?" + urlencode(outlook),
        "office365": "https://outlook.office.com/calendar/0/action/compose?" + urlencode(outlook),
        "ics": event.get_url(request) + event.reverse_subpage("calendar"),
    }


def subscription_urls(feed_url):
    """The feed as https (to copy), as webcal:// (opens the reader's calendar app), and as a
    Google Calendar "add by URL" link."""
    webcal = "webcal://" + feed_url.split("://", 1)[1]
    return {
        "https": feed_url,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
    }
