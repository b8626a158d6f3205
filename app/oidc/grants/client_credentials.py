"""The client credentials grant (RFC 6749 section 4.4).

Confidential clients such as CRMs and partner backends get an access token
that names the client and its tenant and acts for no user, so it carries no
user claims, no ID token and no refresh token (section 4.4.3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing import Any

from app.oidc.errors import InvalidScopeError, UnauthorizedClientError, printable
from app.oidc.grants._responses import token_response
from app.oidc.provider import Provider
from app.services import authorization, scopes

if TYPE_CHECKING:
    from app.models import OAuthClient

# Scopes about the client's tenant; the others describe a signed-in user.
CLIENT_CREDENTIALS_SCOPES = ("tenant.read",)


async def issue_client_token(
    provider: Provider, client: OAuthClient, form: dict[str, str]
) -> dict[str, Any]:
    if client.client_type != "confidential":
        raise UnauthorizedClientError("only confidential clients may use client_credentials")
    if client.tenant.status != "active":
        raise UnauthorizedClientError("the client's tenant is suspended")
    requested = await _check_scope(client, form.get("scope"))
    grant = await authorization.create_client_grant(client, requested)
    return await token_response(provider, client, grant, requested)


async def _check_scope(client: OAuthClient, value: str | None) -> list[str]:
    """Return the requested scopes, or by default every one the client may use."""
    usable = [
        scope for scope in client.allowed_scopes if scope in CLIENT_CREDENTIALS_SCOPES
    ]
    requested = scopes.parse_scope(value)
    if not requested:
        return usable
    grantable = set(await scopes.grantable_scopes())
    for scope in requested:
        if scope not in CLIENT_CREDENTIALS_SCOPES:
            raise InvalidScopeError(
                f"scope {printable(scope)} cannot be granted without a user"
            )
        if scope not in grantable or scope not in usable:
            raise InvalidScopeError(
                f"scope {printable(scope)} is not allowed for this client"
            )
    return requested
