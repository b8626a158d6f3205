"""Redirect URIs of native apps (RFC 8252)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.support import factories, flows
from tests.support.secrets import remember

LOOPBACK_V4 = "http://127.0.0.1/callback"
LOOPBACK_V6 = "http://[::1]:8400/callback"
LOCALHOST = "http://localhost:8400/callback"
PRIVATE_SCHEME = "com.example.app:/oauth2redirect"


async def _native_client(tenant, application_type="native"):
    uris = [LOOPBACK_V4, LOOPBACK_V6, LOCALHOST]
    if application_type == "native":
        uris.append(PRIVATE_SCHEME)
    return await factories.make_client(
        tenant,
        client_type="public",
        application_type=application_type,
        redirect_uris=uris,
    )


async def _authorize(http, client_id, redirect_uri):
    pkce = flows.new_pkce()
    params = flows.authorize_params(
        client_id,
        redirect_uri,
        code_challenge=pkce.challenge,
        code_challenge_method="S256",
    )
    return params, await http.get("/oauth/authorize?" + urlencode(params))


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://127.0.0.1:51004/callback",
        "http://127.0.0.1/callback",
        "http://[::1]:61999/callback",
        "http://[::1]/callback",
    ],
)
async def test_loopback_any_port(http, redirect_uri):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await _native_client(tenant)
    params, page = await _authorize(http, client.client_id, redirect_uri)
    assert page.status_code == 200, page.text
    response = await flows.submit_login(http, page, user.email, user.password)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith(redirect_uri + "?")
    remember(flows.query_of(location)["code"])


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://localhost:9000/callback",
        "http://127.0.0.1:51004/other",
        "http://127.0.0.1:51004/callback?extra=1",
        "https://127.0.0.1:51004/callback",
        "http://127.0.0.2:51004/callback",
        "http://[::1]:99999/callback",
        "com.example.app:/other",
    ],
)
async def test_loopback_mismatch_rejected(http, redirect_uri):
    tenant = await factories.make_tenant()
    client = await _native_client(tenant)
    _, page = await _authorize(http, client.client_id, redirect_uri)
    assert page.status_code == 400
    assert "not registered" in page.text


async def test_web_client_exact_port(http):
    tenant = await factories.make_tenant()
    client = await _native_client(tenant, application_type="web")
    _, exact = await _authorize(http, client.client_id, LOOPBACK_V6)
    assert exact.status_code == 200
    _, other_port = await _authorize(
        http, client.client_id, "http://[::1]:8401/callback"
    )
    assert other_port.status_code == 400
    assert "not registered" in other_port.text


async def test_private_use_scheme(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await _native_client(tenant)
    params, page = await _authorize(http, client.client_id, PRIVATE_SCHEME)
    assert page.status_code == 200
    assert (
        "form-action 'self' com.example.app:;"
        in page.headers["content-security-policy"]
    )
    response = await flows.submit_login(http, page, user.email, user.password)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith(PRIVATE_SCHEME + "?")
    query = flows.query_of(location)
    assert query["state"] == params["state"]
    remember(query["code"])
