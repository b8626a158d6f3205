"""OAuth 2.0 Authorization Server Metadata (RFC 8414).

The document is the OpenID Connect discovery document restricted to the
members that RFC 8414 section 2 defines, so both always agree.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.oidc.discovery import openid_configuration
from app.oidc.provider import get_provider

router = APIRouter()

RFC8414_MEMBERS = (
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "registration_endpoint",
    "scopes_supported",
    "response_types_supported",
    "response_modes_supported",
    "grant_types_supported",
    "token_endpoint_auth_methods_supported",
    "token_endpoint_auth_signing_alg_values_supported",
    "service_documentation",
    "ui_locales_supported",
    "op_policy_uri",
    "op_tos_uri",
    "revocation_endpoint",
    "revocation_endpoint_auth_methods_supported",
    "revocation_endpoint_auth_signing_alg_values_supported",
    "introspection_endpoint",
    "introspection_endpoint_auth_methods_supported",
    "introspection_endpoint_auth_signing_alg_values_supported",
    "code_challenge_methods_supported",
    # RFC 9207 section 3 registers this member for RFC 8414 metadata too.
    "authorization_response_iss_parameter_supported",
)


@router.get("/.well-known/oauth-authorization-server")
async def server_metadata_endpoint(request: Request) -> JSONResponse:
    document = await openid_configuration(get_provider(request))
    metadata = {name: document[name] for name in RFC8414_MEMBERS if name in document}
    return JSONResponse(metadata, headers={"Cache-Control": "public, max-age=300"})
