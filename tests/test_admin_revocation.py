"""Tokens stop working when the admin API takes access away.

Disabling a client or member, removing a member, setting a password and
suspending a tenant revoke the tokens issued before, at userinfo,
introspection and the token endpoint, and undoing the change later does not
bring them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pytest

from app.models import Tenant
from app.services import tenants
from tests.support import admin, factories, flows
from tests.support.secrets import remember

REFRESH_GRANTS = ["authorization_code", "refresh_token"]


@dataclass
class SignedIn:
    tenant: Tenant
    user: factories.User
    client: factories.Client
    tokens: dict


@pytest.fixture
async def key():
    return await admin.platform_key()


async def sign_in(http, tenant=None, user=None) -> SignedIn:
    tenant = tenant or await factories.make_tenant()
    user = user or await factories.make_user(tenant)
    client = await factories.make_client(tenant, grant_types=REFRESH_GRANTS)
    tokens = await flows.sign_in_tokens(
        http, client.client_id, client.secret, user.email, user.password
    )
    return SignedIn(tenant, user, client, tokens)


async def sign_in_elsewhere(http, user: factories.User) -> SignedIn:
    """Sign the same account in to a client of another tenant it belongs to."""
    tenant = await factories.make_tenant("Globex")
    await tenants.add_member(tenant, user.account)
    return await sign_in(http, tenant, user)


async def userinfo_error(http, access_token: str) -> str | None:
    """Return the error in the userinfo challenge, or None when the call succeeds."""
    response = await http.get(
        "/oauth/userinfo", headers={"Authorization": f"Bearer {access_token}"}
    )
    if response.status_code == 200:
        return None
    assert response.status_code == 401, response.text
    challenge = response.headers["www-authenticate"]
    return challenge.split('error="', 1)[1].split('"', 1)[0]


async def introspection(http, signed_in: SignedIn, token: str) -> dict:
    client = signed_in.client
    response = await http.post(
        "/oauth/introspect",
        data={"token": token},
        auth=(client.client_id, client.secret),
    )
    return response.json()


async def refresh_error(http, signed_in: SignedIn) -> str | None:
    """Return the token endpoint's error for a refresh, or None when it succeeds."""
    client = signed_in.client
    response = await flows.token_request(
        http,
        client.client_id,
        client.secret,
        grant_type="refresh_token",
        refresh_token=signed_in.tokens["refresh_token"],
    )
    body = response.json()
    remember(body.get("access_token"), body.get("refresh_token"), body.get("id_token"))
    return body.get("error")


async def assert_tokens_revoked(http, signed_in: SignedIn) -> None:
    tokens = signed_in.tokens
    assert await userinfo_error(http, tokens["access_token"]) == "invalid_token"
    for token in (tokens["access_token"], tokens["refresh_token"]):
        assert await introspection(http, signed_in, token) == {"active": False}
    assert await refresh_error(http, signed_in) == "invalid_grant"


async def assert_tokens_work(http, signed_in: SignedIn) -> None:
    tokens = signed_in.tokens
    assert await userinfo_error(http, tokens["access_token"]) is None
    for token in (tokens["access_token"], tokens["refresh_token"]):
        assert (await introspection(http, signed_in, token))["active"] is True


async def mutate(http, key, operation: str, variables: dict, success: str) -> dict:
    payload = await admin.run(http, operation, variables, token=key)
    return admin.success(payload, success)


def user_ref(signed_in: SignedIn) -> dict:
    return {
        "tenantId": str(signed_in.tenant.id),
        "userId": str(signed_in.user.account.id),
    }


async def test_disabled_client_revokes_tokens(http, key):
    signed_in = await sign_in(http)
    await assert_tokens_work(http, signed_in)
    client_ref = {"id": str(signed_in.client.client.id)}
    tokens = signed_in.tokens

    enabled = {**client_ref, "enabled": False}
    await mutate(http, key, "set-client-enabled", enabled, "ClientSuccess")
    assert await userinfo_error(http, tokens["access_token"]) == "invalid_token"
    # A disabled client cannot authenticate, so it cannot introspect or refresh.
    assert (await introspection(http, signed_in, tokens["access_token"]))[
        "error"
    ] == "invalid_client"
    assert await refresh_error(http, signed_in) == "invalid_client"

    enabled = {**client_ref, "enabled": True}
    await mutate(http, key, "set-client-enabled", enabled, "ClientSuccess")
    await assert_tokens_revoked(http, signed_in)


async def test_disabled_member_loses_tokens(http, key):
    signed_in = await sign_in(http)
    elsewhere = await sign_in_elsewhere(http, signed_in.user)
    ref = user_ref(signed_in)

    await mutate(
        http, key, "set-user-disabled", {**ref, "disabled": True}, "UserSuccess"
    )
    await assert_tokens_revoked(http, signed_in)
    await mutate(
        http, key, "set-user-disabled", {**ref, "disabled": False}, "UserSuccess"
    )
    await assert_tokens_revoked(http, signed_in)
    # The same account's membership in another tenant keeps its tokens.
    await assert_tokens_work(http, elsewhere)


async def test_removed_member_loses_tokens(http, key):
    signed_in = await sign_in(http)
    elsewhere = await sign_in_elsewhere(http, signed_in.user)

    await mutate(http, key, "remove-user", user_ref(signed_in), "DeleteSuccess")
    await assert_tokens_revoked(http, signed_in)
    # Adding the account to the tenant again does not revive the old tokens.
    await tenants.add_member(signed_in.tenant, signed_in.user.account)
    await assert_tokens_revoked(http, signed_in)
    await assert_tokens_work(http, elsewhere)


async def authorize_with_session(http, signed_in: SignedIn):
    params = flows.authorize_params(signed_in.client.client_id, factories.REDIRECT_URI)
    return await http.get("/oauth/authorize?" + urlencode(params))


async def test_password_change_revokes_tokens(http, key):
    signed_in = await sign_in(http)
    # The browser session of that sign-in issues codes without a new sign-in.
    resumed = await authorize_with_session(http, signed_in)
    assert resumed.status_code in (302, 303), resumed.text
    assert "code" in flows.query_of(resumed.headers["location"])
    remember(flows.query_of(resumed.headers["location"])["code"])

    new_password = "pw-new-" + factories.unique("x")
    remember(new_password)
    await mutate(
        http,
        key,
        "set-user-password",
        {**user_ref(signed_in), "password": new_password},
        "UserSuccess",
    )
    await assert_tokens_revoked(http, signed_in)
    # The session ended, so the same browser gets the sign-in page again.
    page = await authorize_with_session(http, signed_in)
    assert page.status_code == 200
    assert 'name="password"' in page.text

    signed_in.user.password = new_password
    again = await sign_in(http, signed_in.tenant, signed_in.user)
    await assert_tokens_work(http, again)
    await assert_tokens_revoked(http, signed_in)


async def test_suspended_tenant_revokes_tokens(http, key):
    signed_in = await sign_in(http)
    other = await sign_in(http)
    tenant_ref = {"id": str(signed_in.tenant.id)}

    suspended = await mutate(
        http,
        key,
        "update-tenant",
        {"input": {**tenant_ref, "status": "SUSPENDED"}},
        "TenantSuccess",
    )
    assert suspended["tenant"]["status"] == "SUSPENDED"
    tokens = signed_in.tokens
    assert await userinfo_error(http, tokens["access_token"]) == "invalid_token"
    for token in (tokens["access_token"], tokens["refresh_token"]):
        assert await introspection(http, signed_in, token) == {"active": False}
    assert await refresh_error(http, signed_in) == "invalid_grant"

    await mutate(
        http,
        key,
        "update-tenant",
        {"input": {**tenant_ref, "status": "ACTIVE"}},
        "TenantSuccess",
    )
    await assert_tokens_revoked(http, signed_in)
    await assert_tokens_work(http, other)
