"""CORS on ``/graphql`` for the dashboard origins of ``RINGNITY_DASHBOARD_ORIGINS``."""

from __future__ import annotations

import httpx
import pydantic
import pytest

from app.main import create_app
from app.settings import Settings
from tests.conftest import ISSUER
from tests.support import admin, factories

DASHBOARD_ORIGIN = "https://dashboard.example.com"
OTHER_ORIGIN = "https://evil.example.com"
PREFLIGHT_HEADERS = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type",
}


@pytest.fixture
async def dashboard_http(database):
    settings = database.model_copy(
        update={"dashboard_origins": [DASHBOARD_ORIGIN, "http://127.0.0.1:5173"]}
    )
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=ISSUER) as http:
        yield http


def cors_headers(response: httpx.Response) -> dict[str, str]:
    return {
        name: value
        for name, value in response.headers.items()
        if name.startswith("access-control-")
    }


async def test_preflight_from_dashboard_origin(dashboard_http):
    for origin in (DASHBOARD_ORIGIN, "http://127.0.0.1:5173"):
        response = await dashboard_http.options(
            "/graphql", headers={"Origin": origin, **PREFLIGHT_HEADERS}
        )
        assert response.status_code == 204
        assert response.headers["access-control-allow-origin"] == origin
        assert response.headers["access-control-allow-methods"] == "POST"
        allowed = response.headers["access-control-allow-headers"].lower()
        assert "authorization" in allowed
        assert "content-type" in allowed
        assert response.headers["access-control-max-age"] == "600"
        assert "access-control-allow-credentials" not in response.headers
        assert response.headers["vary"] == "Origin"


async def test_preflight_from_other_origin(dashboard_http):
    for origin in (OTHER_ORIGIN, "null", DASHBOARD_ORIGIN + ":8443"):
        response = await dashboard_http.options(
            "/graphql", headers={"Origin": origin, **PREFLIGHT_HEADERS}
        )
        assert response.status_code != 204
        assert cors_headers(response) == {}


async def test_dashboard_origin_reads_responses(dashboard_http):
    key = await admin.platform_key()
    response = await admin.call(
        dashboard_http,
        admin.operation("viewer"),
        token=key,
        headers={"Origin": DASHBOARD_ORIGIN},
    )
    assert response.status_code == 200
    assert response.json()["data"]["viewer"]["kind"] == "PLATFORM_KEY"
    assert response.headers["access-control-allow-origin"] == DASHBOARD_ORIGIN
    exposed = response.headers["access-control-expose-headers"]
    assert "X-Request-ID" in exposed
    assert "access-control-allow-credentials" not in response.headers
    assert "Origin" in response.headers["vary"]

    # The 401 of a missing credential is readable too, so the dashboard can
    # send the user to sign in.
    unauthenticated = await admin.call(
        dashboard_http, admin.operation("viewer"), headers={"Origin": DASHBOARD_ORIGIN}
    )
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["access-control-allow-origin"] == DASHBOARD_ORIGIN
    exposed = unauthenticated.headers["access-control-expose-headers"]
    assert "WWW-Authenticate" in exposed


async def test_other_origin_gets_no_cors(dashboard_http):
    key = await admin.platform_key()
    response = await admin.call(
        dashboard_http,
        admin.operation("viewer"),
        token=key,
        headers={"Origin": OTHER_ORIGIN},
    )
    assert response.status_code == 200
    assert cors_headers(response) == {}
    assert "Origin" in response.headers["vary"]


async def test_no_cors_without_setting(http):
    key = await admin.platform_key()
    preflight = await http.options(
        "/graphql", headers={"Origin": DASHBOARD_ORIGIN, **PREFLIGHT_HEADERS}
    )
    assert cors_headers(preflight) == {}
    response = await admin.call(
        http, admin.operation("viewer"), token=key, headers={"Origin": DASHBOARD_ORIGIN}
    )
    assert response.status_code == 200
    assert cors_headers(response) == {}


async def test_dashboard_origins_stay_off_protocol_endpoints(dashboard_http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    response = await dashboard_http.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": "rgn_ac_unknown",
            "redirect_uri": factories.REDIRECT_URI,
        },
        auth=(client.client_id, client.secret),
        headers={"Origin": DASHBOARD_ORIGIN},
    )
    assert response.json()["error"] == "invalid_grant"
    assert "access-control-allow-origin" not in response.headers
    page = await dashboard_http.get(
        "/oauth/authorize", headers={"Origin": DASHBOARD_ORIGIN}
    )
    assert cors_headers(page) == {}


def test_setting_reads_comma_separated_origins(monkeypatch):
    monkeypatch.setenv(
        "RINGNITY_DASHBOARD_ORIGINS", f"{DASHBOARD_ORIGIN}, http://127.0.0.1:5173"
    )
    settings = Settings()
    assert settings.dashboard_origins == [DASHBOARD_ORIGIN, "http://127.0.0.1:5173"]
    monkeypatch.setenv("RINGNITY_DASHBOARD_ORIGINS", "")
    assert Settings().dashboard_origins == []
    monkeypatch.delenv("RINGNITY_DASHBOARD_ORIGINS")
    assert Settings().dashboard_origins == []


@pytest.mark.parametrize(
    "value",
    [
        "https://dashboard.example.com/",
        "http://dashboard.example.com",
        "https://Dashboard.example.com",
        "*",
    ],
)
def test_setting_rejects_invalid_origin(monkeypatch, value):
    monkeypatch.setenv("RINGNITY_DASHBOARD_ORIGINS", value)
    with pytest.raises(pydantic.ValidationError) as raised:
        Settings()
    assert "dashboard_origins" in str(raised.value)
