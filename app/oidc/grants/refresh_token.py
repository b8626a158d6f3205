"""The refresh token grant (RFC 6749 section 6, OIDC Core 1.0 section 12).

Checks, in order:

1. ``refresh_token`` is present, was issued to this client, is unexpired and
   neither it nor its grant is revoked.
2. The user may still sign in to the client (account, membership, roles).
3. ``scope``, if sent, names only scopes of the grant (narrowing only).
4. The token is rotated; reuse of a rotated token revokes the grant.

The refreshed ID token keeps ``sub``, ``aud``, ``azp``, ``auth_time`` and
``sid`` of the original sign-in and carries no ``nonce``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
from typing import Any

from app.oidc.errors import (
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
    printable,
)
from app.oidc.grants._responses import token_response
from app.oidc.provider import Provider
from app.services import authorization, refresh_tokens, scopes

if TYPE_CHECKING:
    from app.models import OAuthClient

logger = logging.getLogger(__name__)


async def refresh_access_token(
    provider: Provider, client: OAuthClient, form: dict[str, str]
) -> dict[str, Any]:
    value = form.get("refresh_token")
    if value is None:
        raise InvalidRequestError("refresh_token is required")
    token = await refresh_tokens.find(value)
    if token is None or token.client_id != client.id:
        logger.info("client %s presented an unknown refresh token", client.client_id)
        raise InvalidGrantError("the refresh token is invalid")
    if not refresh_tokens.is_usable(token):
        await refresh_tokens.check_revoked_reuse(token, client)
        raise InvalidGrantError("the refresh token is expired or revoked")

    grant = token.grant
    if grant.account is None:
        raise InvalidGrantError("the refresh token is invalid")
    denial = await authorization.sign_in_denial(
        grant.account, client, dashboard_client_id=provider.settings.dashboard_client_id
    )
    if denial is not None:
        logger.info("refresh for client %s denied: %s", client.client_id, denial)
        raise InvalidGrantError("the user may no longer sign in to this client")
    granted = await _granted_scopes(grant.scopes, client)
    requested = _check_scope(form.get("scope"), granted)

    if not await refresh_tokens.consume(token, client):
        raise InvalidGrantError("the refresh token has already been used")
    return await token_response(provider, client, grant, requested)


async def _granted_scopes(grant_scopes: list[str], client: OAuthClient) -> list[str]:
    """Return the grant's scopes that the client and the catalog still allow."""
    grantable = set(await scopes.grantable_scopes())
    return [
        scope
        for scope in grant_scopes
        if scope in client.allowed_scopes and scope in grantable
    ]


def _check_scope(value: str | None, granted: list[str]) -> list[str]:
    requested = scopes.parse_scope(value)
    if not requested:
        return granted
    for scope in requested:
        if scope not in granted:
            raise InvalidScopeError(
                f"scope {printable(scope)} was not granted and cannot be added"
            )
    return requested
