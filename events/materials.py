"""What a meeting's page says about the library resources that came out of it (its recording,
slides and other materials): the heading over their list and, once the meeting is over, the
sentence pointing to them. Both name only the kinds the meeting has. Each combination is a whole
sentence of its own, so a translator sees it whole and can order and agree the words as Spanish
needs; a recording is counted (one recording, or two parts), slides and materials are plural
whatever their number."""

from django.utils.translation import gettext, ngettext, npgettext, pgettext

HEADING = "heading over a meeting's recording, slides and materials"


def materials_heading(recordings, slides, materials):
    """The heading over the list: `recordings` a number, `slides` and `materials` whether the
    meeting has any."""
    if recordings:
        if slides and materials:
            return npgettext(
                HEADING,
                "Recording, slides and materials",
                "Recordings, slides and materials",
                recordings,
            )
        if slides:
            return npgettext(HEADING, "Recording and slides", "Recordings and slides", recordings)
        if materials:
            return npgettext(
                HEADING, "Recording and materials", "Recordings and materials", recordings
            )
        return npgettext(HEADING, "Recording", "Recordings", recordings)
    if slides and materials:
        return pgettext(HEADING, "Slides and materials")
    if slides:
        return pgettext(HEADING, "Slides")
    if materials:
        return pgettext(HEADING, "Materials")
    return ""


def materials_after_the_meeting(recordings, slides, materials):
    """The sentence after "This event has ended.", or "" when there is nothing to point to."""
    if recordings:
        if slides and materials:
            return ngettext(
                "Its recording, slides and materials are listed below.",
                "Its recordings, slides and materials are listed below.",
                recordings,
            )
        if slides:
            return ngettext(
                "Its recording and slides are listed below.",
                "Its recordings and slides are listed below.",
                recordings,
            )
        if materials:
            return ngettext(
                "Its recording and materials are listed below.",
                "Its recordings and materials are listed below.",
                recordings,
            )
        return ngettext(
            "Its recording is listed below.", "Its recordings are listed below.", recordings
        )
    if slides and materials:
        return gettext("Its slides and materials are listed below.")
    if slides:
        return gettext("Its slides are listed below.")
    if materials:
        return gettext("Its materials are listed below.")
    return ""
