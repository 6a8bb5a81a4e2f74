"""What a page needs to know about the Site it is served on, and the Site kept at the public
address."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from wagtail.models import Site

from .public_address import public_address


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
