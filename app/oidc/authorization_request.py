"""Checks of an authorization request (RFC 6749 section 4.1.1, OIDC Core 1.0 section 3.1.2.1).

A request passes these checks in order. Until the client and its redirect URI
are verified, an error is shown on an error page. After that, errors go to
the redirect URI with ``state`` and ``iss``.

1. ``client_id`` and ``redirect_uri`` appear at most once.
2. The client exists and is enabled.
3. ``redirect_uri`` is present and matches a registered one exactly, or on
   any port for a native client's loopback IP redirect (RFC 8252 section 7.3).
4. No other parameter repeats or is too long.
5. ``response_mode`` is ``query`` or ``form_post``; later errors use it.
   ``request`` and ``request_uri`` are rejected as unsupported.
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
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.datastructures import ImmutableMultiDict

from app.oidc.errors import (
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Error,
    RequestNotSupportedError,
    RequestURINotSupportedError,
    UnsupportedResponseTypeError,
    printable,
)
from app.oidc.params import MAX_PARAMETER_LENGTH, single_values
from app.oidc.provider import Provider
from app.security import pkce
from app.services import clients, scopes, tokens

if TYPE_CHECKING:
    from app.models import OAuthClient

RESPONSE_TYPES = ("code",)
RESPONSE_MODES = ("query", "form_post")
# select_account is treated as login. A browser has one session, so
# choosing an account means signing in with it.
PROMPT_VALUES = ("none", "login", "consent", "select_account")
UI_LOCALES = ("en",)
# Ten digits allow over 300 years in seconds and keep timedelta in range.
MAX_AGE_DIGITS = 10


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
        raise UnsupportedResponseTypeError(printable(response_type))


def _check_response_mode(values: dict[str, str]) -> str:
    mode = values.get("response_mode", "query")
    if mode not in RESPONSE_MODES:
        raise InvalidRequestError(f"response_mode {printable(mode)} is not supported")
    return mode


async def _check_scope(client: OAuthClient, values: dict[str, str]) -> list[str]:
    requested = scopes.parse_scope(values.get("scope"))
    if not requested:
        raise InvalidScopeError("scope is required")
    grantable = set(await scopes.grantable_scopes())
    for scope in requested:
        if scope not in grantable:
            raise InvalidScopeError(f"scope {printable(scope)} is not available")
        if scope not in client.allowed_scopes:
            raise InvalidScopeError(f"scope {printable(scope)} is not allowed for this client")
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


def _check_request_objects(values: dict[str, str]) -> None:
    # OIDC Core 1.0 section 6: a provider without request object support
    # returns these errors instead of ignoring the parameters.
    if "request" in values:
        raise RequestNotSupportedError("request objects are not supported")
    if "request_uri" in values:
        raise RequestURINotSupportedError("request_uri is not supported")


def _check_prompt(values: dict[str, str]) -> tuple[set[str], int | None]:
    prompt = set(values.get("prompt", "").split(" ")) - {""}
    unknown = prompt - set(PROMPT_VALUES)
    if unknown:
        raise InvalidRequestError(f"prompt value {printable(sorted(unknown)[0])} is not supported")
    if "none" in prompt and len(prompt) > 1:
        raise InvalidRequestError("prompt none cannot be combined with other values")
    max_age = None
    if "max_age" in values:
        raw = values["max_age"]
        # isdigit() alone accepts non-ASCII digits such as "²" that int() rejects.
        if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_AGE_DIGITS:
            raise InvalidRequestError(
                f"max_age must be an integer from 0 to {10**MAX_AGE_DIGITS - 1}"
            )
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
        values = single_values(params, limit_lengths=True)
        response_mode = _check_response_mode(values)
        _check_request_objects(values)
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
