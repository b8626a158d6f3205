"""Who may call the admin API: credentials, permissions, limits and masking."""

from __future__ import annotations

import logging
from datetime import timedelta

import httpx
import pytest

from app.main import create_app
from app.services import clock, tenants
from tests.conftest import ISSUER
from tests.support import admin, factories, flows
from tests.support.secrets import remember

DASHBOARD_REDIRECT = "https://dashboard.example.com/callback"
VIEWER = admin.operation("viewer")


async def test_missing_credential_is_unauthenticated(http):
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}):
        response = await admin.call(http, VIEWER, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == 'Bearer realm="ringnity"'
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def test_invalid_keys_are_unauthenticated(http):
    tenant = await factories.make_tenant()
    expired = await admin.tenant_key(
        tenant.id, ["read"], expires_at=clock.now() - timedelta(seconds=1)
    )
    platform = await admin.platform_key()
    revoked_key = await admin.tenant_key(tenant.id, ["read", "api_keys"])
    listing = await admin.run(
        http, "api-key-list", {"tenantId": str(tenant.id)}, token=platform
    )
    for item in listing["items"]:
        await admin.run(http, "revoke-api-key", {"id": item["id"]}, token=platform)
    for token in ("rgn_ak_unknown", "rgn_at_unknown", "random", expired, revoked_key):
        response = await admin.call(http, VIEWER, token=token)
        assert response.status_code == 401, token[:10]


async def test_tenant_key_viewer(http):
    tenant = await factories.make_tenant()
    key = await admin.tenant_key(tenant.id, ["read", "clients"])
    viewer = await admin.run(http, "viewer", token=key)
    assert viewer["kind"] == "API_KEY"
    assert viewer["platformAdmin"] is False
    assert viewer["permissions"] == ["CLIENTS", "READ"]
    assert viewer["tenantIds"] == [str(tenant.id)]


async def test_missing_permission_is_forbidden(http):
    tenant = await factories.make_tenant()
    key = await admin.tenant_key(tenant.id, ["users"])
    codes = await admin.error_codes(
        http, admin.operation("client-list"), {"tenantId": str(tenant.id)}, token=key
    )
    assert codes == ["FORBIDDEN"]
    payload = await admin.run(
        http,
        "create-client",
        {
            "input": {
                "tenantId": str(tenant.id),
                "name": "X",
                "redirectUris": [factories.REDIRECT_URI],
            }
        },
        token=key,
    )
    admin.user_error(payload, "ForbiddenError")
    codes = await admin.error_codes(
        http, admin.operation("audit-log"), {"tenantId": str(tenant.id)}, token=key
    )
    assert codes == ["FORBIDDEN"]


async def test_request_id_is_echoed_and_audited(http):
    tenant = await factories.make_tenant()
    key = await admin.tenant_key(tenant.id, ["read", "roles", "audit"])
    response = await admin.call(
        http,
        admin.operation("create-role"),
        {"tenantId": str(tenant.id), "name": "agent"},
        token=key,
        headers={"X-Request-ID": "req-1234.abc"},
    )
    assert response.headers["x-request-id"] == "req-1234.abc"
    log = await admin.run(
        http,
        "audit-log",
        {"tenantId": str(tenant.id), "filter": {"action": "role.created"}},
        token=key,
    )
    assert log["items"][0]["requestId"] == "req-1234.abc"

    generated = await admin.call(
        http, VIEWER, token=key, headers={"X-Request-ID": "bad id\twith spaces"}
    )
    assert generated.headers["x-request-id"] != "bad id\twith spaces"
    assert len(generated.headers["x-request-id"]) == 32


async def test_token_limit(http):
    key = await admin.platform_key()
    aliases = " ".join(f"f{index}: viewer {{ kind }}" for index in range(600))
    response = await admin.call(http, "{ " + aliases + " }", token=key)
    [error] = response.json()["errors"]
    assert "token" in error["message"].lower()
    assert response.json()["data"] is None


async def test_depth_limit(database):
    settings = database.model_copy(update={"graphql_max_depth": 2})
    app = create_app(settings, manage_database=False)
    key = await admin.platform_key()
    query = "query($t: ID!) { clients(tenantId: $t) { items { tenant { id } } } }"
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=ISSUER
    ) as http:
        response = await admin.call(http, query, {"t": "x"}, token=key)
    [error] = response.json()["errors"]
    assert "exceeds maximum operation depth" in error["message"]


async def test_introspection_setting(database):
    query = "{ __schema { queryType { name } } }"
    key = await admin.platform_key()
    for enabled in (True, False):
        settings = database.model_copy(update={"graphql_introspection": enabled})
        app = create_app(settings, manage_database=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=ISSUER) as http:
            body = (await admin.call(http, query, token=key)).json()
        if enabled:
            assert body["data"]["__schema"]["queryType"]["name"] == "Query"
        else:
            assert body["errors"], body


async def test_unexpected_errors_are_masked(http, monkeypatch, caplog):
    key = await admin.platform_key()

    async def broken(*args, **kwargs):
        raise RuntimeError("internal detail 42")

    monkeypatch.setattr(tenants, "list_tenants", broken)
    with caplog.at_level(logging.ERROR, logger="app.admin.schema"):
        response = await admin.call(http, admin.operation("tenant-list"), token=key)
    [error] = response.json()["errors"]
    assert error["message"] == "Unexpected error."
    assert "internal detail" not in response.text
    assert any(
        "unexpected error in GraphQL request" in r.getMessage() for r in caplog.records
    )


@pytest.fixture
async def dashboard(database):
    """An app whose dashboard client is a new public client, and that client."""
    home = await factories.make_tenant("Ringnity")
    registered = await factories.make_client(
        home, client_type="public", redirect_uris=[DASHBOARD_REDIRECT]
    )
    settings = database.model_copy(update={"dashboard_client_id": registered.client_id})
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=ISSUER
    ) as http:
        yield http, home, registered


async def dashboard_token(http, client_id: str, user) -> str:
    pkce = flows.new_pkce()
    params = flows.authorize_params(
        client_id,
        DASHBOARD_REDIRECT,
        scope="openid profile",
        code_challenge=pkce.challenge,
        code_challenge_method="S256",
    )
    http.cookies.clear()
    code = await flows.obtain_code(http, params, user.email, user.password)
    response = await http.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": DASHBOARD_REDIRECT,
            "client_id": client_id,
            "code_verifier": pkce.verifier,
        },
    )
    assert response.status_code == 200, response.text
    token = response.json()["access_token"]
    remember(token, response.json().get("id_token"))
    return token


async def test_dashboard_session_reaches_admin_tenants(dashboard):
    http, home, registered = dashboard
    acme = await factories.make_tenant("Acme")
    globex = await factories.make_tenant("Globex")
    admin_role = await factories.make_role(acme, "admin")
    owner_role = await factories.make_role(globex, "owner")
    user = await factories.make_user(home)
    await tenants.add_member(acme, user.account, [admin_role])
    await tenants.add_member(globex, user.account, [owner_role])
    other = await factories.make_tenant("Initech")
    await factories.make_role(other, "admin")
    await tenants.add_member(other, user.account)  # a member, but not an admin

    token = await dashboard_token(http, registered.client_id, user)
    viewer = await admin.run(http, "viewer", token=token)
    assert viewer["kind"] == "DASHBOARD"
    assert viewer["actorId"] == str(user.account.id)
    assert sorted(viewer["tenantIds"]) == sorted([str(acme.id), str(globex.id)])

    created = await admin.run(
        http, "create-role", {"tenantId": str(acme.id), "name": "agent"}, token=token
    )
    admin.success(created, "RoleSuccess")
    for tenant in (other, home):
        codes = await admin.error_codes(
            http,
            admin.operation("role-list"),
            {"tenantId": str(tenant.id)},
            token=token,
        )
        assert codes == ["NOT_FOUND"]
    refused = await admin.run(
        http,
        "create-tenant",
        {"input": {"slug": factories.unique("d"), "name": "D"}},
        token=token,
    )
    admin.user_error(refused, "ForbiddenError")


async def test_dashboard_user_without_admin_role(dashboard):
    http, home, registered = dashboard
    acme = await factories.make_tenant("Acme")
    agent = await factories.make_role(acme, "agent")
    user = await factories.make_user(home)
    await tenants.add_member(acme, user.account, [agent])
    token = await dashboard_token(http, registered.client_id, user)
    viewer = await admin.run(http, "viewer", token=token)
    assert viewer["tenantIds"] == []
    codes = await admin.error_codes(
        http, admin.operation("user-list"), {"tenantId": str(acme.id)}, token=token
    )
    assert codes == ["NOT_FOUND"]


async def test_other_client_tokens_are_refused(dashboard):
    http, home, _ = dashboard
    other = await factories.make_client(
        home, client_type="public", redirect_uris=[DASHBOARD_REDIRECT]
    )
    user = await factories.make_user(home)
    token = await dashboard_token(http, other.client_id, user)
    response = await admin.call(http, VIEWER, token=token)
    assert response.status_code == 401
