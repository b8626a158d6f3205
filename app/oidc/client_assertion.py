"""private_key_jwt client assertions (RFC 7523 section 3, OIDC Core 1.0 section 9).

An assertion is accepted when, in this order:

1. ``client_assertion_type`` is the JWT bearer type.
2. Its signature verifies with a key of the client's registered JWK Set,
   with RS256, PS256 or ES256.
3. ``iss`` and ``sub`` are the client_id.
4. ``aud`` names the issuer, the token endpoint or the endpoint called.
5. ``exp`` is present, in the future and at most one hour away.
6. ``nbf`` and ``iat``, if present, are not in the future.
7. ``jti`` is present and the client has not used it before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
from datetime import UTC, datetime
from typing import Any

from app.security import jose
from app.services import client_assertions, clock

if TYPE_CHECKING:
    from app.models import OAuthClient

logger = logging.getLogger(__name__)

JWT_BEARER_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
# authlib 1.9 signs client assertions with exp = iat + 3600 by default, so a
# shorter limit would reject its clients unless they configure exp.
MAX_LIFETIME_SECONDS = 3600
# Allowed clock difference between the client and this server.
CLOCK_SKEW_SECONDS = 30
MAX_JTI_LENGTH = 256


class AssertionRejected(Exception):
    """The assertion is invalid; the message is internal detail for the log."""


def client_id_of(assertion: str) -> str:
    """Return the unverified ``sub`` that names the client, or "" when unreadable."""
    try:
        claims = jose.unverified_claims(assertion)
    except (jose.JoseError, ValueError, UnicodeError):
        return ""
    sub = claims.get("sub")
    return sub if isinstance(sub, str) else ""


async def verify(
    client: OAuthClient, assertion_type: str | None, assertion: str, audiences: set[str]
) -> None:
    """Raise ``AssertionRejected`` unless ``assertion`` authenticates ``client``."""
    if assertion_type != JWT_BEARER_TYPE:
        raise AssertionRejected("unsupported client_assertion_type")
    if not client.jwks:
        raise AssertionRejected("the client has no registered JWK Set")
    try:
        claims = jose.verify_client_assertion(assertion, client.jwks)
    except (jose.JoseError, ValueError, TypeError) as exc:
        raise AssertionRejected(f"signature check failed ({type(exc).__name__})") from exc
    if claims.get("iss") != client.client_id or claims.get("sub") != client.client_id:
        raise AssertionRejected("iss and sub must be the client_id")
    _check_audience(claims.get("aud"), audiences)
    expires_at = _check_times(claims)
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti or len(jti) > MAX_JTI_LENGTH:
        raise AssertionRejected("jti is missing or invalid")
    if not await client_assertions.record_jti(client, jti, expires_at):
        raise AssertionRejected("jti was used before")


def _check_audience(aud: Any, audiences: set[str]) -> None:
    values = aud if isinstance(aud, list) else [aud]
    if not any(isinstance(value, str) and value in audiences for value in values):
        raise AssertionRejected("aud does not name this server")


def _check_times(claims: dict[str, Any]) -> datetime:
    now = clock.now().timestamp()
    exp = claims.get("exp")
    if not isinstance(exp, int | float) or isinstance(exp, bool):
        raise AssertionRejected("exp is missing")
    if exp <= now - CLOCK_SKEW_SECONDS:
        raise AssertionRejected("the assertion has expired")
    if exp > now + MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS:
        raise AssertionRejected("exp is too far in the future")
    for name in ("nbf", "iat"):
        value = claims.get(name)
        if value is None:
            continue
        if not isinstance(value, int | float) or value > now + CLOCK_SKEW_SECONDS:
            raise AssertionRejected(f"{name} is invalid or in the future")
    # Keep the jti for the skew too, or a replay could pass once the row is gone.
    return datetime.fromtimestamp(exp + CLOCK_SKEW_SECONDS, UTC)
