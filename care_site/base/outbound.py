"""Requests the server makes to addresses editors typed (link checks, video look-ups) reach
only the public internet: never loopback, private, link-local (cloud metadata), shared or
reserved addresses, unless the operator lists a network in `CARE_OUTBOUND_ALLOWED_NETWORKS`.

The check is made on the address the connection is actually opened to, inside the connection
itself: the name is resolved once and the socket connects to that very address, so a name that
resolves to a public address when checked and a private one when used (DNS rebinding) cannot
get through, and every redirect opens a connection that is checked again."""

import ipaddress
import socket

from django.conf import settings

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError


class RefusedAddress(OSError):
    """The address is not on the public internet and no allowed network holds it."""


def is_allowed(address):
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    allowed = settings.CARE_OUTBOUND_ALLOWED_NETWORKS
    if any(ip in ipaddress.ip_network(network) for network in allowed):
        return True
    return ip.is_global and not ip.is_multicast


def public_address(host, port):
    """The first address `host` resolves to that may be connected to."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for *_details, sockaddr in found:
        if is_allowed(sockaddr[0]):
            return sockaddr[0]
    raise RefusedAddress(f"{host} is not a public internet address")


class PublicAddressesOnly:
    def _new_conn(self):
        try:
            address = public_address(self._dns_host, self.port)
        except RefusedAddress as error:
            raise NewConnectionError(self, str(error)) from error
        name, self._dns_host = self._dns_host, address  # connect here; Host and TLS keep `name`
        try:
            return super()._new_conn()
        finally:
            self._dns_host = name


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = type("PublicHTTPConnection", (PublicAddressesOnly, HTTPConnection), {})


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = type("PublicHTTPSConnection", (PublicAddressesOnly, HTTPSConnection), {})


class _PublicOnlyAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def public_session():
    """A requests session that connects only to allowed addresses, ignoring proxy settings
    from the environment (a proxy would connect on the server's behalf, unchecked)."""
    session = requests.Session()
    session.trust_env = False
    adapter = _PublicOnlyAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def was_refused(error):
    """Whether a requests error comes from a refused address (urllib3 keeps the cause in
    `reason`, requests in `args`)."""
    seen, pending = set(), [error]
    while pending:
        error = pending.pop()
        if error is None or id(error) in seen:
            continue
        seen.add(id(error))
        if isinstance(error, RefusedAddress):
            return True
        pending += [error.__cause__, getattr(error, "reason", None)]
        pending += [arg for arg in getattr(error, "args", ()) if isinstance(arg, BaseException)]
    return False
