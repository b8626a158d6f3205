"""panva's openid-client (Node.js) signs in against a live server."""

from __future__ import annotations

import httpx
import pytest

from tests.support import factories, flows
from tests.support.openid_client import RelyingParty, ensure_installed
from tests.support.secrets import remember


@pytest.fixture(scope="module")
def node():
    return ensure_installed()


@pytest.mark.parametrize("auth_method", ["client_secret_basic", "client_secret_post", "none"])
async def test_openid_client_sign_in(live_server, node, tmp_path, auth_method):
    tenant = await factories.make_tenant("Umbrella")
    role = await factories.make_role(tenant, "admin")
    user = await factories.make_user(tenant, [role])
    client_type = "public" if auth_method == "none" else "confidential"
    registered = await factories.make_client(
        tenant, client_type=client_type, auth_method=auth_method
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
    assert "failed" not in started, started
    async with httpx.AsyncClient(base_url=live_server.base_url) as browser:
        page = await browser.get(started["authorization_url"])
        assert page.status_code == 200
        redirect = await flows.submit_login(browser, page, user.email, user.password)
    assert redirect.status_code == 303
    callback_url = redirect.headers["location"]
    remember(flows.query_of(callback_url).get("code"))

    result = rp.run("callback", callback_url)
    state = rp.state
    remember(state.get("access_token"), state.get("id_token"), state.get("refresh_token"))
    assert "failed" not in result, result
    assert result["claims"]["sub"] == str(user.account.id)
    assert result["claims"]["tenant_slug"] == tenant.slug
    assert result["claims"]["roles"] == ["admin"]
    assert result["userinfo"]["email"] == user.email
    assert result["userinfo"]["sub"] == result["claims"]["sub"]
