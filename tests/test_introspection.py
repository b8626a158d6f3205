"""Token introspection (RFC 7662)."""

from __future__ import annotations

import time

import pytest

from tests.support import factories, flows
from tests.support.secrets import remember

REFRESH_GRANTS = ["authorization_code", "refresh_token"]


async def _signed_in(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, grant_types=REFRESH_GRANTS)
    tokens = await flows.sign_in_tokens(
        http, client.client_id, client.secret, user.email, user.password
    )
    return tenant, user, client, tokens


async def _introspect(http, client, token, **form):
    return await http.post(
        "/oauth/introspect",
        data={"token": token, **form},
        auth=(client.client_id, client.secret),
    )


async def test_introspect_access_token(http):
    tenant, user, client, tokens = await _signed_in(http)
    response = await _introspect(http, client, tokens["access_token"])
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["active"] is True
    assert body["scope"] == "openid profile email tenant.read roles.read"
    assert body["client_id"] == client.client_id
    assert body["token_type"] == "Bearer"
    assert body["sub"] == str(user.account.id)
    assert body["aud"] == client.client_id
    assert body["iss"] == "http://testserver"
    assert body["tenant_id"] == str(tenant.id)
    assert body["tenant_slug"] == tenant.slug
    now = int(time.time())
    assert body["iat"] <= now + 1
    assert body["exp"] - body["iat"] == 3600


@pytest.mark.parametrize("hint", [None, "refresh_token", "access_token"])
async def test_introspect_refresh_token(http, hint):
    _, user, client, tokens = await _signed_in(http)
    form = {"token_type_hint": hint} if hint else {}
    body = (await _introspect(http, client, tokens["refresh_token"], **form)).json()
    assert body["active"] is True
    assert body["token_type"] == "refresh_token"
    assert body["sub"] == str(user.account.id)
    assert body["client_id"] == client.client_id


async def test_introspect_rotated_refresh_token(http):
    _, _, client, tokens = await _signed_in(http)
    refreshed = await flows.token_request(
        http,
        client.client_id,
        client.secret,
        grant_type="refresh_token",
        refresh_token=tokens["refresh_token"],
    )
    remember(refreshed.json()["access_token"], refreshed.json()["refresh_token"])
    body = (await _introspect(http, client, tokens["refresh_token"])).json()
    assert body == {"active": False}


async def test_introspect_client_token(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant, grant_types=["client_credentials"])
    issued = await flows.token_request(
        http, client.client_id, client.secret, grant_type="client_credentials"
    )
    token = issued.json()["access_token"]
    remember(token)
    body = (await _introspect(http, client, token)).json()
    assert body["active"] is True
    assert body["client_id"] == client.client_id
    assert body["tenant_id"] == str(tenant.id)
    assert body["scope"] == "tenant.read"
    assert "sub" not in body


async def test_introspect_other_clients_token(http):
    _, _, _, tokens = await _signed_in(http)
    tenant = await factories.make_tenant()
    other = await factories.make_client(tenant)
    for token in (tokens["access_token"], tokens["refresh_token"]):
        response = await _introspect(http, other, token)
        assert response.status_code == 200
        assert response.json() == {"active": False}


@pytest.mark.parametrize("token", ["rgn_at_unknown", "rgn_rt_unknown", "not-a-token"])
async def test_introspect_unknown_token(http, token):
    _, _, client, _ = await _signed_in(http)
    response = await _introspect(http, client, token)
    assert response.status_code == 200
    assert response.json() == {"active": False}


async def test_introspect_id_token_inactive(http):
    _, _, client, tokens = await _signed_in(http)
    response = await _introspect(http, client, tokens["id_token"])
    assert response.json() == {"active": False}


async def test_introspect_missing_token(http):
    _, _, client, _ = await _signed_in(http)
    response = await http.post(
        "/oauth/introspect", data={}, auth=(client.client_id, client.secret)
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_introspect_requires_client_auth(http):
    _, _, client, tokens = await _signed_in(http)
    response = await http.post("/oauth/introspect", data={"token": tokens["access_token"]})
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    wrong = await http.post(
        "/oauth/introspect",
        data={"token": tokens["access_token"]},
        auth=(client.client_id, "rgn_cs_wrong"),
    )
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"


async def test_introspect_public_client(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, client_type="public")
    tokens = await flows.sign_in_tokens(http, client.client_id, None, user.email, user.password)
    response = await http.post(
        "/oauth/introspect",
        data={"client_id": client.client_id, "token": tokens["access_token"]},
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
