"""The pages the browser suite visits, each in English and in Spanish, looked up in the seeded
site (never hard-coded ids), and how to bring a page to the state under test.

A key names a page, optionally with a state after a colon: `form_suggest:errors` is the
"Suggest a resource" form sent empty, `form_suggest:thanks` the same form sent filled in."""

from django.utils import timezone

from wagtail.models import Locale

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from events.models import EventIndexPage, EventPage
from forms.models import FormPage
from home.models import HomePage, StandardPage
from partners.models import PartnerIndexPage, PartnerPage
from resources.models import ResourceIndexPage, ResourcePage

from .samples import CHECKER_SLUG, GALLERY_SLUG

LANGUAGES = ["en", "es"]
NO_RESULTS_QUERY = "zzzzqqq"
SEARCH_WORDS = {"en": "health", "es": "salud"}
FORMS = {
    "form_suggest": "suggest-a-resource",
    "form_connect": "connect-with-us",
    "form_register": "register",
}
FORM_STATES = ["empty", "errors", "thanks"]

PAGE_KEYS = [
    "landing",
    "library",
    "library_filtered",
    "library_empty",
    "resource_link",
    "resource_video",
    "partners",
    "partner",
    "community",
    "community_month",
    "event_upcoming",
    "event_past",
    "search_results",
    "search_none",
    "standard",
    "blocks",
    "not_found",
]
FORM_KEYS = [f"{form}:{state}" for form in FORMS for state in FORM_STATES]
ALL_KEYS = PAGE_KEYS + FORM_KEYS
# One of each kind of page, for the slower checks (keyboard walk, screenshots).
PAGE_TYPES = [key for key in PAGE_KEYS if key not in ("library_empty", "search_none")] + [
    "form_suggest:empty",
    "form_suggest:errors",
    "form_suggest:thanks",
]


def build_catalogue():
    """{language: {key: path}} from the seeded content."""
    english = Locale.objects.get(language_code="en")
    now = timezone.now()
    home = HomePage.objects.get(locale=english)
    library = ResourceIndexPage.objects.live().get(locale=english)
    resources = ResourcePage.objects.live().filter(locale=english).select_related("resource_type")
    pages = {
        "landing": home,
        "library": library,
        "resource_link": resources.filter(external_url__gt="", document__isnull=True)
        .exclude(resource_type__slug="video")
        .order_by("path")
        .first(),
        "resource_video": resources.filter(resource_type__slug="video").order_by("path").first(),
        "partners": PartnerIndexPage.objects.live().get(locale=english),
        "partner": PartnerPage.objects.live().filter(locale=english).order_by("path").first(),
        "community": EventIndexPage.objects.live().get(locale=english),
        "event_upcoming": EventPage.objects.live().filter(locale=english).upcoming(now).first(),
        "event_past": EventPage.objects.live().filter(locale=english).past(now).first(),
        "standard": StandardPage.objects.live()
        .filter(locale=english)
        .exclude(slug__in=[GALLERY_SLUG, CHECKER_SLUG])
        .order_by("path")
        .first(),
        "blocks": StandardPage.objects.live().get(locale=english, slug=GALLERY_SLUG),
    }
    for key, slug in FORMS.items():
        pages[key] = FormPage.objects.live().get(locale=english, slug=slug)
    missing = [key for key, page in pages.items() if page is None]
    assert not missing, f"the seeded site has no page for {missing}"

    catalogue = {}
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        paths = {}
        for key, page in pages.items():
            translated = page.get_translation_or_none(locale)
            assert translated is not None and translated.live, f"{key} has no {language} copy"
            paths[key] = translated.specific.url
        topic = (
            ResourcePage.objects.live()
            .filter(locale=locale, topics__isnull=False)
            .values_list("topics__slug", flat=True)
            .order_by("topics__slug")
            .first()
        )
        paths["library_filtered"] = f"{paths['library']}?topic={topic}"
        meeting = pages["event_upcoming"].start
        paths["community_month"] = f"{paths['community']}calendar/{meeting.year}/{meeting.month}/"
        paths["library_empty"] = f"{paths['library']}?q={NO_RESULTS_QUERY}"
        paths["search_results"] = f"/{language}/search/?q={SEARCH_WORDS[language]}"
        paths["search_none"] = f"/{language}/search/?q={NO_RESULTS_QUERY}"
        paths["not_found"] = f"/{language}/no-such-page/"
        catalogue[language] = paths
    catalogue["en"]["checker_sample"] = (
        StandardPage.objects.live().get(locale=english, slug=CHECKER_SLUG).url
    )
    return catalogue


VALID_TEXT = {
    "email": "ada@example.org",
    "url": "https://example.org/equity-guide",
    "tel": "+1 555 0100",
    "number": "3",
    "date": "2026-12-01",
}


def fill_valid_answers(page):
    """Answer every question of the form on `page` acceptably, as a person would."""
    form = page.locator("form.form")
    for field in form.locator("input:not([type=hidden]):not([tabindex='-1']), textarea").all():
        kind = field.get_attribute("type") or "text"
        if field.evaluate("node => node.tagName") == "TEXTAREA":
            field.fill("Written in the browser test: a short, plain message.")
        elif kind == "checkbox":
            field.check()
        elif kind == "radio":
            name = field.get_attribute("name")
            if not form.locator(f"input[type=radio][name='{name}']:checked").count():
                field.check()
        else:
            field.fill(VALID_TEXT.get(kind, "Ada Lovelace"))
    for select in form.locator("select").all():
        select.select_option(index=len(select.locator("option").all()) - 1)


def submit(page):
    with page.expect_navigation():
        page.locator("form.form [type=submit]").click()


def error_summary_takes_focus(page):
    """Whether the error summary gets the focus. It takes it by `autofocus`, which the browser
    applies at its next rendering step, possibly just after the load event, so wait a little
    (a test that pressed Tab first would stop the browser from applying it at all)."""
    try:
        page.wait_for_function(
            "() => !!document.activeElement?.closest('.error-summary')", timeout=5_000
        )
    except PlaywrightTimeoutError:
        return False
    return True


def visit(browsing, key, language):
    page_key, _, state = key.partition(":")
    response = browsing.goto(browsing.page_paths(language)[page_key])
    if state == "errors":
        submit(browsing.page)
        assert browsing.page.locator(".error-summary").is_visible(), "no error summary shown"
        assert error_summary_takes_focus(browsing.page), "the error summary did not take the focus"
    elif state == "thanks":
        fill_valid_answers(browsing.page)
        submit(browsing.page)
        assert browsing.page.locator(".notice--success").is_visible(), "no thank-you page"
    return response
