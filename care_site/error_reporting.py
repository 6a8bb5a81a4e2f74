"""Where the operator hears about errors: a Sentry-compatible server (sentry.io, or a
self-hosted Sentry or GlitchTip) when `SENTRY_DSN` is set, otherwise an email to `ADMINS` (from
`CARE_ADMINS`) through Django's own `mail_admins` logging handler.

Visitors send personal data through the forms, so events carry no request bodies, cookies,
user details or local variables: the stack, the URL and the request id are enough to find
the log lines."""

import os
from email.utils import getaddresses

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration


def admins_from(value):
    """`CARE_ADMINS` ("Name <address>, other@example.org") as Django's ADMINS."""
    return [(name or address, address) for name, address in getaddresses([value]) if address]


def start_sentry(dsn):
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        # Errors only; performance tracing would send every request's timings.
        traces_sample_rate=0,
    )
