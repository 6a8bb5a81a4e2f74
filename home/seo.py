"""What search engines and link previews read about a page: the canonical address, the share
image, the breadcrumb trail and the Organization description of the landing page.

The template tags are registered as the `seo_tags` library (TEMPLATES "libraries" in settings),
so `{% load seo_tags %}` works anywhere. Each lookup is cached on the request (the breadcrumbs with
the rest of the site chrome), so a page costs one query for them at most."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from wagtail.models import Page

from care_site.base.models import start_page_types
from care_site.base.public_address import absolute_url
from home.models import SiteSettings
from home.templatetags.navigation_tags import (
    chrome_cache,
    current_page,
    language_links,
    site_name,
)

register = template.Library()

SCHEMA_CONTEXT = "https://schema.org"
SHARE_IMAGE_FILTER = "fill-1200x630"
DEFAULT_SHARE_IMAGE = {"url": "home/care-share.png", "width": 1200, "height": 630}
# As Django's json_script: escaped, no value can end the script element or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


# Addresses ----------------------------------------------------------------------------------


def canonical_url(page, request):
    """The page's own address without its query string, so filtered or sorted views of a
    listing point at the unfiltered list. A plain later page of a listing (`?page=3` and
    nothing else) stays itself: it lists different items, not a variant of page one."""
    url = page.get_full_url(request)
    if url and request is not None and list(request.GET) == ["page"]:
        number = request.GET["page"]
        if number.isdigit() and int(number) > 1:
            return f"{url}?page={int(number)}"
    return url


# Share image --------------------------------------------------------------------------------


def share_image(page, context):
    """The picture shown when the page is shared, cut to 1200×630: the page's own, else on the
    landing page its large photo, else the one chosen in the site settings, else the CARE card
    shipped with the site. A dict with `url`, `width`, `height` and `alt`."""
    own = share_rendition(page.image or getattr(page, "feature_image", None))
    return own or chrome_cache(context, "share-image", lambda: site_share_image(context))


def site_share_image(context):
    image = SiteSettings.for_request(context["request"]).share_image
    return share_rendition(image) or {
        **DEFAULT_SHARE_IMAGE,
        "url": static(DEFAULT_SHARE_IMAGE["url"]),
        "alt": gettext("CARE, the Collaborative for Anti-Racism & Equity"),
    }


def share_rendition(image):
    if image is None:
        return None
    try:
        rendition = image.get_rendition(SHARE_IMAGE_FILTER)
    except OSError:  # Wagtail's SourceImageIOError: the original file cannot be read
        return None
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": rendition.alt,
    }


# Breadcrumbs ---------------------------------------------------------------------------------


def breadcrumb_trail(page, request):
    """[{"name", "url"}] from the landing page of the page's language down to the page itself,
    live pages only; empty on a landing page. The ancestors are those routing read on its way
    to the page (`routed_ancestors`), else one query; the trail is kept with the rest of the
    site chrome (`chrome_cache`) until any page next changes."""

    def trail():
        if page.depth <= 2:
            return []
        routed = getattr(page, "routed_ancestors", None)
        if routed is None:
            ancestors = page.get_ancestors().filter(depth__gt=1).live()
        else:
            ancestors = [ancestor for ancestor in routed if ancestor.depth > 1 and ancestor.live]
        crumbs = [
            {"name": gettext("Home") if ancestor.depth == 2 else ancestor.title, "url": url}
            for ancestor in ancestors
            if (url := ancestor.get_url(request))
        ]
        return [*crumbs, {"name": page.title, "url": page.get_url(request)}] if crumbs else []

    return chrome_cache({"request": request}, "breadcrumbs", trail, page.pk, page.path)


# Organization -------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def organization_data(context):
    """`{% organization_data as data %}`: schema.org Organization for the landing page (its
    template writes it in the head): the Collaborative, with its partners (the partner directory
    chosen on the landing page) as members."""
    home, request = context["page"], context.get("request")
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Organization",
        "name": site_name(context),
        "url": home.get_full_url(request),
    }
    if home.meta_description:
        data["description"] = home.meta_description
    if request is not None and (email := SiteSettings.for_request(request).contact_email):
        data["email"] = email
    members = chrome_cache(
        context,
        "organization-members",
        lambda: [
            {"@type": "Organization", "name": partner.title, "url": partner.get_full_url(request)}
            | ({"sameAs": partner.website} if partner.website else {})
            for partner in home.partner_pages
        ],
        home.pk,
        home.partners_page_id,
    )
    if members:
        data["member"] = members
    return data


# Template tags ------------------------------------------------------------------------------


@register.filter
def as_json_ld(data):
    """`data` as a `<script type="application/ld+json">` element, escaped as `json_script`
    escapes it (browsers never run it; search engines read it)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context):
    """`{% seo_meta %}`: description, canonical link, Open Graph and Twitter card tags."""
    page = current_page(context)
    request = context.get("request")
    if page is None:
        return {"page": None}
    image = share_image(page, context)
    return {
        "page": page,
        "title": page.seo_title or page.title,
        "description": page.meta_description,
        "canonical_url": canonical_url(page, request),
        "image": image,
        "image_url": absolute_url(image["url"]),
        "site_name": site_name(context),
        "og_locale": translation.to_locale(translation.get_language() or "en"),
        "og_alternate_locales": [
            translation.to_locale(language["code"])
            for language in language_links(context)
            if language["is_translation"] and not language["current"]
        ],
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """`{% breadcrumbs %}`: the visible trail and its BreadcrumbList JSON-LD (schema.org, with
    absolute addresses); nothing on landing pages and pages that are not Wagtail pages."""
    page = current_page(context)
    request = context.get("request")
    trail = breadcrumb_trail(page, request) if page is not None and page.pk else []
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb["name"],
                "item": absolute_url(crumb["url"]),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }
    return {"trail": trail, "data": data}


@register.simple_tag(takes_context=True)
def section_links(context):
    """`{% section_links as links %}`: the sections a lost visitor can start from (page types
    with `search_start_page`: the library and the community page) in the visitor's language,
    else the main language, as [{"title", "url"}]. Offered on the 'not found' page and when a
    search finds nothing."""
    request = context.get("request")
    language = translation.get_language() or settings.LANGUAGE_CODE

    def links():
        pages = (
            Page.objects.live()
            .public()
            .type(*start_page_types())
            .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
            .select_related("locale")
            .order_by("path")
        )
        # Each section in the visitor's language, else in the site's main language.
        chosen = {}
        for page in pages:
            kind, code = page.specific_class, page.locale.language_code
            if kind not in chosen or code == language != chosen[kind].locale.language_code:
                chosen[kind] = page
        return [{"title": page.title, "url": page.get_url(request)} for page in chosen.values()]

    return chrome_cache(context, "sections", links)
