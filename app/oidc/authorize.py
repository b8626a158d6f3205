"""The authorization endpoint (RFC 6749 section 3.1, OIDC Core 1.0 section 3.1.2).

``authorization_request`` runs the checks of a request. A valid request then
passes these steps in order (``complete``):

1. Sign-in: without a session, with ``prompt=login`` or ``select_account``,
   with a session older than ``max_age``, or with a session of another user
   than ``id_token_hint`` names, the sign-in form is shown, or with
   ``prompt=none`` the error is ``login_required``.
2. The account may sign in to the client, else ``access_denied``.
3. Consent: unless the client skips consent, the consent page is shown when
   the account has not approved every requested scope or the request has
   ``prompt=consent``. With ``prompt=none`` the error is ``consent_required``.
4. A code is issued and returned by the response mode.

No step needs any other interaction, so ``interaction_required`` is
never returned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
from datetime import timedelta

from authlib.common.urls import add_params_to_uri
from fastapi import APIRouter, Request
from starlette.datastructures import ImmutableMultiDict
from starlette.responses import RedirectResponse, Response

from app.oidc import pages
from app.oidc.authorization_request import (
    PROMPT_VALUES,
    RESPONSE_MODES,
    RESPONSE_TYPES,
    UI_LOCALES,
    AuthorizationRequest,
    UntrustedRedirectError,
    parse_request,
)
from app.oidc.errors import (
    AccessDeniedError,
    ConsentRequiredError,
    LoginRequiredError,
    OAuth2Error,
    public_description,
)
from app.oidc.provider import Provider, get_provider
from app.security.tokens import sign
from app.services import authorization, clock, consents, keys, sessions

if TYPE_CHECKING:
    from app.models import Account, LoginSession

logger = logging.getLogger(__name__)
router = APIRouter()

CONSENT_SECRET_NAME = "consent"
WRONG_ACCOUNT = (
    "The application asked for a different account. Sign in with the account "
    "you used before with this application."
)


def respond_to_client(
    provider: Provider,
    request: Request,
    redirect_uri: str,
    params: dict[str, str],
    *,
    state: str | None,
    response_mode: str,
    status_code: int,
) -> Response:
    """Send an authorization response with ``state`` and ``iss`` (RFC 9207).

    ``query`` redirects; ``form_post`` returns a page whose form posts the
    parameters to the redirect URI (OAuth 2.0 Form Post Response Mode).
    """
    body = list(params.items())
    if state is not None:
        body.append(("state", state))
    body.append(("iss", provider.settings.issuer))
    if response_mode == "form_post":
        target = pages.origin_of(redirect_uri)
        return pages.render(
            provider,
            request,
            "form_post.html",
            {"redirect_uri": redirect_uri, "fields": body},
            form_targets=(target,) if target else (),
            scripts=True,
        )
    location = add_params_to_uri(redirect_uri, body)
    return RedirectResponse(location, status_code=status_code, headers={"Cache-Control": "no-store"})


def error_response(
    provider: Provider, request: Request, exc: OAuth2Error, status_code: int
) -> Response:
    """Send an error to the verified redirect URI that ``exc`` carries."""
    params = {"error": exc.error}
    description = public_description(exc)
    if description:
        params["error_description"] = description
    return respond_to_client(
        provider,
        request,
        exc.redirect_uri,
        params,
        state=exc.state,
        response_mode=getattr(exc, "response_mode", "query"),
        status_code=status_code,
    )


def _error(
    areq: AuthorizationRequest, error_class: type[OAuth2Error], description: str
) -> OAuth2Error:
    exc = error_class(description, redirect_uri=areq.redirect_uri, state=areq.state)
    exc.response_mode = areq.response_mode
    return exc


def _login_reason(
    areq: AuthorizationRequest, session: LoginSession | None, fresh_login: bool
) -> str | None:
    """Return why the user must sign in (again), or None when the session will do."""
    if session is None:
        return "the user is not signed in"
    if fresh_login:
        return None
    if areq.prompt & {"login", "select_account"}:
        return "the request asks the user to sign in again"
    if areq.max_age is not None:
        age = clock.now() - session.auth_time
        if age > timedelta(seconds=areq.max_age):
            return "the sign-in is older than max_age"
    if areq.hinted_sub is not None and areq.hinted_sub != str(session.account_id):
        return "the signed-in user is not the user that id_token_hint names"
    return None


async def login_page(
    provider: Provider,
    request: Request,
    areq: AuthorizationRequest,
    *,
    error: str | None = None,
    email: str | None = None,
    status_code: int = 200,
) -> Response:
    cookies: dict[str, str] = {}
    token = await pages.csrf_token(request, cookies)
    target = pages.origin_of(areq.redirect_uri)
    response = pages.render(
        provider,
        request,
        "login.html",
        {
            "client_name": areq.client.name,
            "tenant_name": areq.client.tenant.name,
            "authorization_request": areq.encoded,
            "csrf_token": token,
            "email": email if email is not None else (areq.login_hint or ""),
            "error": error,
        },
        status_code=status_code,
        form_targets=(target,) if target else (),
    )
    for name, value in cookies.items():
        pages.set_cookie(provider, response, name, value, max_age=None)
    return response


async def consent_binding(session: LoginSession, encoded_request: str) -> str:
    """Return an HMAC that ties a consent form to one sign-in and one request.

    The consent page is shown only after the sign-in step passed for this
    session, sign-in time and request, so a submission that carries the
    binding may skip that step. An edited request, or a form from before the
    user signed in again, fails the check.
    """
    secret = await keys.server_secret(CONSENT_SECRET_NAME)
    auth_time = int(session.auth_time.timestamp())
    return sign(secret, f"{session.sid}\n{auth_time}\n{encoded_request}")


async def consent_page(
    provider: Provider, request: Request, areq: AuthorizationRequest, session: LoginSession
) -> Response:
    cookies: dict[str, str] = {}
    token = await pages.csrf_token(request, cookies)
    target = pages.origin_of(areq.redirect_uri)
    response = pages.render(
        provider,
        request,
        "consent.html",
        {
            "client_name": areq.client.name,
            "tenant_name": areq.client.tenant.name,
            "account_email": session.account.email,
            "scope_lines": await consents.describe_scopes(areq.scopes),
            "authorization_request": areq.encoded,
            "consent_binding": await consent_binding(session, areq.encoded),
            "csrf_token": token,
        },
        form_targets=(target,) if target else (),
    )
    for name, value in cookies.items():
        pages.set_cookie(provider, response, name, value, max_age=None)
    return response


async def complete(
    provider: Provider,
    request: Request,
    areq: AuthorizationRequest,
    session: LoginSession | None,
    *,
    fresh_login: bool = False,
    consent_given: bool = False,
    status_code: int,
) -> Response:
    """Run the steps after the checks: sign-in, access, consent, code.

    ``fresh_login`` is set by the sign-in form, and ``consent_given`` by the
    consent form, whose binding proves the sign-in step already passed.
    """
    reason = None if consent_given else _login_reason(areq, session, fresh_login)
    if reason is not None:
        if "none" in areq.prompt:
            raise _error(areq, LoginRequiredError, reason)
        return await login_page(provider, request, areq)
    assert session is not None
    account = session.account
    if fresh_login and areq.hinted_sub is not None and areq.hinted_sub != str(account.id):
        logger.info("sign-in for client %s was not the hinted user", areq.client.client_id)
        return await login_page(provider, request, areq, error=WRONG_ACCOUNT, email="")
    denial = await authorization.sign_in_denial(
        account, areq.client, dashboard_client_id=provider.settings.dashboard_client_id
    )
    if denial is not None:
        logger.info(
            "sign-in of account %s to client %s denied: %s",
            account.id,
            areq.client.client_id,
            denial,
        )
        raise _error(areq, AccessDeniedError, "the user may not sign in to this application")
    if not consent_given and await _consent_needed(areq, account):
        if "none" in areq.prompt:
            raise _error(areq, ConsentRequiredError, "the user has not approved these scopes")
        return await consent_page(provider, request, areq, session)
    code = await authorization.issue_code(
        authorization.CodeRequest(
            client=areq.client,
            account=account,
            redirect_uri=areq.redirect_uri,
            scopes=areq.scopes,
            nonce=areq.nonce,
            code_challenge=areq.code_challenge,
            code_challenge_method=areq.code_challenge_method,
            auth_time=session.auth_time,
            session_sid=session.sid,
        ),
        provider.settings.authorization_code_ttl,
    )
    logger.info("issued authorization code to client %s", areq.client.client_id)
    return respond_to_client(
        provider,
        request,
        areq.redirect_uri,
        {"code": code},
        state=areq.state,
        response_mode=areq.response_mode,
        status_code=status_code,
    )


async def _consent_needed(areq: AuthorizationRequest, account: Account) -> bool:
    if areq.client.skip_consent:
        return False
    if "consent" in areq.prompt:
        return True
    return await consents.consent_missing(account, areq.client, areq.scopes)


async def handle(
    provider: Provider, request: Request, params: ImmutableMultiDict, status_code: int
) -> Response:
    try:
        areq = await parse_request(provider, params)
        session = await sessions.load_session(request.cookies.get(pages.SESSION_COOKIE))
        return await complete(provider, request, areq, session, status_code=status_code)
    except UntrustedRedirectError as exc:
        logger.info("authorization request rejected: %s", exc.message)
        return pages.error_page(provider, request, "Sign-in request rejected", exc.message)
    except OAuth2Error as exc:
        logger.info("authorization request failed: %s", exc.error)
        return error_response(provider, request, exc, status_code)


@router.get("/oauth/authorize")
async def authorize_get(request: Request) -> Response:
    return await handle(get_provider(request), request, request.query_params, 302)


@router.post("/oauth/authorize")
async def authorize_post(request: Request) -> Response:
    provider = get_provider(request)
    params = await pages.read_form(request)
    if params is None:
        return pages.error_page(
            provider,
            request,
            "Sign-in request rejected",
            "The request body must be an application/x-www-form-urlencoded form "
            "within the size limit.",
        )
    return await handle(provider, request, params, 303)


__all__ = [
    "PROMPT_VALUES",
    "RESPONSE_MODES",
    "RESPONSE_TYPES",
    "UI_LOCALES",
    "AuthorizationRequest",
    "UntrustedRedirectError",
    "complete",
    "consent_binding",
    "error_response",
    "login_page",
    "parse_request",
    "respond_to_client",
    "router",
]
