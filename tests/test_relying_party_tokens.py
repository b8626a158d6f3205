"""authlib's httpx client refreshes, revokes and introspects against a live server."""

from __future__ import annotations

import secrets

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from joserfc.jwk import RSAKey

from tests.support import factories, flows
from tests.support.secrets import remember

SCOPE = "openid profile email tenant.read roles.read"


async def test_refresh_and_revoke_end_to_end(live_server):
    tenant = await factories.make_tenant("Initech")
    user = await factories.make_user(tenant, name="Peter Gibbons")
    registered = await factories.make_client(
        tenant, grant_types=["authorization_code", "refresh_token"]
    )

    async with httpx.AsyncClient(base_url=live_server.base_url) as browser:
        metadata = (await browser.get("/.well-known/oauth-authorization-server")).json()
        assert "refresh_token" in metadata["grant_types_supported"]
        rp = AsyncOAuth2Client(
            client_id=registered.client_id,
            client_secret=registered.secret,
            scope=SCOPE,
            redirect_uri=factories.REDIRECT_URI,
            code_challenge_method="S256",
        )
        verifier = secrets.token_urlsafe(48)
        remember(verifier)
        url, _ = rp.create_authorization_url(
            metadata["authorization_endpoint"], code_verifier=verifier
        )
        login_page = await browser.get(url)
        redirect = await flows.submit_login(browser, login_page, user.email, user.password)
        location = redirect.headers["location"]
        remember(flows.query_of(location)["code"])

        async with rp:
            first = await rp.fetch_token(
                metadata["token_endpoint"],
                authorization_response=location,
                code_verifier=verifier,
            )
            remember(first["access_token"], first["refresh_token"], first["id_token"])

            second = await rp.refresh_token(
                metadata["token_endpoint"], refresh_token=first["refresh_token"]
            )
            remember(second["access_token"], second["refresh_token"], second["id_token"])
            assert second["refresh_token"] != first["refresh_token"]

            described = await rp.introspect_token(
                metadata["introspection_endpoint"], token=second["access_token"]
            )
            assert described.status_code == 200
            assert described.json()["active"] is True
            assert described.json()["sub"] == str(user.account.id)

            revoked = await rp.revoke_token(
                metadata["revocation_endpoint"],
                token=second["refresh_token"],
                token_type_hint="refresh_token",
            )
            assert revoked.status_code == 200
            after = await rp.introspect_token(
                metadata["introspection_endpoint"], token=second["access_token"]
            )
            assert after.json() == {"active": False}


async def test_private_key_jwt_end_to_end(live_server):
    key = RSAKey.generate_key(2048, private=True)
    tenant = await factories.make_tenant("Hooli")
    registered = await factories.make_client(
        tenant,
        auth_method="private_key_jwt",
        grant_types=["client_credentials"],
        jwks={"keys": [key.as_dict(private=False, kid=key.thumbprint())]},
    )
    async with httpx.AsyncClient(base_url=live_server.base_url) as anonymous:
        metadata = (await anonymous.get("/.well-known/openid-configuration")).json()
    assert "private_key_jwt" in metadata["token_endpoint_auth_methods_supported"]

    token_endpoint = metadata["token_endpoint"]
    rp = AsyncOAuth2Client(
        client_id=registered.client_id,
        client_secret=key.as_dict(private=True, kid=key.thumbprint()),
        token_endpoint_auth_method=PrivateKeyJWT(token_endpoint),
    )
    async with rp:
        token = await rp.fetch_token(token_endpoint, grant_type="client_credentials")
        remember(token["access_token"])
        assert token["scope"] == "tenant.read"
        assert "id_token" not in token
