"""Web origins as browsers send them in the ``Origin`` header (RFC 6454).

Client registrations and the dashboard setting both store origins, and CORS
compares them with the header byte for byte, so only the serialized form
is accepted.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_ORIGIN_LENGTH = 2000
# A DNS name of lowercase letters, digits and hyphens. IDNs must be in punycode.
_LABEL = r"[a-z0-9]([a-z0-9-]*[a-z0-9])?"
_HOST_NAME = re.compile(rf"^{_LABEL}(\.{_LABEL})*$")


def check_origin(value: str) -> None:
    """Raise ``ValueError`` unless ``value`` is a serialized origin.

    A serialized origin is ``scheme://host[:port]`` with a lowercase scheme
    and host, no default port and nothing after the port. The scheme must be
    https, or http on a loopback host.
    """
    if len(value) > MAX_ORIGIN_LENGTH:
        raise ValueError(f"an origin must be at most {MAX_ORIGIN_LENGTH} characters")
    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"origin {value!r} has an invalid port") from None
    example = "such as https://app.example.com"
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"origin {value!r} must be scheme://host[:port], {example}")
    has_more = parts.path or parts.query or parts.fragment or value.endswith(("?", "#"))
    if has_more or parts.username is not None or parts.password is not None:
        raise ValueError(
            f"origin {value!r} must be scheme://host[:port], with no user, path, "
            "query or fragment"
        )
    if port == 0 or not _is_host(parts.hostname):
        raise ValueError(f"origin {value!r} has an invalid host or port")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError(
            f"origin {value!r} must use https (http is allowed only on loopback)"
        )
    serialized = _serialize(parts.scheme, parts.hostname, port)
    if value != serialized:
        raise ValueError(
            f"origin {value!r} must be written {serialized!r}, as browsers send it"
        )


def _is_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(_HOST_NAME.match(host))
    return True


def _serialize(scheme: str, host: str, port: int | None) -> str:
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"
