"""Deployment checks (`manage.py check --deploy`, which `make serve` runs first) about the
site's public address."""

from django.conf import settings
from django.core import checks

from .public_address import public_address


@checks.register(checks.Tags.security, deploy=True)
def public_address_matches_https(app_configs=None, **kwargs):
    """A site that sends every visitor to https must not say http in its canonical links,
    feeds and calendars: search engines and calendar apps would keep the http addresses."""
    if settings.SECURE_SSL_REDIRECT and public_address().scheme == "http":
        return [
            checks.Warning(
                f"CARE_PUBLIC_URL is {settings.CARE_PUBLIC_URL}, but the site redirects every "
                "request to https.",
                hint="Give CARE_PUBLIC_URL as https://… (docs/deployment.md).",
                id="care.W001",
            )
        ]
    return []
