"""Template tags for the site chrome: the landing page of the visitor's language, the primary
navigation, the language switcher, the footer and pagination. They work without a Wagtail `page`
in the context (search, error pages). What they look up is kept in the site's cache until content
changes (see `chrome_cache`), so the chrome usually costs no query at all."""

import logging

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from care_site.base import cache, sites
from home.models import Footer, HomePage, SiteSettings

register = template.Library()
logger = logging.getLogger(__name__)

# Views whose URL names are not Wagtail's page-serving catch-all can be translated by reversing
# the same route in another language (the search page keeps its query this way).
WAGTAIL_SERVE = "wagtail_serve"


def active_language():
    """The active language as one of WAGTAIL_CONTENT_LANGUAGES ("en", "es")."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return get_supported_content_language_variant(language)
    except LookupError:
        return settings.LANGUAGE_CODE


def chrome_cache(context, name, compute, *parts):
    """`compute()`, kept in the site's cache under `name` and `parts`, for the request's host
    and the active language. Without a request it is simply computed."""
    request = context.get("request")
    if request is None:
        return compute()
    key = cache.key("chrome", request.get_host(), active_language(), name, *parts)
    return cache.cached(compute, key)


def all_homes():
    """{language code: live HomePage or None} for every content language, in one query."""
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    found = {}
    homes = (
        HomePage.objects.live()
        .filter(locale__language_code__in=languages)
        .select_related("locale")
        .order_by("path")
    )
    for home in homes:
        found.setdefault(home.locale.language_code, home)
    return {code: found.get(code) for code in languages}


def homes_by_language(context, languages):
    """{language code: live HomePage or None} for `languages` (cached, see chrome_cache)."""
    homes = chrome_cache(context, "homes", all_homes)
    if any(code not in homes for code in languages):
        homes = {**homes, **all_homes()}
    return {code: homes.get(code) for code in languages}


def current_page(context):
    """The Wagtail page being rendered, or None (search, 404, other views)."""
    page = context.get("page")
    return page if isinstance(page, Page) else None


def default_site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def get_locale_home(context):
    """The live HomePage of the active language, falling back to the root page of the
    request's Site (or the default Site)."""
    language = active_language()
    home = homes_by_language(context, [language])[language]
    if home is None:
        home = default_site_root(context.get("request"))
    return home


def page_url(page, request):
    return (page.get_url(request) if page is not None else None) or "/"


@register.simple_tag(takes_context=True)
def locale_home(context):
    """`{% locale_home as home %}`: the landing page in the visitor's language (or None)."""
    return get_locale_home(context)


@register.simple_tag(takes_context=True)
def locale_home_url(context):
    """`{% locale_home_url %}`: the address of the landing page in the visitor's language."""
    return page_url(get_locale_home(context), context.get("request"))


@register.simple_tag(takes_context=True)
def site_name(context):
    """`{% site_name %}`: the Site's name as set in the admin, else WAGTAIL_SITE_NAME."""
    return sites.site_name(context.get("request"))


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """`{% menu_pages as items %}`: live children of the visitor's landing page that have
    "Show in menus" ticked, in tree order, each as a dict with `page`, `url`, `title` and
    `current` ("page" for the page itself, "true" for a section it is in, else ""). One query."""

    def menu():
        home = get_locale_home(context)
        return list(home.get_children().live().in_menu()) if home else []

    request = context.get("request")
    here = current_page(context)
    items = []
    for item in chrome_cache(context, "menu", menu):
        current = ""
        if here is not None and here.path:
            if here.pk == item.pk:
                current = "page"
            elif here.path.startswith(item.path):
                current = "true"
        items.append(
            {"page": item, "title": item.title, "url": page_url(item, request), "current": current}
        )
    return items


@register.inclusion_tag("includes/primary_nav.html", takes_context=True)
def primary_nav(context):
    """`{% primary_nav %}`: the primary navigation landmark."""
    return {"items": menu_pages(context), "request": context.get("request")}


def language_name(code):
    return translation.get_language_info(code)["name_local"]


@register.simple_tag(takes_context=True)
def language_links(context):
    """`{% language_links as languages %}`: one dict per content language with `code`,
    `name` (in that language), `url`, `current` and `is_translation` (the URL is this same
    page in that language, not a fallback). The URL is the live translation of the current
    page when there is one, the same view in that language for non-page views such as search,
    else that language's landing page (or "/<code>/"). At most two queries."""
    request = context.get("request")
    here = current_page(context)
    current_language = active_language()
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]

    targets = {}
    if here is not None and here.pk and here.translation_key:

        def translation_urls():
            translations = here.get_translations(inclusive=False).live().select_related("locale")
            return {page.locale.language_code: page.get_url(request) for page in translations}

        for code, url in chrome_cache(context, "translations", translation_urls, here.pk).items():
            targets[code] = (url, True)
    untranslated = getattr(request, "untranslated_language", None)
    if here is not None and request is not None and untranslated:
        # A page shown at this language's address before it has been translated: its own
        # language's address is the real one; this one is no alternate to announce.
        targets[untranslated] = (here.get_url(request), True)
        targets[current_language] = (request.get_full_path(), False)
    elif here is not None and request is not None:
        targets[current_language] = (request.get_full_path(), True)
    elif here is None and request is not None:
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name and match.url_name != WAGTAIL_SERVE:
            path = request.get_full_path()
            for code in languages:
                targets[code] = (translate_url(path, code), True)

    missing = [code for code in languages if not targets.get(code, (None,))[0]]
    if missing:
        homes = homes_by_language(context, missing)
        for code in missing:
            home = homes[code]
            url = home.get_url(request) if home is not None else None
            targets[code] = (url or f"/{code}/", False)

    return [
        {
            "code": code,
            "name": language_name(code),
            "url": targets[code][0],
            "absolute_url": (
                request.build_absolute_uri(targets[code][0]) if request is not None else ""
            ),
            "is_translation": targets[code][1],
            "current": code == current_language,
            "is_default": code == settings.LANGUAGE_CODE,
        }
        for code in languages
    ]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """`{% language_switcher %}`: links to this page in each language (see language_links)."""
    return {"languages": language_links(context)}


@register.inclusion_tag("includes/site_footer.html", takes_context=True)
def site_footer(context):
    """`{% site_footer %}`: the contact email from SiteSettings; the text and links of the
    visitor's language's Footer (the default language's until it is translated)."""
    request = context.get("request")

    def footer():
        site_settings = None
        if request is not None:
            site_settings = SiteSettings.for_request(request)
        else:
            site = Site.objects.filter(is_default_site=True).first()
            site_settings = SiteSettings.for_site(site) if site else None
        locale = Locale.get_active()
        snippet = Footer.for_language(locale)
        return {
            "contact_email": site_settings.contact_email if site_settings else "",
            "text": snippet.text if snippet else "",
            "links": footer_links(snippet, locale, request) if snippet else [],
        }

    content = chrome_cache(context, "footer", footer)
    return {
        "footer": content,
        "links": content["links"],
        "site_name": site_name(context),
        "request": request,
    }


def footer_links(footer, locale, request):
    """[{"url", "label"}] for the footer's LinkBlocks. A chosen page is replaced by its live
    translation in `locale` when there is one (all looked up in one query rather than one
    `page.localized` per link). A footer not yet translated into `locale` labels such a link
    with the translated page's title, so the visitor reads it in their language."""
    blocks = [block.value for block in footer.links]
    pages = [value.get("page") for value in blocks if value.get("page")]
    keys = [page.translation_key for page in pages if page.locale_id != locale.pk]
    translations = {}
    if keys:
        queryset = Page.objects.live().filter(translation_key__in=keys, locale=locale)
        translations = {page.translation_key: page for page in queryset}
    links = []
    for value in blocks:
        page, label = value.get("page"), value.get("label")
        if page:
            translated = translations.get(page.translation_key)
            if translated is not None:
                page = translated
                if footer.locale_id != locale.pk:
                    label = translated.title
            url = page.get_url(request)
        else:
            url = value.get("external_url")
        if url:
            links.append({"url": url, "label": label})
    return links


@register.simple_tag
def elided_page_range(page_obj, on_each_side=1, on_ends=1):
    """`{% elided_page_range page_obj as numbers %}`: page numbers around the current one, with
    Paginator.ELLIPSIS where numbers are left out."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )
