"""Token revocation (RFC 7009) and its effect on userinfo and introspection."""

from __future__ import annotations

from app.services import clock
from tests.support import factories, flows

REFRESH_GRANTS = ["authorization_code", "refresh_token"]


async def _signed_in(http, **client_options):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    options = {"grant_types": REFRESH_GRANTS, **client_options}
    client = await factories.make_client(tenant, **options)
    tokens = await flows.sign_in_tokens(
        http, client.client_id, client.secret, user.email, user.password
    )
    return user, client, tokens


async def _revoke(http, client, token, **form):
    data = {"token": token, **form}
    if client.secret is None:
        return await http.post("/oauth/revoke", data={"client_id": client.client_id, **data})
    return await http.post("/oauth/revoke", data=data, auth=(client.client_id, client.secret))


async def _userinfo_status(http, access_token):
    response = await http.get(
        "/oauth/userinfo", headers={"Authorization": f"Bearer {access_token}"}
    )
    return response.status_code


async def _introspect(http, client, token):
    response = await http.post(
        "/oauth/introspect", data={"token": token}, auth=(client.client_id, client.secret)
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_revoke_access_token(http):
    _, client, tokens = await _signed_in(http)
    response = await _revoke(http, client, tokens["access_token"])
    assert response.status_code == 200
    assert response.content == b""
    assert await _userinfo_status(http, tokens["access_token"]) == 401
    assert (await _introspect(http, client, tokens["access_token"])) == {"active": False}
    # The refresh token and its grant are untouched.
    assert (await _introspect(http, client, tokens["refresh_token"]))["active"] is True


async def test_revoke_refresh_token_revokes_grant(http):
    _, client, tokens = await _signed_in(http)
    response = await _revoke(
        http, client, tokens["refresh_token"], token_type_hint="refresh_token"
    )
    assert response.status_code == 200
    assert await _userinfo_status(http, tokens["access_token"]) == 401
    refresh = await flows.token_request(
        http,
        client.client_id,
        client.secret,
        grant_type="refresh_token",
        refresh_token=tokens["refresh_token"],
    )
    assert refresh.status_code == 400
    assert refresh.json()["error"] == "invalid_grant"


async def test_revoke_with_wrong_hint(http):
    _, client, tokens = await _signed_in(http)
    response = await _revoke(
        http, client, tokens["access_token"], token_type_hint="refresh_token"
    )
    assert response.status_code == 200
    assert await _userinfo_status(http, tokens["access_token"]) == 401


async def test_revoke_unknown_hint_ignored(http):
    _, client, tokens = await _signed_in(http)
    response = await _revoke(http, client, tokens["access_token"], token_type_hint="other")
    assert response.status_code == 200
    assert await _userinfo_status(http, tokens["access_token"]) == 401


async def test_revoke_other_clients_token(http):
    _, owner, tokens = await _signed_in(http)
    tenant = await factories.make_tenant()
    other = await factories.make_client(tenant)
    for token in (tokens["access_token"], tokens["refresh_token"]):
        response = await _revoke(http, other, token)
        assert response.status_code == 200
    assert await _userinfo_status(http, tokens["access_token"]) == 200
    assert (await _introspect(http, owner, tokens["refresh_token"]))["active"] is True


async def test_revoke_unknown_token(http):
    _, client, _ = await _signed_in(http)
    response = await _revoke(http, client, "rgn_at_" + "x" * 43)
    assert response.status_code == 200


async def test_revoke_public_client(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(
        tenant, client_type="public", grant_types=REFRESH_GRANTS
    )
    tokens = await flows.sign_in_tokens(http, client.client_id, None, user.email, user.password)
    response = await _revoke(http, client, tokens["refresh_token"])
    assert response.status_code == 200
    assert await _userinfo_status(http, tokens["access_token"]) == 401


async def test_revoke_missing_token(http):
    _, client, _ = await _signed_in(http)
    response = await http.post("/oauth/revoke", data={}, auth=(client.client_id, client.secret))
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert response.headers["cache-control"] == "no-store"


async def test_revoke_requires_client_auth(http):
    _, client, tokens = await _signed_in(http)
    unauthenticated = await http.post("/oauth/revoke", data={"token": tokens["access_token"]})
    assert unauthenticated.status_code == 401
    assert unauthenticated.json()["error"] == "invalid_client"
    wrong = await http.post(
        "/oauth/revoke",
        data={"token": tokens["access_token"]},
        auth=(client.client_id, "rgn_cs_wrong"),
    )
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"
    assert wrong.headers["www-authenticate"].startswith("Basic")
    assert await _userinfo_status(http, tokens["access_token"]) == 200


async def test_revoke_duplicate_parameter(http):
    _, client, tokens = await _signed_in(http)
    token = tokens["access_token"]
    response = await http.post(
        "/oauth/revoke",
        content=f"token={token}&token={token}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        auth=(client.client_id, client.secret),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_disabled_user_token_inactive(http):
    user, client, tokens = await _signed_in(http)
    user.account.disabled_at = clock.now()
    await user.account.save(update_fields=["disabled_at"])
    assert await _userinfo_status(http, tokens["access_token"]) == 401
    assert (await _introspect(http, client, tokens["access_token"])) == {"active": False}
    assert (await _introspect(http, client, tokens["refresh_token"])) == {"active": False}
