"""The scope catalog through the admin API: planned groups and their readiness."""

from __future__ import annotations

from urllib.parse import urlencode

from tests.support import admin, factories, flows
from tests.support.secrets import remember

ALL_READY = {"apiEndpoint": True, "permissionPolicy": True, "audit": True, "docs": True}


async def groups_by_key(http, key) -> dict:
    catalog = await admin.run(http, "scope-catalog", token=key)
    return {group["key"]: group for group in catalog["items"]}


async def set_ready(http, key, group: str, **items: bool):
    return await admin.run(
        http, "set-scope-group-readiness", {"input": {"key": group, **items}}, token=key
    )


async def set_enabled(http, key, group: str, enabled: bool):
    return await admin.run(
        http, "set-scope-group-enabled", {"key": group, "enabled": enabled}, token=key
    )


async def test_catalog_lists_groups(http):
    tenant = await factories.make_tenant()
    key = await admin.tenant_key(tenant.id, ["read"])
    groups = await groups_by_key(http, key)
    core = groups["openid_connect"]
    assert core["enabled"] is True
    assert core["missingReadinessItems"] == []
    assert [scope["name"] for scope in core["scopes"]] == [
        "openid",
        "profile",
        "email",
        "tenant.read",
        "roles.read",
    ]
    assert all(scope["grantable"] for scope in core["scopes"])
    contacts = groups["contacts_conversations"]
    assert contacts["enabled"] is False
    assert contacts["missingReadinessItems"] == [
        "API_ENDPOINT",
        "PERMISSION_POLICY",
        "AUDIT",
        "DOCS",
    ]
    assert contacts["scopes"][0] == {
        "name": "contacts.*",
        "description": "Customer records.",
        "isPattern": True,
        "grantable": False,
    }
    assert len(groups) == 10


async def test_enabling_needs_every_readiness_item(http):
    key = await admin.platform_key()
    refused = await set_enabled(http, key, "sdk_runtime", True)
    assert refused["__typename"] == "ScopeGroupNotReadyError"
    assert refused["missingItems"] == [
        "API_ENDPOINT",
        "PERMISSION_POLICY",
        "AUDIT",
        "DOCS",
    ]
    assert "API endpoint" in refused["message"]

    partly = await set_ready(http, key, "sdk_runtime", apiEndpoint=True, docs=True)
    assert admin.success(partly, "ScopeGroupSuccess")["scopeGroup"][
        "missingReadinessItems"
    ] == ["PERMISSION_POLICY", "AUDIT"]
    refused = await set_enabled(http, key, "sdk_runtime", True)
    assert refused["missingItems"] == ["PERMISSION_POLICY", "AUDIT"]
    assert (await groups_by_key(http, key))["sdk_runtime"]["enabled"] is False


async def test_enabled_group_becomes_grantable(http):
    key = await admin.platform_key()
    tenant = await factories.make_tenant()
    admin.success(
        await set_ready(http, key, "sdk_runtime", **ALL_READY), "ScopeGroupSuccess"
    )
    try:
        enabled = await set_enabled(http, key, "sdk_runtime", True)
        group = admin.success(enabled, "ScopeGroupSuccess")["scopeGroup"]
        assert group["enabled"] is True
        assert group["scopes"] == [
            {"name": "runtime.tokens.write", "grantable": True},
            {"name": "runtime.sessions.*", "grantable": False},
        ]
        discovery = (await http.get("/.well-known/openid-configuration")).json()
        assert "runtime.tokens.write" in discovery["scopes_supported"]
        assert "runtime.sessions.*" not in discovery["scopes_supported"]

        variables = {
            "input": {
                "tenantId": str(tenant.id),
                "name": "Runtime app",
                "redirectUris": [factories.REDIRECT_URI],
                "allowedScopes": ["openid", "runtime.tokens.write"],
            }
        }
        created = await admin.run(http, "create-client", variables, token=key)
        remember(created.get("clientSecret"))
        client = admin.success(created, "CreateClientSuccess")["client"]
        variables["input"]["allowedScopes"] = ["openid", "runtime.sessions.*"]
        pattern = await admin.run(http, "create-client", variables, token=key)
        admin.user_error(pattern, "ValidationError", "allowedScopes")

        params = flows.authorize_params(
            client["clientId"],
            factories.REDIRECT_URI,
            scope="openid runtime.sessions.*",
        )
        response = await http.get("/oauth/authorize?" + urlencode(params))
        assert flows.query_of(response.headers["location"])["error"] == "invalid_scope"
    finally:
        disabled = await set_enabled(http, key, "sdk_runtime", False)
        admin.success(disabled, "ScopeGroupSuccess")
    discovery = (await http.get("/.well-known/openid-configuration")).json()
    assert "runtime.tokens.write" not in discovery["scopes_supported"]


async def test_enabled_group_must_stay_ready(http):
    key = await admin.platform_key()
    payload = await set_ready(http, key, "openid_connect", docs=False)
    admin.user_error(payload, "ValidationError", "key")
    payload = await set_enabled(http, key, "openid_connect", False)
    admin.user_error(payload, "ValidationError", "key")
    assert (await groups_by_key(http, key))["openid_connect"]["enabled"] is True


async def test_catalog_changes_need_platform_admin(http):
    tenant = await factories.make_tenant()
    key = await admin.tenant_key(tenant.id, ["read", "tenant", "clients"])
    admin.user_error(
        await set_ready(http, key, "calls_recordings", docs=True), "ForbiddenError"
    )
    admin.user_error(
        await set_enabled(http, key, "calls_recordings", True), "ForbiddenError"
    )
    platform = await admin.platform_key()
    assert (await groups_by_key(http, platform))["calls_recordings"]["readiness"][
        "docs"
    ] is False


async def test_unknown_group(http):
    key = await admin.platform_key()
    admin.user_error(
        await set_enabled(http, key, "no_such_group", True), "NotFoundError", "key"
    )
