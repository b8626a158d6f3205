"""The introspection endpoint (RFC 7662).

Only confidential clients may introspect, and only tokens issued to
themselves: any other token, like an unknown, expired or revoked one, gets
``{"active": false}`` (section 2.2). A token is inactive once its grant is
revoked or its user, membership, client or tenant is disabled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from app.oidc.client_auth import ClientAuthenticationError
from app.oidc.errors import NO_STORE, InvalidRequestError
from app.oidc.provider import get_provider
from app.oidc.token_requests import handle_client_request
from app.services import refresh_tokens, tokens

if TYPE_CHECKING:
    from app.models import Account, Grant, OAuthClient, Tenant

router = APIRouter()
INACTIVE = {"active": False}


def _description(
    issuer: str,
    client: OAuthClient,
    tenant: Tenant,
    account: Account | None,
    scopes: list[str],
    issued: Any,
    expires: Any,
    token_type: str,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "active": True,
        "scope": " ".join(scopes),
        "client_id": client.client_id,
        "token_type": token_type,
        "exp": int(expires.timestamp()),
        "iat": int(issued.timestamp()),
        "aud": client.client_id,
        "iss": issuer,
        "tenant_id": str(tenant.id),
        "tenant_slug": tenant.slug,
    }
    if account is not None:
        body["sub"] = str(account.id)
    return body


async def _describe_access_token(
    value: str, client: OAuthClient, issuer: str
) -> dict[str, Any] | None:
    # Only confidential clients introspect, and only their own tokens, so the
    # rule for the public dashboard client never applies here.
    active = await tokens.resolve_access_token(value, dashboard_client_id=None)
    if active is None or active.client.id != client.id:
        return None
    token = active.token
    return _description(
        issuer,
        active.client,
        active.tenant,
        active.account,
        token.scopes,
        token.created_at,
        token.expires_at,
        "Bearer",
    )


async def _describe_refresh_token(
    value: str, client: OAuthClient, issuer: str
) -> dict[str, Any] | None:
    token = await refresh_tokens.resolve(value)
    if token is None or token.client_id != client.id:
        return None
    grant: Grant = token.grant
    return _description(
        issuer,
        client,
        grant.tenant,
        grant.account,
        grant.scopes,
        token.created_at,
        token.expires_at,
        "refresh_token",
    )


@router.post("/oauth/introspect")
async def introspection_endpoint(request: Request) -> Response:
    issuer = get_provider(request).settings.issuer

    async def introspect(client: OAuthClient, form: dict[str, str]) -> Response:
        if client.client_type != "confidential":
            # A public client proves nothing by its client_id alone.
            raise ClientAuthenticationError("public clients may not introspect tokens", False)
        value = form.get("token")
        if value is None:
            raise InvalidRequestError("token is required")
        lookups = [_describe_access_token, _describe_refresh_token]
        # token_type_hint only orders the lookups (section 2.1).
        if form.get("token_type_hint") == "refresh_token":
            lookups.reverse()
        for lookup in lookups:
            body = await lookup(value, client, issuer)
            if body is not None:
                return JSONResponse(body, headers=NO_STORE)
        return JSONResponse(INACTIVE, headers=NO_STORE)

    return await handle_client_request(request, "introspection", introspect)
