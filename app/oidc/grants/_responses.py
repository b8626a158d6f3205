"""The successful token response (RFC 6749 section 5.1), shared by the grants."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing import Any

from app.oidc.provider import Provider
from app.services import refresh_tokens, tokens

if TYPE_CHECKING:
    from app.models import Grant, OAuthClient


async def token_response(
    provider: Provider,
    client: OAuthClient,
    grant: Grant,
    scopes: list[str],
    *,
    nonce: str | None = None,
) -> dict[str, Any]:
    """Issue an access token for ``scopes`` and, where they apply, the other tokens.

    A refresh token is issued when the grant acts for a user and the client
    may use the ``refresh_token`` grant. An ID token is issued when the
    grant acts for a user and ``scopes`` include ``openid``. The caller must
    load ``grant.account`` and ``grant.tenant``.
    """
    settings = provider.settings
    access = await tokens.issue_access_token(
        grant, client, client.access_token_ttl or settings.access_token_ttl, scopes
    )
    response: dict[str, Any] = {
        "access_token": access.value,
        "token_type": "Bearer",
        "expires_in": access.expires_in,
        "scope": " ".join(scopes),
    }
    if grant.account_id is None:
        return response
    if "refresh_token" in client.grant_types:
        response["refresh_token"] = await refresh_tokens.issue(
            grant, client, client.refresh_token_ttl or settings.refresh_token_ttl
        )
    if "openid" in scopes:
        response["id_token"] = await tokens.issue_id_token(
            tokens.IdTokenRequest(
                issuer=settings.issuer,
                client=client,
                account=grant.account,
                tenant=grant.tenant,
                scopes=scopes,
                auth_time=grant.auth_time,
                nonce=nonce,
                access_token=access.value,
                session_sid=grant.session_sid,
                ttl_seconds=client.id_token_ttl or settings.id_token_ttl,
            ),
            provider.keys,
        )
    return response
