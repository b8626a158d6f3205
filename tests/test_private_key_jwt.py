"""private_key_jwt client authentication with jti replay protection."""

from __future__ import annotations

import secrets
import time

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, OctKey, RSAKey

from app.services import clients
from app.services.errors import ValidationError
from tests.support import factories
from tests.support.secrets import remember

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TOKEN_URL = "http://testserver/oauth/token"


def _rsa_key() -> RSAKey:
    return RSAKey.generate_key(2048, private=True)


def _jwks(key) -> dict:
    return {"keys": [key.as_dict(private=False, kid=key.thumbprint())]}


async def _jwt_client(key, grant_types=("client_credentials",)):
    tenant = await factories.make_tenant()
    return await factories.make_client(
        tenant,
        auth_method="private_key_jwt",
        grant_types=list(grant_types),
        jwks=_jwks(key),
    )


def _assertion(key, client_id: str, alg: str = "RS256", **overrides) -> str:
    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": TOKEN_URL,
        "iat": now,
        "exp": now + 60,
        "jti": secrets.token_urlsafe(16),
    }
    claims.update(overrides)
    claims = {name: value for name, value in claims.items() if value is not None}
    header = {"alg": alg, "kid": key.thumbprint()}
    token = jwt.encode(header, claims, key, algorithms=[alg])
    remember(token)
    return token


async def _token(http, client_id: str | None, assertion: str, **extra):
    form = {
        "grant_type": "client_credentials",
        "client_assertion_type": JWT_BEARER,
        "client_assertion": assertion,
        **extra,
    }
    if client_id is not None:
        form["client_id"] = client_id
    response = await http.post("/oauth/token", data=form)
    remember(response.json().get("access_token"))
    return response


async def test_assertion_authenticates_client(http):
    key = _rsa_key()
    client = await _jwt_client(key)
    response = await _token(http, client.client_id, _assertion(key, client.client_id))
    assert response.status_code == 200, response.text
    assert response.json()["access_token"].startswith("rgn_at_")


async def test_assertion_without_client_id(http):
    key = _rsa_key()
    client = await _jwt_client(key)
    response = await _token(http, None, _assertion(key, client.client_id))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("audience", ["http://testserver", [TOKEN_URL, "https://other"]])
async def test_assertion_audience_forms(http, audience):
    key = _rsa_key()
    client = await _jwt_client(key)
    assertion = _assertion(key, client.client_id, aud=audience)
    response = await _token(http, client.client_id, assertion)
    assert response.status_code == 200, response.text


async def test_assertion_es256_key(http):
    key = ECKey.generate_key("P-256", private=True)
    client = await _jwt_client(key)
    response = await _token(http, client.client_id, _assertion(key, client.client_id, "ES256"))
    assert response.status_code == 200, response.text


async def test_assertion_replay_rejected(http):
    key = _rsa_key()
    client = await _jwt_client(key)
    assertion = _assertion(key, client.client_id)
    assert (await _token(http, client.client_id, assertion)).status_code == 200
    replay = await _token(http, client.client_id, assertion)
    assert replay.status_code == 401
    assert replay.json()["error"] == "invalid_client"
    assert "www-authenticate" not in replay.headers


async def test_assertion_jti_is_per_client(http):
    key = _rsa_key()
    first = await _jwt_client(key)
    second = await _jwt_client(key)
    jti = secrets.token_urlsafe(16)
    for client in (first, second):
        assertion = _assertion(key, client.client_id, jti=jti)
        assert (await _token(http, client.client_id, assertion)).status_code == 200


def _invalid_overrides(case: str) -> dict:
    now = int(time.time())
    return {
        "no jti": {"jti": None},
        "no exp": {"exp": None},
        "expired": {"exp": now - 120, "iat": now - 180},
        "long lived": {"exp": now + 7200},
        "future iat": {"iat": now + 600, "exp": now + 120},
        "wrong aud": {"aud": "https://other.example.com/token"},
        "wrong iss": {"iss": "rgn_someone_else"},
        "wrong sub": {"sub": "rgn_someone_else"},
    }[case]


INVALID_CASES = [
    "no jti",
    "no exp",
    "expired",
    "long lived",
    "future iat",
    "wrong aud",
    "wrong iss",
    "wrong sub",
]


@pytest.mark.parametrize("case", INVALID_CASES)
async def test_assertion_invalid_claims(http, case):
    key = _rsa_key()
    client = await _jwt_client(key)
    assertion = _assertion(key, client.client_id, **_invalid_overrides(case))
    response = await _token(http, client.client_id, assertion)
    assert response.status_code == 401, case
    assert response.json()["error"] == "invalid_client", case


async def test_assertion_unregistered_key(http):
    client = await _jwt_client(_rsa_key())
    response = await _token(http, client.client_id, _assertion(_rsa_key(), client.client_id))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_assertion_unsigned(http):
    key = _rsa_key()
    client = await _jwt_client(key)
    signed = _assertion(key, client.client_id)
    header, payload, _ = signed.split(".")
    # Swap the header for {"alg":"none"} and drop the signature.
    unsigned = "eyJhbGciOiJub25lIn0." + payload + "."
    assert header != "eyJhbGciOiJub25lIn0"
    response = await _token(http, client.client_id, unsigned)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_assertion_hmac_rejected(http):
    key = _rsa_key()
    client = await _jwt_client(key)
    shared = OctKey.import_key(secrets.token_bytes(32))
    now = int(time.time())
    claims = {
        "iss": client.client_id,
        "sub": client.client_id,
        "aud": TOKEN_URL,
        "exp": now + 60,
        "jti": secrets.token_urlsafe(16),
    }
    header = {"alg": "HS256", "kid": key.thumbprint()}
    assertion = jwt.encode(header, claims, shared)
    response = await _token(http, client.client_id, assertion)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_assertion_wrong_type(http):
    key = _rsa_key()
    client = await _jwt_client(key)
    response = await _token(
        http,
        client.client_id,
        _assertion(key, client.client_id),
        client_assertion_type="urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_assertion_missing(http):
    key = _rsa_key()
    client = await _jwt_client(key)
    response = await http.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client.client_id,
            "client_assertion_type": JWT_BEARER,
        },
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


async def test_assertion_client_uses_secret(http):
    key = _rsa_key()
    client = await _jwt_client(key)
    response = await http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(client.client_id, "rgn_cs_guess"),
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


async def test_assertion_at_revocation_endpoint(http):
    key = _rsa_key()
    client = await _jwt_client(key)
    assertion = _assertion(key, client.client_id, aud="http://testserver/oauth/revoke")
    response = await http.post(
        "/oauth/revoke",
        data={
            "token": "rgn_at_unknown",
            "client_assertion_type": JWT_BEARER,
            "client_assertion": assertion,
        },
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("jwks", [None, {"keys": []}, "private", "symmetric"])
async def test_registration_requires_public_jwks(http, jwks):
    key = _rsa_key()
    if jwks == "private":
        jwks = {"keys": [key.as_dict(private=True)]}
    elif jwks == "symmetric":
        jwks = {"keys": [{"kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"}]}
    tenant = await factories.make_tenant()
    registration = clients.ClientRegistration(
        name="Partner backend",
        token_endpoint_auth_method="private_key_jwt",
        grant_types=["client_credentials"],
        jwks=jwks,
    )
    with pytest.raises(ValidationError) as raised:
        await clients.create_client(tenant, registration)
    assert raised.value.field == "jwks"
