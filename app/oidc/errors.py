"""OAuth error classes (authlib's, one per spec error code) and their rendering.

Every protocol error is rendered here, in exactly one of three ways: RFC 6749
section 5.2 JSON, a redirect to a verified redirect URI (with ``state`` and
the RFC 9207 ``iss``), or an HTML error page when the client or redirect URI
cannot be trusted. ``description`` is public; internal detail goes to the log.
"""

from __future__ import annotations

import logging
import re

from authlib.oauth2.rfc6749.errors import (
    AccessDeniedError,
    InvalidClientError,
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Error,
    UnauthorizedClientError,
    UnsupportedGrantTypeError,
    UnsupportedResponseTypeError,
)
from authlib.oauth2.rfc6750.errors import InsufficientScopeError, InvalidTokenError
from authlib.oidc.core.errors import (
    ConsentRequiredError,
    InteractionRequiredError,
    LoginRequiredError,
    RequestNotSupportedError,
    RequestURINotSupportedError,
)
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


class ServerError(OAuth2Error):
    error = "server_error"
    status_code = 500


class TemporarilyUnavailableError(OAuth2Error):
    error = "temporarily_unavailable"
    status_code = 503


class UnsupportedTokenTypeError(OAuth2Error):
    """RFC 7009 section 2.2.1."""

    error = "unsupported_token_type"


_DESCRIPTION_CHARACTERS = re.compile(r"[^\x20-\x21\x23-\x5b\x5d-\x7e]")
MAX_ECHOED_LENGTH = 64


def printable(value: str) -> str:
    """Return ``value`` safe to echo inside an ``error_description``.

    RFC 6749 section 5.2 limits descriptions to printable ASCII without
    ``"`` and ``\\``; authlib raises ValueError for anything else, so request
    values pass through here before they go into a description.
    """
    cleaned = _DESCRIPTION_CHARACTERS.sub("?", value)
    if len(cleaned) > MAX_ECHOED_LENGTH:
        cleaned = cleaned[:MAX_ECHOED_LENGTH] + "..."
    return cleaned


def public_description(exc: OAuth2Error) -> str | None:
    """Return the description sent to the client, if any."""
    description = exc.get_error_description()
    return printable(description) if description else None


def error_body(exc: OAuth2Error) -> dict[str, str]:
    body = {"error": exc.error}
    description = public_description(exc)
    if description:
        body["error_description"] = description
    return body


def json_error(exc: OAuth2Error, www_authenticate: str | None = None) -> JSONResponse:
    """Render an error as RFC 6749 section 5.2 JSON, never cached."""
    headers = dict(NO_STORE)
    if www_authenticate is not None:
        headers["WWW-Authenticate"] = www_authenticate
    return JSONResponse(error_body(exc), status_code=exc.status_code, headers=headers)


def client_error(exc: InvalidClientError, basic_used: bool) -> JSONResponse:
    """Render ``invalid_client``: 401, with a Basic challenge when Basic was used."""
    exc.status_code = 401
    challenge = 'Basic realm="ringnity", error="invalid_client"' if basic_used else None
    return json_error(exc, challenge)


def bearer_error(exc: OAuth2Error | None, realm: str = "ringnity") -> JSONResponse:
    """Render an RFC 6750 section 3 error with its ``WWW-Authenticate`` challenge.

    With ``exc`` None (no credentials at all) the challenge carries no error
    code, as section 3.1 requires.
    """
    if exc is None:
        return JSONResponse(
            {"error": "invalid_request", "error_description": "missing bearer token"},
            status_code=401,
            headers={**NO_STORE, "WWW-Authenticate": f'Bearer realm="{realm}"'},
        )
    parts = [f'realm="{realm}"', f'error="{exc.error}"']
    description = public_description(exc)
    if description:
        parts.append(f'error_description="{description}"')
    return json_error(exc, "Bearer " + ", ".join(parts))


__all__ = [
    "AccessDeniedError",
    "ConsentRequiredError",
    "InsufficientScopeError",
    "InteractionRequiredError",
    "InvalidClientError",
    "InvalidGrantError",
    "InvalidRequestError",
    "InvalidScopeError",
    "InvalidTokenError",
    "LoginRequiredError",
    "NO_STORE",
    "OAuth2Error",
    "RequestNotSupportedError",
    "RequestURINotSupportedError",
    "ServerError",
    "TemporarilyUnavailableError",
    "UnauthorizedClientError",
    "UnsupportedGrantTypeError",
    "UnsupportedResponseTypeError",
    "UnsupportedTokenTypeError",
    "bearer_error",
    "client_error",
    "error_body",
    "json_error",
    "printable",
    "public_description",
]
