"""Sign-in to the dashboard client by accounts of any tenant.

The dashboard client belongs to one tenant, but its users administer
others, so it admits every enabled account. Every other client still
requires an enabled membership in its own tenant.
"""

from __future__ import annotations

import httpx
import pytest

from app.main import create_app
from app.models import Account, Tenant
from app.security import jose
from app.services import clock, tenants
from tests.conftest import ISSUER
from tests.support import admin, factories, flows
from tests.support.secrets import remember

DASHBOARD_REDIRECT = "https://dashboard.example.com/callback"
SCOPE = "openid profile tenant.read roles.read"


@pytest.fixture
async def home():
    return await factories.make_tenant("Ringnity")


async def app_client(settings, dashboard_client_id: str | None):
    app = create_app(
        settings.model_copy(update={"dashboard_client_id": dashboard_client_id}),
        manage_database=False,
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=ISSUER)


async def public_client(tenant):
    return await factories.make_client(
        tenant,
        client_type="public",
        redirect_uris=[DASHBOARD_REDIRECT],
        grant_types=["authorization_code", "refresh_token"],
    )


async def sign_in(
    http, client_id: str, user, pkce: flows.Pkce | None = None
) -> httpx.Response:
    """Sign in with a new browser session; return the final authorize response."""
    http.cookies.clear()
    pkce = pkce or flows.new_pkce()
    params = flows.authorize_params(
        client_id,
        DASHBOARD_REDIRECT,
        scope=SCOPE,
        code_challenge=pkce.challenge,
        code_challenge_method="S256",
    )
    return await flows.sign_in(http, params, user.email, user.password)


async def dashboard_tokens(http, client_id: str, user) -> dict:
    pkce = flows.new_pkce()
    response = await sign_in(http, client_id, user, pkce)
    assert response.status_code == 303, response.text
    code = flows.query_of(response.headers["location"])["code"]
    remember(code)
    token_response = await http.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": DASHBOARD_REDIRECT,
            "client_id": client_id,
            "code_verifier": pkce.verifier,
        },
    )
    assert token_response.status_code == 200, token_response.text
    body = token_response.json()
    remember(body["access_token"], body["refresh_token"], body["id_token"])
    return body


def denial_of(response: httpx.Response) -> str | None:
    """Return the ``error`` of an authorize redirect, or None without one."""
    assert response.status_code == 303, response.text
    return flows.query_of(response.headers["location"]).get("error")


async def test_dashboard_admits_other_tenants_admin(database, home):
    dashboard = await public_client(home)
    acme = await factories.make_tenant("Acme")
    admin_role = await factories.make_role(acme, "admin")
    # The account belongs to Acme only, not to the dashboard's tenant.
    user = await factories.make_user(acme, [admin_role])
    async with await app_client(database, dashboard.client_id) as http:
        tokens = await dashboard_tokens(http, dashboard.client_id, user)
        viewer = await admin.run(http, "viewer", token=tokens["access_token"])
        assert viewer["kind"] == "DASHBOARD"
        assert viewer["tenantIds"] == [str(acme.id)]
        created = await admin.run(
            http,
            "create-role",
            {"tenantId": str(acme.id), "name": "agent"},
            token=tokens["access_token"],
        )
        admin.success(created, "RoleSuccess")

        bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
        userinfo = await http.get("/oauth/userinfo", headers=bearer)
        assert userinfo.status_code == 200, userinfo.text
        claims = userinfo.json()
        assert claims["sub"] == str(user.account.id)
        # Tenant claims would name the dashboard's tenant, which the user is not in.
        assert "tenant_id" not in claims
        assert claims["roles"] == []
        id_token_claims = jose.unverified_claims(tokens["id_token"])
        assert "tenant_id" not in id_token_claims

        refreshed = await http.post(
            "/oauth/token",
            data={
                "grant_type": "refresh_token",
                "refresh_token": tokens["refresh_token"],
                "client_id": dashboard.client_id,
            },
        )
        assert refreshed.status_code == 200, refreshed.text
        body = refreshed.json()
        remember(body["access_token"], body["refresh_token"], body.get("id_token"))
        again = await admin.run(http, "viewer", token=body["access_token"])
        assert again["tenantIds"] == [str(acme.id)]


async def test_dashboard_keeps_tenant_claims_of_members(database, home):
    dashboard = await public_client(home)
    user = await factories.make_user(home)
    async with await app_client(database, dashboard.client_id) as http:
        tokens = await dashboard_tokens(http, dashboard.client_id, user)
    claims = jose.unverified_claims(tokens["id_token"])
    assert claims["tenant_id"] == str(home.id)
    assert claims["tenant_slug"] == home.slug


async def test_dashboard_rejects_disabled_account(database, home):
    dashboard = await public_client(home)
    acme = await factories.make_tenant("Acme")
    user = await factories.make_user(acme, [await factories.make_role(acme, "admin")])
    async with await app_client(database, dashboard.client_id) as http:
        tokens = await dashboard_tokens(http, dashboard.client_id, user)
        await Account.filter(id=user.account.id).update(disabled_at=clock.now())

        response = await admin.call(
            http, admin.operation("viewer"), token=tokens["access_token"]
        )
        assert response.status_code == 401
        bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
        userinfo = await http.get("/oauth/userinfo", headers=bearer)
        assert userinfo.status_code == 401
        refreshed = await http.post(
            "/oauth/token",
            data={
                "grant_type": "refresh_token",
                "refresh_token": tokens["refresh_token"],
                "client_id": dashboard.client_id,
            },
        )
        assert refreshed.json()["error"] == "invalid_grant"
        # A disabled account cannot sign in, so the sign-in form comes back.
        page = await sign_in(http, dashboard.client_id, user)
        assert page.status_code == 200
        assert 'name="password"' in page.text


async def test_dashboard_rejects_suspended_home_tenant(database, home):
    dashboard = await public_client(home)
    acme = await factories.make_tenant("Acme")
    user = await factories.make_user(acme, [await factories.make_role(acme, "admin")])
    await Tenant.filter(id=home.id).update(status="suspended")
    async with await app_client(database, dashboard.client_id) as http:
        response = await sign_in(http, dashboard.client_id, user)
    assert denial_of(response) == "access_denied"


async def test_other_clients_still_require_membership(database, home):
    dashboard = await public_client(home)
    other_public = await public_client(home)
    confidential = await factories.make_client(
        home, redirect_uris=[DASHBOARD_REDIRECT]
    )
    acme = await factories.make_tenant("Acme")
    user = await factories.make_user(acme, [await factories.make_role(acme, "admin")])
    cases = [
        # Another public client of the dashboard's tenant.
        (dashboard.client_id, other_public.client_id),
        # The dashboard client when the server names no dashboard.
        (None, dashboard.client_id),
        # A confidential client named as the dashboard is not one.
        (confidential.client_id, confidential.client_id),
    ]
    for configured, client_id in cases:
        async with await app_client(database, configured) as http:
            response = await sign_in(http, client_id, user)
        assert denial_of(response) == "access_denied", (configured, client_id)


async def test_dashboard_token_needs_no_home_membership(database, home):
    dashboard = await public_client(home)
    acme = await factories.make_tenant("Acme")
    user = await factories.make_user(home)
    owner = await factories.make_role(acme, "owner")
    await tenants.add_member(acme, user.account, [owner])
    async with await app_client(database, dashboard.client_id) as http:
        tokens = await dashboard_tokens(http, dashboard.client_id, user)
        # Leaving the dashboard's tenant ends the tokens issued in it, as for
        # any client, but a new sign-in works without that membership.
        key = await admin.platform_key()
        removed = await admin.run(
            http,
            "remove-user",
            {"tenantId": str(home.id), "userId": str(user.account.id)},
            token=key,
        )
        admin.success(removed, "DeleteSuccess")
        response = await admin.call(
            http, admin.operation("viewer"), token=tokens["access_token"]
        )
        assert response.status_code == 401
        tokens = await dashboard_tokens(http, dashboard.client_id, user)
        viewer = await admin.run(http, "viewer", token=tokens["access_token"])
        assert viewer["tenantIds"] == [str(acme.id)]

