"""Malformed, oversized and unsupported input gets standard errors, never a 500."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest

from app.oidc.pages import origin_of
from app.services import clients
from app.services.errors import ValidationError
from tests.support import factories, flows


async def _client_and_user():
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    return client, user


def _redirect_error(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    query = flows.query_of(response.headers["location"])
    assert query["iss"] == "http://testserver"
    return query


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"scope": "openid \u00e9"}, "invalid_scope"),
        ({"scope": 'openid "x'}, "invalid_scope"),
        ({"prompt": "\u00e9"}, "invalid_request"),
        ({"response_mode": "\\"}, "invalid_request"),
        ({"response_type": "t\u00f6ken"}, "unsupported_response_type"),
        ({"max_age": "\u00b2"}, "invalid_request"),
        ({"max_age": "9" * 30}, "invalid_request"),
        ({"max_age": "-1"}, "invalid_request"),
        ({"request": "eyJhbGciOiJub25lIn0.e30."}, "request_not_supported"),
        ({"request_uri": "https://rp.example.com/req"}, "request_uri_not_supported"),
    ],
)
async def test_bad_authorization_parameter_redirects_error(http, extra, error):
    client, _ = await _client_and_user()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, **extra)
    query = _redirect_error(await http.get("/oauth/authorize?" + urlencode(params)))
    assert query["error"] == error
    assert query["state"] == params["state"]
    assert query.get("error_description", "").isascii()


async def test_repeated_non_ascii_parameter_redirects_invalid_request(http):
    client, _ = await _client_and_user()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await http.get(f"/oauth/authorize?{urlencode(params)}&x%22=1&x%22=2&%ff=1&%ff=2")
    assert _redirect_error(response)["error"] == "invalid_request"


async def test_huge_max_age_with_session_redirects_invalid_request(http):
    client, user = await _client_and_user()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    flows.remember(await flows.obtain_code(http, params, user.email, user.password))
    again = flows.authorize_params(client.client_id, factories.REDIRECT_URI, max_age="9" * 30)
    response = await http.get("/oauth/authorize?" + urlencode(again))
    assert _redirect_error(response)["error"] == "invalid_request"


async def test_oversized_authorize_post_shows_error_page(http):
    client, _ = await _client_and_user()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await http.post("/oauth/authorize", data={**params, "x": "a" * 1_100_000})
    assert response.status_code == 400
    assert "location" not in response.headers
    assert response.headers["content-type"].startswith("text/html")


async def test_oversized_login_post_shows_error_page(http):
    response = await http.post("/oauth/authorize/login", data={"x": "a" * 1_100_000})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")


async def test_long_authorization_request_completes_sign_in(http):
    client, user = await _client_and_user()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, state="/" * 1500)
    response = await flows.sign_in(http, params, user.email, user.password)
    assert response.status_code == 303, response.text
    query = flows.query_of(response.headers["location"])
    assert query["state"] == "/" * 1500
    flows.remember(query["code"])


async def test_sign_in_throttled_after_repeated_failures(http):
    client, user = await _client_and_user()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    page = await http.get("/oauth/authorize?" + urlencode(params))
    for _ in range(10):
        failed = await flows.submit_login(http, page, user.email, "wrong-password")
        assert "Invalid email or password." in failed.text
    response = await flows.submit_login(http, page, user.email, user.password)
    assert response.status_code == 200
    assert "Too many failed sign-ins" in response.text
    assert "location" not in response.headers


async def test_throttle_counts_unknown_emails_alike(http):
    client, _ = await _client_and_user()
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    page = await http.get("/oauth/authorize?" + urlencode(params))
    for _ in range(10):
        await flows.submit_login(http, page, "nobody-here@example.com", "wrong-password")
    response = await flows.submit_login(http, page, "nobody-here@example.com", "x")
    assert "Too many failed sign-ins" in response.text


async def test_two_authorization_headers_get_invalid_request(http):
    response = await http.get(
        "/oauth/userinfo",
        headers=[("Authorization", "Bearer rgn_at_a"), ("Authorization", "Bearer rgn_at_b")],
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_oversized_userinfo_form_gets_invalid_request(http):
    response = await http.post("/oauth/userinfo", data={"access_token": "a" * 1_100_000})
    assert response.status_code in (400, 401)
    assert response.json()["error"] in ("invalid_request", "invalid_token")
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    "uri",
    [
        "https://rp.example.com;frame-ancestors https:/cb",
        "https://rp.example.com;x/cb",
        "https://rp.example.com/cb\r\nX-Injected: 1",
        "https://rp example.com/cb",
        'https://rp.example.com/"cb',
        "https://user:pass@rp.example.com/cb",
        "https://rp.example.com:99999/cb",
        "javascript:alert(1)",
        "data:text/html,hi",
    ],
)
def test_unsafe_redirect_uri_rejected(uri):
    with pytest.raises(ValidationError):
        clients.check_redirect_uri(uri, "native", "redirectUris")


def test_csp_source_is_rebuilt_from_parts():
    assert origin_of("https://rp.example.com/cb;v=1") == "https://rp.example.com"
    assert origin_of("http://127.0.0.1:8080/cb") == "http://127.0.0.1:8080"
    assert origin_of("http://[::1]:9/cb") == "http://[::1]:9"
    assert origin_of("com.example.app:/cb") == "com.example.app:"
    assert origin_of("https://rp.example.com;frame-ancestors https:/cb") is None
