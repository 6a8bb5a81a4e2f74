"""What crawlers are told: `/sitemap.xml` (an index of one sitemap per language, each page
with its `hreflang` alternates and the date it was last published) and `/robots.txt`."""

from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from care_site.base.public_address import absolute_url

# Browsers and proxies may keep these for an hour; the sitemap's own Last-Modified still lets a
# crawler ask whether anything changed.
CRAWLER_FILES_MAX_AGE = 60 * 60


def content_languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


class LanguageSitemap(Sitemap):
    """The live, public pages of one language of the request's Site, each listing every
    language it exists in (itself included) and `x-default`, the site's main language."""

    def __init__(self, request, language_code):
        super().__init__(request)
        self.language_code = language_code

    def items(self):
        root = self.get_wagtail_site().root_page
        translations = root.get_translations(inclusive=True)
        home = translations.filter(locale__language_code=self.language_code).first()
        pages = home.get_descendants(inclusive=True) if home else Page.objects.none()
        return pages.live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = self.alternates(pages)
        urls = []
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates.get(item.translation_key, [])
                urls.append(url_info)
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def alternates(self, pages):
        """{translation key: [{"lang_code", "location"}]} for pages that exist in more than one
        language, in one query."""
        translations = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={page.translation_key for page in pages})
            .select_related("locale")
            .order_by("locale__language_code")
        )
        locations = defaultdict(dict)
        for version in translations:
            if location := version.get_full_url(self.request):
                locations[version.translation_key][version.locale.language_code] = location
        alternates = {}
        for key, by_language in locations.items():
            if len(by_language) > 1:
                if settings.LANGUAGE_CODE in by_language:
                    by_language["x-default"] = by_language[settings.LANGUAGE_CODE]
                links = [{"lang_code": code, "location": url} for code, url in by_language.items()]
                alternates[key] = links
        return alternates


def language_sitemaps(request):
    return {code: LanguageSitemap(request, code) for code in content_languages()}


@require_safe
@cache_control(max_age=CRAWLER_FILES_MAX_AGE)
def sitemap_index(request):
    response = sitemap_views.index(
        request, language_sitemaps(request), sitemap_url_name="sitemap_language"
    )
    # Django writes each sitemap's address with the request's host; crawlers get the public one.
    response.context_data["sitemaps"] = [
        sitemap_views.SitemapIndexItem(public_location(item.location), item.last_mod)
        for item in response.context_data["sitemaps"]
    ]
    return response


def public_location(url):
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


@require_safe
@cache_control(max_age=CRAWLER_FILES_MAX_AGE)
def language_sitemap(request, section):
    # Django's view answers 404 for a section (language) it was not given.
    return sitemap_views.sitemap(request, language_sitemaps(request), section=section)


@require_safe
@cache_control(max_age=CRAWLER_FILES_MAX_AGE)
def robots_txt(request):
    """Crawlers may read every page; they are kept out of the admin, the site search (every
    query is a new address) and the library's keyword searches and filter combinations, which
    repeat the same resources in endless orders (the pages also say `noindex`)."""
    context = {
        "admin_path": reverse("wagtailadmin_home"),
        "search_paths": [translate_url(reverse("search"), code) for code in content_languages()],
        "sitemap_url": absolute_url(reverse("sitemap")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
