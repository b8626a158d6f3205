"""Authorization request parameters: prompt, max_age, hints and form_post."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

from tests.support import factories, flows
from tests.support.secrets import remember

REDIRECT = factories.REDIRECT_URI


async def _signed_in(http):
    """Sign a new user in to a new client; return (client, user, id_token)."""
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    params = flows.authorize_params(client.client_id, REDIRECT)
    code = await flows.obtain_code(http, params, user.email, user.password)
    body = await flows.exchange_code(
        http, client.client_id, client.secret, code, REDIRECT
    )
    return client, user, body["id_token"]


async def _authorize(http, params):
    return await http.get("/oauth/authorize?" + urlencode(params))


def _error_of(response):
    assert response.status_code == 302, response.text
    assert response.headers["location"].startswith(REDIRECT + "?")
    return flows.query_of(response.headers["location"])


def _hidden_fields(page: str) -> dict[str, str]:
    return {
        name: html.unescape(value)
        for name, value in re.findall(
            r'type="hidden" name="([^"]+)" value="([^"]*)"', page
        )
    }


async def test_prompt_none_without_session(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    params = flows.authorize_params(client.client_id, REDIRECT, prompt="none")
    query = _error_of(await _authorize(http, params))
    assert query["error"] == "login_required"
    assert query["state"] == params["state"]
    assert query["iss"] == "http://testserver"


async def test_prompt_none_with_session(http):
    client, _, _ = await _signed_in(http)
    params = flows.authorize_params(client.client_id, REDIRECT, prompt="none")
    query = _error_of(await _authorize(http, params))
    assert "code" in query
    assert "error" not in query
    remember(query["code"])


async def test_prompt_none_combined_rejected(http):
    client, _, _ = await _signed_in(http)
    params = flows.authorize_params(client.client_id, REDIRECT, prompt="none login")
    assert _error_of(await _authorize(http, params))["error"] == "invalid_request"


async def test_prompt_unknown_value_rejected(http):
    client, _, _ = await _signed_in(http)
    params = flows.authorize_params(client.client_id, REDIRECT, prompt="create")
    assert _error_of(await _authorize(http, params))["error"] == "invalid_request"


async def test_prompt_login_shows_login_with_session(http):
    client, user, _ = await _signed_in(http)
    for prompt in ("login", "select_account"):
        params = flows.authorize_params(client.client_id, REDIRECT, prompt=prompt)
        page = await _authorize(http, params)
        assert page.status_code == 200, prompt
        assert "Sign in" in page.text
        response = await flows.submit_login(http, page, user.email, user.password)
        assert response.status_code == 303, prompt
        query = flows.query_of(response.headers["location"])
        assert "code" in query, prompt
        remember(query["code"])


async def test_max_age_exceeded_shows_login(http):
    client, _, _ = await _signed_in(http)
    params = flows.authorize_params(client.client_id, REDIRECT, max_age="0")
    page = await _authorize(http, params)
    assert page.status_code == 200
    assert "Sign in" in page.text


async def test_max_age_exceeded_with_prompt_none(http):
    client, _, _ = await _signed_in(http)
    params = flows.authorize_params(
        client.client_id, REDIRECT, max_age="0", prompt="none"
    )
    assert _error_of(await _authorize(http, params))["error"] == "login_required"


async def test_max_age_within_uses_session(http):
    client, _, _ = await _signed_in(http)
    params = flows.authorize_params(client.client_id, REDIRECT, max_age="3600")
    query = _error_of(await _authorize(http, params))
    assert "code" in query
    remember(query["code"])


async def test_max_age_malformed_rejected(http):
    client, _, _ = await _signed_in(http)
    params = flows.authorize_params(client.client_id, REDIRECT, max_age="-1")
    assert _error_of(await _authorize(http, params))["error"] == "invalid_request"


async def test_login_hint_prefills_email(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    params = flows.authorize_params(
        client.client_id, REDIRECT, login_hint="grace@example.com"
    )
    page = await _authorize(http, params)
    assert page.status_code == 200
    assert 'value="grace@example.com"' in page.text


async def test_ui_locales_and_unknown_parameters_accepted(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    params = flows.authorize_params(
        client.client_id, REDIRECT, ui_locales="de en", display="page", foo="bar"
    )
    page = await _authorize(http, params)
    assert page.status_code == 200
    assert "Sign in" in page.text


async def test_id_token_hint_same_user(http):
    client, _, id_token = await _signed_in(http)
    params = flows.authorize_params(
        client.client_id, REDIRECT, prompt="none", id_token_hint=id_token
    )
    query = _error_of(await _authorize(http, params))
    assert "code" in query
    remember(query["code"])


async def test_id_token_hint_expired_accepted(app, http):
    client, user, _ = await _signed_in(http)
    await user.account.fetch_related("memberships__tenant")
    expired = await flows.expired_id_token(app, client.client, user.account, -3600)
    params = flows.authorize_params(
        client.client_id, REDIRECT, prompt="none", id_token_hint=expired
    )
    query = _error_of(await _authorize(http, params))
    assert "code" in query, query
    remember(query["code"])


async def test_id_token_hint_other_user(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    first = await factories.make_user(tenant)
    second = await factories.make_user(tenant)
    # The second user's ID token, then the first user's session.
    code = await flows.obtain_code(
        http,
        flows.authorize_params(client.client_id, REDIRECT),
        second.email,
        second.password,
    )
    hint = (
        await flows.exchange_code(http, client.client_id, client.secret, code, REDIRECT)
    )["id_token"]
    await flows.obtain_code(
        http,
        flows.authorize_params(client.client_id, REDIRECT, prompt="login"),
        first.email,
        first.password,
    )

    silent = flows.authorize_params(
        client.client_id, REDIRECT, prompt="none", id_token_hint=hint
    )
    assert _error_of(await _authorize(http, silent))["error"] == "login_required"

    interactive = flows.authorize_params(client.client_id, REDIRECT, id_token_hint=hint)
    page = await _authorize(http, interactive)
    assert page.status_code == 200
    assert "Sign in" in page.text
    wrong = await flows.submit_login(http, page, first.email, first.password)
    assert wrong.status_code == 200
    assert "asked for a different account" in wrong.text
    right = await flows.submit_login(http, wrong, second.email, second.password)
    assert right.status_code == 303
    query = flows.query_of(right.headers["location"])
    assert "code" in query
    remember(query["code"])


async def test_id_token_hint_invalid_rejected(http):
    client, _, id_token = await _signed_in(http)
    header, payload, signature = id_token.split(".")
    tampered = ".".join((header, payload, signature[:-4] + "AAAA"))
    for hint in ("not-a-jwt", "a.b.c", tampered):
        params = flows.authorize_params(
            client.client_id, REDIRECT, prompt="none", id_token_hint=hint
        )
        query = _error_of(await _authorize(http, params))
        assert query["error"] == "invalid_request", hint
        assert query["state"] == params["state"]


async def test_id_token_hint_other_client_rejected(http):
    client, _, id_token = await _signed_in(http)
    other = await factories.make_client(client.client.tenant)
    params = flows.authorize_params(
        other.client_id, REDIRECT, prompt="none", id_token_hint=id_token
    )
    query = _error_of(await _authorize(http, params))
    assert query["error"] == "invalid_request"
    assert "another client" in query["error_description"]


async def test_form_post_response(http):
    client, _, _ = await _signed_in(http)
    params = flows.authorize_params(
        client.client_id, REDIRECT, response_mode="form_post"
    )
    response = await _authorize(http, params)
    assert response.status_code == 200
    assert f'action="{REDIRECT}"' in response.text
    fields = _hidden_fields(response.text)
    assert fields["state"] == params["state"]
    assert fields["iss"] == "http://testserver"
    assert "code" in fields
    remember(fields["code"])
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "form-action 'self' https://rp.example.com;" in csp
    assert response.headers["cache-control"] == "no-store"
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.text, re.S)
    assert scripts == [(' src="/static/form_post.js"', "")]
    assert '<button type="submit">' in response.text


async def test_form_post_script_served(http):
    response = await http.get("/static/form_post.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert 'getElementById("authorization-response").submit()' in response.text


async def test_form_post_error(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    params = flows.authorize_params(
        client.client_id, REDIRECT, response_mode="form_post", prompt="none"
    )
    response = await _authorize(http, params)
    assert response.status_code == 200
    assert f'action="{REDIRECT}"' in response.text
    fields = _hidden_fields(response.text)
    assert fields["error"] == "login_required"
    assert fields["state"] == params["state"]


async def test_form_post_after_login(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    params = flows.authorize_params(
        client.client_id, REDIRECT, response_mode="form_post"
    )
    response = await flows.sign_in(http, params, user.email, user.password)
    assert response.status_code == 200
    fields = _hidden_fields(response.text)
    assert "code" in fields
    remember(fields["code"])
    assert "rgn_session" in response.cookies


async def test_response_mode_unsupported(http):
    client, _, _ = await _signed_in(http)
    params = flows.authorize_params(
        client.client_id, REDIRECT, response_mode="fragment"
    )
    query = _error_of(await _authorize(http, params))
    assert query["error"] == "invalid_request"
    assert query["state"] == params["state"]
