"""The sign-in form: credentials, CSRF, membership and role checks."""

from __future__ import annotations

from urllib.parse import urlencode

from app.models import AuditEvent, Membership
from app.services import clock
from tests.support import factories, flows

GENERIC_ERROR = "Invalid email or password."


async def _login_page(http, client):
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    page = await http.get("/oauth/authorize?" + urlencode(params))
    assert page.status_code == 200
    return params, page


async def test_wrong_password_shows_generic_error(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    _, page = await _login_page(http, client)
    response = await flows.submit_login(http, page, user.email, "wrong-password")
    assert response.status_code == 200
    assert GENERIC_ERROR in response.text
    assert "location" not in response.headers
    assert "rgn_session" not in response.cookies


async def test_unknown_email_shows_same_error(http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    _, page = await _login_page(http, client)
    response = await flows.submit_login(http, page, "nobody@example.com", "whatever-pass")
    assert response.status_code == 200
    assert GENERIC_ERROR in response.text


async def test_failed_sign_in_is_audited(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    _, page = await _login_page(http, client)
    await flows.submit_login(http, page, user.email, "wrong-password")
    events = await AuditEvent.filter(tenant_id=tenant.id, action="auth.sign_in_failed")
    assert len(events) == 1
    assert events[0].target_id == client.client_id
    assert "wrong-password" not in str(events[0].details)


async def test_email_is_case_insensitive(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    code = await flows.obtain_code(http, params, user.email.upper(), user.password)
    assert code.startswith("rgn_ac_")


async def test_missing_csrf_token_is_rejected(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    _, page = await _login_page(http, client)
    fields = flows.form_fields(page.text)
    fields["csrf_token"] = ""
    response = await http.post(
        "/oauth/authorize/login",
        data={**fields, "email": user.email, "password": user.password},
    )
    assert response.status_code == 403
    assert "location" not in response.headers
    assert "expired" in response.text


async def test_csrf_token_from_other_browser_is_rejected(http, app):
    import httpx

    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    _, page = await _login_page(http, client)
    fields = flows.form_fields(page.text)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        response = await other.post(
            "/oauth/authorize/login",
            data={**fields, "email": user.email, "password": user.password},
        )
    assert response.status_code == 403


async def test_tampered_authorization_request_is_revalidated(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    params, page = await _login_page(http, client)
    fields = flows.form_fields(page.text)
    tampered = dict(params, redirect_uri="https://evil.example.com/callback")
    fields["authorization_request"] = urlencode(tampered)
    response = await http.post(
        "/oauth/authorize/login",
        data={**fields, "email": user.email, "password": user.password},
    )
    assert response.status_code == 400
    assert "location" not in response.headers


async def test_non_member_gets_access_denied(http):
    tenant = await factories.make_tenant()
    other_tenant = await factories.make_tenant()
    outsider = await factories.make_user(other_tenant)
    client = await factories.make_client(tenant)
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await flows.sign_in(http, params, outsider.email, outsider.password)
    assert response.status_code == 303
    query = flows.query_of(response.headers["location"])
    assert query["error"] == "access_denied"
    assert query["state"] == params["state"]
    assert query["iss"] == "http://testserver"
    assert "code" not in query


async def test_disabled_membership_gets_access_denied(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    await Membership.filter(account_id=user.account.id).update(disabled_at=clock.now())
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await flows.sign_in(http, params, user.email, user.password)
    assert flows.query_of(response.headers["location"])["error"] == "access_denied"


async def test_role_restricted_client_denies_other_roles(http):
    tenant = await factories.make_tenant()
    admin = await factories.make_role(tenant, "admin")
    agent = await factories.make_role(tenant, "agent")
    user = await factories.make_user(tenant, [agent])
    client = await factories.make_client(tenant, allowed_roles=[admin])
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await flows.sign_in(http, params, user.email, user.password)
    query = flows.query_of(response.headers["location"])
    assert query["error"] == "access_denied"
    assert query["state"] == params["state"]


async def test_role_restricted_client_admits_allowed_role(http):
    tenant = await factories.make_tenant()
    admin = await factories.make_role(tenant, "admin")
    user = await factories.make_user(tenant, [admin])
    client = await factories.make_client(tenant, allowed_roles=[admin])
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    code = await flows.obtain_code(http, params, user.email, user.password)
    assert code.startswith("rgn_ac_")


async def test_session_cookie_is_http_only(http):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI)
    response = await flows.sign_in(http, params, user.email, user.password)
    cookie = response.headers["set-cookie"]
    assert "rgn_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    flows.remember(flows.query_of(response.headers["location"]).get("code"))
    flows.remember(http.cookies.get("rgn_session"))
