"""CORS for registered origins on the token-side endpoints, never on authorize."""

from __future__ import annotations

import pytest

from tests.support import factories, flows
from tests.support.secrets import remember

APP_ORIGIN = "https://app.example.com"
OTHER_ORIGIN = "https://evil.example.net"


async def _spa_client():
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(
        tenant,
        client_type="public",
        grant_types=["authorization_code", "refresh_token"],
        cors_origins=[APP_ORIGIN],
    )
    return user, client


async def _refresh_from(http, client, refresh_token, origin):
    response = await http.post(
        "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "client_id": client.client_id,
            "refresh_token": refresh_token,
        },
        headers={"Origin": origin},
    )
    remember(response.json().get("access_token"), response.json().get("refresh_token"))
    return response


async def test_token_registered_origin(http):
    user, client = await _spa_client()
    tokens = await flows.sign_in_tokens(http, client.client_id, None, user.email, user.password)
    response = await _refresh_from(http, client, tokens["refresh_token"], APP_ORIGIN)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "Origin" in response.headers["vary"]
    assert "access-control-allow-credentials" not in response.headers


async def test_token_error_registered_origin(http):
    _, client = await _spa_client()
    response = await _refresh_from(http, client, "rgn_rt_unknown", APP_ORIGIN)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


async def test_token_unregistered_origin(http):
    user, client = await _spa_client()
    tokens = await flows.sign_in_tokens(http, client.client_id, None, user.email, user.password)
    response = await _refresh_from(http, client, tokens["refresh_token"], OTHER_ORIGIN)
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


async def test_userinfo_registered_origin(http):
    user, client = await _spa_client()
    tokens = await flows.sign_in_tokens(http, client.client_id, None, user.email, user.password)
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    allowed = await http.get("/oauth/userinfo", headers={**headers, "Origin": APP_ORIGIN})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == APP_ORIGIN
    assert allowed.headers["access-control-expose-headers"] == "WWW-Authenticate"
    other = await http.get("/oauth/userinfo", headers={**headers, "Origin": OTHER_ORIGIN})
    assert "access-control-allow-origin" not in other.headers


async def test_revoke_registered_origin(http):
    user, client = await _spa_client()
    tokens = await flows.sign_in_tokens(http, client.client_id, None, user.email, user.password)
    response = await http.post(
        "/oauth/revoke",
        data={"client_id": client.client_id, "token": tokens["refresh_token"]},
        headers={"Origin": APP_ORIGIN},
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


async def test_introspect_registered_origin(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(
        tenant, grant_types=["client_credentials"], cors_origins=[APP_ORIGIN]
    )
    response = await http.post(
        "/oauth/introspect",
        data={"token": "rgn_at_unknown"},
        auth=(client.client_id, client.secret),
        headers={"Origin": APP_ORIGIN},
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/oauth/token", "POST"),
        ("/oauth/userinfo", "GET"),
        ("/oauth/revoke", "POST"),
        ("/oauth/introspect", "POST"),
    ],
)
async def test_preflight_client_endpoints(http, path, method):
    response = await http.options(
        path,
        headers={
            "Origin": APP_ORIGIN,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    assert method in response.headers["access-control-allow-methods"]
    assert "Authorization" in response.headers["access-control-allow-headers"]
    assert "access-control-allow-credentials" not in response.headers


@pytest.mark.parametrize(
    "path",
    [
        "/.well-known/openid-configuration",
        "/.well-known/oauth-authorization-server",
        "/oauth/jwks.json",
    ],
)
async def test_public_documents_any_origin(http, path):
    response = await http.get(path, headers={"Origin": OTHER_ORIGIN})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = await http.options(
        path, headers={"Origin": OTHER_ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    # Cacheable documents carry the header whether or not Origin was sent.
    plain = await http.get(path)
    assert plain.headers["access-control-allow-origin"] == "*"


async def test_authorize_has_no_cors(http):
    _, client = await _spa_client()
    pkce = flows.new_pkce()
    params = flows.authorize_params(
        client.client_id,
        factories.REDIRECT_URI,
        code_challenge=pkce.challenge,
        code_challenge_method="S256",
    )
    page = await http.get(
        "/oauth/authorize", params=params, headers={"Origin": APP_ORIGIN}
    )
    assert page.status_code == 200
    assert not any(name.startswith("access-control-") for name in page.headers)
    preflight = await http.options(
        "/oauth/authorize",
        headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "POST"},
    )
    assert not any(name.startswith("access-control-") for name in preflight.headers)
