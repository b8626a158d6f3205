"""The demo relying party: sign in with Ringnity and show the verified claims.

It talks to the provider over HTTP at the issuer URL, as any external app
would, through authlib's OAuth 2 client.
"""

from __future__ import annotations

import json
import logging
import secrets
import warnings
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.templating import Jinja2Templates
from authlib.integrations.base_client.errors import OAuthError
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from starlette.responses import RedirectResponse, Response

from app.demo.setup import load_credentials
from app.oidc.pages import security_headers
from app.oidc.provider import get_provider
from app.security.tokens import constant_time_equals, sign
from app.services import keys

with warnings.catch_warnings():
    # authlib 1.9 prefers the httpx2 package and warns when it uses httpx.
    warnings.simplefilter("ignore", DeprecationWarning)
    from authlib.integrations.httpx_client import AsyncOAuth2Client

logger = logging.getLogger(__name__)
router = APIRouter()
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

STATE_COOKIE = "rgn_demo_rp"
SCOPE = "openid profile email tenant.read roles.read"


def _page(request: Request, context: dict[str, Any], status_code: int = 200) -> Response:
    response = templates.TemplateResponse(request, "demo.html", context, status_code=status_code)
    response.headers.update(security_headers())
    return response


def _client(request: Request) -> AsyncOAuth2Client:
    settings = get_provider(request).settings
    credentials = load_credentials(settings)
    if credentials is None:
        raise RuntimeError("demo client credentials are missing; restart with --demo")
    return AsyncOAuth2Client(
        client_id=credentials.client_id,
        client_secret=credentials.client_secret,
        token_endpoint_auth_method="client_secret_basic",
        scope=SCOPE,
        redirect_uri=settings.issuer + "/demo/callback",
        code_challenge_method="S256",
    )


def _redirect_to_issuer_host(request: Request) -> Response | None:
    """Move the browser to the issuer's host, where the callback will arrive.

    The demo's state cookie is set for the host in the address bar, so
    starting at http://localhost:8000 while the callback goes to
    http://127.0.0.1:8000 would lose it.
    """
    issuer = urlsplit(get_provider(request).settings.issuer)
    if request.url.netloc == issuer.netloc:
        return None
    return RedirectResponse(f"{issuer.scheme}://{issuer.netloc}{request.url.path}", 302)


@router.get("/demo")
async def demo_home(request: Request) -> Response:
    return _redirect_to_issuer_host(request) or _page(request, {"stage": "start"})


@router.get("/demo/login")
async def demo_login(request: Request) -> Response:
    moved = _redirect_to_issuer_host(request)
    if moved is not None:
        return moved
    provider = get_provider(request)
    state = secrets.token_urlsafe(24)
    nonce = secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(48)
    async with _client(request) as client:
        url, _ = client.create_authorization_url(
            provider.url("/oauth/authorize"), state=state, nonce=nonce, code_verifier=verifier
        )
    payload = json.dumps({"state": state, "nonce": nonce, "verifier": verifier})
    signature = sign(await keys.server_secret("demo"), payload)
    response = RedirectResponse(url, status_code=302)
    response.set_cookie(
        STATE_COOKIE,
        f"{signature}.{payload}",
        max_age=600,
        httponly=True,
        samesite="lax",
        secure=provider.settings.secure_cookies,
        path="/demo",
    )
    return response


async def _verify_id_token(
    http: httpx.AsyncClient, issuer: str, client_id: str, id_token: str, nonce: str
) -> dict[str, Any]:
    configuration = (await http.get(issuer + "/.well-known/openid-configuration")).json()
    jwks = (await http.get(configuration["jwks_uri"])).json()
    token = jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=["RS256"])
    registry = jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": client_id},
        exp={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    registry.validate(token.claims)
    return dict(token.claims)


async def _check_callback(request: Request, issuer: str) -> dict[str, str] | str:
    """Return the saved state, nonce and verifier, or an error message."""
    params = request.query_params
    raw = request.cookies.get(STATE_COOKIE, "")
    signature, _, payload = raw.partition(".")
    if not payload:
        return "The demo sign-in expired; start again."
    expected = sign(await keys.server_secret("demo"), payload)
    if not constant_time_equals(signature, expected):
        return "The demo sign-in expired; start again."
    saved = json.loads(payload)
    if not constant_time_equals(params.get("state", ""), saved["state"]):
        return "state does not match"
    if "error" in params:
        description = params.get("error_description")
        return params["error"] + (f": {description}" if description else "")
    if params.get("iss") != issuer:
        return "iss does not match the issuer"
    return saved


@router.get("/demo/callback")
async def demo_callback(request: Request) -> Response:
    provider = get_provider(request)
    issuer = provider.settings.issuer
    saved = await _check_callback(request, issuer)
    if isinstance(saved, str):
        return _page(request, {"stage": "error", "message": saved}, status_code=400)

    try:
        async with _client(request) as client:
            token = await client.fetch_token(
                provider.url("/oauth/token"),
                grant_type="authorization_code",
                code=request.query_params.get("code", ""),
                code_verifier=saved["verifier"],
            )
            claims = await _verify_id_token(
                client, issuer, client.client_id, token["id_token"], saved["nonce"]
            )
            userinfo = (await client.get(provider.url("/oauth/userinfo"))).json()
    except (OAuthError, JoseError, KeyError, httpx.HTTPError, ValueError) as exc:
        logger.warning("demo sign-in failed: %s", type(exc).__name__)
        message = "The code exchange failed."
        return _page(request, {"stage": "error", "message": message}, status_code=502)

    context = {
        "stage": "done",
        "id_token_claims": json.dumps(claims, indent=2, sort_keys=True),
        "userinfo": json.dumps(userinfo, indent=2, sort_keys=True),
    }
    response = _page(request, context)
    response.delete_cookie(STATE_COOKIE, path="/demo")
    return response
