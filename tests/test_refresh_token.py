"""The refresh token grant: rotation, reuse detection, grace window, narrowing."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from app.models import Membership, RefreshToken
from app.security.tokens import digest
from app.services import clock
from tests.support import factories, flows
from tests.support.secrets import remember

REFRESH_GRANTS = ["authorization_code", "refresh_token"]


async def _setup(http, **client_options):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, grant_types=REFRESH_GRANTS, **client_options)
    tokens = await flows.sign_in_tokens(
        http, client.client_id, client.secret, user.email, user.password
    )
    return user, client, tokens


async def _refresh(http, client, refresh_token, **form):
    response = await flows.token_request(
        http,
        client.client_id,
        client.secret,
        grant_type="refresh_token",
        refresh_token=refresh_token,
        **form,
    )
    body = response.json()
    remember(body.get("access_token"), body.get("refresh_token"), body.get("id_token"))
    return response


async def _claims(http, id_token):
    jwks = (await http.get("/oauth/jwks.json")).json()
    return jwt.decode(id_token, KeySet.import_key_set(jwks)).claims


async def _userinfo_status(http, access_token):
    response = await http.get(
        "/oauth/userinfo", headers={"Authorization": f"Bearer {access_token}"}
    )
    return response.status_code


async def test_code_exchange_issues_refresh_token(http):
    _, _, tokens = await _setup(http)
    assert tokens["refresh_token"].startswith("rgn_rt_")


async def test_code_exchange_without_grant_type(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    tokens = await flows.sign_in_tokens(
        http, client.client_id, client.secret, user.email, user.password
    )
    assert "refresh_token" not in tokens


async def test_refresh_rotates_tokens(http):
    user, client, tokens = await _setup(http)
    response = await _refresh(http, client, tokens["refresh_token"])
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["refresh_token"].startswith("rgn_rt_")
    assert body["refresh_token"] != tokens["refresh_token"]
    assert body["access_token"] != tokens["access_token"]
    assert body["token_type"] == "Bearer"
    assert body["scope"] == "openid profile email tenant.read roles.read"
    assert await _userinfo_status(http, body["access_token"]) == 200


async def test_refreshed_id_token_keeps_identity(http):
    user, client, tokens = await _setup(http)
    original = await _claims(http, tokens["id_token"])
    body = (await _refresh(http, client, tokens["refresh_token"])).json()
    refreshed = await _claims(http, body["id_token"])
    for claim in ("iss", "sub", "aud", "azp", "auth_time", "sid"):
        assert refreshed[claim] == original[claim], claim
    assert refreshed["sub"] == str(user.account.id)
    assert "nonce" not in refreshed


async def test_refresh_reuse_revokes_grant(http):
    _, client, tokens = await _setup(http)
    first = (await _refresh(http, client, tokens["refresh_token"])).json()

    reuse = await _refresh(http, client, tokens["refresh_token"])
    assert reuse.status_code == 400
    assert reuse.json()["error"] == "invalid_grant"

    successor = await _refresh(http, client, first["refresh_token"])
    assert successor.status_code == 400
    assert successor.json()["error"] == "invalid_grant"
    assert await _userinfo_status(http, first["access_token"]) == 401
    assert await _userinfo_status(http, tokens["access_token"]) == 401


async def test_refresh_grace_allows_retry(http):
    _, client, tokens = await _setup(http)
    client.client.refresh_token_grace_seconds = 30
    await client.client.save(update_fields=["refresh_token_grace_seconds"])
    lost = (await _refresh(http, client, tokens["refresh_token"])).json()

    retry = await _refresh(http, client, tokens["refresh_token"])
    assert retry.status_code == 200, retry.text
    retried = retry.json()
    assert retried["refresh_token"] != lost["refresh_token"]

    # The retry revoked the lost response's tokens and kept the grant.
    assert await _userinfo_status(http, lost["access_token"]) == 401
    assert await _userinfo_status(http, retried["access_token"]) == 200
    following = await _refresh(http, client, retried["refresh_token"])
    assert following.status_code == 200


async def test_refresh_lost_token_reused_revokes_grant(http):
    _, client, tokens = await _setup(http)
    client.client.refresh_token_grace_seconds = 30
    await client.client.save(update_fields=["refresh_token_grace_seconds"])
    lost = (await _refresh(http, client, tokens["refresh_token"])).json()
    retried = (await _refresh(http, client, tokens["refresh_token"])).json()

    # Someone still has the token that the retry revoked, so two parties hold
    # the grant and all of it is revoked, as for reuse of a rotated token.
    lost_use = await _refresh(http, client, lost["refresh_token"])
    assert lost_use.status_code == 400
    assert lost_use.json()["error"] == "invalid_grant"
    assert await _userinfo_status(http, retried["access_token"]) == 401
    assert (await _refresh(http, client, retried["refresh_token"])).status_code == 400


async def test_refresh_parallel_retries_leave_one_token(http):
    _, client, tokens = await _setup(http)
    client.client.refresh_token_grace_seconds = 30
    await client.client.save(update_fields=["refresh_token_grace_seconds"])
    first = (await _refresh(http, client, tokens["refresh_token"])).json()
    retries = await asyncio.gather(
        *(_refresh(http, client, tokens["refresh_token"]) for _ in range(6))
    )
    assert any(response.status_code == 200 for response in retries)
    grant_id = (await RefreshToken.get(digest=digest(first["refresh_token"]))).grant_id
    live = await RefreshToken.filter(
        grant_id=grant_id, rotated_at__isnull=True, revoked_at__isnull=True
    ).count()
    assert live <= 1


async def test_refresh_concurrent_use(http):
    _, client, tokens = await _setup(http)
    results = await asyncio.gather(
        _refresh(http, client, tokens["refresh_token"]),
        _refresh(http, client, tokens["refresh_token"]),
    )
    statuses = sorted(response.status_code for response in results)
    assert statuses == [200, 400]
    # Without a grace window the second use counts as a replay.
    winner = next(response for response in results if response.status_code == 200)
    assert await _userinfo_status(http, winner.json()["access_token"]) == 401


async def test_code_replay_revokes_refresh(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, grant_types=REFRESH_GRANTS)
    pkce = flows.new_pkce()
    params = flows.authorize_params(
        client.client_id,
        factories.REDIRECT_URI,
        code_challenge=pkce.challenge,
        code_challenge_method="S256",
    )
    code = await flows.obtain_code(http, params, user.email, user.password)
    exchange = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": factories.REDIRECT_URI,
        "code_verifier": pkce.verifier,
    }
    first = await flows.token_request(http, client.client_id, client.secret, **exchange)
    tokens = first.json()
    remember(tokens["access_token"], tokens["refresh_token"], tokens["id_token"])
    replay = await flows.token_request(http, client.client_id, client.secret, **exchange)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    response = await _refresh(http, client, tokens["refresh_token"])
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_refresh_grace_only_previous_token(http):
    _, client, tokens = await _setup(http)
    client.client.refresh_token_grace_seconds = 30
    await client.client.save(update_fields=["refresh_token_grace_seconds"])
    second = (await _refresh(http, client, tokens["refresh_token"])).json()
    third = (await _refresh(http, client, second["refresh_token"])).json()

    # The first token is two rotations back, so its reuse is a replay.
    replay = await _refresh(http, client, tokens["refresh_token"])
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    assert (await _refresh(http, client, third["refresh_token"])).status_code == 400
    assert await _userinfo_status(http, third["access_token"]) == 401


async def test_refresh_grace_window_expired(http):
    _, client, tokens = await _setup(http)
    client.client.refresh_token_grace_seconds = 5
    await client.client.save(update_fields=["refresh_token_grace_seconds"])
    second = (await _refresh(http, client, tokens["refresh_token"])).json()
    await RefreshToken.filter(digest=digest(tokens["refresh_token"])).update(
        rotated_at=clock.now() - timedelta(seconds=6)
    )

    late = await _refresh(http, client, tokens["refresh_token"])
    assert late.status_code == 400
    assert late.json()["error"] == "invalid_grant"
    assert (await _refresh(http, client, second["refresh_token"])).status_code == 400


async def test_refresh_scope_narrows(http):
    _, client, tokens = await _setup(http)
    response = await _refresh(http, client, tokens["refresh_token"], scope="openid email")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["scope"] == "openid email"
    userinfo = (
        await http.get(
            "/oauth/userinfo", headers={"Authorization": f"Bearer {body['access_token']}"}
        )
    ).json()
    assert "email" in userinfo
    assert "name" not in userinfo
    # The refresh token keeps the original scope.
    wide = (await _refresh(http, client, body["refresh_token"])).json()
    assert wide["scope"] == "openid profile email tenant.read roles.read"


async def test_refresh_scope_cannot_widen(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, grant_types=REFRESH_GRANTS)
    tokens = await flows.sign_in_tokens(
        http, client.client_id, client.secret, user.email, user.password, scope="openid"
    )
    response = await _refresh(http, client, tokens["refresh_token"], scope="openid email")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"
    # A rejected request does not consume the token.
    assert (await _refresh(http, client, tokens["refresh_token"])).status_code == 200


async def test_refresh_drops_removed_scope(http):
    _, client, tokens = await _setup(http)
    client.client.allowed_scopes = ["openid", "email"]
    await client.client.save(update_fields=["allowed_scopes"])
    response = await _refresh(http, client, tokens["refresh_token"])
    assert response.status_code == 200, response.text
    assert response.json()["scope"] == "openid email"


async def test_refresh_denied_account_disabled(http):
    user, client, tokens = await _setup(http)
    user.account.disabled_at = clock.now()
    await user.account.save(update_fields=["disabled_at"])
    response = await _refresh(http, client, tokens["refresh_token"])
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


@pytest.mark.parametrize("change", ["disable", "remove"])
async def test_refresh_denied_membership(http, change):
    user, client, tokens = await _setup(http)
    memberships = Membership.filter(account_id=user.account.id)
    if change == "disable":
        await memberships.update(disabled_at=clock.now())
    else:
        await memberships.delete()
    response = await _refresh(http, client, tokens["refresh_token"])
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_refresh_denied_client_disabled(http):
    _, client, tokens = await _setup(http)
    client.client.enabled = False
    await client.client.save(update_fields=["enabled"])
    response = await _refresh(http, client, tokens["refresh_token"])
    # A disabled client fails authentication before the grant is examined.
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_refresh_expired_token(http):
    _, client, tokens = await _setup(http)
    await RefreshToken.filter(digest=digest(tokens["refresh_token"])).update(
        expires_at=clock.now() - timedelta(seconds=1)
    )
    response = await _refresh(http, client, tokens["refresh_token"])
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_refresh_ttl_per_client(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, grant_types=REFRESH_GRANTS)
    client.client.refresh_token_ttl = 120
    client.client.access_token_ttl = 60
    await client.client.save(update_fields=["refresh_token_ttl", "access_token_ttl"])
    tokens = await flows.sign_in_tokens(
        http, client.client_id, client.secret, user.email, user.password
    )
    assert tokens["expires_in"] == 60
    stored = await RefreshToken.get(digest=digest(tokens["refresh_token"]))
    lifetime = stored.expires_at - stored.created_at
    assert timedelta(seconds=119) <= lifetime <= timedelta(seconds=121)


async def test_refresh_other_clients_token(http):
    _, _, tokens = await _setup(http)
    tenant = await factories.make_tenant()
    other = await factories.make_client(tenant, grant_types=REFRESH_GRANTS)
    response = await _refresh(http, other, tokens["refresh_token"])
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


async def test_refresh_missing_token(http):
    _, client, _ = await _setup(http)
    response = await flows.token_request(
        http, client.client_id, client.secret, grant_type="refresh_token"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_refresh_grant_not_registered(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    response = await _refresh(http, client, "rgn_rt_" + "x" * 43)
    assert response.status_code == 400
    assert response.json()["error"] == "unauthorized_client"


async def test_refresh_public_client(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(
        tenant, client_type="public", grant_types=REFRESH_GRANTS
    )
    tokens = await flows.sign_in_tokens(http, client.client_id, None, user.email, user.password)
    response = await _refresh(http, client, tokens["refresh_token"])
    assert response.status_code == 200, response.text
