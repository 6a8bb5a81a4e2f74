"""Template tags for the site chrome: the landing page of the visitor's language, the primary
navigation, the language switcher, the footer and pagination. They work without a Wagtail `page`
in the context (search, error pages). What they look up is kept in the site's cache until content
changes (see `chrome_cache`), so the chrome usually costs no query at all."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import pgettext, pgettext_lazy

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from care_site.base import cache, sites
from care_site.base.locale import active_locale_id, locale_ids
from care_site.base.public_address import absolute_url
from care_site.base.view_restrictions import is_visible
from home.models import Footer, SiteSettings

register = template.Library()


def active_language():
    """The active language as one of WAGTAIL_CONTENT_LANGUAGES ("en", "es")."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return get_supported_content_language_variant(language)
    except LookupError:
        return settings.LANGUAGE_CODE


def chrome_cache(context, name, compute, *parts):
    """`compute()`, kept in the site's cache under `name` and `parts`, for the request's host
    and the active language."""
    key = cache.key("chrome", context["request"].get_host(), active_language(), name, *parts)
    return cache.cached(compute, key)


def homes(context):
    """{language code: live HomePage} for the content languages that have one: the
    translations of the request's Site root, where routing starts for each language
    (`sites.landing_pages`, kept until content changes)."""
    site = sites.find_for_request(context["request"])
    if site is None:
        return {}
    pages = sites.landing_pages(site)
    languages = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    return {
        code: pages[pk] for code, pk in locale_ids().items() if pk in pages and code in languages
    }


def current_page(context):
    """The Wagtail page being rendered, or None (search, 404, other views)."""
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def locale_home(context):
    """`{% locale_home as home %}`: the landing page in the visitor's language (or None): its
    live HomePage, falling back to the root page of the request's Site (or the default Site)."""
    home = homes(context).get(active_language())
    if home is None:
        site = sites.find_for_request(context["request"])
        home = site.root_page if site else None
    return home


def page_url(page, request):
    return (page.get_url(request) if page is not None else None) or "/"


@register.simple_tag(takes_context=True)
def locale_home_url(context):
    """`{% locale_home_url %}`: the address of the landing page in the visitor's language."""
    return page_url(locale_home(context), context.get("request"))


@register.simple_tag(takes_context=True)
def site_name(context):
    """`{% site_name %}`: the Site's name as set in the admin, else WAGTAIL_SITE_NAME."""
    return sites.site_name(context.get("request"))


# The columns of a page the menu shows: its title, its address, whether the visitor is in it.
MENU_FIELDS = ("title", "url_path", "path")
# The columns a page's address is made from (with the request's site root paths) and its language.
ADDRESS_FIELDS = ("url_path", "locale")


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """`{% menu_pages as items %}`: live, public children of the visitor's landing page that have
    "Show in menus" ticked, in tree order, each as a dict with `url`, `title` and
    `current` ("page" for the page itself, "true" for a section it is in, else ""). One query."""

    def menu():
        home = locale_home(context)
        if home is None:
            return []
        return list(home.get_children().live().public().in_menu().only(*MENU_FIELDS))

    here = getattr(current_page(context), "path", "") or ""
    return [
        {
            "title": item.title,
            "url": page_url(item, context.get("request")),
            "current": (
                ("page" if here == item.path else "true") if here.startswith(item.path) else ""
            ),
        }
        for item in chrome_cache(context, "menu", menu)
    ]


@register.simple_tag(takes_context=True)
def language_links(context):
    """`{% language_links as languages %}`: one dict per content language with `code`,
    `name` (in that language), `url`, `current`, `is_translation` (the URL is this same
    page in that language, not a fallback) and `note`, said after the name in that language
    when the URL shows the page in another one ("(en inglés)"), else "". The URL is the live
    translation of the current page when there is one, the same view in that language for
    non-page views such as search; for a page of the default language not translated yet, its
    address in that language, where the site shows it untranslated (`route_untranslated`);
    else that language's landing page (or "/<code>/"). At most two queries."""
    request = context.get("request")
    here = current_page(context)
    current_language = active_language()
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]

    targets = {}  # {language code: (url, is_translation)}
    if here is not None and here.pk and here.translation_key:

        def translation_urls():
            return {code: page.get_url(request) for code, page in translations(context, here)}

        for code, url in chrome_cache(context, "translations", translation_urls, here.pk).items():
            targets[code] = (url, True)
    untranslated = getattr(request, "untranslated_language", None)
    if here is not None:
        if untranslated:
            # A page shown at this language's address before it has been translated: its own
            # language's address is the real one; this one is no alternate to announce.
            targets[untranslated] = (here.get_url(request), True)
        targets[current_language] = (request.get_full_path(), not untranslated)
    else:
        # Views whose URL names are not Wagtail's page-serving catch-all can be translated by
        # reversing the same route in another language (the search page keeps its query this
        # way).
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name and match.url_name != "wagtail_serve":
            for code in languages:
                targets[code] = (translate_url(request.get_full_path(), code), True)

    notes = {}
    for code in languages:
        if targets.get(code, (None,))[0]:
            continue
        fallback = untranslated_address(context, here, code)
        if fallback:
            targets[code] = (fallback, False)
            notes[code] = shown_in_note(code, settings.LANGUAGE_CODE)
            continue
        home = homes(context).get(code)
        targets[code] = ((home.get_url(request) if home else None) or f"/{code}/", False)

    return [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": targets[code][0],
            "absolute_url": absolute_url(targets[code][0]),
            "is_translation": targets[code][1],
            "current": code == current_language,
            "is_default": code == settings.LANGUAGE_CODE,
            "note": notes.get(code, ""),
        }
        for code in languages
    ]


def translations(context, page):
    """[(language code, page)] for the live translations of `page`. A landing page's are the
    other landing pages, which the chrome has read already; any other page's are read."""
    landing = homes(context)
    if any(home.pk == page.pk for home in landing.values()):
        return [(code, home) for code, home in landing.items() if home.pk != page.pk]
    codes = {pk: code for code, pk in locale_ids().items()}
    found = page.get_translations(inclusive=False).live().only(*ADDRESS_FIELDS)
    return [(codes[other.locale_id], other) for other in found if other.locale_id in codes]


def untranslated_address(context, page, code):
    """The address in language `code` of `page`, a page of the default language with no
    translation into `code`: that language's landing page followed by the page's path below
    the default landing page (/es/about/ for /en/about/), where `route_untranslated` shows it.
    None for any other page, or when `code` has no landing page."""
    if page is None or code == settings.LANGUAGE_CODE:
        return None
    default_home, home = homes(context).get(settings.LANGUAGE_CODE), homes(context).get(code)
    if default_home is None or home is None or page.locale_id != default_home.locale_id:
        return None
    if not page.path.startswith(default_home.path) or page.path == default_home.path:
        return None
    home_url = home.get_url(context.get("request"))
    if not home_url:
        return None
    return home_url + page.url_path[len(default_home.url_path) :]


# Language names as they read inside a sentence (Spanish writes them in lower case).
NAMES_IN_RUNNING_TEXT = {
    "en": pgettext_lazy("a language named inside a sentence", "English"),
    "es": pgettext_lazy("a language named inside a sentence", "Spanish"),
}


def shown_in_note(link_language, page_language):
    """The note said, in the link's language, after a language's name when its link shows the
    page in `page_language` because the page is not translated yet: "(en inglés)"."""
    with translation.override(link_language):
        name = NAMES_IN_RUNNING_TEXT.get(page_language)
        name = str(name) if name else translation.get_language_info(page_language)["name_local"]
        return pgettext(
            "after a language's name in the language switcher: the page is not translated",
            "(in %(language)s)",
        ) % {"language": name}


@register.inclusion_tag("includes/site_footer.html", takes_context=True)
def site_footer(context):
    """`{% site_footer %}`: the contact email from SiteSettings; the text and links of the
    visitor's language's Footer (the default language's until it is translated)."""
    request = context.get("request")

    def footer():
        locale_id = active_locale_id()
        snippet = Footer.for_language(locale_id)
        return {
            "contact_email": SiteSettings.for_request(request).contact_email,
            "text": snippet.text if snippet else "",
            "links": footer_links(snippet, locale_id, request) if snippet else [],
        }

    return {"footer": chrome_cache(context, "footer", footer)}


def footer_links(footer, locale_id, request):
    """[{"url", "label"}] for the footer's LinkBlocks. A chosen page is replaced by its live
    translation in the language `locale_id` when there is one (all looked up in one query
    rather than one `page.localized` per link). A footer not yet translated into it labels
    such a link with the translated page's title, so the visitor reads it in their language.
    A link to a page not everyone may see (unpublished or private) is left out."""
    blocks = [block.value for block in footer.links]
    blocks = [value for value in blocks if not value.get("page") or is_visible(value["page"])]
    pages = [value["page"] for value in blocks if value.get("page")]
    keys = [page.translation_key for page in pages if page.locale_id != locale_id]
    translations = {}
    if keys:  # none when every page is in that language already
        queryset = Page.objects.live().filter(translation_key__in=keys, locale_id=locale_id)
        translations = {page.translation_key: page for page in queryset}
    links = []
    for value in blocks:
        page, label = value.get("page"), value.get("label")
        translated = translations.get(page.translation_key) if page else None
        if translated is not None:
            page = translated
            if footer.locale_id != locale_id:
                label = translated.title
        url = page.get_url(request) if page else value.get("external_url")
        if url:
            links.append({"url": url, "label": label})
    return links


@register.simple_tag
def elided_page_range(page_obj):
    """`{% elided_page_range page_obj as numbers %}`: page numbers around the current one, with
    Paginator.ELLIPSIS where numbers are left out."""
    paginator = page_obj.paginator
    return list(paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1))
