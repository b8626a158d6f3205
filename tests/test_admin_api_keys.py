"""Tenant API keys through the admin API."""

from __future__ import annotations

from datetime import timedelta

from app.services import clock
from tests.support import admin, factories
from tests.support.secrets import remember


async def create_key(http, token, tenant, **fields):
    values = {
        "tenantId": str(tenant.id),
        "name": "Partner portal",
        "permissions": ["READ", "CLIENTS"],
        **fields,
    }
    payload = await admin.run(http, "create-api-key", {"input": values}, token=token)
    remember(payload.get("key"))
    return payload


async def test_create_key_shows_it_once(http):
    tenant = await factories.make_tenant()
    platform = await admin.platform_key()
    payload = admin.success(
        await create_key(http, platform, tenant), "CreateApiKeySuccess"
    )
    key = payload["key"]
    assert key.startswith("rgn_ak_")
    assert payload["apiKey"]["prefix"] == key[:12]
    assert payload["apiKey"]["permissions"] == ["READ", "CLIENTS"]

    listing = await admin.call(
        http,
        admin.operation("api-key-list"),
        {"tenantId": str(tenant.id)},
        token=platform,
    )
    assert key not in listing.text
    [item] = listing.json()["data"]["apiKeys"]["items"]
    assert item["lastUsedAt"] is None

    viewer = await admin.run(http, "viewer", token=key)
    assert viewer["tenantIds"] == [str(tenant.id)]
    clients = await admin.run(
        http, "client-list", {"tenantId": str(tenant.id)}, token=key
    )
    assert clients["totalCount"] == 0
    listing = await admin.run(
        http, "api-key-list", {"tenantId": str(tenant.id)}, token=platform
    )
    assert listing["items"][0]["lastUsedAt"] is not None


async def test_create_key_rejects_invalid_input(http):
    tenant = await factories.make_tenant()
    platform = await admin.platform_key()
    cases = [
        ({"permissions": []}, "ValidationError", "permissions"),
        ({"name": " "}, "ValidationError", "name"),
        (
            {"expiresAt": (clock.now() - timedelta(minutes=1)).isoformat()},
            "ValidationError",
            "expiresAt",
        ),
    ]
    for fields, typename, field in cases:
        admin.user_error(
            await create_key(http, platform, tenant, **fields), typename, field
        )


async def test_key_cannot_grant_more_than_it_holds(http):
    tenant = await factories.make_tenant()
    manager = await admin.tenant_key(tenant.id, ["read", "api_keys"])
    refused = await create_key(http, manager, tenant, permissions=["READ", "USERS"])
    admin.user_error(refused, "ForbiddenError", "permissions")
    allowed = await create_key(http, manager, tenant, permissions=["READ"])
    admin.success(allowed, "CreateApiKeySuccess")
    no_manager = await admin.tenant_key(tenant.id, ["read"])
    admin.user_error(
        await create_key(http, no_manager, tenant, permissions=["READ"]),
        "ForbiddenError",
    )


async def test_key_expiry(http, monkeypatch):
    tenant = await factories.make_tenant()
    platform = await admin.platform_key()
    expires = (clock.now() + timedelta(hours=1)).isoformat()
    payload = admin.success(
        await create_key(http, platform, tenant, expiresAt=expires),
        "CreateApiKeySuccess",
    )
    assert (
        await admin.call(http, admin.operation("viewer"), token=payload["key"])
    ).status_code == 200
    real_now = clock.now
    monkeypatch.setattr(clock, "now", lambda: real_now() + timedelta(hours=2))
    assert (
        await admin.call(http, admin.operation("viewer"), token=payload["key"])
    ).status_code == 401


async def test_revoke_key(http):
    tenant = await factories.make_tenant()
    platform = await admin.platform_key()
    created = admin.success(
        await create_key(http, platform, tenant), "CreateApiKeySuccess"
    )
    revoked = await admin.run(
        http, "revoke-api-key", {"id": created["apiKey"]["id"]}, token=platform
    )
    assert admin.success(revoked, "ApiKeySuccess")["apiKey"]["revokedAt"] is not None
    response = await admin.call(http, admin.operation("viewer"), token=created["key"])
    assert response.status_code == 401
    unknown = await admin.run(
        http,
        "revoke-api-key",
        {"id": "00000000-0000-0000-0000-000000000000"},
        token=platform,
    )
    admin.user_error(unknown, "NotFoundError", "id")
