"""What a page needs to know about the Site it is served on: Wagtail's Site lookup, its site
root paths and each language's landing page, all from one read of the Sites kept per content
version; and the Site kept at the public address.

Wagtail answers the first two with queries of their own on a request's first page address: the
Site by a query ordered by a CASE expression (`get_site_for_hostname`), the root paths by two
more (every Site with its root page, then the root's translations), which repeat what the
landing pages read. Here one read of every Site with its root page and one of those roots'
translations answer all three (`known_sites`), kept until content changes (a Site, a page or a
Locale saved moves the version on). The answers are left where Wagtail keeps them for the
request (`_wagtail_site`, `_wagtail_cached_site_root_paths`, both named in its code), so its own
lookups later in the request read them, and the root paths are also left where Wagtail keeps them
between requests (its entry in the default cache), for addresses written without a request (a
block's link, the API's `html_url`). Measured in docs/decisions.md ("Where we override
Wagtail, and why"); tests/base/test_wagtail_overrides.py compares them with Wagtail's own."""

import logging
from collections import namedtuple

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.http.request import split_domain_port

from wagtail.models import Page, Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

from . import cache
from .public_address import public_address

logger = logging.getLogger(__name__)

# Every Site (its root page and the root's Locale joined) in the order Wagtail lists root paths;
# Wagtail's root paths, as plain tuples (some cache stores keep no named tuples); and for each
# Site, {locale id: the live translation of its root, as its page type}.
KnownSites = namedtuple("KnownSites", ["sites", "root_paths", "landing_pages"])


def known_sites():
    """The Sites, their root paths and their landing pages, read in two queries and kept until
    content changes."""

    def read():
        sites = list(
            Site.objects.select_related("root_page", "root_page__locale").order_by(
                "-root_page__url_path", "-is_default_site", "hostname"
            )
        )
        keys = {site.root_page.translation_key for site in sites}
        translations = {}  # in tree order, as Wagtail's `get_translations` gives them
        for page in Page.objects.filter(translation_key__in=keys).select_related("locale"):
            translations.setdefault(page.translation_key, []).append(page)
        paths = [tuple(path) for path in root_paths(sites, translations)]
        keep_for_wagtail(paths)
        return KnownSites(
            sites,
            paths,
            {
                site.pk: {
                    page.locale_id: page.specific_deferred
                    for page in translations.get(site.root_page.translation_key, ())
                    if page.live
                }
                for site in sites
            },
        )

    return cache.cached(read, cache.key("sites"))


def root_paths(sites, translations):
    """Wagtail's `Site.get_site_root_paths()` from the Sites and their roots' translations: a
    multilingual site's (WAGTAIL_I18N_ENABLED), each root in every language it has."""
    return [
        SiteRootPath(site.pk, page.url_path, site.root_url, page.locale.language_code)
        for site in sites
        for page in translations.get(site.root_page.translation_key, ())
    ]


def keep_for_wagtail(paths):
    """Leave the root paths where Wagtail keeps them (as it does: plain tuples, an hour)."""
    try:
        caches["default"].set(
            SITE_ROOT_PATHS_CACHE_KEY, paths, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION
        )
    except Exception:  # a store that is down: Wagtail reads the database, as it would
        logger.warning("cache store: keeping the site root paths failed", exc_info=True)


def site_for_hostname(sites, hostname, port):
    """Wagtail's `get_site_for_hostname` among `sites`, or None: the Site of that hostname and
    port, else that hostname's if it is the default, else the only Site of that hostname or
    the default Site."""
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = None  # matches no Site's port, as no number would

    def match(site):
        if site.hostname == hostname and site.port == port:
            return MATCH_HOSTNAME_PORT
        if site.hostname == hostname and site.is_default_site:
            return MATCH_HOSTNAME_DEFAULT
        return MATCH_DEFAULT if site.is_default_site else MATCH_HOSTNAME

    found = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site), key=match
    )
    if (
        len(found) == 1
        or found
        and match(found[0]) in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT)
    ):
        return found[0]
    if found and match(found[0]) == MATCH_DEFAULT:
        return found[len(found) == 2]
    return None


def find_for_request(request):
    """Wagtail's `Site.find_for_request`, answered from `known_sites`, with Wagtail's root paths
    left on the request for every page address the request writes. Called where pages are
    served (the serve view, search, the API), not on every request: a health check reads no
    database."""
    known = known_sites()
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = [SiteRootPath(*p) for p in known.root_paths]
    if not hasattr(request, "_wagtail_site"):
        # The raw host, as Wagtail reads it: a Host outside ALLOWED_HOSTS finds the default Site.
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = site_for_hostname(known.sites, hostname, request.get_port())
    return request._wagtail_site


def landing_pages(site):
    """{locale id: the live translation of `site`'s root page, as its page type}: each
    language's landing page. Routing starts from the visitor's (`views.localized_site_root`);
    the chrome links to each (the logo, the language switcher). Only the fields every page has
    are read (Wagtail's `specific_deferred`): what a landing page shows is read when it is the
    page served."""
    return known_sites().landing_pages.get(site.pk, {})


def site_name(request):
    """The Site's name as editors set it in the admin, else WAGTAIL_SITE_NAME."""
    site = Site.find_for_request(request) if request is not None else None
    return (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")


def apply_public_address(using=DEFAULT_DB_ALIAS, stdout=None, **kwargs):
    """Give the default Site the hostname and port of CARE_PUBLIC_URL, so Wagtail's page
    addresses (`Site.root_url`: https for port 443, http otherwise) are the public ones.

    Run after every `migrate` (connected to post_migrate in apps.py): setting the variable and
    migrating is the whole change of address, and nothing is written when the Site has it
    already. A database without a default Site yet (before Wagtail's migrations, or emptied by
    `flush`) is left alone. Saved through the model, so Wagtail forgets its cached root paths."""
    if Site._meta.db_table not in connections[using].introspection.table_names():
        return None
    address = public_address()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (address.hostname, address.port):
        return site
    site.hostname, site.port = address.hostname, address.port
    site.save(using=using, update_fields=["hostname", "port"])
    if stdout is not None and kwargs.get("verbosity", 1) >= 1:
        stdout.write(f"  The default Site now answers at {address.origin} (CARE_PUBLIC_URL).\n")
    return site
