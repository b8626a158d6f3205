"""The consent page of the authorization endpoint."""

from __future__ import annotations

import asyncio
import re
from urllib.parse import urlencode

from app.models import Consent
from tests.support import factories, flows
from tests.support.secrets import remember

REDIRECT = factories.REDIRECT_URI


async def _consent_page(http, **extra):
    """Sign a new user in to a client that asks for consent; return the page and parts."""
    tenant = await factories.make_tenant("Initech")
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, skip_consent=False)
    params = flows.authorize_params(client.client_id, REDIRECT, **extra)
    page = await flows.sign_in(http, params, user.email, user.password)
    return page, client, user, params


def _code_of(response) -> str:
    assert response.status_code in (302, 303), response.text
    query = flows.query_of(response.headers["location"])
    assert "code" in query, query
    remember(query["code"])
    return query["code"]


async def test_consent_page_lists_scopes(http):
    page, _, user, _ = await _consent_page(http)
    assert page.status_code == 200
    assert "Allow access?" in page.text
    assert "Test App" in page.text
    assert "Initech" in page.text
    assert user.email in page.text
    for line in (
        "See your name and basic profile details",
        "See your email address",
        "See the roles you hold in that company account",
    ):
        assert line in page.text
    items = re.findall(r"<li>(.*?)</li>", page.text)
    assert len(items) == 5
    for item in items:
        # Plain language, not scope names such as tenant.read.
        assert ".read" not in item, item
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


async def test_consent_allow_issues_code(http):
    page, client, user, params = await _consent_page(http)
    response = await flows.submit_consent(http, page, "allow")
    _code_of(response)
    assert flows.query_of(response.headers["location"])["state"] == params["state"]
    consent = await Consent.get(account_id=user.account.id, client_id=client.client.id)
    assert set(consent.scopes) == set(params["scope"].split())


async def test_consent_remembered(http):
    page, client, _, _ = await _consent_page(http)
    _code_of(await flows.submit_consent(http, page, "allow"))
    again = flows.authorize_params(client.client_id, REDIRECT)
    _code_of(await http.get("/oauth/authorize?" + urlencode(again)))


async def test_consent_deny(http):
    page, _, _, params = await _consent_page(http)
    response = await flows.submit_consent(http, page, "deny")
    assert response.status_code == 303
    query = flows.query_of(response.headers["location"])
    assert query["error"] == "access_denied"
    assert query["state"] == params["state"]
    assert query["iss"] == "http://testserver"


async def test_consent_required_with_prompt_none(http):
    page, client, _, _ = await _consent_page(http)
    assert page.status_code == 200
    silent = flows.authorize_params(client.client_id, REDIRECT, prompt="none")
    response = await http.get("/oauth/authorize?" + urlencode(silent))
    assert response.status_code == 302
    query = flows.query_of(response.headers["location"])
    assert query["error"] == "consent_required"
    assert query["state"] == silent["state"]


async def test_consent_new_scope_asks_again(http):
    page, client, _, _ = await _consent_page(http, scope="openid email")
    _code_of(await flows.submit_consent(http, page, "allow"))
    wider = flows.authorize_params(
        client.client_id, REDIRECT, scope="openid email profile"
    )
    response = await http.get("/oauth/authorize?" + urlencode(wider))
    assert response.status_code == 200
    assert "Allow access?" in response.text


async def test_prompt_consent_forces_page(http):
    page, client, _, _ = await _consent_page(http)
    _code_of(await flows.submit_consent(http, page, "allow"))
    forced = flows.authorize_params(client.client_id, REDIRECT, prompt="consent")
    response = await http.get("/oauth/authorize?" + urlencode(forced))
    assert response.status_code == 200
    assert "Allow access?" in response.text
    _code_of(await flows.submit_consent(http, response, "allow"))


async def test_prompt_login_then_consent(http):
    page, _, _, _ = await _consent_page(http, prompt="login")
    assert "Allow access?" in page.text
    _code_of(await flows.submit_consent(http, page, "allow"))


async def test_skip_consent_client(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, skip_consent=True)
    params = flows.authorize_params(client.client_id, REDIRECT)
    _code_of(await flows.sign_in(http, params, user.email, user.password))


async def test_consent_without_csrf_rejected(http):
    page, _, _, _ = await _consent_page(http)
    fields = flows.form_fields(page.text, flows.CONSENT_FIELDS)
    fields["csrf_token"] = "0" * 64
    response = await http.post(
        "/oauth/authorize/consent", data={**fields, "decision": "allow"}
    )
    assert response.status_code == 403
    assert "Consent form expired" in response.text


async def test_consent_edited_request_rejected(http):
    page, _, _, _ = await _consent_page(http, scope="openid")
    fields = flows.form_fields(page.text, flows.CONSENT_FIELDS)
    fields["authorization_request"] = fields["authorization_request"].replace(
        "scope=openid", "scope=openid+email"
    )
    response = await http.post(
        "/oauth/authorize/consent", data={**fields, "decision": "allow"}
    )
    assert response.status_code == 403
    assert "Consent form expired" in response.text


async def test_consent_without_session_shows_login(app, http):
    page, _, _, _ = await _consent_page(http)
    http.cookies.delete("rgn_session")
    response = await flows.submit_consent(http, page, "allow")
    assert response.status_code == 200
    assert "Sign in" in response.text


async def test_consent_form_from_earlier_sign_in(http):
    page, client, user, params = await _consent_page(http)
    await asyncio.sleep(1.1)
    again = flows.authorize_params(client.client_id, REDIRECT, prompt="login")
    newer = await flows.sign_in(http, again, user.email, user.password)
    assert "Allow access?" in newer.text

    response = await flows.submit_consent(http, page, "allow")
    assert response.status_code == 403
    assert "Consent form expired" in response.text
    _code_of(await flows.submit_consent(http, newer, "allow"))
