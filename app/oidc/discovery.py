"""OpenID Connect Discovery 1.0 and the JWK Set document."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.oidc import authorize
from app.oidc.grants import GRANT_HANDLERS
from app.oidc.provider import Provider, get_provider
from app.security import jose
from app.services import scopes
from app.services.claims import PROFILE_CLAIMS
from app.services.clients import CONFIDENTIAL_AUTH_METHODS, PUBLIC_AUTH_METHODS

router = APIRouter()

TOKEN_ENDPOINT_AUTH_METHODS = [*CONFIDENTIAL_AUTH_METHODS, *PUBLIC_AUTH_METHODS]
CLAIMS_SUPPORTED = [
    "sub",
    "iss",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "nonce",
    "at_hash",
    "azp",
    "sid",
    *PROFILE_CLAIMS,
    "updated_at",
    "email",
    "email_verified",
    "tenant_id",
    "tenant_slug",
    "tenant_name",
    "roles",
]


async def openid_configuration(provider: Provider) -> dict[str, Any]:
    return {
        "issuer": provider.settings.issuer,
        "authorization_endpoint": provider.url("/oauth/authorize"),
        "token_endpoint": provider.url("/oauth/token"),
        "userinfo_endpoint": provider.url("/oauth/userinfo"),
        "jwks_uri": provider.url("/oauth/jwks.json"),
        "scopes_supported": await scopes.grantable_scopes(),
        "response_types_supported": list(authorize.RESPONSE_TYPES),
        "response_modes_supported": list(authorize.RESPONSE_MODES),
        "grant_types_supported": list(GRANT_HANDLERS),
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [jose.SIGNING_ALG],
        "token_endpoint_auth_methods_supported": TOKEN_ENDPOINT_AUTH_METHODS,
        "token_endpoint_auth_signing_alg_values_supported": list(
            jose.CLIENT_ASSERTION_ALGS
        ),
        "revocation_endpoint": provider.url("/oauth/revoke"),
        "revocation_endpoint_auth_methods_supported": TOKEN_ENDPOINT_AUTH_METHODS,
        "introspection_endpoint": provider.url("/oauth/introspect"),
        "introspection_endpoint_auth_methods_supported": list(CONFIDENTIAL_AUTH_METHODS),
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": CLAIMS_SUPPORTED,
        "claims_parameter_supported": False,
        "request_parameter_supported": False,
        "request_uri_parameter_supported": False,
        "authorization_response_iss_parameter_supported": True,
        "prompt_values_supported": list(authorize.PROMPT_VALUES),
        "ui_locales_supported": list(authorize.UI_LOCALES),
        "end_session_endpoint": provider.url("/oauth/logout"),
        "backchannel_logout_supported": True,
        "backchannel_logout_session_supported": True,
    }


@router.get("/.well-known/openid-configuration")
async def discovery_endpoint(request: Request) -> JSONResponse:
    document = await openid_configuration(get_provider(request))
    return JSONResponse(document, headers={"Cache-Control": "public, max-age=300"})


@router.get("/oauth/jwks.json")
async def jwks_endpoint(request: Request) -> JSONResponse:
    keys = await get_provider(request).keys.published_jwks()
    return JSONResponse({"keys": keys}, headers={"Cache-Control": "public, max-age=300"})
