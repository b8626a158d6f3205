"""Roles of a tenant through the admin API."""

from __future__ import annotations

import pytest

from app.services import claims
from tests.support import admin, factories


@pytest.fixture
async def tenant():
    return await factories.make_tenant()


@pytest.fixture
async def key(tenant):
    return await admin.tenant_key(tenant.id, ["read", "roles"])


async def test_create_rename_delete_role(http, tenant, key):
    created = await admin.run(
        http, "create-role", {"tenantId": str(tenant.id), "name": " editor "}, token=key
    )
    role = admin.success(created, "RoleSuccess")["role"]
    assert role["name"] == "editor"
    renamed = await admin.run(
        http, "rename-role", {"id": role["id"], "name": "author"}, token=key
    )
    assert admin.success(renamed, "RoleSuccess")["role"]["name"] == "author"
    listing = await admin.run(
        http, "role-list", {"tenantId": str(tenant.id)}, token=key
    )
    assert [item["name"] for item in listing["items"]] == ["author"]
    deleted = await admin.run(http, "delete-role", {"id": role["id"]}, token=key)
    assert admin.success(deleted, "DeleteSuccess")["id"] == role["id"]
    listing = await admin.run(
        http, "role-list", {"tenantId": str(tenant.id)}, token=key
    )
    assert listing["totalCount"] == 0


async def test_role_name_rules(http, tenant, key):
    await factories.make_role(tenant, "agent")
    other = await factories.make_role(tenant, "viewer")
    cases = [
        ("create-role", {"tenantId": str(tenant.id), "name": "agent"}, "ConflictError"),
        ("create-role", {"tenantId": str(tenant.id), "name": " "}, "ValidationError"),
        (
            "create-role",
            {"tenantId": str(tenant.id), "name": "x" * 101},
            "ValidationError",
        ),
        ("rename-role", {"id": str(other.id), "name": "agent"}, "ConflictError"),
        ("rename-role", {"id": str(other.id), "name": ""}, "ValidationError"),
    ]
    for name, variables, typename in cases:
        payload = await admin.run(http, name, variables, token=key)
        admin.user_error(payload, typename, "name")


async def test_same_role_name_in_two_tenants(http, tenant, key):
    other = await factories.make_tenant()
    await factories.make_role(other, "agent")
    payload = await admin.run(
        http, "create-role", {"tenantId": str(tenant.id), "name": "agent"}, token=key
    )
    admin.success(payload, "RoleSuccess")


async def test_assign_and_unassign_role(http, tenant, key):
    role = await factories.make_role(tenant, "supervisor")
    user = await factories.make_user(tenant)
    variables = {
        "tenantId": str(tenant.id),
        "userId": str(user.account.id),
        "roleId": str(role.id),
    }
    assigned = await admin.run(http, "assign-role", variables, token=key)
    roles = admin.success(assigned, "UserSuccess")["user"]["roles"]
    assert roles == [{"id": str(role.id), "name": "supervisor"}]
    released = await claims.identity_claims(user.account, tenant, ["roles.read"])
    assert released["roles"] == ["supervisor"]

    unassigned = await admin.run(http, "unassign-role", variables, token=key)
    assert admin.success(unassigned, "UserSuccess")["user"]["roles"] == []
    released = await claims.identity_claims(user.account, tenant, ["roles.read"])
    assert released["roles"] == []


async def test_assign_role_of_other_tenant(http, tenant, key):
    foreign = await factories.make_role(await factories.make_tenant(), "agent")
    user = await factories.make_user(tenant)
    payload = await admin.run(
        http,
        "assign-role",
        {
            "tenantId": str(tenant.id),
            "userId": str(user.account.id),
            "roleId": str(foreign.id),
        },
        token=key,
    )
    admin.user_error(payload, "NotFoundError", "roleId")


async def test_delete_role_allowed_by_client(http, tenant, key):
    role = await factories.make_role(tenant, "editor")
    await factories.make_client(tenant, allowed_roles=[role])
    payload = await admin.run(http, "delete-role", {"id": str(role.id)}, token=key)
    admin.user_error(payload, "ConflictError", "id")
    listing = await admin.run(
        http, "role-list", {"tenantId": str(tenant.id)}, token=key
    )
    assert listing["totalCount"] == 1


async def test_delete_assigned_role(http, tenant, key):
    role = await factories.make_role(tenant, "temp")
    user = await factories.make_user(tenant, [role])
    payload = await admin.run(http, "delete-role", {"id": str(role.id)}, token=key)
    admin.success(payload, "DeleteSuccess")
    detail = await admin.run(
        http,
        "user-detail",
        {"tenantId": str(tenant.id), "id": str(user.account.id)},
        token=key,
    )
    assert detail["roles"] == []
