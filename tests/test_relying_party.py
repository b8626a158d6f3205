"""A real RP library (authlib's httpx client) signs in against a live uvicorn server."""

from __future__ import annotations

import secrets

import httpx
import pytest
from authlib.integrations.httpx_client import AsyncOAuth2Client
from authlib.oidc.core.util import create_half_hash
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.support import factories, flows
from tests.support.secrets import remember

CASES = [
    ("confidential", "client_secret_basic"),
    ("confidential", "client_secret_post"),
    ("public", "none"),
]


@pytest.mark.parametrize(("client_type", "auth_method"), CASES)
async def test_sign_in_end_to_end(live_server, client_type, auth_method):
    tenant = await factories.make_tenant("Globex")
    role = await factories.make_role(tenant, "editor")
    user = await factories.make_user(tenant, [role], name="Grace Hopper")
    registered = await factories.make_client(
        tenant, client_type=client_type, auth_method=auth_method
    )

    async with httpx.AsyncClient(base_url=live_server.base_url) as browser:
        metadata = (await browser.get("/.well-known/openid-configuration")).json()
        assert metadata["issuer"] == live_server.base_url
        assert auth_method in metadata["token_endpoint_auth_methods_supported"]

        rp = AsyncOAuth2Client(
            client_id=registered.client_id,
            client_secret=registered.secret,
            token_endpoint_auth_method=auth_method,
            scope="openid profile email tenant.read roles.read",
            redirect_uri=factories.REDIRECT_URI,
            code_challenge_method="S256",
        )
        verifier = secrets.token_urlsafe(48)
        nonce = secrets.token_urlsafe(16)
        url, state = rp.create_authorization_url(
            metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
        )

        login_page = await browser.get(url)
        assert login_page.status_code == 200
        assert "Sign in" in login_page.text
        redirect = await flows.submit_login(browser, login_page, user.email, user.password)
        assert redirect.status_code == 303
        location = redirect.headers["location"]
        assert location.startswith(factories.REDIRECT_URI + "?")
        query = flows.query_of(location)
        assert query["state"] == state
        assert query["iss"] == live_server.base_url
        remember(query["code"])

        async with rp:
            token = await rp.fetch_token(
                metadata["token_endpoint"],
                authorization_response=location,
                code_verifier=verifier,
            )
            remember(token["access_token"], token["id_token"])
            assert token["token_type"].lower() == "bearer"

            jwks = (await browser.get(metadata["jwks_uri"])).json()
            decoded = jwt.decode(token["id_token"], KeySet.import_key_set(jwks))
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": live_server.base_url},
                aud={"essential": True, "value": registered.client_id},
                exp={"essential": True},
                iat={"essential": True},
                nonce={"essential": True, "value": nonce},
            ).validate(decoded.claims)
            claims = decoded.claims
            assert decoded.header["kid"] in {key["kid"] for key in jwks["keys"]}
            assert claims["azp"] == registered.client_id
            assert claims["at_hash"] == create_half_hash(token["access_token"], "RS256").decode()
            assert isinstance(claims["auth_time"], int)
            assert claims["sub"] == str(user.account.id)
            assert claims["email"] == user.email
            assert claims["email_verified"] is True
            assert claims["name"] == "Grace Hopper"
            assert claims["tenant_id"] == str(tenant.id)
            assert claims["tenant_slug"] == tenant.slug
            assert claims["tenant_name"] == "Globex"
            assert claims["roles"] == ["editor"]

            userinfo = (await rp.get(metadata["userinfo_endpoint"])).json()
            assert userinfo["sub"] == claims["sub"]
            assert userinfo["email"] == user.email
            assert userinfo["tenant_slug"] == tenant.slug
            assert userinfo["roles"] == ["editor"]
            assert "nonce" not in userinfo
