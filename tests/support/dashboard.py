"""One pass through every dashboard operation in ``frontend-queries/``, in a real order.

Each step runs one operation with real variables and its own request id, and
checks that it ran without GraphQL errors and, for a mutation, succeeded.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx

from tests.support import admin
from tests.support.secrets import remember


@dataclass
class Step:
    operation: str
    request_id: str
    result: Any


class Session:
    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self.http = http
        self.token = token
        self.steps: list[Step] = []

    async def run(self, operation: str, variables: dict[str, Any] | None = None) -> Any:
        request_id = f"{operation}-{secrets.token_hex(4)}"
        response = await admin.call(
            self.http,
            admin.operation(operation),
            variables,
            token=self.token,
            headers={"X-Request-ID": request_id},
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert not body.get("errors"), (operation, body)
        [result] = body["data"].values()
        if isinstance(result, dict) and "__typename" in result:
            assert result["__typename"].endswith("Success"), (operation, result)
        self.steps.append(Step(operation, request_id, result))
        return result


async def run_every_operation(http: httpx.AsyncClient, token: str) -> list[Step]:
    """Run every dashboard operation once as a platform admin; return the steps."""
    session = Session(http, token)
    run = session.run
    await run("viewer")
    slug = "dash-" + secrets.token_hex(4)
    tenant = (await run("create-tenant", {"input": {"slug": slug, "name": "Dash Co"}}))[
        "tenant"
    ]
    tenant_id = tenant["id"]
    await run("update-tenant", {"input": {"id": tenant_id, "name": "Dash Company"}})
    await run("tenant-list", {"search": slug})
    await run("tenant-detail", {"id": tenant_id})

    role = (await run("create-role", {"tenantId": tenant_id, "name": "editor"}))["role"]
    await run("rename-role", {"id": role["id"], "name": "author"})
    await run("role-list", {"tenantId": tenant_id})
    password = "pw-" + secrets.token_urlsafe(12)
    remember(password)
    user = (
        await run(
            "create-user",
            {
                "input": {
                    "tenantId": tenant_id,
                    "email": f"{slug}@example.com",
                    "password": password,
                    "name": "Dash User",
                }
            },
        )
    )["user"]
    user_ref = {"tenantId": tenant_id, "userId": user["id"]}
    await run("update-user", {"input": {**user_ref, "givenName": "Dash"}})
    new_password = "pw-" + secrets.token_urlsafe(12)
    remember(new_password)
    await run("set-user-password", {**user_ref, "password": new_password})
    await run("set-user-disabled", {**user_ref, "disabled": True})
    await run("assign-role", {**user_ref, "roleId": role["id"]})
    await run("unassign-role", {**user_ref, "roleId": role["id"]})
    await run("user-list", {"tenantId": tenant_id, "search": "dash"})
    await run("user-detail", {"tenantId": tenant_id, "id": user["id"]})

    created = await run(
        "create-client",
        {
            "input": {
                "tenantId": tenant_id,
                "name": "Dash CMS",
                "redirectUris": ["https://cms.example.com/callback"],
                "allowedScopes": ["openid", "email", "roles.read"],
                "allowedRoleIds": [role["id"]],
                "allowedCorsOrigins": ["https://cms.example.com"],
                "grantTypes": ["authorization_code", "refresh_token"],
                "accessTokenTtl": 900,
            }
        },
    )
    remember(created["clientSecret"])
    client_id = created["client"]["id"]
    await run(
        "update-client",
        {"input": {"id": client_id, "name": "Dash CMS 2", "accessTokenTtl": None}},
    )
    rotated = await run(
        "rotate-client-secret", {"id": client_id, "previousSecretValidForSeconds": 600}
    )
    remember(rotated["clientSecret"])
    await run("set-client-enabled", {"id": client_id, "enabled": False})
    await run("client-list", {"tenantId": tenant_id})
    await run("client-detail", {"id": client_id})

    key = await run(
        "create-api-key",
        {"input": {"tenantId": tenant_id, "name": "Portal", "permissions": ["READ"]}},
    )
    remember(key["key"])
    await run("api-key-list", {"tenantId": tenant_id})
    await run("revoke-api-key", {"id": key["apiKey"]["id"]})

    await run("scope-catalog")
    group = "media_billing"
    ready = {"apiEndpoint": True, "permissionPolicy": True, "audit": True, "docs": True}
    await run("set-scope-group-readiness", {"input": {"key": group, **ready}})
    await run("set-scope-group-enabled", {"key": group, "enabled": True})
    await run("set-scope-group-enabled", {"key": group, "enabled": False})

    await run("signing-key-list")
    await run("rotate-signing-key", {"activationDelaySeconds": 300})

    await run("delete-client", {"id": client_id})
    await run("remove-user", user_ref)
    await run("delete-role", {"id": role["id"]})
    await run("audit-log", {"tenantId": tenant_id, "limit": 100})
    return session.steps
