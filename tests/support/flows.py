"""Browser-like steps of the sign-in flow, driven over an httpx client."""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from tests.support.secrets import remember  # noqa: F401  (re-exported for tests)


@dataclass
class Pkce:
    verifier: str
    challenge: str


def new_pkce() -> Pkce:
    verifier = secrets.token_urlsafe(48)
    remember(verifier)
    return Pkce(verifier, create_s256_code_challenge(verifier))


def authorize_params(client_id: str, redirect_uri: str, **extra: str) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": "openid profile email tenant.read roles.read",
        "state": "st-" + secrets.token_urlsafe(8),
        "nonce": "n-" + secrets.token_urlsafe(8),
    }
    params.update(extra)
    return {key: value for key, value in params.items() if value is not None}


def form_fields(
    page: str, names: tuple[str, ...] = ("csrf_token", "authorization_request")
) -> dict[str, str]:
    """Return the hidden fields of the login form in an HTML page."""
    fields = {}
    for name in names:
        match = re.search(rf'name="{name}" value="([^"]*)"', page)
        assert match, f"login form has no {name} field"
        fields[name] = html.unescape(match.group(1))
    return fields


def query_of(location: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


async def submit_login(
    http: httpx.AsyncClient, login_page: httpx.Response, email: str, password: str
) -> httpx.Response:
    fields = form_fields(login_page.text)
    return await http.post(
        "/oauth/authorize/login",
        data={**fields, "email": email, "password": password},
    )


async def sign_in(
    http: httpx.AsyncClient, params: dict[str, str], email: str, password: str
) -> httpx.Response:
    """Open the authorization URL, submit the login form, return the final response."""
    page = await http.get("/oauth/authorize?" + urlencode(params))
    assert page.status_code == 200, page.text
    return await submit_login(http, page, email, password)


async def obtain_code(
    http: httpx.AsyncClient,
    params: dict[str, str],
    email: str,
    password: str,
    *,
    approve_consent: bool = True,
) -> str:
    """Sign in and return the code, approving a consent page unless ``approve_consent`` is False."""
    response = await sign_in(http, params, email, password)
    if approve_consent and 'name="consent_binding"' in response.text:
        response = await submit_consent(http, response, "allow")
    assert response.status_code == 303, response.text
    query = query_of(response.headers["location"])
    assert "code" in query, query
    remember(query["code"])
    return query["code"]


async def token_request(
    http: httpx.AsyncClient, client_id: str, secret: str | None, **form: str
) -> httpx.Response:
    """POST to the token endpoint, authenticating with Basic when a secret is given."""
    if secret is None:
        return await http.post("/oauth/token", data={"client_id": client_id, **form})
    return await http.post("/oauth/token", data=form, auth=(client_id, secret))


async def sign_in_tokens(
    http: httpx.AsyncClient,
    client_id: str,
    secret: str | None,
    email: str,
    password: str,
    scope: str = "openid profile email tenant.read roles.read",
) -> dict:
    """Sign in with a fresh browser session and exchange the code; return the tokens."""
    http.cookies.clear()
    pkce = new_pkce()
    params = authorize_params(
        client_id,
        "https://rp.example.com/callback",
        scope=scope,
        code_challenge=pkce.challenge,
        code_challenge_method="S256",
    )
    code = await obtain_code(http, params, email, password)
    response = await token_request(
        http,
        client_id,
        secret,
        grant_type="authorization_code",
        code=code,
        redirect_uri=params["redirect_uri"],
        code_verifier=pkce.verifier,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    remember(body.get("access_token"), body.get("refresh_token"), body.get("id_token"))
    return body


CONSENT_FIELDS = ("csrf_token", "authorization_request", "consent_binding")


async def submit_consent(
    http: httpx.AsyncClient, consent_page: httpx.Response, decision: str
) -> httpx.Response:
    fields = form_fields(consent_page.text, CONSENT_FIELDS)
    return await http.post(
        "/oauth/authorize/consent", data={**fields, "decision": decision}
    )


async def exchange_code(
    http: httpx.AsyncClient,
    client_id: str,
    secret: str | None,
    code: str,
    redirect_uri: str,
    verifier: str | None = None,
) -> dict:
    """Redeem a code at the token endpoint; return the token response."""
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    if verifier is not None:
        data["code_verifier"] = verifier
    auth = (client_id, secret) if secret is not None else None
    if auth is None:
        data["client_id"] = client_id
    response = await http.post("/oauth/token", data=data, auth=auth)
    assert response.status_code == 200, response.text
    body = response.json()
    remember(body.get("access_token"), body.get("id_token"))
    return body


async def expired_id_token(app, client, account, ttl_seconds: int = -60) -> str:
    """Return an ID token of ``client`` for ``account`` that expired ``-ttl_seconds`` ago."""
    from app.services import tokens

    token = await tokens.issue_id_token(
        tokens.IdTokenRequest(
            issuer="http://testserver",
            client=client,
            account=account,
            tenant=client.tenant,
            scopes=["openid"],
            auth_time=None,
            nonce=None,
            access_token=None,
            session_sid=None,
            ttl_seconds=ttl_seconds,
        ),
        app.state.provider.keys,
    )
    remember(token)
    return token
