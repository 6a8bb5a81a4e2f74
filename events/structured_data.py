"""schema.org `Event` for search engines (JSON-LD), following Google's event guidelines: the
attendance mode, the status, where it happens (a `VirtualLocation` with its URL, a `Place`
with its address, or both for a hybrid meeting) and who organises it."""

from urllib.parse import urljoin

from django.utils.translation import get_language

from care_site.base.sites import site_name

ATTENDANCE_MODE = {
    "virtual": "https://schema.org/OnlineEventAttendanceMode",
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
SCHEDULED = "https://schema.org/EventScheduled"


def event_structured_data(event, request=None, status=None):
    status = status or event.get_status()
    page_url = event.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": page_url,
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventAttendanceMode": ATTENDANCE_MODE.get(event.format, ATTENDANCE_MODE["virtual"]),
        "eventStatus": SCHEDULED,
        "inLanguage": get_language(),
        "organizer": {
            "@type": "Organization",
            "name": site_name(request),
            "url": urljoin(page_url, "/"),
        },
    }
    if event.summary:
        data["description"] = event.summary
    places = []
    if event.format in ("in_person", "hybrid") and event.location:
        places.append({"@type": "Place", "address": " ".join(event.location.split())})
    if event.format in ("virtual", "hybrid"):
        # After the meeting the join link is no longer given out; the page stands in for it.
        join_url = event.join_url if status != event.Status.PAST else ""
        places.append({"@type": "VirtualLocation", "url": join_url or page_url})
    data["location"] = places[0] if len(places) == 1 else places
    return data
