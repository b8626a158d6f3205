"""Client authentication (RFC 6749 section 2.3, RFC 7523 section 2.2).

The token, revocation and introspection endpoints share it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import base64
import binascii
import logging
from dataclasses import dataclass
from urllib.parse import unquote_plus

from starlette.requests import Request

from app.oidc import client_assertion
from app.oidc.errors import InvalidClientError, InvalidRequestError
from app.oidc.provider import get_provider
from app.services import clients

if TYPE_CHECKING:
    from app.models import OAuthClient

logger = logging.getLogger(__name__)


class ClientAuthenticationError(Exception):
    """``invalid_client``; ``basic_used`` selects the 401 challenge."""

    def __init__(self, description: str, basic_used: bool) -> None:
        super().__init__(description)
        self.error = InvalidClientError(description)
        self.basic_used = basic_used


@dataclass
class _Credentials:
    method: str
    client_id: str
    secret: str | None
    assertion: str | None = None


def _basic_credentials(header: str) -> _Credentials:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        raise ClientAuthenticationError("unsupported authorization scheme", True)
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise ClientAuthenticationError("malformed Basic credentials", True) from exc
    client_id, separator, secret = decoded.partition(":")
    if not separator:
        raise ClientAuthenticationError("malformed Basic credentials", True)
    # RFC 6749 section 2.3.1: both parts are form-urlencoded before encoding.
    return _Credentials("client_secret_basic", unquote_plus(client_id), unquote_plus(secret))


def _presented_credentials(request: Request, form: dict[str, str]) -> _Credentials:
    header = request.headers.get("authorization")
    used = []
    if header:
        used.append(_basic_credentials(header))
    if "client_secret" in form:
        used.append(
            _Credentials("client_secret_post", form.get("client_id", ""), form["client_secret"])
        )
    if "client_assertion" in form or "client_assertion_type" in form:
        assertion = form.get("client_assertion")
        if assertion is None:
            raise InvalidRequestError("client_assertion is required")
        # OIDC Core section 9 makes client_id optional; the assertion names it.
        client_id = form.get("client_id") or client_assertion.client_id_of(assertion)
        used.append(_Credentials("private_key_jwt", client_id, None, assertion))
    if len(used) > 1:
        raise InvalidRequestError("the client used more than one authentication method")
    if used:
        credentials = used[0]
        body_id = form.get("client_id")
        if body_id is not None and body_id != credentials.client_id:
            raise InvalidRequestError("client_id does not match the authenticated client")
        return credentials
    if "client_id" in form:
        return _Credentials("none", form["client_id"], None)
    raise ClientAuthenticationError("client authentication is required", False)


async def authenticate_client(request: Request, form: dict[str, str]) -> OAuthClient:
    """Return the authenticated client or raise ``ClientAuthenticationError``.

    The method used must be the one the client registered, so a confidential
    client can never authenticate as ``none``.
    """
    credentials = _presented_credentials(request, form)
    basic_used = credentials.method == "client_secret_basic"
    client = await clients.find_client(credentials.client_id)
    if client is None or not client.enabled:
        logger.info("client authentication failed: unknown or disabled client")
        raise ClientAuthenticationError("client authentication failed", basic_used)
    if credentials.method != client.token_endpoint_auth_method:
        logger.info(
            "client %s used %s but is registered for %s",
            client.client_id,
            credentials.method,
            client.token_endpoint_auth_method,
        )
        raise ClientAuthenticationError("client authentication failed", basic_used)
    if credentials.assertion is not None:
        try:
            await client_assertion.verify(
                client,
                form.get("client_assertion_type"),
                credentials.assertion,
                _assertion_audiences(request),
            )
        except client_assertion.AssertionRejected as exc:
            logger.info("client %s presented an invalid assertion: %s", client.client_id, exc)
            raise ClientAuthenticationError("client authentication failed", False) from exc
    if credentials.secret is not None:
        if not await clients.verify_secret(client, credentials.secret):
            logger.info("client %s presented an invalid secret", client.client_id)
            raise ClientAuthenticationError("client authentication failed", basic_used)
    return client


def _assertion_audiences(request: Request) -> set[str]:
    """Return the ``aud`` values that name this server in a client assertion."""
    provider = get_provider(request)
    return {
        provider.settings.issuer,
        provider.url("/oauth/token"),
        provider.url(request.url.path),
    }
