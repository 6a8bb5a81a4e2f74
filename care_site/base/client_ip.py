"""The address of the client a request comes from, seen through the reverse proxies the site
trusts. Both the form rate limit and the admin sign-in throttle (django-axes'
`AXES_CLIENT_IP_CALLABLE`) count by it, so the two agree.

It is REMOTE_ADDR unless CARE_TRUSTED_PROXY_COUNT proxies are configured; then it is the address
the outermost trusted proxy saw, read from the right of X-Forwarded-For (`hops[-count]`), so
whatever a client writes into that header itself sits further left and is ignored. A header
with fewer hops than trusted proxies, or a hop that is not an address, falls back to
REMOTE_ADDR: the request did not come through the proxies as configured."""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    trusted = settings.CARE_TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote_addr
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < trusted:
        return remote_addr
    try:
        return str(ipaddress.ip_address(hops[-trusted]))
    except ValueError:
        return remote_addr
