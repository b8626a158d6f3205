"""Admin API rules that keep a narrow credential from widening itself."""

from __future__ import annotations

import httpx

from app.main import create_app
from app.models import ClientSecret
from app.services import clients, clock
from tests.support import admin, factories

ASSIGN_ROLE = admin.operation("assign-role")
RENAME_ROLE = admin.operation("rename-role")
UPDATE_CLIENT = admin.operation("update-client")


async def _tenant_with_admin_role():
    tenant = await factories.make_tenant()
    admin_role = await factories.make_role(tenant, "admin")
    staff = await factories.make_role(tenant, "staff")
    user = await factories.make_user(tenant, [staff])
    return tenant, admin_role, staff, user


async def test_roles_key_cannot_assign_admin_role(http):
    tenant, admin_role, _, user = await _tenant_with_admin_role()
    key = await admin.tenant_key(tenant.id, ["roles"])
    variables = {"tenantId": str(tenant.id), "userId": str(user.account.id), "roleId": str(admin_role.id)}
    result = (await admin.data(http, ASSIGN_ROLE, variables, token=key))["assignRole"]
    assert admin.user_error(result, "ForbiddenError")


async def test_roles_key_assigns_ordinary_role(http):
    tenant, _, _, user = await _tenant_with_admin_role()
    other = await factories.make_role(tenant, "support")
    key = await admin.tenant_key(tenant.id, ["roles"])
    variables = {"tenantId": str(tenant.id), "userId": str(user.account.id), "roleId": str(other.id)}
    result = (await admin.data(http, ASSIGN_ROLE, variables, token=key))["assignRole"]
    admin.success(result, "UserSuccess")


async def test_roles_key_cannot_rename_into_admin(http):
    tenant, _, staff, _ = await _tenant_with_admin_role()
    key = await admin.tenant_key(tenant.id, ["roles"])
    for name in ("owner", "Admin"):
        result = (await admin.data(http, RENAME_ROLE, {"id": str(staff.id), "name": name}, token=key))[
            "renameRole"
        ]
        assert admin.user_error(result, "ForbiddenError")


async def test_full_key_assigns_admin_role(http):
    tenant, admin_role, _, user = await _tenant_with_admin_role()
    key = await admin.tenant_key(
        tenant.id, ["read", "tenant", "users", "roles", "clients", "audit", "api_keys"]
    )
    variables = {"tenantId": str(tenant.id), "userId": str(user.account.id), "roleId": str(admin_role.id)}
    result = (await admin.data(http, ASSIGN_ROLE, variables, token=key))["assignRole"]
    admin.success(result, "UserSuccess")


async def test_dashboard_client_changes_need_platform_admin(database):
    tenant = await factories.make_tenant()
    dashboard = await factories.make_client(tenant, client_type="public")
    settings = database.model_copy(update={"dashboard_client_id": dashboard.client_id})
    app = create_app(settings, manage_database=False)
    key = await admin.tenant_key(tenant.id, ["read", "clients"])
    variables = {
        "input": {
            "id": str(dashboard.client.id),
            "redirectUris": [factories.REDIRECT_URI, "https://attacker.example/steal"],
        }
    }
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        result = (await admin.data(http, UPDATE_CLIENT, variables, token=key))["updateClient"]
        assert admin.user_error(result, "ForbiddenError")
        platform = await admin.platform_key()
        allowed = (await admin.data(http, UPDATE_CLIENT, variables, token=platform))[
            "updateClient"
        ]
        admin.success(allowed, "UpdateClientSuccess")


async def test_rotation_keeps_at_most_two_secrets(database):
    from datetime import timedelta

    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    for _ in range(5):
        secret, _ = await clients.rotate_secret(client.client, timedelta(days=1))
        factories.remember(secret)
    now = clock.now()
    live = [
        row
        for row in await ClientSecret.filter(client_id=client.client.id)
        if row.expires_at is None or row.expires_at > now
    ]
    assert len(live) == 2
    assert await clients.verify_secret(client.client, secret)
    assert not await clients.verify_secret(client.client, client.secret)


def test_invalid_emails_rejected():
    import pytest

    from app.services import accounts
    from app.services.errors import ValidationError

    for email in ["a\n@b.example", "a@b@c.example", "a@.", "a@-.-", "<script>@x.example", "a b@x.example"]:
        with pytest.raises(ValidationError):
            accounts.check_email(email)
    assert accounts.check_email(" Ada@Example.COM ") == "ada@example.com"


async def test_invisible_role_names_rejected(database):
    import pytest

    from app.services import tenants
    from app.services.errors import ValidationError

    tenant = await factories.make_tenant()
    for name in ["admin\u200b", "a\x00b", "\u200b", "x\u202e"]:
        with pytest.raises(ValidationError):
            await tenants.create_role(tenant, name)
