"""Shared steps of the endpoints that clients call with a form and credentials.

The token, revocation and introspection endpoints all parse a form, reject
repeated parameters, authenticate the client and render errors as RFC 6749
JSON that is never cached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import Response

from app.oidc import cors
from app.oidc.client_auth import ClientAuthenticationError, authenticate_client
from app.oidc.errors import OAuth2Error, ServerError, client_error, json_error
from app.oidc.params import read_form, single_values

if TYPE_CHECKING:
    from app.models import OAuthClient

logger = logging.getLogger(__name__)

ClientHandler = Callable[["OAuthClient", dict[str, str]], Awaitable[Response]]


async def handle_client_request(
    request: Request, endpoint: str, handler: ClientHandler
) -> Response:
    """Authenticate the client of a form request, then run ``handler``.

    ``endpoint`` names the endpoint in log lines. Responses to an
    authenticated client are readable by the client's CORS origins.
    """
    client = None
    try:
        form = single_values(await read_form(request))
        client = await authenticate_client(request, form)
        response = await handler(client, form)
    except ClientAuthenticationError as exc:
        return client_error(exc.error, exc.basic_used)
    except OAuth2Error as exc:
        logger.info("%s request failed: %s (%s)", endpoint, exc.error, exc.description)
        response = json_error(exc)
    except Exception:
        logger.exception("%s request failed with an unexpected error", endpoint)
        response = json_error(ServerError("the server could not process the request"))
    if client is not None:
        cors.allow_client_origins(request, client.allowed_cors_origins)
    return response
