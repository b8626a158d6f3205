"""Tenant isolation: a caller of tenant A gets for tenant B's objects exactly
what it gets for ids that do not exist, for every query and mutation."""

from __future__ import annotations

import uuid

import httpx
import pytest

from app.main import create_app
from app.services import api_keys, principals, tenants
from tests.conftest import ISSUER
from tests.support import admin, factories
from tests.test_admin_access import DASHBOARD_REDIRECT, dashboard_token

# Operation, then variables built from the target ids and the caller's own ids.
CASES = [
    ("tenant-detail", lambda t, own: {"id": t["tenant"]}),
    (
        "update-tenant",
        lambda t, own: {"input": {"id": t["tenant"], "name": "Taken over"}},
    ),
    ("user-list", lambda t, own: {"tenantId": t["tenant"]}),
    ("user-detail", lambda t, own: {"tenantId": t["tenant"], "id": t["user"]}),
    ("user-detail", lambda t, own: {"tenantId": own["tenant"], "id": t["user"]}),
    (
        "create-user",
        lambda t, own: {"input": {"tenantId": t["tenant"], "email": "x@example.com"}},
    ),
    (
        "update-user",
        lambda t, own: {
            "input": {"tenantId": t["tenant"], "userId": t["user"], "name": "X"}
        },
    ),
    (
        "update-user",
        lambda t, own: {
            "input": {"tenantId": own["tenant"], "userId": t["user"], "name": "X"}
        },
    ),
    (
        "set-user-password",
        lambda t, own: {
            "tenantId": t["tenant"],
            "userId": t["user"],
            "password": "new password 1",
        },
    ),
    (
        "set-user-password",
        lambda t, own: {
            "tenantId": own["tenant"],
            "userId": t["user"],
            "password": "new password 1",
        },
    ),
    (
        "set-user-disabled",
        lambda t, own: {"tenantId": t["tenant"], "userId": t["user"], "disabled": True},
    ),
    (
        "set-user-disabled",
        lambda t, own: {
            "tenantId": own["tenant"],
            "userId": t["user"],
            "disabled": True,
        },
    ),
    ("remove-user", lambda t, own: {"tenantId": t["tenant"], "userId": t["user"]}),
    ("remove-user", lambda t, own: {"tenantId": own["tenant"], "userId": t["user"]}),
    ("role-list", lambda t, own: {"tenantId": t["tenant"]}),
    ("create-role", lambda t, own: {"tenantId": t["tenant"], "name": "intruder"}),
    ("rename-role", lambda t, own: {"id": t["role"], "name": "intruder"}),
    ("delete-role", lambda t, own: {"id": t["role"]}),
    (
        "assign-role",
        lambda t, own: {
            "tenantId": t["tenant"],
            "userId": t["user"],
            "roleId": t["role"],
        },
    ),
    (
        "assign-role",
        lambda t, own: {
            "tenantId": own["tenant"],
            "userId": own["user"],
            "roleId": t["role"],
        },
    ),
    (
        "unassign-role",
        lambda t, own: {
            "tenantId": own["tenant"],
            "userId": own["user"],
            "roleId": t["role"],
        },
    ),
    ("client-list", lambda t, own: {"tenantId": t["tenant"]}),
    ("client-detail", lambda t, own: {"id": t["client"]}),
    (
        "create-client",
        lambda t, own: {
            "input": {
                "tenantId": t["tenant"],
                "name": "X",
                "redirectUris": [factories.REDIRECT_URI],
            }
        },
    ),
    (
        "create-client",
        lambda t, own: {
            "input": {
                "tenantId": own["tenant"],
                "name": "X",
                "redirectUris": [factories.REDIRECT_URI],
                "allowedRoleIds": [t["role"]],
            }
        },
    ),
    (
        "update-client",
        lambda t, own: {"input": {"id": t["client"], "name": "Taken over"}},
    ),
    (
        "update-client",
        lambda t, own: {"input": {"id": own["client"], "allowedRoleIds": [t["role"]]}},
    ),
    (
        "rotate-client-secret",
        lambda t, own: {"id": t["client"], "previousSecretValidForSeconds": 0},
    ),
    ("set-client-enabled", lambda t, own: {"id": t["client"], "enabled": False}),
    ("delete-client", lambda t, own: {"id": t["client"]}),
    ("api-key-list", lambda t, own: {"tenantId": t["tenant"]}),
    (
        "create-api-key",
        lambda t, own: {
            "input": {"tenantId": t["tenant"], "name": "X", "permissions": ["READ"]}
        },
    ),
    ("revoke-api-key", lambda t, own: {"id": t["api_key"]}),
    ("audit-log", lambda t, own: {"tenantId": t["tenant"]}),
]


async def make_tenant_objects() -> dict[str, str]:
    tenant = await factories.make_tenant()
    role = await factories.make_role(tenant, "admin")
    user = await factories.make_user(tenant, [role])
    client = await factories.make_client(tenant)
    key, _ = await api_keys.issue_key("other key", tenant.id, ["read"])
    return {
        "tenant": str(tenant.id),
        "role": str(role.id),
        "user": str(user.account.id),
        "client": str(client.client.id),
        "api_key": str(key.id),
        "_user": user,
    }


def outcome(body: dict) -> object:
    """Reduce a response to what its caller observes, minus request ids."""
    if body.get("errors"):
        return (
            "errors",
            [(e["message"], e["extensions"].get("code")) for e in body["errors"]],
        )
    [value] = body["data"].values()
    if isinstance(value, dict) and "__typename" in value:
        return (value["__typename"], value.get("message"), value.get("field"))
    return ("data", value)


@pytest.fixture(params=["api_key", "dashboard"])
async def caller(request, database):
    """The caller of tenant A: an all-permission API key or a dashboard admin."""
    own = await make_tenant_objects()
    if request.param == "api_key":
        token = await admin.tenant_key(
            uuid.UUID(own["tenant"]), list(principals.PERMISSIONS)
        )
        app = create_app(database, manage_database=False)
    else:
        home = await factories.make_tenant("Ringnity")
        dashboard_client = await factories.make_client(
            home, client_type="public", redirect_uris=[DASHBOARD_REDIRECT]
        )
        await tenants.add_member(home, own["_user"].account)
        settings = database.model_copy(
            update={"dashboard_client_id": dashboard_client.client_id}
        )
        app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url=ISSUER
    ) as http:
        if request.param == "dashboard":
            token = await dashboard_token(
                http, dashboard_client.client_id, own["_user"]
            )
        yield http, token, own


async def test_other_tenant_looks_like_missing_ids(caller):
    http, token, own = caller
    other = await make_tenant_objects()
    missing = {name: str(uuid.uuid4()) for name in other}
    malformed = {name: "not-an-id" for name in other}
    for name, variables in CASES:
        seen = []
        for target in (other, missing, malformed):
            response = await admin.call(
                http, admin.operation(name), variables(target, own), token=token
            )
            assert response.status_code == 200, (name, response.text)
            seen.append(outcome(response.json()))
        assert seen[0] == seen[1] == seen[2], (name, seen)
        kind = seen[0][0]
        assert kind in ("errors", "NotFoundError", "ForbiddenError", "data"), (
            name,
            seen[0],
        )
        if kind == "data":
            assert seen[0][1] is None, (name, seen[0])
        if kind == "errors":
            assert seen[0][1][0][1] in ("NOT_FOUND", "FORBIDDEN"), (name, seen[0])

    platform = await admin.platform_key()
    client = await admin.run(
        http, "client-detail", {"id": other["client"]}, token=platform
    )
    assert client["name"] == "Test App"
    assert client["enabled"] is True
    assert len(client["secrets"]) == 1
    user = await admin.run(
        http,
        "user-detail",
        {"tenantId": other["tenant"], "id": other["user"]},
        token=platform,
    )
    assert user["disabled"] is False
    assert [role["name"] for role in user["roles"]] == ["admin"]
    keys = await admin.run(
        http, "api-key-list", {"tenantId": other["tenant"]}, token=platform
    )
    assert keys["items"][0]["revokedAt"] is None
    tenant = await admin.run(
        http, "tenant-detail", {"id": other["tenant"]}, token=platform
    )
    assert tenant["name"] == "Acme Corp"
