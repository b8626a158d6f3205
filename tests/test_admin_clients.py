"""OAuth clients through the admin API: registration rules, secrets and rotation."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from app.services import clock
from tests.support import admin, factories, flows
from tests.support.queries import count_selects
from tests.support.secrets import remember

REDIRECT_URI = factories.REDIRECT_URI


async def create_client(http, token, tenant, **fields):
    variables = {
        "input": {
            "tenantId": str(tenant.id),
            "name": "Acme CMS",
            "redirectUris": [REDIRECT_URI],
            "allowedScopes": ["openid", "email"],
            **fields,
        }
    }
    payload = await admin.run(http, "create-client", variables, token=token)
    remember(payload.get("clientSecret"))
    return payload


async def token_error(http, client_id: str, secret: str) -> str:
    """Return the token endpoint's error for a bogus code.

    ``invalid_grant`` means the client authenticated; ``invalid_client`` means not.
    """
    response = await http.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": "rgn_ac_unknown",
            "redirect_uri": REDIRECT_URI,
        },
        auth=(client_id, secret),
    )
    return response.json()["error"]


async def exchange_code(http, client_id: str, secret: str, user) -> int:
    params = flows.authorize_params(client_id, REDIRECT_URI, scope="openid email")
    http.cookies.clear()  # sign in afresh, with no session from an earlier exchange
    code = await flows.obtain_code(http, params, user.email, user.password)
    response = await http.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
        },
        auth=(client_id, secret),
    )
    if response.status_code == 200:
        body = response.json()
        remember(body["access_token"], body.get("id_token"))
    return response.status_code


@pytest.fixture
async def key():
    return await admin.platform_key()


async def test_create_client_shows_secret_once(http, key):
    tenant = await factories.make_tenant()
    payload = admin.success(
        await create_client(http, key, tenant), "CreateClientSuccess"
    )
    secret = payload["clientSecret"]
    assert secret.startswith("rgn_cs_")
    client = payload["client"]
    assert client["tokenEndpointAuthMethod"] == "CLIENT_SECRET_BASIC"
    assert client["clientType"] == "CONFIDENTIAL"
    assert client["requirePkce"] is False

    detail = await admin.call(
        http, admin.operation("client-detail"), {"id": client["id"]}, token=key
    )
    listing = await admin.call(
        http, admin.operation("client-list"), {"tenantId": str(tenant.id)}, token=key
    )
    for response in (detail, listing):
        assert response.status_code == 200
        assert secret not in response.text
    secrets = detail.json()["data"]["client"]["secrets"]
    assert len(secrets) == 1
    assert secrets[0]["expiresAt"] is None
    assert await token_error(http, client["clientId"], secret) == "invalid_grant"


async def test_create_public_client_has_no_secret(http, key):
    tenant = await factories.make_tenant()
    payload = await create_client(
        http,
        key,
        tenant,
        clientType="PUBLIC",
        applicationType="NATIVE",
        redirectUris=["com.example.app:/callback", "http://127.0.0.1/callback"],
    )
    admin.success(payload, "CreateClientSuccess")
    assert payload["clientSecret"] is None
    assert payload["client"]["tokenEndpointAuthMethod"] == "NONE"
    assert payload["client"]["requirePkce"] is True


INVALID_CLIENTS = [
    ({"redirectUris": ["/callback"]}, "redirectUris"),
    ({"redirectUris": ["https://rp.example.com/cb#frag"]}, "redirectUris"),
    ({"redirectUris": ["http://rp.example.com/cb"]}, "redirectUris"),
    ({"redirectUris": ["com.example.app:/callback"]}, "redirectUris"),
    ({"redirectUris": []}, "redirectUris"),
    (
        {"postLogoutRedirectUris": ["http://rp.example.com/bye"]},
        "postLogoutRedirectUris",
    ),
    ({"allowedScopes": ["openid", "contacts.*"]}, "allowedScopes"),
    ({"allowedScopes": ["openid", "runtime.tokens.write"]}, "allowedScopes"),
    ({"allowedScopes": ["openid", "admin"]}, "allowedScopes"),
    (
        {"clientType": "PUBLIC", "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC"},
        "tokenEndpointAuthMethod",
    ),
    ({"clientType": "PUBLIC", "requirePkce": False}, "requirePkce"),
    ({"tokenEndpointAuthMethod": "NONE"}, "tokenEndpointAuthMethod"),
    ({"name": "  "}, "name"),
    ({"grantTypes": ["password"]}, "grantTypes"),
]


@pytest.mark.parametrize(("fields", "field"), INVALID_CLIENTS)
async def test_create_client_rejects_invalid_input(http, key, fields, field):
    tenant = await factories.make_tenant()
    payload = await create_client(http, key, tenant, **fields)
    admin.user_error(payload, "ValidationError", field)
    listing = await admin.run(
        http, "client-list", {"tenantId": str(tenant.id)}, token=key
    )
    assert listing["totalCount"] == 0


async def test_create_client_with_allowed_roles(http, key):
    tenant = await factories.make_tenant()
    other = await factories.make_tenant()
    editor = await factories.make_role(tenant, "editor")
    foreign = await factories.make_role(other, "editor")

    payload = await create_client(http, key, tenant, allowedRoleIds=[str(editor.id)])
    admin.success(payload, "CreateClientSuccess")
    assert payload["client"]["allowedRoles"] == [
        {"id": str(editor.id), "name": "editor"}
    ]

    refused = await create_client(http, key, tenant, allowedRoleIds=[str(foreign.id)])
    admin.user_error(refused, "NotFoundError", "allowedRoleIds")


async def test_update_client_fields(http, key):
    tenant = await factories.make_tenant()
    role = await factories.make_role(tenant, "agent")
    created = await create_client(http, key, tenant)
    client_id = created["client"]["id"]
    payload = await admin.run(
        http,
        "update-client",
        {
            "input": {
                "id": client_id,
                "name": "Renamed CMS",
                "redirectUris": [
                    "https://cms.example.com/a",
                    "https://cms.example.com/b",
                ],
                "postLogoutRedirectUris": ["https://cms.example.com/bye"],
                "allowedScopes": ["openid", "profile", "roles.read"],
                "allowedRoleIds": [str(role.id)],
                "skipConsent": True,
            }
        },
        token=key,
    )
    admin.success(payload, "UpdateClientSuccess")
    client = payload["client"]
    assert payload["clientSecret"] is None
    assert client["name"] == "Renamed CMS"
    assert client["redirectUris"] == [
        "https://cms.example.com/a",
        "https://cms.example.com/b",
    ]
    assert client["postLogoutRedirectUris"] == ["https://cms.example.com/bye"]
    assert client["allowedScopes"] == ["openid", "profile", "roles.read"]
    assert client["allowedRoles"] == [{"id": str(role.id), "name": "agent"}]
    assert client["skipConsent"] is True
    assert (
        await token_error(http, created["client"]["clientId"], created["clientSecret"])
        == "invalid_grant"
    )


async def test_update_client_rejects_invalid_input(http, key):
    tenant = await factories.make_tenant()
    created = await create_client(http, key, tenant)
    client_id = created["client"]["id"]
    for changes, field in [
        ({"allowedScopes": ["openid", "calls.*"]}, "allowedScopes"),
        ({"redirectUris": ["https://rp.example.com/cb#x"]}, "redirectUris"),
        ({"name": ""}, "name"),
    ]:
        payload = await admin.run(
            http, "update-client", {"input": {"id": client_id, **changes}}, token=key
        )
        admin.user_error(payload, "ValidationError", field)
    detail = await admin.run(http, "client-detail", {"id": client_id}, token=key)
    assert detail["allowedScopes"] == ["openid", "email"]
    assert detail["name"] == "Acme CMS"


async def test_update_client_type_changes_secrets(http, key):
    tenant = await factories.make_tenant()
    created = await create_client(http, key, tenant)
    client_id = created["client"]["id"]

    public = await admin.run(
        http,
        "update-client",
        {"input": {"id": client_id, "clientType": "PUBLIC"}},
        token=key,
    )
    admin.success(public, "UpdateClientSuccess")
    assert public["client"]["tokenEndpointAuthMethod"] == "NONE"
    assert public["client"]["requirePkce"] is True
    assert public["clientSecret"] is None
    detail = await admin.run(http, "client-detail", {"id": client_id}, token=key)
    assert detail["secrets"] == []

    confidential = await admin.run(
        http,
        "update-client",
        {
            "input": {
                "id": client_id,
                "clientType": "CONFIDENTIAL",
                "tokenEndpointAuthMethod": "CLIENT_SECRET_POST",
            }
        },
        token=key,
    )
    admin.success(confidential, "UpdateClientSuccess")
    secret = confidential["clientSecret"]
    remember(secret)
    assert secret.startswith("rgn_cs_")
    assert confidential["client"]["tokenEndpointAuthMethod"] == "CLIENT_SECRET_POST"
    assert secret != created["clientSecret"]


async def test_rotate_secret_with_overlap(http, key, monkeypatch):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    created = await create_client(http, key, tenant)
    client_id = created["client"]["clientId"]
    old_secret = created["clientSecret"]

    payload = await admin.run(
        http,
        "rotate-client-secret",
        {"id": created["client"]["id"], "previousSecretValidForSeconds": 3600},
        token=key,
    )
    admin.success(payload, "RotateClientSecretSuccess")
    new_secret = payload["clientSecret"]
    remember(new_secret)
    assert new_secret != old_secret
    assert len(payload["client"]["secrets"]) == 2
    assert payload["previousSecretExpiresAt"] is not None

    assert await exchange_code(http, client_id, old_secret, user) == 200
    assert await exchange_code(http, client_id, new_secret, user) == 200

    real_now = clock.now
    monkeypatch.setattr(clock, "now", lambda: real_now() + timedelta(seconds=3601))
    assert await token_error(http, client_id, old_secret) == "invalid_client"
    assert await token_error(http, client_id, new_secret) == "invalid_grant"


async def test_rotate_secret_immediately(http, key):
    tenant = await factories.make_tenant()
    created = await create_client(http, key, tenant)
    client_id = created["client"]["clientId"]
    payload = await admin.run(
        http,
        "rotate-client-secret",
        {"id": created["client"]["id"], "previousSecretValidForSeconds": 0},
        token=key,
    )
    new_secret = admin.success(payload, "RotateClientSecretSuccess")["clientSecret"]
    remember(new_secret)
    assert (
        await token_error(http, client_id, created["clientSecret"]) == "invalid_client"
    )
    assert await token_error(http, client_id, new_secret) == "invalid_grant"


async def test_rotate_secret_rejects_invalid_input(http, key):
    tenant = await factories.make_tenant()
    confidential = await create_client(http, key, tenant)
    public = await create_client(http, key, tenant, clientType="PUBLIC")
    cases = [
        (confidential["client"]["id"], -1, "previousSecretValidForSeconds"),
        (confidential["client"]["id"], 31 * 24 * 3600, "previousSecretValidForSeconds"),
        (public["client"]["id"], 0, "id"),
    ]
    for client_id, seconds, field in cases:
        payload = await admin.run(
            http,
            "rotate-client-secret",
            {"id": client_id, "previousSecretValidForSeconds": seconds},
            token=key,
        )
        admin.user_error(payload, "ValidationError", field)
    assert (
        await token_error(
            http, confidential["client"]["clientId"], confidential["clientSecret"]
        )
        == "invalid_grant"
    )


async def test_disable_and_enable_client(http, key):
    tenant = await factories.make_tenant()
    created = await create_client(http, key, tenant)
    client = created["client"]
    disabled = await admin.run(
        http, "set-client-enabled", {"id": client["id"], "enabled": False}, token=key
    )
    assert admin.success(disabled, "ClientSuccess")["client"]["enabled"] is False
    assert (
        await token_error(http, client["clientId"], created["clientSecret"])
        == "invalid_client"
    )
    page = await http.get(
        "/oauth/authorize?"
        + urlencode(flows.authorize_params(client["clientId"], REDIRECT_URI))
    )
    assert page.status_code == 400
    assert "unknown" in page.text

    enabled = await admin.run(
        http, "set-client-enabled", {"id": client["id"], "enabled": True}, token=key
    )
    assert admin.success(enabled, "ClientSuccess")["client"]["enabled"] is True
    assert (
        await token_error(http, client["clientId"], created["clientSecret"])
        == "invalid_grant"
    )


async def test_delete_client(http, key):
    tenant = await factories.make_tenant()
    created = await create_client(http, key, tenant)
    client = created["client"]
    payload = await admin.run(http, "delete-client", {"id": client["id"]}, token=key)
    assert admin.success(payload, "DeleteSuccess")["id"] == client["id"]
    assert (
        await admin.run(http, "client-detail", {"id": client["id"]}, token=key) is None
    )
    assert (
        await token_error(http, client["clientId"], created["clientSecret"])
        == "invalid_client"
    )
    again = await admin.run(http, "delete-client", {"id": client["id"]}, token=key)
    admin.user_error(again, "NotFoundError", "id")


async def test_authorize_rejects_planned_scope(http, key):
    tenant = await factories.make_tenant()
    created = await create_client(http, key, tenant)
    params = flows.authorize_params(
        created["client"]["clientId"], REDIRECT_URI, scope="openid contacts.*"
    )
    response = await http.get("/oauth/authorize?" + urlencode(params))
    assert response.status_code == 302
    query = flows.query_of(response.headers["location"])
    assert query["error"] == "invalid_scope"
    assert query["state"] == params["state"]


async def client_page_selects(http, key, tenant) -> int:
    with count_selects() as counter:
        listing = await admin.run(
            http, "client-list", {"tenantId": str(tenant.id)}, token=key
        )
    assert all(item["scopes"] and item["allowedRoles"] for item in listing["items"])
    return counter.selects


async def test_client_list_batches_relations(http, key):
    tenant = await factories.make_tenant()
    roles = [await factories.make_role(tenant, name) for name in ("a", "b", "c")]
    await factories.make_client(tenant, allowed_roles=roles[:2])
    await factories.make_client(tenant, allowed_roles=roles[1:])
    small = await client_page_selects(http, key, tenant)
    for index in range(6):
        await factories.make_client(tenant, allowed_roles=[roles[index % 3]])
    large = await client_page_selects(http, key, tenant)
    assert large == small
    # Key lookup, tenant, count, page, allowed roles (2), catalog scopes.
    assert large <= 8, large


async def test_client_list_pages(http, key):
    tenant = await factories.make_tenant()
    for _ in range(3):
        await factories.make_client(tenant)
    first = await admin.run(
        http,
        "client-list",
        {"tenantId": str(tenant.id), "limit": 2, "offset": 0},
        token=key,
    )
    second = await admin.run(
        http,
        "client-list",
        {"tenantId": str(tenant.id), "limit": 2, "offset": 2},
        token=key,
    )
    assert first["totalCount"] == 3
    assert len(first["items"]) == 2
    assert len(second["items"]) == 1
    ids = {item["id"] for item in first["items"] + second["items"]}
    assert len(ids) == 3
    codes = await admin.error_codes(
        http,
        admin.operation("client-list"),
        {"tenantId": str(tenant.id), "limit": 500},
        token=key,
    )
    assert codes == ["BAD_USER_INPUT"]


def test_detail_has_no_secret_field():
    document = admin.operation("client-detail")
    assert "clientSecret" not in document
    assert json.dumps(document)
