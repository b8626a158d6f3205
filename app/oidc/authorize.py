"""The authorization endpoint (RFC 6749 section 3.1, OIDC Core 1.0 section 3.1.2).

A request passes these checks in order. Until the client and its redirect URI
are verified, an error is shown on an error page; after that, errors go to the
redirect URI with ``state`` and ``iss``.

1. ``client_id`` and ``redirect_uri`` appear at most once.
2. The client exists and is enabled.
3. ``redirect_uri`` is present and matches a registered one exactly, or on
   any port for a native client's loopback IP redirect (RFC 8252 section 7.3).
4. No other parameter repeats or is too long.
5. ``response_mode`` is ``query`` or ``form_post``; later errors use it.
6. ``response_type`` is ``code``.
7. Every scope is available in the catalog and allowed for the client.
8. PKCE: ``code_challenge_method`` is S256; a challenge is required for
   clients that must use PKCE.
9. ``prompt`` and ``max_age`` are well formed.
10. ``id_token_hint``, when present, is an ID token this provider issued to
    this client; an expired one is accepted.

``login_hint`` prefills the email field. ``ui_locales`` is accepted, and the
pages stay in English, the only locale they have. Unknown parameters are
ignored (OIDC Core 1.0 section 3.1.2.1).

A valid request then passes these steps in order (``complete``):

1. Sign-in: without a session, with ``prompt=login`` or ``select_account``,
   with a session older than ``max_age``, or with a session of another user
   than ``id_token_hint`` names, the sign-in form is shown, or with
   ``prompt=none`` the error is ``login_required``.
2. The account may sign in to the client, else ``access_denied``.
3. Consent: unless the client skips consent, the consent page is shown when
   the account has not approved every requested scope or the request has
   ``prompt=consent``; with ``prompt=none`` the error is ``consent_required``.
4. A code is issued and returned by the response mode.

No step asks for any other interaction, so ``interaction_required`` is
never returned.
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

from app.models import Account, LoginSession, OAuthClient
from app.oidc import pages
from app.oidc.errors import (
    AccessDeniedError,
    ConsentRequiredError,
    InvalidRequestError,
    InvalidScopeError,
    LoginRequiredError,
    OAuth2Error,
    UnsupportedResponseTypeError,
)
from app.oidc.provider import Provider, get_provider
from app.security import pkce
from app.security.tokens import sign
from app.services import (
    authorization,
    clients,
    clock,
    consents,
    keys,
    scopes,
    sessions,
    tokens,
)

logger = logging.getLogger(__name__)
router = APIRouter()

RESPONSE_TYPES = ("code",)
RESPONSE_MODES = ("query", "form_post")
# select_account is treated as login. A browser has one session, so
# choosing an account means signing in with it.
PROMPT_VALUES = ("none", "login", "consent", "select_account")
UI_LOCALES = ("en",)
MAX_PARAMETER_LENGTH = 2048
# ID tokens with many claims are longer than other parameters.
MAX_PARAMETER_LENGTHS = {"id_token_hint": tokens.MAX_ID_TOKEN_LENGTH}
CONSENT_SECRET_NAME = "consent"
WRONG_ACCOUNT = (
    "The application asked for a different account. Sign in with the account "
    "you used before with this application."
)


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
    # The ``sub`` of the account that ``id_token_hint`` names.
    hinted_sub: str | None = None

    @property
    def encoded(self) -> str:
        """The request as a query string, carried through the login and consent forms."""
        return urlencode(self.params)


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
    if len(redirect_uri) > MAX_PARAMETER_LENGTH or not clients.redirect_uri_registered(
        client, redirect_uri
    ):
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
    prompt = set(values.get("prompt", "").split(" ")) - {""}
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


async def _check_id_token_hint(
    provider: Provider, client: OAuthClient, values: dict[str, str]
) -> str | None:
    hint = values.get("id_token_hint")
    if hint is None:
        return None
    claims = await tokens.read_issued_id_token(hint, provider.settings.issuer, provider.keys)
    if claims is None:
        raise InvalidRequestError("id_token_hint is not an ID token issued by this provider")
    if client.client_id not in tokens.audiences(claims):
        raise InvalidRequestError("id_token_hint was issued to another client")
    return claims["sub"]


def _single_values(params: ImmutableMultiDict) -> dict[str, str]:
    values: dict[str, str] = {}
    for key in params.keys():
        items = params.getlist(key)
        if len(items) > 1:
            raise InvalidRequestError(f"parameter {key} is included more than once")
        if len(items[0]) > MAX_PARAMETER_LENGTHS.get(key, MAX_PARAMETER_LENGTH):
            raise InvalidRequestError(f"parameter {key} is too long")
        if items[0] != "":
            values[key] = items[0]
    return values


async def parse_request(provider: Provider, params: ImmutableMultiDict) -> AuthorizationRequest:
    """Run the checks in the module docstring's order.

    Raises ``UntrustedRedirectError`` before the redirect URI is verified and
    an ``OAuth2Error`` carrying ``redirect_uri``, ``state`` and
    ``response_mode`` after.
    """
    client = await _load_client(params)
    redirect_uri = _check_redirect_uri(client, params)
    raw_state = params.getlist("state")
    state = raw_state[0] if len(raw_state) == 1 and raw_state[0] else None
    response_mode = "query"
    try:
        values = _single_values(params)
        response_mode = _check_response_mode(values)
        _check_response_type(values)
        requested_scopes = await _check_scope(client, values)
        challenge, method = _check_pkce(client, values)
        prompt, max_age = _check_prompt(values)
        hinted_sub = await _check_id_token_hint(provider, client, values)
    except OAuth2Error as exc:
        exc.redirect_uri = redirect_uri
        exc.state = state
        exc.response_mode = response_mode
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
        hinted_sub=hinted_sub,
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
    if exc.description:
        params["error_description"] = exc.description
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
    """Return an HMAC that ties a consent form to one session and one request.

    The consent page is shown only after the sign-in step passed for this
    session and request, so a submission that carries the binding may skip
    that step, and an edited request in the form fails the check.
    """
    secret = await keys.server_secret(CONSENT_SECRET_NAME)
    return sign(secret, f"{session.sid}\n{encoded_request}")


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
    denial = await authorization.sign_in_denial(account, areq.client)
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
