"""The UserInfo endpoint (OIDC Core 1.0 section 5.3), with RFC 6750 bearer tokens."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.oidc import cors
from app.oidc.errors import (
    NO_STORE,
    InsufficientScopeError,
    InvalidRequestError,
    InvalidTokenError,
    OAuth2Error,
    ServerError,
    bearer_error,
    json_error,
)
from app.oidc.params import FORM_CONTENT_TYPE, read_form, single_values
from app.oidc.provider import get_provider
from app.services import claims, tokens

logger = logging.getLogger(__name__)
router = APIRouter()


async def _presented_token(request: Request) -> str | None:
    """Return the bearer token from the header or, for POST, the form body."""
    headers = request.headers.getlist("authorization")
    if len(headers) > 1:
        raise InvalidRequestError("the request has more than one Authorization header")
    header = headers[0] if headers else None
    body_token = None
    if request.method == "POST":
        content_type = request.headers.get("content-type", "")
        if content_type.split(";", 1)[0].strip().lower() == FORM_CONTENT_TYPE:
            body_token = single_values(await read_form(request)).get("access_token")
    if header and body_token:
        raise InvalidRequestError("the access token was sent in more than one way")
    if body_token:
        return body_token
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise InvalidRequestError("the Authorization header must use the Bearer scheme")
    return value.strip()


@router.api_route("/oauth/userinfo", methods=["GET", "POST"])
async def userinfo_endpoint(request: Request) -> JSONResponse:
    try:
        value = await _presented_token(request)
        if value is None:
            return bearer_error(None)
        dashboard_client_id = get_provider(request).settings.dashboard_client_id
        active = await tokens.resolve_access_token(
            value, dashboard_client_id=dashboard_client_id
        )
        if active is None:
            raise InvalidTokenError("the access token is invalid, expired or revoked")
        cors.allow_client_origins(request, active.client.allowed_cors_origins)
        if active.account is None or "openid" not in active.token.scopes:
            raise InsufficientScopeError("the access token lacks the openid scope")
        body = await claims.identity_claims(
            active.account, active.tenant, active.token.scopes
        )
    except OAuth2Error as exc:
        logger.info("userinfo request failed: %s", exc.error)
        return bearer_error(exc)
    except Exception:
        logger.exception("userinfo request failed with an unexpected error")
        return json_error(ServerError("the server could not process the request"))
    return JSONResponse(body, headers=NO_STORE)
