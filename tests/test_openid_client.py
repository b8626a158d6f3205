"""panva's openid-client (Node.js) as a relying party against a live server.

It covers sign-in, refresh, revocation and RP-initiated logout, each step
validated by openid-client itself (discovery, ``iss`` in the response, PKCE,
ID token signature and claims, userinfo ``sub``).
"""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest

from tests.support import factories, flows
from tests.support.openid_client import RelyingParty, ensure_installed
from tests.support.secrets import remember

SIGNED_OUT_URI = "https://rp.example.com/signed-out"


@pytest.fixture(scope="module")
def node():
    return ensure_installed()


def _remember_tokens(rp: RelyingParty) -> None:
    state = rp.state
    remember(state.get("access_token"), state.get("id_token"), state.get("refresh_token"))


@pytest.mark.parametrize("auth_method", ["client_secret_basic", "client_secret_post", "none"])
async def test_openid_client_full_session(live_server, node, tmp_path, auth_method):
    tenant = await factories.make_tenant("Umbrella")
    role = await factories.make_role(tenant, "admin")
    user = await factories.make_user(tenant, [role])
    client_type = "public" if auth_method == "none" else "confidential"
    registered = await factories.make_client(
        tenant,
        client_type=client_type,
        auth_method=auth_method,
        grant_types=["authorization_code", "refresh_token"],
        post_logout_redirect_uris=[SIGNED_OUT_URI],
    )
    rp = RelyingParty(
        node,
        tmp_path / "rp.json",
        client_id=registered.client_id,
        client_secret=registered.secret,
        auth_method=auth_method,
        redirect_uri=factories.REDIRECT_URI,
        post_logout_redirect_uri=SIGNED_OUT_URI,
    )

    started = rp.run("start", live_server.base_url)
    assert "failed" not in started, started
    async with httpx.AsyncClient(base_url=live_server.base_url) as browser:
        page = await browser.get(started["authorization_url"])
        assert page.status_code == 200
        redirect = await flows.submit_login(browser, page, user.email, user.password)
        assert redirect.status_code == 303
        callback_url = redirect.headers["location"]
        remember(flows.query_of(callback_url).get("code"))

        signed_in = rp.run("callback", callback_url)
        _remember_tokens(rp)
        assert "failed" not in signed_in, signed_in
        claims = signed_in["claims"]
        assert claims["sub"] == str(user.account.id)
        assert claims["tenant_slug"] == tenant.slug
        assert claims["roles"] == ["admin"]
        assert signed_in["userinfo"]["email"] == user.email
        assert signed_in["has_refresh_token"] is True

        refreshed = rp.run("refresh")
        _remember_tokens(rp)
        assert "failed" not in refreshed, refreshed
        assert refreshed["claims"]["sub"] == claims["sub"]
        assert refreshed["claims"]["auth_time"] == claims["auth_time"]
        assert refreshed["userinfo"]["sub"] == claims["sub"]

        logout = rp.run("logout")
        assert "failed" not in logout, logout
        signed_out = await browser.get(logout["end_session_url"])
        assert signed_out.status_code in (302, 303), signed_out.text
        location = signed_out.headers["location"]
        assert location.startswith(SIGNED_OUT_URI)
        assert flows.query_of(location)["state"] == "logout-state"

        # The provider session is over, so a silent request needs a login.
        silent = flows.authorize_params(
            registered.client_id, factories.REDIRECT_URI, prompt="none"
        )
        if client_type == "public":
            silent.update(
                code_challenge=flows.new_pkce().challenge, code_challenge_method="S256"
            )
        response = await browser.get("/oauth/authorize?" + urlencode(silent))
        assert flows.query_of(response.headers["location"])["error"] == "login_required"

    # Logout revoked the session's grants, so the refresh token is dead too.
    after_logout = rp.run("refresh")
    assert after_logout["failed"]["error"] == "invalid_grant", after_logout


@pytest.mark.parametrize("auth_method", ["client_secret_basic", "none"])
async def test_openid_client_revocation(live_server, node, tmp_path, auth_method):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client_type = "public" if auth_method == "none" else "confidential"
    registered = await factories.make_client(
        tenant,
        client_type=client_type,
        auth_method=auth_method,
        grant_types=["authorization_code", "refresh_token"],
    )
    rp = RelyingParty(
        node,
        tmp_path / "rp.json",
        client_id=registered.client_id,
        client_secret=registered.secret,
        auth_method=auth_method,
        redirect_uri=factories.REDIRECT_URI,
    )
    started = rp.run("start", live_server.base_url)
    async with httpx.AsyncClient(base_url=live_server.base_url) as browser:
        page = await browser.get(started["authorization_url"])
        redirect = await flows.submit_login(browser, page, user.email, user.password)
    callback_url = redirect.headers["location"]
    remember(flows.query_of(callback_url).get("code"))
    assert "failed" not in rp.run("callback", callback_url)
    _remember_tokens(rp)

    revoked = rp.run("revoke")
    assert revoked == {"revoked": True}, revoked
    refused = rp.run("refresh")
    assert refused["failed"]["error"] == "invalid_grant", refused
