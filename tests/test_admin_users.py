"""Users of a tenant through the admin API."""

from __future__ import annotations

import pytest

from app.services import accounts, tenants
from tests.support import admin, factories
from tests.support.secrets import remember


@pytest.fixture
async def tenant():
    return await factories.make_tenant()


@pytest.fixture
async def key(tenant):
    return await admin.tenant_key(tenant.id, ["read", "users", "roles"])


async def create_user(http, key, tenant, **fields):
    values = {
        "tenantId": str(tenant.id),
        "email": f"{factories.unique('u')}@example.com",
        **fields,
    }
    return await admin.run(http, "create-user", {"input": values}, token=key)


async def test_create_user_with_password(http, tenant, key):
    password = "correct horse battery"
    remember(password)
    role = await factories.make_role(tenant, "agent")
    payload = await create_user(
        http,
        key,
        tenant,
        password=password,
        name="Ada Lovelace",
        roleIds=[str(role.id)],
    )
    user = admin.success(payload, "UserSuccess")["user"]
    assert user["hasPassword"] is True
    assert user["name"] == "Ada Lovelace"
    assert user["roles"] == [{"id": str(role.id), "name": "agent"}]
    assert user["disabled"] is False
    account = await accounts.authenticate(user["email"], password)
    assert account is not None
    assert str(account.id) == user["id"]


async def test_create_user_without_password(http, tenant, key):
    payload = await create_user(http, key, tenant)
    assert admin.success(payload, "UserSuccess")["user"]["hasPassword"] is False


async def test_create_user_rejects_invalid_input(http, tenant, key):
    existing = await factories.make_user(None)
    other_role = await factories.make_role(await factories.make_tenant(), "agent")
    cases = [
        ({"email": "not-an-email"}, "ValidationError", "email"),
        ({"password": "short"}, "ValidationError", "password"),
        ({"email": existing.email.upper()}, "ConflictError", "email"),
        ({"roleIds": [str(other_role.id)]}, "NotFoundError", "roleIds"),
        ({"locale": "x" * 40}, "ValidationError", "locale"),
    ]
    for fields, typename, field in cases:
        payload = await create_user(http, key, tenant, **fields)
        admin.user_error(payload, typename, field)
    listing = await admin.run(
        http, "user-list", {"tenantId": str(tenant.id)}, token=key
    )
    assert listing["totalCount"] == 0


async def test_update_user(http, tenant, key):
    created = await create_user(http, key, tenant, name="Old Name", emailVerified=True)
    user = created["user"]
    new_email = f"{factories.unique('new')}@example.com"
    payload = await admin.run(
        http,
        "update-user",
        {
            "input": {
                "tenantId": str(tenant.id),
                "userId": user["id"],
                "email": new_email.upper(),
                "name": None,
                "givenName": "Grace",
                "locale": "en-GB",
            }
        },
        token=key,
    )
    updated = admin.success(payload, "UserSuccess")["user"]
    assert updated["email"] == new_email
    assert updated["emailVerified"] is False
    assert updated["name"] is None
    assert updated["givenName"] == "Grace"
    assert updated["locale"] == "en-GB"

    taken = await factories.make_user(None)
    conflict = await admin.run(
        http,
        "update-user",
        {
            "input": {
                "tenantId": str(tenant.id),
                "userId": user["id"],
                "email": taken.email,
            }
        },
        token=key,
    )
    admin.user_error(conflict, "ConflictError", "email")


async def test_update_shared_account_needs_platform_admin(http, tenant, key):
    shared = await factories.make_user(tenant)
    other = await factories.make_tenant()
    await tenants.add_member(other, shared.account)
    variables = {
        "input": {
            "tenantId": str(tenant.id),
            "userId": str(shared.account.id),
            "name": "Taken",
        }
    }
    refused = await admin.run(http, "update-user", variables, token=key)
    admin.user_error(refused, "ForbiddenError", "userId")
    password = await admin.run(
        http,
        "set-user-password",
        {
            "tenantId": str(tenant.id),
            "userId": str(shared.account.id),
            "password": "another password",
        },
        token=key,
    )
    admin.user_error(password, "ForbiddenError", "userId")
    assert await accounts.authenticate(shared.email, shared.password) is not None

    platform = await admin.platform_key()
    allowed = await admin.run(http, "update-user", variables, token=platform)
    assert admin.success(allowed, "UserSuccess")["user"]["name"] == "Taken"


async def test_set_user_password(http, tenant, key):
    user = await factories.make_user(tenant)
    new_password = "a brand new password"
    remember(new_password)
    variables = {"tenantId": str(tenant.id), "userId": str(user.account.id)}
    payload = await admin.run(
        http, "set-user-password", {**variables, "password": new_password}, token=key
    )
    assert admin.success(payload, "UserSuccess")["user"]["hasPassword"] is True
    assert await accounts.authenticate(user.email, user.password) is None
    assert await accounts.authenticate(user.email, new_password) is not None

    short = await admin.run(
        http, "set-user-password", {**variables, "password": "x"}, token=key
    )
    admin.user_error(short, "ValidationError", "password")

    removed = await admin.run(
        http, "set-user-password", {**variables, "password": None}, token=key
    )
    assert admin.success(removed, "UserSuccess")["user"]["hasPassword"] is False
    assert await accounts.authenticate(user.email, new_password) is None


async def test_disable_and_enable_user(http, tenant, key):
    user = await factories.make_user(tenant)
    variables = {"tenantId": str(tenant.id), "userId": str(user.account.id)}
    disabled = await admin.run(
        http, "set-user-disabled", {**variables, "disabled": True}, token=key
    )
    result = admin.success(disabled, "UserSuccess")["user"]
    assert result["disabled"] is True
    assert result["disabledAt"] is not None
    detail = await admin.run(
        http,
        "user-detail",
        {"tenantId": str(tenant.id), "id": str(user.account.id)},
        token=key,
    )
    assert detail["disabled"] is True
    enabled = await admin.run(
        http, "set-user-disabled", {**variables, "disabled": False}, token=key
    )
    assert admin.success(enabled, "UserSuccess")["user"]["disabled"] is False


async def test_remove_user(http, tenant, key):
    role = await factories.make_role(tenant, "agent")
    user = await factories.make_user(tenant, [role])
    variables = {"tenantId": str(tenant.id), "userId": str(user.account.id)}
    payload = await admin.run(http, "remove-user", variables, token=key)
    assert admin.success(payload, "DeleteSuccess")["id"] == str(user.account.id)
    detail = await admin.run(
        http,
        "user-detail",
        {"tenantId": str(tenant.id), "id": str(user.account.id)},
        token=key,
    )
    assert detail is None
    again = await admin.run(http, "remove-user", variables, token=key)
    admin.user_error(again, "NotFoundError", "userId")
    # The account itself stays.
    assert await accounts.authenticate(user.email, user.password) is not None


async def test_user_list_search_and_pages(http, tenant, key):
    role = await factories.make_role(tenant, "agent")
    for _ in range(3):
        await factories.make_user(tenant, [role], name="Grace Hopper")
    await factories.make_user(tenant, name="Alan Turing")
    await factories.make_user(None, name="Grace Outsider")
    page = await admin.run(
        http,
        "user-list",
        {"tenantId": str(tenant.id), "search": "grace", "limit": 2},
        token=key,
    )
    assert page["totalCount"] == 3
    assert len(page["items"]) == 2
    assert page["items"][0]["roles"] == [{"id": str(role.id), "name": "agent"}]
    rest = await admin.run(
        http,
        "user-list",
        {"tenantId": str(tenant.id), "search": "grace", "limit": 2, "offset": 2},
        token=key,
    )
    assert len(rest["items"]) == 1
    everyone = await admin.run(
        http, "user-list", {"tenantId": str(tenant.id)}, token=key
    )
    assert everyone["totalCount"] == 4
    emails = [item["email"] for item in everyone["items"]]
    assert emails == sorted(emails)


async def test_user_changes_need_users_permission(http, tenant):
    reader = await admin.tenant_key(tenant.id, ["read"])
    payload = await create_user(http, reader, tenant)
    admin.user_error(payload, "ForbiddenError")
