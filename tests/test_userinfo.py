"""The UserInfo endpoint: bearer tokens (RFC 6750) and claims by scope."""

from __future__ import annotations

import pytest

from app.models import Account, Membership
from app.services import clock
from tests.support import factories, flows
from tests.support.secrets import remember
from tests.test_token import _code_form, basic


async def _tokens(http, scope: str = "openid profile email tenant.read roles.read"):
    tenant = await factories.make_tenant("Initech")
    role = await factories.make_role(tenant, "support")
    user = await factories.make_user(tenant, [role], name="Peter Gibbons")
    client = await factories.make_client(tenant)
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, scope=scope)
    code = await flows.obtain_code(http, params, user.email, user.password)
    response = await http.post(
        "/oauth/token", data=_code_form(code), headers=basic(client.client_id, client.secret)
    )
    body = response.json()
    remember(body["access_token"], body.get("id_token"))
    return tenant, user, body


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_userinfo_returns_all_scoped_claims(http):
    tenant, user, tokens = await _tokens(http)
    response = await http.get("/oauth/userinfo", headers=_bearer(tokens["access_token"]))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    claims = response.json()
    assert claims["sub"] == str(user.account.id)
    assert claims["name"] == "Peter Gibbons"
    assert claims["given_name"] == "Peter"
    assert claims["email"] == user.email
    assert claims["email_verified"] is True
    assert claims["tenant_id"] == str(tenant.id)
    assert claims["tenant_name"] == "Initech"
    assert claims["roles"] == ["support"]


@pytest.mark.parametrize(
    ("scope", "present", "absent"),
    [
        ("openid", {"sub"}, {"email", "name", "tenant_id", "roles"}),
        ("openid email", {"sub", "email", "email_verified"}, {"name", "tenant_id", "roles"}),
        ("openid profile", {"sub", "name", "updated_at"}, {"email", "tenant_id", "roles"}),
        ("openid tenant.read", {"tenant_id", "tenant_slug", "tenant_name"}, {"email", "roles"}),
        ("openid roles.read", {"sub", "roles"}, {"email", "name", "tenant_id"}),
    ],
)
async def test_claims_follow_granted_scopes(http, scope, present, absent):
    _, _, tokens = await _tokens(http, scope)
    claims = (await http.get("/oauth/userinfo", headers=_bearer(tokens["access_token"]))).json()
    assert present <= set(claims)
    assert not absent & set(claims)


async def test_roles_claim_is_empty_array_without_roles(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant, [])
    client = await factories.make_client(tenant)
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, scope="openid roles.read")
    code = await flows.obtain_code(http, params, user.email, user.password)
    body = (
        await http.post(
            "/oauth/token", data=_code_form(code), headers=basic(client.client_id, client.secret)
        )
    ).json()
    remember(body["access_token"], body["id_token"])
    claims = (await http.get("/oauth/userinfo", headers=_bearer(body["access_token"]))).json()
    assert claims["roles"] == []


async def test_post_with_form_token(http):
    _, user, tokens = await _tokens(http)
    response = await http.post("/oauth/userinfo", data={"access_token": tokens["access_token"]})
    assert response.status_code == 200
    assert response.json()["sub"] == str(user.account.id)


async def test_post_with_bearer_header(http):
    _, _, tokens = await _tokens(http)
    response = await http.post("/oauth/userinfo", headers=_bearer(tokens["access_token"]))
    assert response.status_code == 200


async def test_token_in_header_and_body_is_invalid_request(http):
    _, _, tokens = await _tokens(http)
    response = await http.post(
        "/oauth/userinfo",
        data={"access_token": tokens["access_token"]},
        headers=_bearer(tokens["access_token"]),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_missing_token_gets_bare_challenge(http):
    response = await http.get("/oauth/userinfo")
    assert response.status_code == 401
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith("Bearer ")
    assert "error=" not in challenge


async def test_invalid_token_gets_invalid_token(http):
    response = await http.get("/oauth/userinfo", headers=_bearer("rgn_at_notatoken"))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


async def test_id_token_as_bearer_is_rejected(http):
    _, _, tokens = await _tokens(http)
    response = await http.get("/oauth/userinfo", headers=_bearer(tokens["id_token"]))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"


async def test_other_scheme_is_invalid_request(http):
    response = await http.get("/oauth/userinfo", headers={"Authorization": "Basic abc"})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_token_without_openid_gets_insufficient_scope(http):
    _, _, tokens = await _tokens(http, "email")
    assert "id_token" not in tokens
    response = await http.get("/oauth/userinfo", headers=_bearer(tokens["access_token"]))
    assert response.status_code == 403
    assert response.json()["error"] == "insufficient_scope"


async def test_disabled_account_token_stops_working(http):
    _, user, tokens = await _tokens(http)
    await Account.filter(id=user.account.id).update(disabled_at=clock.now())
    response = await http.get("/oauth/userinfo", headers=_bearer(tokens["access_token"]))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"


async def test_removed_membership_token_stops_working(http):
    _, user, tokens = await _tokens(http)
    await Membership.filter(account_id=user.account.id).delete()
    response = await http.get("/oauth/userinfo", headers=_bearer(tokens["access_token"]))
    assert response.status_code == 401
