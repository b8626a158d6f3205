"""Protocol fields of a client registration through the admin API.

CORS origins, JWK Set, back-channel logout, grant types, lifetimes and the
refresh token grace window: stored, validated, and used by the endpoints.
"""

from __future__ import annotations

import secrets
import time

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from app.security import jose
from tests.support import admin, factories, flows
from tests.support.secrets import remember

REDIRECT_URI = factories.REDIRECT_URI
ORIGIN = "https://app.example.com"
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
PROTOCOL_FIELDS = (
    "allowedCorsOrigins",
    "jwks",
    "backchannelLogoutUri",
    "backchannelLogoutSessionRequired",
    "accessTokenTtl",
    "idTokenTtl",
    "refreshTokenTtl",
    "refreshTokenGraceSeconds",
)


@pytest.fixture
async def key():
    return await admin.platform_key()


def public_jwks(private_key: RSAKey) -> dict:
    return {"keys": [private_key.as_dict(private=False, kid=private_key.thumbprint())]}


def client_assertion(private_key: RSAKey, client_id: str) -> str:
    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": "http://testserver/oauth/token",
        "iat": now,
        "exp": now + 60,
        "jti": secrets.token_urlsafe(16),
    }
    header = {"alg": "RS256", "kid": private_key.thumbprint()}
    token = jwt.encode(header, claims, private_key, algorithms=["RS256"])
    remember(token)
    return token


async def create_client(http, key, tenant, **fields):
    variables = {
        "input": {
            "tenantId": str(tenant.id),
            "name": "Acme SPA backend",
            "redirectUris": [REDIRECT_URI],
            "allowedScopes": ["openid", "email", "tenant.read"],
            **fields,
        }
    }
    payload = await admin.run(http, "create-client", variables, token=key)
    remember(payload.get("clientSecret"))
    return payload


async def update_client(http, key, client_id: str, **fields):
    variables = {"input": {"id": client_id, **fields}}
    payload = await admin.run(http, "update-client", variables, token=key)
    remember(payload.get("clientSecret"))
    return payload


async def refresh(http, client_id: str, secret: str, refresh_token: str):
    response = await flows.token_request(
        http,
        client_id,
        secret,
        grant_type="refresh_token",
        refresh_token=refresh_token,
    )
    body = response.json()
    remember(body.get("access_token"), body.get("refresh_token"), body.get("id_token"))
    return response


async def test_create_client_with_protocol_fields(http, key):
    tenant = await factories.make_tenant()
    signing_key = RSAKey.generate_key(2048, private=True)
    jwks = public_jwks(signing_key)
    payload = await create_client(
        http,
        key,
        tenant,
        tokenEndpointAuthMethod="PRIVATE_KEY_JWT",
        jwks=jwks,
        grantTypes=["authorization_code", "refresh_token", "client_credentials"],
        allowedCorsOrigins=[ORIGIN, "http://127.0.0.1:3000"],
        backchannelLogoutUri="https://app.example.com/backchannel-logout",
        backchannelLogoutSessionRequired=True,
        accessTokenTtl=120,
        idTokenTtl=300,
        refreshTokenTtl=86400,
        refreshTokenGraceSeconds=10,
    )
    admin.success(payload, "CreateClientSuccess")
    assert payload["clientSecret"] is None
    client = payload["client"]
    expected = {
        "allowedCorsOrigins": [ORIGIN, "http://127.0.0.1:3000"],
        "jwks": jwks,
        "backchannelLogoutUri": "https://app.example.com/backchannel-logout",
        "backchannelLogoutSessionRequired": True,
        "accessTokenTtl": 120,
        "idTokenTtl": 300,
        "refreshTokenTtl": 86400,
        "refreshTokenGraceSeconds": 10,
    }
    assert {name: client[name] for name in PROTOCOL_FIELDS} == expected
    assert client["grantTypes"] == [
        "authorization_code",
        "refresh_token",
        "client_credentials",
    ]
    detail = await admin.run(http, "client-detail", {"id": client["id"]}, token=key)
    assert {name: detail[name] for name in PROTOCOL_FIELDS} == expected

    # The registered key authenticates the client, the access token lives
    # for accessTokenTtl, and the registered origin may read the response.
    response = await http.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "scope": "tenant.read",
            "client_assertion_type": JWT_BEARER,
            "client_assertion": client_assertion(signing_key, client["clientId"]),
        },
        headers={"Origin": ORIGIN},
    )
    assert response.status_code == 200, response.text
    remember(response.json()["access_token"])
    assert response.json()["expires_in"] == 120
    assert response.headers["access-control-allow-origin"] == ORIGIN


async def test_defaults_of_protocol_fields(http, key):
    tenant = await factories.make_tenant()
    payload = await create_client(http, key, tenant)
    client = admin.success(payload, "CreateClientSuccess")["client"]
    assert client["allowedCorsOrigins"] == []
    assert client["jwks"] is None
    assert client["backchannelLogoutUri"] is None
    assert client["backchannelLogoutSessionRequired"] is False
    assert client["accessTokenTtl"] is None
    assert client["idTokenTtl"] is None
    assert client["refreshTokenTtl"] is None
    assert client["refreshTokenGraceSeconds"] == 0
    assert client["grantTypes"] == ["authorization_code"]


async def test_lifetimes_apply_to_tokens(http, key):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    payload = await create_client(
        http,
        key,
        tenant,
        grantTypes=["authorization_code", "refresh_token"],
        accessTokenTtl=90,
        idTokenTtl=240,
    )
    created = admin.success(payload, "CreateClientSuccess")
    client_id = created["client"]["clientId"]
    tokens = await flows.sign_in_tokens(
        http, client_id, created["clientSecret"], user.email, user.password, "openid"
    )
    assert tokens["expires_in"] == 90
    claims = jose.unverified_claims(tokens["id_token"])
    assert claims["exp"] - claims["iat"] == 240
    assert tokens["refresh_token"].startswith("rgn_rt_")

    # Null returns a lifetime to the server default (3600 s in the tests).
    cleared = await update_client(
        http, key, created["client"]["id"], accessTokenTtl=None
    )
    client = admin.success(cleared, "UpdateClientSuccess")["client"]
    assert client["accessTokenTtl"] is None
    response = await refresh(
        http, client_id, created["clientSecret"], tokens["refresh_token"]
    )
    assert response.status_code == 200, response.text
    assert response.json()["expires_in"] == 3600


async def test_grant_types_decide_refresh_tokens(http, key):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    created = admin.success(
        await create_client(http, key, tenant), "CreateClientSuccess"
    )
    client_id = created["client"]["clientId"]
    secret = created["clientSecret"]
    tokens = await flows.sign_in_tokens(
        http, client_id, secret, user.email, user.password, scope="openid email"
    )
    assert "refresh_token" not in tokens
    response = await flows.token_request(
        http, client_id, secret, grant_type="client_credentials"
    )
    assert response.json()["error"] == "unauthorized_client"

    updated = await update_client(
        http,
        key,
        created["client"]["id"],
        grantTypes=["authorization_code", "refresh_token"],
    )
    admin.success(updated, "UpdateClientSuccess")
    tokens = await flows.sign_in_tokens(
        http, client_id, secret, user.email, user.password, scope="openid email"
    )
    assert tokens["refresh_token"].startswith("rgn_rt_")


@pytest.mark.parametrize("grace_seconds", [0, 30])
async def test_grace_window_of_refresh_retry(http, key, grace_seconds):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    payload = await create_client(
        http,
        key,
        tenant,
        grantTypes=["authorization_code", "refresh_token"],
        refreshTokenGraceSeconds=grace_seconds,
    )
    created = admin.success(payload, "CreateClientSuccess")
    client_id = created["client"]["clientId"]
    secret = created["clientSecret"]
    tokens = await flows.sign_in_tokens(
        http, client_id, secret, user.email, user.password, scope="openid email"
    )
    first = await refresh(http, client_id, secret, tokens["refresh_token"])
    assert first.status_code == 200, first.text
    retry = await refresh(http, client_id, secret, tokens["refresh_token"])
    if grace_seconds:
        assert retry.status_code == 200, retry.text
    else:
        assert retry.json()["error"] == "invalid_grant"


async def test_cors_origins_follow_update(http, key):
    tenant = await factories.make_tenant()
    created = admin.success(
        await create_client(http, key, tenant), "CreateClientSuccess"
    )

    async def allowed_origin(origin: str) -> str | None:
        response = await http.post(
            "/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": "rgn_ac_unknown",
                "redirect_uri": REDIRECT_URI,
            },
            auth=(created["client"]["clientId"], created["clientSecret"]),
            headers={"Origin": origin},
        )
        assert response.json()["error"] == "invalid_grant"
        return response.headers.get("access-control-allow-origin")

    assert await allowed_origin(ORIGIN) is None
    updated = await update_client(
        http, key, created["client"]["id"], allowedCorsOrigins=[ORIGIN]
    )
    assert admin.success(updated, "UpdateClientSuccess")["client"][
        "allowedCorsOrigins"
    ] == [ORIGIN]
    assert await allowed_origin(ORIGIN) == ORIGIN
    assert await allowed_origin("https://other.example.com") is None


async def test_update_clears_optional_fields(http, key):
    tenant = await factories.make_tenant()
    created = admin.success(
        await create_client(
            http,
            key,
            tenant,
            backchannelLogoutUri="https://app.example.com/logout",
            backchannelLogoutSessionRequired=True,
            accessTokenTtl=60,
            idTokenTtl=60,
            refreshTokenTtl=60,
            refreshTokenGraceSeconds=5,
        ),
        "CreateClientSuccess",
    )
    client_id = created["client"]["id"]

    # Omitted fields, and null for fields that null cannot clear, keep their value.
    unchanged = await update_client(
        http,
        key,
        client_id,
        name="Renamed",
        allowedCorsOrigins=None,
        refreshTokenGraceSeconds=None,
        backchannelLogoutSessionRequired=None,
    )
    client = admin.success(unchanged, "UpdateClientSuccess")["client"]
    assert client["backchannelLogoutUri"] == "https://app.example.com/logout"
    assert client["backchannelLogoutSessionRequired"] is True
    assert client["accessTokenTtl"] == 60
    assert client["refreshTokenGraceSeconds"] == 5

    cleared = await update_client(
        http,
        key,
        client_id,
        backchannelLogoutUri=None,
        accessTokenTtl=None,
        idTokenTtl=None,
        refreshTokenTtl=None,
    )
    client = admin.success(cleared, "UpdateClientSuccess")["client"]
    assert client["backchannelLogoutUri"] is None
    assert client["accessTokenTtl"] is None
    assert client["idTokenTtl"] is None
    assert client["refreshTokenTtl"] is None
    assert client["refreshTokenGraceSeconds"] == 5

    log = await admin.run(
        http,
        "audit-log",
        {"tenantId": str(tenant.id), "filter": {"action": "client.updated"}},
        token=key,
    )
    fields = [event["details"]["fields"] for event in log["items"]]
    assert fields == [
        [
            "access_token_ttl",
            "backchannel_logout_uri",
            "id_token_ttl",
            "refresh_token_ttl",
        ],
        ["name"],
    ]


def rsa_jwks(private: bool = False) -> dict:
    key = RSAKey.generate_key(2048, private=True)
    return {"keys": [key.as_dict(private=private, kid=key.thumbprint())]}


JWT_CLIENT = {"tokenEndpointAuthMethod": "PRIVATE_KEY_JWT"}
INVALID_REGISTRATIONS = [
    ({"allowedCorsOrigins": ["https://app.example.com/"]}, "allowedCorsOrigins"),
    ({"allowedCorsOrigins": ["https://app.example.com/spa"]}, "allowedCorsOrigins"),
    ({"allowedCorsOrigins": ["http://app.example.com"]}, "allowedCorsOrigins"),
    ({"allowedCorsOrigins": ["https://App.example.com"]}, "allowedCorsOrigins"),
    ({"allowedCorsOrigins": ["https://app.example.com:443"]}, "allowedCorsOrigins"),
    ({"allowedCorsOrigins": ["app.example.com"]}, "allowedCorsOrigins"),
    ({"allowedCorsOrigins": ["*"]}, "allowedCorsOrigins"),
    ({"allowedCorsOrigins": ["null"]}, "allowedCorsOrigins"),
    (JWT_CLIENT, "jwks"),
    ({**JWT_CLIENT, "jwks": {"keys": []}}, "jwks"),
    ({**JWT_CLIENT, "jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}}, "jwks"),
    ({**JWT_CLIENT, "jwks": rsa_jwks(private=True)}, "jwks"),
    ({"jwks": ["not", "a", "set"]}, "jwks"),
    ({"backchannelLogoutUri": "http://app.example.com/logout"}, "backchannelLogoutUri"),
    ({"backchannelLogoutUri": "/logout"}, "backchannelLogoutUri"),
    ({"accessTokenTtl": 0}, "accessTokenTtl"),
    ({"accessTokenTtl": -60}, "accessTokenTtl"),
    ({"accessTokenTtl": 86401}, "accessTokenTtl"),
    ({"idTokenTtl": 0}, "idTokenTtl"),
    ({"idTokenTtl": 86401}, "idTokenTtl"),
    ({"refreshTokenTtl": 0}, "refreshTokenTtl"),
    ({"refreshTokenTtl": 365 * 86400 + 1}, "refreshTokenTtl"),
    ({"refreshTokenGraceSeconds": -1}, "refreshTokenGraceSeconds"),
    ({"refreshTokenGraceSeconds": 61}, "refreshTokenGraceSeconds"),
    ({"grantTypes": ["implicit"]}, "grantTypes"),
    ({"clientType": "PUBLIC", "grantTypes": ["client_credentials"]}, "grantTypes"),
]


@pytest.mark.parametrize(("fields", "field"), INVALID_REGISTRATIONS)
async def test_create_rejects_invalid_protocol_fields(http, key, fields, field):
    tenant = await factories.make_tenant()
    payload = await create_client(http, key, tenant, **fields)
    admin.user_error(payload, "ValidationError", field)
    listing = await admin.run(
        http, "client-list", {"tenantId": str(tenant.id)}, token=key
    )
    assert listing["totalCount"] == 0


async def test_update_rejects_invalid_protocol_fields(http, key):
    tenant = await factories.make_tenant()
    jwks = rsa_jwks()
    created = admin.success(
        await create_client(http, key, tenant, **JWT_CLIENT, jwks=jwks),
        "CreateClientSuccess",
    )
    client_id = created["client"]["id"]
    for changes, field in [
        ({"jwks": None}, "jwks"),
        ({"allowedCorsOrigins": [ORIGIN + "/path"]}, "allowedCorsOrigins"),
        ({"idTokenTtl": 0}, "idTokenTtl"),
        ({"refreshTokenGraceSeconds": 61}, "refreshTokenGraceSeconds"),
    ]:
        payload = await update_client(http, key, client_id, **changes)
        admin.user_error(payload, "ValidationError", field)
    detail = await admin.run(http, "client-detail", {"id": client_id}, token=key)
    assert detail["jwks"] == jwks
    assert detail["allowedCorsOrigins"] == []
    assert detail["idTokenTtl"] is None
    assert detail["refreshTokenGraceSeconds"] == 0


async def test_tenant_key_needs_clients_permission(http):
    tenant = await factories.make_tenant()
    reader = await admin.tenant_key(tenant.id, ["read"])
    payload = await create_client(
        http, reader, tenant, allowedCorsOrigins=[ORIGIN], accessTokenTtl=60
    )
    admin.user_error(payload, "ForbiddenError")
