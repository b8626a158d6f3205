"""Signing key rotation and the key list through the admin API."""

from __future__ import annotations

import json
from base64 import urlsafe_b64decode
from datetime import datetime, timedelta

import httpx
import pytest

from app.main import create_app
from app.models import SigningKey
from app.services import principals
from tests.conftest import ISSUER
from tests.support import admin, factories, flows

ROTATE = "rotate-signing-key"


@pytest.fixture
async def key():
    return await admin.platform_key()


def parse_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def kid_of(token: str) -> str:
    header = token.split(".")[0]
    return json.loads(urlsafe_b64decode(header + "=" * (-len(header) % 4)))["kid"]


async def signing_kids() -> list[str]:
    """Return the kids of the keys that no rotation has retired yet."""
    rows = await SigningKey.filter(retired_at__isnull=True)
    return sorted(row.kid for row in rows)


async def test_rotate_signing_key(http, key, database):
    tenant = await factories.make_tenant()
    # The maximum client ID token lifetime decides how long retired keys stay.
    await factories.make_client(tenant)
    created = await admin.run(
        http,
        "create-client",
        {
            "input": {
                "tenantId": str(tenant.id),
                "name": "Long ID tokens",
                "redirectUris": [factories.REDIRECT_URI],
                "idTokenTtl": 7200,
            }
        },
        token=key,
    )
    flows.remember(admin.success(created, "CreateClientSuccess")["clientSecret"])
    [previous] = await signing_kids()

    payload = await admin.run(http, ROTATE, {"activationDelaySeconds": 120}, token=key)
    admin.success(payload, "RotateSigningKeySuccess")
    new_key = payload["signingKey"]
    assert new_key["kid"] != previous
    assert new_key["alg"] == "RS256"
    assert new_key["retiredAt"] is None
    assert new_key["expiresAt"] is None
    activates_at = parse_time(new_key["activatesAt"])
    created_at = parse_time(new_key["createdAt"])
    delay = activates_at - created_at
    assert timedelta(seconds=119) <= delay <= timedelta(seconds=121)

    retired = {item["kid"]: item for item in payload["retiredKeys"]}
    assert previous in retired
    for item in retired.values():
        assert parse_time(item["retiredAt"]) == activates_at
        # 7200 s of ID token lifetime plus 30 s of key caching.
        expires_at = activates_at + timedelta(seconds=7230)
        assert parse_time(item["expiresAt"]) == expires_at
    assert await signing_kids() == [new_key["kid"]]

    # A new app has an empty key cache, so its JWKS shows the database.
    transport = httpx.ASGITransport(app=create_app(database, manage_database=False))
    async with httpx.AsyncClient(transport=transport, base_url=ISSUER) as other:
        published = (await other.get("/oauth/jwks.json")).json()["keys"]
    assert {jwk["kid"] for jwk in published} >= {previous, new_key["kid"]}


async def test_signing_key_list(http, key):
    await admin.run(http, ROTATE, {"activationDelaySeconds": 300}, token=key)
    response = await admin.call(http, admin.operation("signing-key-list"), token=key)
    assert response.status_code == 200
    page = response.json()["data"]["signingKeys"]
    rows = await SigningKey.all().order_by("-created_at", "kid")
    assert page["totalCount"] == len(rows)
    assert [item["kid"] for item in page["items"]] == [row.kid for row in rows]
    newest = page["items"][0]
    assert parse_time(newest["activatesAt"]) == rows[0].activates_at
    assert newest["retiredAt"] is None
    for row in rows:
        assert row.private_jwk["d"] not in response.text
        assert row.public_jwk["n"] not in response.text

    first = await admin.run(http, "signing-key-list", {"limit": 1}, token=key)
    assert len(first["items"]) == 1
    assert first["items"][0]["kid"] == rows[0].kid


async def test_rotation_is_audited(http, key):
    actor = (await admin.run(http, "viewer", token=key))["actorId"]
    response = await admin.call(
        http,
        admin.operation(ROTATE),
        {"activationDelaySeconds": 60},
        token=key,
        headers={"X-Request-ID": "rotate-1"},
    )
    payload = response.json()["data"]["rotateSigningKey"]
    new_kid = admin.success(payload, "RotateSigningKeySuccess")["signingKey"]["kid"]
    log = await admin.run(
        http,
        "audit-log",
        {"tenantId": None, "filter": {"action": "signing_key.rotated"}},
        token=key,
    )
    event = log["items"][0]
    assert event["targetType"] == "signing_key"
    assert event["targetId"] == new_kid
    assert event["tenantId"] is None
    assert event["actorType"] == "platform_key"
    assert event["actorId"] == actor
    assert event["requestId"] == "rotate-1"
    assert event["details"]["activation_delay_seconds"] == 60
    assert event["details"]["retired_kids"] == sorted(
        retired["kid"] for retired in payload["retiredKeys"]
    )
    assert "private" not in json.dumps(event)


async def test_new_key_signs_after_activation(database):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    key = await admin.platform_key()
    app = create_app(database, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=ISSUER) as http:
        variables = {"activationDelaySeconds": 0}
        payload = await admin.run(http, ROTATE, variables, token=key)
        new_kid = admin.success(payload, "RotateSigningKeySuccess")["signingKey"]["kid"]
        # The app read no keys before the rotation, so it signs with the new one.
        tokens = await flows.sign_in_tokens(
            http, client.client_id, client.secret, user.email, user.password
        )
    assert kid_of(tokens["id_token"]) == new_kid


async def test_rotation_needs_platform_admin(http):
    tenant = await factories.make_tenant()
    tenant_key = await admin.tenant_key(tenant.id, list(principals.PERMISSIONS))
    before = await signing_kids()
    payload = await admin.run(http, ROTATE, {}, token=tenant_key)
    admin.user_error(payload, "ForbiddenError")
    codes = await admin.error_codes(
        http, admin.operation("signing-key-list"), token=tenant_key
    )
    assert codes == ["FORBIDDEN"]
    response = await admin.call(http, admin.operation(ROTATE), {}, token=None)
    assert response.status_code == 401
    assert await signing_kids() == before


@pytest.mark.parametrize("delay", [-1, 86401])
async def test_rotation_rejects_invalid_delay(http, key, delay):
    before = await signing_kids()
    variables = {"activationDelaySeconds": delay}
    payload = await admin.run(http, ROTATE, variables, token=key)
    admin.user_error(payload, "ValidationError", "activationDelaySeconds")
    assert await signing_kids() == before
