"""What a page needs to know about the Site it is served on, the Site of a request found once
per content version, and the Site kept at the public address."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DEFAULT_DB_ALIAS, connections
from django.http.request import split_domain_port

from wagtail.models import Site

from . import cache
from .public_address import public_address


def find_for_request(request):
    """Wagtail's `Site.find_for_request`, answered from the content cache: Wagtail asks the
    database on every call (a query ordered by a CASE expression, about a tenth of the Python
    work of a page), though Sites change only when an administrator edits one, which moves the
    content version on. The answer is left where Wagtail keeps it for the request
    (`_wagtail_site`, named in its docstring), so Wagtail's own lookups later in the request
    read it. Only hosts in ALLOWED_HOSTS are kept: any other is looked up as Wagtail would, so a
    stranger's Host header cannot fill the cache. Called where pages are served (the serve view,
    search, the API), not on every request: a health check reads no database."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    try:
        hostname, port = split_domain_port(request.get_host())[0], request.get_port()
    except DisallowedHost:
        return Site.find_for_request(request)
    request._wagtail_site = cache.cached(
        lambda: Site.find_for_request(request), cache.key("site", hostname, port)
    )
    return request._wagtail_site


def landing_pages(site):
    """{locale id: the live translation of `site`'s root page, as its page type}: each
    language's landing page, found by the root's translation key in one query and kept until
    content changes. Routing starts from the visitor's (`views.localized_site_root`); the
    chrome links to each (the logo, the language switcher)."""
    root = site.root_page
    model = root.specific_class or type(root)

    def find():
        pages = model._default_manager.live().filter(translation_key=root.translation_key)
        return {page.locale_id: page for page in pages}

    return cache.cached(find, cache.key("landing-pages", site.pk))


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
