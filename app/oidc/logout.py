"""RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), at ``/oauth/logout``.

A request passes these checks in order; any failure shows an error page and
never redirects:

1. No parameter repeats or is too long.
2. ``id_token_hint``, when present, is an ID token this provider issued;
   an expired one is accepted.
3. ``client_id``, when present, names an enabled client; with a hint, the
   hint's audience must include it.
4. ``post_logout_redirect_uri``, when present, exactly matches one that the
   client named by the hint or by ``client_id`` registered.

Logout CSRF: a page on another site can send the browser here. So a live
session ends at once only when the hint names the signed-in user; otherwise
the user confirms on a CSRF-protected page first. Ending the session revokes
its grants and sends back-channel logout tokens after the response.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from authlib.common.urls import add_params_to_uri
from fastapi import APIRouter, Request
from starlette.background import BackgroundTask
from starlette.datastructures import ImmutableMultiDict
from starlette.responses import RedirectResponse, Response

from app.oidc import pages
from app.oidc.errors import InvalidRequestError
from app.oidc.params import single_values
from app.oidc.provider import Provider, get_provider
from app.services import audit, clients, logout, sessions, tokens

if TYPE_CHECKING:
    from app.models import LoginSession, OAuthClient

logger = logging.getLogger(__name__)
router = APIRouter()

REJECTED_TITLE = "Sign-out request rejected"


class LogoutRequestError(Exception):
    """A logout request that is shown only an error page."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class LogoutRequest:
    params: list[tuple[str, str]]
    client: OAuthClient | None
    hinted_sub: str | None
    redirect_uri: str | None
    state: str | None


def _single_values(params: ImmutableMultiDict) -> dict[str, str]:
    try:
        return single_values(params, limit_lengths=True)
    except InvalidRequestError as exc:
        # Logout errors go to a page, never to a redirect URI.
        description = exc.description
        raise LogoutRequestError(description[0].upper() + description[1:] + ".") from exc


async def _check_hint(provider: Provider, values: dict[str, str]) -> dict | None:
    hint = values.get("id_token_hint")
    if hint is None:
        return None
    claims = await tokens.read_issued_id_token(
        hint, provider.settings.issuer, provider.keys
    )
    if claims is None:
        raise LogoutRequestError(
            "The id_token_hint is not an ID token issued by Ringnity."
        )
    return claims


async def _check_client(
    values: dict[str, str], hint: dict | None
) -> OAuthClient | None:
    client_id = values.get("client_id")
    if client_id is None and hint is not None:
        audiences = tokens.audiences(hint)
        client_id = hint.get("azp") or (audiences[0] if len(audiences) == 1 else None)
    if client_id is None:
        return None
    if hint is not None and client_id not in tokens.audiences(hint):
        raise LogoutRequestError("The client_id does not match the id_token_hint.")
    client = await clients.find_client(client_id)
    if client is None or not client.enabled:
        raise LogoutRequestError("The application that sent you here is unknown.")
    return client


def _check_redirect_uri(
    values: dict[str, str], client: OAuthClient | None
) -> str | None:
    redirect_uri = values.get("post_logout_redirect_uri")
    if redirect_uri is None:
        return None
    if client is None:
        raise LogoutRequestError(
            "The post_logout_redirect_uri needs an id_token_hint or client_id."
        )
    if redirect_uri not in client.post_logout_redirect_uris:
        raise LogoutRequestError(
            "The post_logout_redirect_uri is not registered for this application."
        )
    return redirect_uri


async def parse_request(
    provider: Provider, params: ImmutableMultiDict
) -> LogoutRequest:
    """Run the checks in the module docstring's order."""
    values = _single_values(params)
    hint = await _check_hint(provider, values)
    client = await _check_client(values, hint)
    redirect_uri = _check_redirect_uri(values, client)
    return LogoutRequest(
        params=list(params.multi_items()),
        client=client,
        hinted_sub=hint["sub"] if hint is not None else None,
        redirect_uri=redirect_uri,
        state=values.get("state"),
    )


async def _confirmation_page(
    provider: Provider, request: Request, lreq: LogoutRequest
) -> Response:
    cookies: dict[str, str] = {}
    token = await pages.csrf_token(request, cookies)
    target = pages.origin_of(lreq.redirect_uri) if lreq.redirect_uri else None
    response = pages.render(
        provider,
        request,
        "logout_confirm.html",
        {
            "client_name": lreq.client.name if lreq.client else None,
            "logout_request": urlencode(lreq.params),
            "csrf_token": token,
        },
        form_targets=(target,) if target else (),
    )
    for name, value in cookies.items():
        pages.set_cookie(provider, response, name, value, max_age=None)
    return response


async def _finish(
    provider: Provider,
    request: Request,
    lreq: LogoutRequest,
    session: LoginSession | None,
) -> Response:
    notices: list[logout.LogoutNotice] = []
    if session is not None:
        notices = await logout.end_session(
            session, provider.settings.issuer, provider.keys
        )
        await audit.record(
            "auth.sign_out",
            tenant_id=lreq.client.tenant_id if lreq.client else None,
            actor_type="account",
            actor_id=str(session.account_id),
            target_type="client" if lreq.client else None,
            target_id=lreq.client.client_id if lreq.client else None,
        )
    if lreq.redirect_uri is not None:
        params = [("state", lreq.state)] if lreq.state is not None else []
        response: Response = RedirectResponse(
            add_params_to_uri(lreq.redirect_uri, params),
            status_code=303,
            headers={"Cache-Control": "no-store"},
        )
    else:
        response = pages.render(
            provider,
            request,
            "signed_out.html",
            {"client_name": lreq.client.name if lreq.client else None},
        )
    response.delete_cookie(pages.SESSION_COOKIE, path="/")
    if notices:
        # Sent after the response, so a slow client cannot delay the logout.
        response.background = BackgroundTask(
            logout.deliver,
            notices,
            allow_private_networks=provider.settings.backchannel_logout_private_networks,
        )
    return response


async def _handle(
    provider: Provider, request: Request, params: ImmutableMultiDict
) -> Response:
    try:
        lreq = await parse_request(provider, params)
    except LogoutRequestError as exc:
        logger.info("logout request rejected: %s", exc.message)
        return pages.error_page(provider, request, REJECTED_TITLE, exc.message)
    session = await sessions.load_session(request.cookies.get(pages.SESSION_COOKIE))
    if session is not None and lreq.hinted_sub != str(session.account_id):
        return await _confirmation_page(provider, request, lreq)
    return await _finish(provider, request, lreq, session)


@router.get("/oauth/logout")
async def logout_get(request: Request) -> Response:
    return await _handle(get_provider(request), request, request.query_params)


@router.post("/oauth/logout")
async def logout_post(request: Request) -> Response:
    provider = get_provider(request)
    params = await pages.read_form(request)
    if params is None:
        return pages.error_page(
            provider,
            request,
            REJECTED_TITLE,
            "The request body must be application/x-www-form-urlencoded.",
        )
    return await _handle(provider, request, params)


@router.post("/oauth/logout/confirm")
async def logout_confirm(request: Request) -> Response:
    provider = get_provider(request)
    fields = await pages.read_form(request)
    if fields is None or not await pages.csrf_valid(request, fields.get("csrf_token")):
        logger.info("logout confirmation rejected: missing or invalid CSRF token")
        return pages.error_page(
            provider,
            request,
            "Sign-out form expired",
            "The sign-out form expired or was sent from another site. "
            "Sign out again from the application.",
            status_code=403,
        )
    params = ImmutableMultiDict(
        parse_qsl(fields.get("logout_request", ""), keep_blank_values=True)
    )
    try:
        lreq = await parse_request(provider, params)
    except LogoutRequestError as exc:
        return pages.error_page(provider, request, REJECTED_TITLE, exc.message)
    session = await sessions.load_session(request.cookies.get(pages.SESSION_COOKIE))
    return await _finish(provider, request, lreq, session)
