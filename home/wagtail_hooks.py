"""The accessibility checker in Wagtail's user bar and page editor, with two checks of our own
added to Wagtail's: vague link text ("click here", "read more") and a heading level skipped in
a page's content. Editors can fix both themselves, which is what the checker is for
(docs/accessibility.md). In the page editor: a live character count on limited fields, and a
warning when a page is saved without a summary. In the submissions inbox: the panel that makes
a resource suggestion into a draft resource page (home/resource_suggestions.py)."""

from django.contrib import messages
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from care_site.base.models import RECOMMENDED_TITLE_LENGTH
from forms.inbox import SUBMISSION_PANELS_HOOK

# The dashboard and translation modules are imported for the admin hooks they register.
from . import (  # noqa: F401
    dashboard,
    resource_suggestions,
    subscriber_admin,
    translation_permissions,
    translation_status,
)

# Link texts that say nothing about where the link goes, in the site's two languages. A link
# whose whole text is one of these (ignoring case, spaces and end punctuation) is flagged.
VAGUE_LINK_TEXTS = [
    # English
    "click here",
    "here",
    "read more",
    "more",
    "learn more",
    "find out more",
    "more info",
    "more information",
    "link",
    "this link",
    "this page",
    # Spanish
    "haga clic aquí",
    "haz clic aquí",
    "pulse aquí",
    "clic aquí",
    "aquí",
    "leer más",
    "más",
    "saber más",
    "más información",
    "enlace",
    "este enlace",
    "esta página",
]

LINK_TEXT_RULE = "care-link-text"
HEADING_RULE = "care-heading-levels"


def care_rule(rule_id, check_id, impact, selector, options, description, help_text, messages):
    """One of our axe rules, and the check that evaluates it (by `check_id`, in
    content_checks.js). `messages` are the check's pass and fail messages."""
    rule = {
        "id": rule_id,
        "impact": impact,
        "selector": selector,
        "tags": ["best-practice", "care"],
        "any": [check_id],
        "enabled": True,
        "metadata": {"description": description, "help": help_text},
    }
    pass_message, fail_message = messages
    metadata = {"impact": impact, "messages": {"pass": pass_message, "fail": fail_message}}
    return rule, {"id": check_id, "options": options, "metadata": metadata}


CARE_RULES = [
    care_rule(
        LINK_TEXT_RULE,
        "care-link-text-descriptive",
        "serious",
        "a[href]",
        {"vague": VAGUE_LINK_TEXTS},
        "Link text says where the link goes",
        "Links must not be labelled with vague words such as 'click here'",
        ("The link text is descriptive", "The link text is vague; say where the link goes"),
    ),
    care_rule(
        HEADING_RULE,
        "care-heading-no-skip",
        "moderate",
        "main h1, main h2, main h3, main h4, main h5, main h6",
        {"scope": "main"},
        "Headings in the page content go down one level at a time",
        "A heading must not skip a level (an H2 is followed by an H3, not an H4)",
        (
            "The heading level follows the one before",
            "The heading skips a level after the heading before it",
        ),
    ),
]


class CareContentCheckerItem(ContentCheckerItem):
    """Wagtail's checker plus the CARE rules. Their evaluators live in
    home/static/home/js/content_checks.js, which the user bar loads as this item's media: axe
    rules configured from Python cannot carry functions, and the site's Content-Security-Policy
    forbids axe building them from strings."""

    axe_run_only = [*ContentCheckerItem.axe_run_only, LINK_TEXT_RULE, HEADING_RULE]
    axe_custom_rules = [*ContentCheckerItem.axe_custom_rules, *(rule for rule, _ in CARE_RULES)]
    axe_custom_checks = [*ContentCheckerItem.axe_custom_checks, *(check for _, check in CARE_RULES)]

    axe_messages = {
        **ContentCheckerItem.axe_messages,
        LINK_TEXT_RULE: {
            "error_name": _("Link text is vague"),
            "help_text": _(
                "Use words that say where the link goes, such as the title of the page or "
                "document, instead of “click here” or “read more”"
            ),
        },
        HEADING_RULE: {
            "error_name": _("Heading level skipped"),
            "help_text": _(
                "Go down one level at a time: a section heading (H2), then a sub-heading (H3), "
                "then H4"
            ),
        },
    }

    class Media:
        js = ["home/js/content_checks.js"]


@hooks.register("construct_wagtail_userbar")
def add_care_content_checks(request, items, page):
    """Swap Wagtail's checker item, in the user bar and in the editor's Checks panel alike, for
    ours."""
    items[:] = [
        CareContentCheckerItem(in_editor=item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, CareContentCheckerItem)
        else item
        for item in items
    ]


# Guidance in the page editor ----------------------------------------------------------------

# Advice, shown by the count, for fields named so: the hard limit is Wagtail's (255). A page's
# title carries its recommended length on its input (`BasePage`); the landing page's title,
# whose panels are its own, gets it from here.
RECOMMENDED_LENGTHS = {
    "title": RECOMMENDED_TITLE_LENGTH,
    "seo_title": 60,
    "search_description": 160,
}


@hooks.register("insert_editor_js")
def add_character_counts():
    labels = {
        "count": gettext("%(used)s of %(limit)s characters"),
        "toward": gettext("%(used)s of about %(soft)s characters recommended (%(limit)s at most)."),
        "long": gettext("Cards read best under %(soft)s characters."),
        "recommended": RECOMMENDED_LENGTHS,
    }
    return render_to_string("home/dashboard/character_count.html", {"counter_labels": labels})


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_an_empty_summary(request, page):
    """The summary is what cards, search results and link previews show: saying so when it is
    empty, every time the page is saved, is the nudge editors asked for."""
    page = page.specific
    if hasattr(page, "summary") and not (page.summary or "").strip():
        messages.warning(
            request,
            gettext(
                "“%(title)s” has no summary. Cards and search results will show only its title: "
                "add one or two sentences in the Summary field."
            )
            % {"title": page.title},
        )


@hooks.register(SUBMISSION_PANELS_HOOK)
def resource_suggestion_panel(request, submission):
    return resource_suggestions.suggestion_panel(request, submission)


@hooks.register("register_admin_urls")
def register_make_resource_url():
    return [
        path(
            "forms/inbox/<int:submission_id>/make-resource/",
            resource_suggestions.MakeResourceView.as_view(),
            name="inbox_make_resource",
        )
    ]
