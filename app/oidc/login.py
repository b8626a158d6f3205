"""The sign-in form that the authorization endpoint shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.background import BackgroundTask
from starlette.datastructures import ImmutableMultiDict
from starlette.responses import Response

from app.oidc import authorize, pages
from app.oidc.errors import OAuth2Error
from app.oidc.provider import Provider, get_provider
from app.services import accounts, audit, logout, sessions, sign_in_throttle

if TYPE_CHECKING:
    from app.models import Account, LoginSession

logger = logging.getLogger(__name__)
router = APIRouter()

INVALID_CREDENTIALS = "Invalid email or password."
TOO_MANY_FAILURES = (
    "Too many failed sign-ins for this email. Wait 15 minutes and try again."
)
MAX_FIELD_LENGTH = 4096
# The authorization_request field carries the whole request: every parameter
# may be 2048 characters and an id_token_hint up to 8192.
MAX_REQUEST_FIELD_LENGTH = 65536


@router.post("/oauth/authorize/login")
async def login_submit(request: Request) -> Response:
    provider = get_provider(request)
    form = await pages.read_form(request)
    if form is None:
        return pages.error_page(
            provider, request, "Sign-in failed", "The sign-in form was malformed."
        )
    fields = {
        key: value
        for key, value in form.items()
        if len(value)
        <= (MAX_REQUEST_FIELD_LENGTH if key == "authorization_request" else MAX_FIELD_LENGTH)
    }
    if not await pages.csrf_valid(request, fields.get("csrf_token")):
        logger.info("sign-in form rejected: missing or invalid CSRF token")
        return pages.error_page(
            provider,
            request,
            "Sign-in form expired",
            "The sign-in form expired or was sent from another site. "
            "Go back to the application and start the sign-in again.",
            status_code=403,
        )
    params = ImmutableMultiDict(
        parse_qsl(fields.get("authorization_request", ""), keep_blank_values=True)
    )
    try:
        areq = await authorize.parse_request(provider, params)
    except authorize.UntrustedRedirectError as exc:
        return pages.error_page(provider, request, "Sign-in request rejected", exc.message)
    except OAuth2Error as exc:
        return authorize.error_response(provider, request, exc, 303)

    email = fields.get("email", "")
    password = fields.get("password", "")
    if email and await sign_in_throttle.is_throttled(email):
        logger.info("sign-in throttled for client %s", areq.client.client_id)
        return await authorize.login_page(
            provider, request, areq, error=TOO_MANY_FAILURES, email=email
        )
    account = await accounts.authenticate(email, password) if email and password else None
    if account is None:
        await audit.record(
            sign_in_throttle.FAILED_ACTION,
            tenant_id=areq.client.tenant_id,
            actor_type="anonymous",
            actor_id=sign_in_throttle.email_actor(email),
            target_type="client",
            target_id=areq.client.client_id,
        )
        logger.info("sign-in failed for client %s", areq.client.client_id)
        return await authorize.login_page(
            provider,
            request,
            areq,
            error=INVALID_CREDENTIALS,
            email=email,
        )

    cookie_value, session, notices = await _start_session(provider, request, account)
    await audit.record(
        "auth.sign_in",
        tenant_id=areq.client.tenant_id,
        actor_type="account",
        actor_id=str(account.id),
        target_type="client",
        target_id=areq.client.client_id,
    )
    try:
        response = await authorize.complete(
            provider, request, areq, session, fresh_login=True, status_code=303
        )
    except OAuth2Error as exc:
        response = authorize.error_response(provider, request, exc, 303)
    pages.set_cookie(
        provider,
        response,
        pages.SESSION_COOKIE,
        cookie_value,
        max_age=provider.settings.session_ttl,
    )
    if notices:
        response.background = BackgroundTask(
            logout.deliver,
            notices,
            allow_private_networks=provider.settings.backchannel_logout_private_networks,
        )
    return response


async def _start_session(
    provider: Provider, request: Request, account: Account
) -> tuple[str, LoginSession, list[logout.LogoutNotice]]:
    """Return the cookie value and session for a sign-in, and logout notices to send.

    A sign-in by the account of the browser's current session renews that
    session. A sign-in by another account ends the current session first,
    with back-channel logout to its clients, and starts a new one.
    """
    ttl = provider.settings.session_ttl
    current = await sessions.load_session(request.cookies.get(pages.SESSION_COOKIE))
    notices: list[logout.LogoutNotice] = []
    if current is not None and current.account_id == account.id:
        cookie_value = await sessions.reauthenticate(current, ttl)
        current.account = account
        return cookie_value, current, notices
    if current is not None:
        notices = await logout.end_session(current, provider.settings.issuer, provider.keys)
    cookie_value, session = await sessions.create_session(account, ttl)
    session.account = account
    return cookie_value, session, notices
