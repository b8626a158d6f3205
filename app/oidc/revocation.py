"""The revocation endpoint (RFC 7009).

Revoking an access token revokes that token. Revoking a refresh token
revokes its grant, so every access and refresh token of the same
authorization stops working. An unknown token, or one issued to another
client, gets the same empty 200 response and nothing changes (section 2.2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.oidc.errors import NO_STORE, InvalidRequestError
from app.oidc.token_requests import handle_client_request
from app.services import refresh_tokens, tokens

if TYPE_CHECKING:
    from app.models import OAuthClient

logger = logging.getLogger(__name__)
router = APIRouter()


async def _revoke(client: OAuthClient, form: dict[str, str]) -> Response:
    value = form.get("token")
    if value is None:
        raise InvalidRequestError("token is required")
    # token_type_hint only orders the lookups (section 2.1); an unknown hint
    # is ignored, because both token types can be revoked.
    if form.get("token_type_hint") == "refresh_token":
        revoked = await refresh_tokens.revoke_by_client(value, client)
        revoked = revoked or await tokens.revoke_access_token(value, client)
    else:
        revoked = await tokens.revoke_access_token(value, client)
        revoked = revoked or await refresh_tokens.revoke_by_client(value, client)
    logger.info("revocation request by client %s, revoked=%s", client.client_id, revoked)
    return Response(status_code=200, headers=NO_STORE)


@router.post("/oauth/revoke")
async def revocation_endpoint(request: Request) -> Response:
    return await handle_client_request(request, "revocation", _revoke)
