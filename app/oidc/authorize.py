"""The authorization endpoint (RFC 6749 section 3.1, OIDC Core 1.0 section 3.1.2).

A request passes these checks in order. Until the client and its redirect URI
are verified, an error is shown on an error page; after that, errors go to the
redirect URI with ``state`` and ``iss``.

1. ``client_id`` and ``redirect_uri`` appear at most once.
2. The client exists and is enabled.
3. ``redirect_uri`` is present and exactly matches a registered one.
4. No other parameter repeats.
5. ``response_type`` is ``code``.
6. ``response_mode`` is a supported one.
7. Every scope is available in the catalog and allowed for the client.
8. PKCE: ``code_challenge_method`` is S256; a challenge is required for
   clients that must use PKCE.
9. ``prompt`` and ``max_age`` are well formed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from authlib.common.urls import add_params_to_uri
from fastapi import APIRouter, Request
from starlette.datastructures import ImmutableMultiDict
from starlette.responses import RedirectResponse, Response

from app.models import LoginSession, OAuthClient
from app.oidc import pages
from app.oidc.errors import (
    AccessDeniedError,
    InvalidRequestError,
    InvalidScopeError,
    LoginRequiredError,
    OAuth2Error,
    UnsupportedResponseTypeError,
)
from app.oidc.provider import Provider, get_provider
from app.security import pkce
from app.services import authorization, clients, clock, scopes, sessions

logger = logging.getLogger(__name__)
router = APIRouter()

RESPONSE_TYPES = ("code",)
RESPONSE_MODES = ("query",)
PROMPT_VALUES = ("none", "login")
MAX_PARAMETER_LENGTH = 2048


class UntrustedRedirectError(Exception):
    """An error about the client or redirect URI, shown only on an error page."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class AuthorizationRequest:
    params: list[tuple[str, str]]
    client: OAuthClient
    redirect_uri: str
    state: str | None
    response_mode: str
    scopes: list[str]
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    prompt: set[str]
    max_age: int | None
    login_hint: str | None


def _single(params: ImmutableMultiDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise UntrustedRedirectError(f"The parameter {name} is included more than once.")
    return values[0] if values and values[0] != "" else None


async def _load_client(params: ImmutableMultiDict) -> OAuthClient:
    client_id = _single(params, "client_id")
    if client_id is None:
        raise UntrustedRedirectError("The request has no client_id.")
    client = await clients.find_client(client_id)
    if client is None or not client.enabled:
        raise UntrustedRedirectError("The application that sent you here is unknown.")
    return client


def _check_redirect_uri(client: OAuthClient, params: ImmutableMultiDict) -> str:
    redirect_uri = _single(params, "redirect_uri")
    if redirect_uri is None:
        raise UntrustedRedirectError("The request has no redirect_uri.")
    if not clients.redirect_uri_registered(client, redirect_uri):
        raise UntrustedRedirectError(
            "The redirect_uri is not registered for this application."
        )
    return redirect_uri


def _check_response_type(values: dict[str, str]) -> None:
    response_type = values.get("response_type")
    if response_type is None:
        raise InvalidRequestError("response_type is required")
    if response_type not in RESPONSE_TYPES:
        raise UnsupportedResponseTypeError(f"response_type {response_type} is not supported")


def _check_response_mode(values: dict[str, str]) -> str:
    mode = values.get("response_mode", "query")
    if mode not in RESPONSE_MODES:
        raise InvalidRequestError(f"response_mode {mode} is not supported")
    return mode


async def _check_scope(client: OAuthClient, values: dict[str, str]) -> list[str]:
    requested = scopes.parse_scope(values.get("scope"))
    if not requested:
        raise InvalidScopeError("scope is required")
    grantable = set(await scopes.grantable_scopes())
    for scope in requested:
        if scope not in grantable:
            raise InvalidScopeError(f"scope {scope} is not available")
        if scope not in client.allowed_scopes:
            raise InvalidScopeError(f"scope {scope} is not allowed for this client")
    return requested


def _check_pkce(client: OAuthClient, values: dict[str, str]) -> tuple[str | None, str | None]:
    challenge = values.get("code_challenge")
    method = values.get("code_challenge_method")
    if challenge is None:
        if method is not None:
            raise InvalidRequestError("code_challenge_method sent without code_challenge")
        if client.require_pkce or client.client_type == "public":
            raise InvalidRequestError("code_challenge is required for this client")
        return None, None
    if method is None:
        # RFC 7636 section 4.3 makes a missing method mean plain, which
        # this provider does not accept.
        raise InvalidRequestError("code_challenge_method S256 is required")
    if method not in pkce.SUPPORTED_METHODS:
        raise InvalidRequestError("code_challenge_method must be S256")
    if not pkce.is_valid_challenge(challenge):
        raise InvalidRequestError("code_challenge is malformed")
    return challenge, method


def _check_prompt(values: dict[str, str]) -> tuple[set[str], int | None]:
    prompt = set(values.get("prompt", "").split())
    unknown = prompt - set(PROMPT_VALUES)
    if unknown:
        raise InvalidRequestError(f"prompt value {sorted(unknown)[0]} is not supported")
    if "none" in prompt and len(prompt) > 1:
        raise InvalidRequestError("prompt none cannot be combined with other values")
    max_age = None
    if "max_age" in values:
        raw = values["max_age"]
        if not raw.isdigit():
            raise InvalidRequestError("max_age must be a non-negative integer")
        max_age = int(raw)
    return prompt, max_age


async def parse_request(params: ImmutableMultiDict) -> AuthorizationRequest:
    """Run the checks in the module docstring's order.

    Raises ``UntrustedRedirectError`` before the redirect URI is verified and
    an ``OAuth2Error`` carrying ``redirect_uri`` and ``state`` after.
    """
    client = await _load_client(params)
    redirect_uri = _check_redirect_uri(client, params)
    raw_state = params.getlist("state")
    state = raw_state[0] if len(raw_state) == 1 and raw_state[0] else None
    try:
        values: dict[str, str] = {}
        for key in params.keys():
            items = params.getlist(key)
            if len(items) > 1:
                raise InvalidRequestError(f"parameter {key} is included more than once")
            if len(items[0]) > MAX_PARAMETER_LENGTH:
                raise InvalidRequestError(f"parameter {key} is too long")
            if items[0] != "":
                values[key] = items[0]
        _check_response_type(values)
        response_mode = _check_response_mode(values)
        requested_scopes = await _check_scope(client, values)
        challenge, method = _check_pkce(client, values)
        prompt, max_age = _check_prompt(values)
    except OAuth2Error as exc:
        exc.redirect_uri = redirect_uri
        exc.state = state
        raise
    return AuthorizationRequest(
        params=list(params.multi_items()),
        client=client,
        redirect_uri=redirect_uri,
        state=state,
        response_mode=response_mode,
        scopes=requested_scopes,
        nonce=values.get("nonce"),
        code_challenge=challenge,
        code_challenge_method=method,
        prompt=prompt,
        max_age=max_age,
        login_hint=values.get("login_hint"),
    )


def redirect_to_client(
    provider: Provider,
    redirect_uri: str,
    params: dict[str, str],
    state: str | None,
    status_code: int,
) -> Response:
    """Send an authorization response with ``state`` and ``iss`` (RFC 9207)."""
    body = list(params.items())
    if state is not None:
        body.append(("state", state))
    body.append(("iss", provider.settings.issuer))
    location = add_params_to_uri(redirect_uri, body)
    return RedirectResponse(location, status_code=status_code, headers={"Cache-Control": "no-store"})


def error_redirect(provider: Provider, exc: OAuth2Error, status_code: int) -> Response:
    params = {"error": exc.error}
    if exc.description:
        params["error_description"] = exc.description
    return redirect_to_client(provider, exc.redirect_uri, params, exc.state, status_code)


def _needs_login(
    areq: AuthorizationRequest, session: LoginSession | None, fresh_login: bool
) -> bool:
    if session is None:
        return True
    if fresh_login:
        return False
    if "login" in areq.prompt:
        return True
    if areq.max_age is not None:
        age = clock.now() - session.auth_time
        return age > timedelta(seconds=areq.max_age)
    return False


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
            "authorization_request": urlencode(areq.params),
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


async def complete(
    provider: Provider,
    request: Request,
    areq: AuthorizationRequest,
    session: LoginSession | None,
    *,
    fresh_login: bool,
    status_code: int,
) -> Response:
    """Finish a valid request: ask for login, deny, or issue a code."""
    if _needs_login(areq, session, fresh_login):
        if "none" in areq.prompt:
            raise LoginRequiredError(
                "the user is not signed in", redirect_uri=areq.redirect_uri, state=areq.state
            )
        return await login_page(provider, request, areq)
    assert session is not None
    account = session.account
    denial = await authorization.sign_in_denial(account, areq.client)
    if denial is not None:
        logger.info(
            "sign-in of account %s to client %s denied: %s",
            account.id,
            areq.client.client_id,
            denial,
        )
        raise AccessDeniedError(
            "the user may not sign in to this application",
            redirect_uri=areq.redirect_uri,
            state=areq.state,
        )
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
    return redirect_to_client(
        provider, areq.redirect_uri, {"code": code}, areq.state, status_code
    )


async def handle(
    provider: Provider, request: Request, params: ImmutableMultiDict, status_code: int
) -> Response:
    try:
        areq = await parse_request(params)
        session = await sessions.load_session(request.cookies.get(pages.SESSION_COOKIE))
        return await complete(
            provider, request, areq, session, fresh_login=False, status_code=status_code
        )
    except UntrustedRedirectError as exc:
        logger.info("authorization request rejected: %s", exc.message)
        return pages.error_page(provider, request, "Sign-in request rejected", exc.message)
    except OAuth2Error as exc:
        logger.info("authorization request failed: %s", exc.error)
        return error_redirect(provider, exc, status_code)


@router.get("/oauth/authorize")
async def authorize_get(request: Request) -> Response:
    return await handle(get_provider(request), request, request.query_params, 302)


@router.post("/oauth/authorize")
async def authorize_post(request: Request) -> Response:
    provider = get_provider(request)
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip()
    if content_type.lower() != "application/x-www-form-urlencoded":
        return pages.error_page(
            provider,
            request,
            "Sign-in request rejected",
            "The request body must be application/x-www-form-urlencoded.",
        )
    form = await request.form()
    params = ImmutableMultiDict([(k, v) for k, v in form.multi_items() if isinstance(v, str)])
    return await handle(provider, request, params, 303)
