"""Tenants through the admin API."""

from __future__ import annotations

from tests.support import admin, factories


async def test_create_tenant(http):
    key = await admin.platform_key()
    slug = factories.unique("acme")
    payload = await admin.run(
        http,
        "create-tenant",
        {"input": {"slug": slug, "name": " Acme Corp "}},
        token=key,
    )
    tenant = admin.success(payload, "TenantSuccess")["tenant"]
    assert tenant["slug"] == slug
    assert tenant["name"] == "Acme Corp"
    assert tenant["status"] == "ACTIVE"
    detail = await admin.run(http, "tenant-detail", {"id": tenant["id"]}, token=key)
    assert detail["slug"] == slug


async def test_create_tenant_rejects_invalid_input(http):
    key = await admin.platform_key()
    taken = await factories.make_tenant()
    cases = [
        ({"slug": "Not A Slug", "name": "X"}, "ValidationError", "slug"),
        ({"slug": "-edge", "name": "X"}, "ValidationError", "slug"),
        ({"slug": factories.unique("ok"), "name": " "}, "ValidationError", "name"),
        ({"slug": taken.slug, "name": "Copy"}, "ConflictError", "slug"),
    ]
    for values, typename, field in cases:
        payload = await admin.run(http, "create-tenant", {"input": values}, token=key)
        admin.user_error(payload, typename, field)


async def test_create_tenant_needs_platform_admin(http):
    tenant = await factories.make_tenant()
    key = await admin.tenant_key(tenant.id, ["read", "tenant"])
    payload = await admin.run(
        http,
        "create-tenant",
        {"input": {"slug": factories.unique("x"), "name": "X"}},
        token=key,
    )
    admin.user_error(payload, "ForbiddenError")


async def test_update_tenant(http):
    tenant = await factories.make_tenant()
    key = await admin.tenant_key(tenant.id, ["read", "tenant"])
    slug = factories.unique("renamed")
    payload = await admin.run(
        http,
        "update-tenant",
        {"input": {"id": str(tenant.id), "slug": slug, "name": "Renamed Inc"}},
        token=key,
    )
    updated = admin.success(payload, "TenantSuccess")["tenant"]
    assert updated["slug"] == slug
    assert updated["name"] == "Renamed Inc"

    taken = await factories.make_tenant()
    conflict = await admin.run(
        http,
        "update-tenant",
        {"input": {"id": str(tenant.id), "slug": taken.slug}},
        token=key,
    )
    admin.user_error(conflict, "ConflictError", "slug")
    invalid = await admin.run(
        http,
        "update-tenant",
        {"input": {"id": str(tenant.id), "slug": "UPPER"}},
        token=key,
    )
    admin.user_error(invalid, "ValidationError", "slug")


async def test_update_tenant_status(http):
    tenant = await factories.make_tenant()
    tenant_key = await admin.tenant_key(tenant.id, ["read", "tenant"])
    refused = await admin.run(
        http,
        "update-tenant",
        {"input": {"id": str(tenant.id), "status": "SUSPENDED"}},
        token=tenant_key,
    )
    admin.user_error(refused, "ForbiddenError")

    key = await admin.platform_key()
    payload = await admin.run(
        http,
        "update-tenant",
        {"input": {"id": str(tenant.id), "status": "SUSPENDED"}},
        token=key,
    )
    assert admin.success(payload, "TenantSuccess")["tenant"]["status"] == "SUSPENDED"
    # A suspended tenant's own keys stop working.
    response = await admin.call(http, admin.operation("viewer"), token=tenant_key)
    assert response.status_code == 401


async def test_tenant_list(http):
    key = await admin.platform_key()
    marker = factories.unique("listed")
    for index in range(3):
        await factories.make_tenant(f"{marker} {index}")
    page = await admin.run(
        http, "tenant-list", {"search": marker, "limit": 2}, token=key
    )
    assert page["totalCount"] == 3
    assert len(page["items"]) == 2

    tenant = await factories.make_tenant()
    tenant_key = await admin.tenant_key(tenant.id, ["read"])
    own = await admin.run(http, "tenant-list", {}, token=tenant_key)
    assert own["totalCount"] == 1
    assert own["items"][0]["id"] == str(tenant.id)
