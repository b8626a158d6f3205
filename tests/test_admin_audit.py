"""The audit log: every mutation is recorded, without secrets, and queryable."""

from __future__ import annotations

import json
from datetime import timedelta

from app.services import clock
from tests.support import admin, factories, flows
from tests.support.dashboard import run_every_operation
from tests.support.secrets import all_secrets

# The audit action each dashboard mutation records.
ACTIONS = {
    "create-tenant": "tenant.created",
    "update-tenant": "tenant.updated",
    "create-role": "role.created",
    "rename-role": "role.renamed",
    "create-user": "user.created",
    "update-user": "user.updated",
    "set-user-password": "user.password_set",
    "set-user-disabled": "user.disabled",
    "assign-role": "role.assigned",
    "unassign-role": "role.unassigned",
    "create-client": "client.created",
    "update-client": "client.updated",
    "rotate-client-secret": "client.secret_rotated",
    "set-client-enabled": "client.disabled",
    "create-api-key": "api_key.created",
    "revoke-api-key": "api_key.revoked",
    "set-scope-group-readiness": "scope_group.readiness_updated",
    "set-scope-group-enabled": "scope_group.enabled",
    "rotate-signing-key": "signing_key.rotated",
    "delete-client": "client.deleted",
    "remove-user": "user.removed",
    "delete-role": "role.deleted",
}
PLATFORM_ACTIONS = {
    "scope_group.readiness_updated",
    "scope_group.enabled",
    "scope_group.disabled",
    "signing_key.rotated",
}


async def all_events(http, key, tenant_id) -> list[dict]:
    page = await admin.run(
        http, "audit-log", {"tenantId": tenant_id, "limit": 100}, token=key
    )
    return page["items"]


async def test_every_mutation_is_audited(http):
    key = await admin.platform_key()
    actor = (await admin.run(http, "viewer", token=key))["actorId"]
    steps = await run_every_operation(http, key)
    tenant_id = next(s for s in steps if s.operation == "create-tenant").result[
        "tenant"
    ]["id"]
    events = await all_events(http, key, tenant_id)
    events += await all_events(http, key, None)
    by_request = {}
    for event in events:
        by_request.setdefault(event["requestId"], []).append(event)

    mutations = [step for step in steps if step.operation in ACTIONS]
    assert {step.operation for step in mutations} == set(ACTIONS)
    for step in mutations:
        recorded = by_request.get(step.request_id, [])
        assert len(recorded) == 1, (step.operation, recorded)
        [event] = recorded
        expected = ACTIONS[step.operation]
        if (
            step.operation == "set-scope-group-enabled"
            and event["action"] == "scope_group.disabled"
        ):
            expected = "scope_group.disabled"
        assert event["action"] == expected
        assert event["actorType"] == "platform_key"
        assert event["actorId"] == actor
        assert event["targetId"]
        assert event["tenantId"] == (
            None if expected in PLATFORM_ACTIONS else tenant_id
        )
    text = json.dumps(events)
    leaked = [secret for secret in all_secrets() if secret in text]
    assert not leaked


async def test_audit_filters_and_pages(http):
    tenant = await factories.make_tenant()
    key = await admin.tenant_key(tenant.id, ["read", "roles", "audit"])
    before = clock.now() - timedelta(seconds=1)
    role_ids = []
    for name in ("a", "b", "c"):
        payload = await admin.run(
            http, "create-role", {"tenantId": str(tenant.id), "name": name}, token=key
        )
        role_ids.append(payload["role"]["id"])
    await admin.run(http, "rename-role", {"id": role_ids[0], "name": "z"}, token=key)
    tenant_id = str(tenant.id)

    async def query(**variables):
        return await admin.run(
            http, "audit-log", {"tenantId": tenant_id, **variables}, token=key
        )

    created = await query(filter={"action": "role.created"}, limit=2)
    assert created["totalCount"] == 3
    assert len(created["items"]) == 2
    rest = await query(filter={"action": "role.created"}, limit=2, offset=2)
    assert len(rest["items"]) == 1
    by_target = await query(filter={"targetType": "role", "targetId": role_ids[0]})
    assert [item["action"] for item in by_target["items"]] == [
        "role.renamed",
        "role.created",
    ]
    actor = (await admin.run(http, "viewer", token=key))["actorId"]
    by_actor = await query(filter={"actorType": "api_key", "actorId": actor})
    assert by_actor["totalCount"] == 4
    future = (clock.now() + timedelta(hours=1)).isoformat()
    assert (await query(filter={"since": future}))["totalCount"] == 0
    assert (await query(filter={"until": before.isoformat()}))["totalCount"] == 0
    window = await query(filter={"since": before.isoformat(), "until": future})
    assert window["totalCount"] == 4


async def test_audit_of_other_tenant_is_not_found(http):
    tenant = await factories.make_tenant()
    other = await factories.make_tenant()
    key = await admin.tenant_key(tenant.id, ["audit"])
    codes = await admin.error_codes(
        http, admin.operation("audit-log"), {"tenantId": str(other.id)}, token=key
    )
    assert codes == ["NOT_FOUND"]
    codes = await admin.error_codes(http, admin.operation("audit-log"), {}, token=key)
    assert codes == ["FORBIDDEN"]


async def test_sign_in_failure_is_audited(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await flows.sign_in(http, params, "nobody@example.com", "wrong password")
    assert response.status_code == 200
    key = await admin.tenant_key(tenant.id, ["audit"])
    page = await admin.run(
        http,
        "audit-log",
        {"tenantId": str(tenant.id), "filter": {"action": "auth.sign_in_failed"}},
        token=key,
    )
    assert page["totalCount"] == 1
    assert page["items"][0]["targetId"] == client.client_id
