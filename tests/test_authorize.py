"""The authorization endpoint: checks in order, and where each error goes."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from app.models import OAuthClient
from tests.support import factories, flows


async def _setup(**client_options):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, **client_options)
    return tenant, user, client


def _assert_error_page(response, text: str) -> None:
    assert response.status_code == 400
    assert "location" not in response.headers
    assert response.headers["content-type"].startswith("text/html")
    assert text in response.text


def _assert_redirect_error(response, state: str, error: str) -> dict[str, str]:
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(factories.REDIRECT_URI + "?")
    query = flows.query_of(location)
    assert query["error"] == error
    assert query["state"] == state
    assert query["iss"] == "http://testserver"
    assert "code" not in query
    return query


async def test_unknown_client_shows_error_page(http):
    params = flows.authorize_params("rgn_unknown", factories.REDIRECT_URI)
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_error_page(response, "unknown")


async def test_missing_client_id_shows_error_page(http):
    params = flows.authorize_params("", factories.REDIRECT_URI)
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_error_page(response, "no client_id")


async def test_disabled_client_shows_error_page(http):
    _, _, client = await _setup()
    await OAuthClient.filter(id=client.client.id).update(enabled=False)
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_error_page(response, "unknown")


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://evil.example.com/callback",
        factories.REDIRECT_URI + "/",
        factories.REDIRECT_URI + "?extra=1",
        factories.REDIRECT_URI.upper(),
        "https://rp.example.com/callback#fragment",
    ],
)
async def test_unregistered_redirect_uri_shows_error_page(http, redirect_uri):
    _, _, client = await _setup()
    params = flows.authorize_params(client.client_id, redirect_uri)
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_error_page(response, "not registered")


async def test_missing_redirect_uri_shows_error_page(http):
    _, _, client = await _setup()
    params = flows.authorize_params(client.client_id, "")
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_error_page(response, "no redirect_uri")


async def test_repeated_client_id_shows_error_page(http):
    _, _, client = await _setup()
    query = urlencode(flows.authorize_params(client.client_id, factories.REDIRECT_URI))
    response = await http.get(f"/oauth/authorize?{query}&client_id={client.client_id}")
    _assert_error_page(response, "more than once")


async def test_repeated_parameter_redirects_invalid_request(http):
    _, _, client = await _setup()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await http.get(f"/oauth/authorize?{urlencode(params)}&scope=openid")
    _assert_redirect_error(response, params["state"], "invalid_request")


async def test_missing_response_type_redirects_invalid_request(http):
    _, _, client = await _setup()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, response_type=None)
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_redirect_error(response, params["state"], "invalid_request")


@pytest.mark.parametrize("response_type", ["token", "id_token", "code id_token"])
async def test_other_response_type_redirects_unsupported(http, response_type):
    _, _, client = await _setup()
    params = flows.authorize_params(
        client.client_id, factories.REDIRECT_URI, response_type=response_type
    )
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_redirect_error(response, params["state"], "unsupported_response_type")


@pytest.mark.parametrize(
    "scope",
    [
        "openid unknown.scope",
        "openid contacts.read",
        "openid runtime.tokens.write",
        "openid contacts.*",
        "",
    ],
)
async def test_unavailable_scope_redirects_invalid_scope(http, scope):
    _, _, client = await _setup()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, scope=scope)
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_redirect_error(response, params["state"], "invalid_scope")


async def test_scope_not_allowed_for_client_redirects_invalid_scope(http):
    _, _, client = await _setup(scopes=["openid", "email"])
    params = flows.authorize_params(
        client.client_id, factories.REDIRECT_URI, scope="openid roles.read"
    )
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_redirect_error(response, params["state"], "invalid_scope")


async def test_public_client_without_pkce_redirects_invalid_request(http):
    _, _, client = await _setup(client_type="public")
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await http.get("/oauth/authorize?" + urlencode(params))
    query = _assert_redirect_error(response, params["state"], "invalid_request")
    assert "code_challenge" in query["error_description"]


async def test_plain_pkce_method_redirects_invalid_request(http):
    _, _, client = await _setup(client_type="public")
    pkce = flows.new_pkce()
    params = flows.authorize_params(
        client.client_id,
        factories.REDIRECT_URI,
        code_challenge=pkce.verifier,
        code_challenge_method="plain",
    )
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_redirect_error(response, params["state"], "invalid_request")


async def test_pkce_challenge_without_method_redirects_invalid_request(http):
    _, _, client = await _setup(client_type="public")
    params = flows.authorize_params(
        client.client_id, factories.REDIRECT_URI, code_challenge=flows.new_pkce().challenge
    )
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_redirect_error(response, params["state"], "invalid_request")


async def test_malformed_pkce_challenge_redirects_invalid_request(http):
    _, _, client = await _setup(client_type="public")
    params = flows.authorize_params(
        client.client_id,
        factories.REDIRECT_URI,
        code_challenge="too-short",
        code_challenge_method="S256",
    )
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_redirect_error(response, params["state"], "invalid_request")


async def test_state_is_echoed_unchanged(http):
    _, user, client = await _setup()
    state = "a b+c/d=e&f%20 ünï"
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, state=state)
    response = await flows.sign_in(http, params, user.email, user.password)
    assert response.status_code == 303
    query = flows.query_of(response.headers["location"])
    assert query["state"] == state
    assert query["iss"] == "http://testserver"
    flows.remember(query["code"])


async def test_error_without_state_has_no_state(http):
    _, _, client = await _setup()
    params = flows.authorize_params(
        client.client_id, factories.REDIRECT_URI, state=None, response_type="token"
    )
    response = await http.get("/oauth/authorize?" + urlencode(params))
    assert response.status_code == 302
    query = flows.query_of(response.headers["location"])
    assert query["error"] == "unsupported_response_type"
    assert "state" not in query
    assert query["iss"] == "http://testserver"


async def test_authorize_post_shows_login_page(http):
    _, _, client = await _setup()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await http.post("/oauth/authorize", data=params)
    assert response.status_code == 200
    assert 'name="password"' in response.text


async def test_authorize_post_error_redirects_with_303(http):
    _, _, client = await _setup()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, scope="bogus")
    response = await http.post("/oauth/authorize", data=params)
    assert response.status_code == 303
    query = flows.query_of(response.headers["location"])
    assert query["error"] == "invalid_scope"
    assert query["iss"] == "http://testserver"


async def test_login_page_has_security_headers(http):
    _, _, client = await _setup()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await http.get("/oauth/authorize?" + urlencode(params))
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "https://rp.example.com" in policy
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"


async def test_session_skips_login_on_second_request(http):
    _, user, client = await _setup()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    flows.remember(await flows.obtain_code(http, params, user.email, user.password))
    again = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await http.get("/oauth/authorize?" + urlencode(again))
    assert response.status_code == 302
    query = flows.query_of(response.headers["location"])
    assert query["state"] == again["state"]
    assert "code" in query
    flows.remember(query["code"])


async def test_prompt_none_without_session_redirects_login_required(http):
    _, _, client = await _setup()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, prompt="none")
    response = await http.get("/oauth/authorize?" + urlencode(params))
    _assert_redirect_error(response, params["state"], "login_required")
