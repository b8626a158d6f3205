"""The token endpoint (RFC 6749 section 3.2).

Shared work happens here: form parsing, duplicate parameters, client
authentication and ``no-store``; each grant type's handler does the rest.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.oidc import cors
from app.oidc.client_auth import ClientAuthenticationError, authenticate_client
from app.oidc.errors import (
    NO_STORE,
    InvalidRequestError,
    OAuth2Error,
    ServerError,
    UnauthorizedClientError,
    UnsupportedGrantTypeError,
    client_error,
    json_error,
)
from app.oidc.grants import GRANT_HANDLERS
from app.oidc.params import read_form, single_values
from app.oidc.provider import get_provider

logger = logging.getLogger(__name__)
router = APIRouter()


@router.post("/oauth/token")
async def token_endpoint(request: Request) -> JSONResponse:
    provider = get_provider(request)
    client = None
    try:
        form = single_values(await read_form(request))
        grant_type = form.get("grant_type")
        if grant_type is None:
            raise InvalidRequestError("grant_type is required")
        handler = GRANT_HANDLERS.get(grant_type)
        if handler is None:
            raise UnsupportedGrantTypeError(grant_type)
        client = await authenticate_client(request, form)
        if grant_type not in client.grant_types:
            raise UnauthorizedClientError(
                f"the client is not allowed to use grant_type {grant_type}"
            )
        response = JSONResponse(await handler(provider, client, form), headers=NO_STORE)
    except ClientAuthenticationError as exc:
        return client_error(exc.error, exc.basic_used)
    except OAuth2Error as exc:
        logger.info("token request failed: %s (%s)", exc.error, exc.description)
        response = json_error(exc)
    except Exception:
        logger.exception("token request failed with an unexpected error")
        response = json_error(ServerError("the server could not process the request"))
    if client is not None:
        cors.allow_client_origins(request, client.allowed_cors_origins)
    return response
