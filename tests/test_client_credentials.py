"""The client credentials grant for confidential server-to-server clients."""

from __future__ import annotations

import pytest

from app.services import clients
from app.services.errors import ValidationError
from tests.support import factories, flows
from tests.support.secrets import remember

CC_GRANTS = ["client_credentials"]


async def _machine_client(**options):
    tenant = await factories.make_tenant()
    options.setdefault("grant_types", CC_GRANTS)
    return tenant, await factories.make_client(tenant, **options)


async def _client_token(http, client, **form):
    response = await flows.token_request(
        http, client.client_id, client.secret, grant_type="client_credentials", **form
    )
    remember(response.json().get("access_token"))
    return response


async def test_client_credentials_issues_token(http):
    _, client = await _machine_client()
    response = await _client_token(http, client, scope="tenant.read")
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["access_token"].startswith("rgn_at_")
    assert body["token_type"] == "Bearer"
    assert body["scope"] == "tenant.read"
    assert "id_token" not in body
    assert "refresh_token" not in body


async def test_client_credentials_default_scope(http):
    _, client = await _machine_client()
    body = (await _client_token(http, client)).json()
    assert body["scope"] == "tenant.read"


async def test_client_credentials_no_userinfo(http):
    _, client = await _machine_client()
    token = (await _client_token(http, client)).json()["access_token"]
    response = await http.get("/oauth/userinfo", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert response.json()["error"] == "insufficient_scope"


@pytest.mark.parametrize("scope", ["openid", "profile", "roles.read", "tenant.read email", "admin"])
async def test_client_credentials_user_scopes(http, scope):
    _, client = await _machine_client()
    response = await _client_token(http, client, scope=scope)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


async def test_client_credentials_scope_not_allowed(http):
    _, client = await _machine_client(scopes=["openid"])
    response = await _client_token(http, client, scope="tenant.read")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


async def test_client_credentials_public_client(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant, client_type="public")
    response = await _client_token(http, client)
    assert response.status_code == 400
    assert response.json()["error"] == "unauthorized_client"


async def test_client_credentials_public_registration(http):
    tenant = await factories.make_tenant()
    registration = clients.ClientRegistration(
        name="Public machine", client_type="public", grant_types=CC_GRANTS
    )
    with pytest.raises(ValidationError) as raised:
        await clients.create_client(tenant, registration)
    assert raised.value.field == "grantTypes"


async def test_client_credentials_not_registered(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    response = await _client_token(http, client)
    assert response.status_code == 400
    assert response.json()["error"] == "unauthorized_client"


async def test_client_credentials_tenant_suspended(http):
    tenant, client = await _machine_client()
    tenant.status = "suspended"
    await tenant.save(update_fields=["status"])
    await client.client.fetch_related("tenant")
    response = await _client_token(http, client)
    assert response.status_code == 400
    assert response.json()["error"] == "unauthorized_client"


async def test_client_credentials_wrong_secret(http):
    _, client = await _machine_client()
    response = await flows.token_request(
        http, client.client_id, "rgn_cs_wrong", grant_type="client_credentials"
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response.headers["www-authenticate"].startswith("Basic")


async def test_non_printable_scope_gets_invalid_scope(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(
        tenant, grant_types=["client_credentials"], scopes=["tenant.read"]
    )
    response = await http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials", "scope": "tenant.read\topenid"},
        auth=(client.client_id, client.secret),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"
