"""The token endpoint: client authentication and the authorization code grant."""

from __future__ import annotations

import base64
from datetime import timedelta
from urllib.parse import quote

import pytest

from app.models import AuthorizationCode
from app.security.tokens import digest
from app.services import clock
from tests.support import factories, flows
from tests.support.secrets import remember


def basic(client_id: str, secret: str) -> dict[str, str]:
    # RFC 6749 section 2.3.1: form-urlencode each part, then base64 the pair.
    pair = f"{quote(client_id, safe='')}:{quote(secret, safe='')}"
    return {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}


async def _code_for(http, client, user, **extra):
    params = flows.authorize_params(client.client_id, factories.REDIRECT_URI, **extra)
    return await flows.obtain_code(http, params, user.email, user.password)


async def _setup(**client_options):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant, **client_options)
    return user, client


def _code_form(code: str, **extra: str) -> dict[str, str]:
    return {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": factories.REDIRECT_URI,
        **extra,
    }


def _assert_error(response, status: int, error: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error"] == error
    assert response.headers["cache-control"] == "no-store"


async def test_basic_auth_exchanges_code(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    response = await http.post(
        "/oauth/token", data=_code_form(code), headers=basic(client.client_id, client.secret)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    remember(body["access_token"], body["id_token"])
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "openid profile email tenant.read roles.read"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"


async def test_basic_credentials_are_form_urldecoded(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    # Percent-encode every character; a decoder that skips the form
    # decoding step would fail to match the secret.
    encoded_secret = "".join(f"%{byte:02X}" for byte in client.secret.encode())
    pair = f"{client.client_id}:{encoded_secret}"
    headers = {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}
    response = await http.post("/oauth/token", data=_code_form(code), headers=headers)
    assert response.status_code == 200, response.text
    remember(response.json()["access_token"], response.json()["id_token"])


async def test_post_auth_exchanges_code(http):
    user, client = await _setup(auth_method="client_secret_post")
    code = await _code_for(http, client, user)
    form = _code_form(code, client_id=client.client_id, client_secret=client.secret)
    response = await http.post("/oauth/token", data=form)
    assert response.status_code == 200, response.text
    remember(response.json()["access_token"], response.json()["id_token"])


async def test_wrong_secret_basic_gets_401_challenge(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    response = await http.post(
        "/oauth/token", data=_code_form(code), headers=basic(client.client_id, "wrong")
    )
    _assert_error(response, 401, "invalid_client")
    assert response.headers["www-authenticate"].startswith("Basic ")


async def test_wrong_secret_post_gets_401(http):
    user, client = await _setup(auth_method="client_secret_post")
    code = await _code_for(http, client, user)
    form = _code_form(code, client_id=client.client_id, client_secret="wrong")
    response = await http.post("/oauth/token", data=form)
    _assert_error(response, 401, "invalid_client")
    assert "www-authenticate" not in response.headers


async def test_unknown_client_gets_invalid_client(http):
    response = await http.post(
        "/oauth/token", data=_code_form("rgn_ac_x"), headers=basic("rgn_nobody", "secret")
    )
    _assert_error(response, 401, "invalid_client")


async def test_unregistered_method_gets_invalid_client(http):
    user, client = await _setup(auth_method="client_secret_basic")
    code = await _code_for(http, client, user)
    form = _code_form(code, client_id=client.client_id, client_secret=client.secret)
    response = await http.post("/oauth/token", data=form)
    _assert_error(response, 401, "invalid_client")


async def test_confidential_client_without_secret_gets_invalid_client(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    response = await http.post("/oauth/token", data=_code_form(code, client_id=client.client_id))
    _assert_error(response, 401, "invalid_client")


async def test_no_client_authentication_gets_invalid_client(http):
    response = await http.post("/oauth/token", data=_code_form("rgn_ac_x"))
    _assert_error(response, 401, "invalid_client")


async def test_two_auth_methods_get_invalid_request(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    form = _code_form(code, client_id=client.client_id, client_secret=client.secret)
    response = await http.post(
        "/oauth/token", data=form, headers=basic(client.client_id, client.secret)
    )
    _assert_error(response, 400, "invalid_request")


async def test_missing_grant_type_gets_invalid_request(http):
    _, client = await _setup()
    response = await http.post(
        "/oauth/token", data={"code": "x"}, headers=basic(client.client_id, client.secret)
    )
    _assert_error(response, 400, "invalid_request")


@pytest.mark.parametrize("grant_type", ["password", "implicit", "urn:example:custom"])
async def test_unknown_grant_type_gets_unsupported(http, grant_type):
    _, client = await _setup()
    response = await http.post(
        "/oauth/token",
        data={"grant_type": grant_type},
        headers=basic(client.client_id, client.secret),
    )
    _assert_error(response, 400, "unsupported_grant_type")


async def test_repeated_parameter_gets_invalid_request(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    body = f"grant_type=authorization_code&code={code}&code={code}"
    response = await http.post(
        "/oauth/token",
        content=body,
        headers={
            **basic(client.client_id, client.secret),
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    _assert_error(response, 400, "invalid_request")


async def test_json_body_gets_invalid_request(http):
    _, client = await _setup()
    response = await http.post(
        "/oauth/token",
        json={"grant_type": "authorization_code"},
        headers=basic(client.client_id, client.secret),
    )
    _assert_error(response, 400, "invalid_request")


async def test_missing_code_gets_invalid_request(http):
    _, client = await _setup()
    form = {"grant_type": "authorization_code", "redirect_uri": factories.REDIRECT_URI}
    response = await http.post(
        "/oauth/token", data=form, headers=basic(client.client_id, client.secret)
    )
    _assert_error(response, 400, "invalid_request")


async def test_unknown_code_gets_invalid_grant(http):
    _, client = await _setup()
    response = await http.post(
        "/oauth/token",
        data=_code_form("rgn_ac_doesnotexist"),
        headers=basic(client.client_id, client.secret),
    )
    _assert_error(response, 400, "invalid_grant")


async def test_code_of_other_client_gets_invalid_grant(http):
    user, client = await _setup()
    other = await factories.make_client(client.client.tenant)
    code = await _code_for(http, client, user)
    response = await http.post(
        "/oauth/token", data=_code_form(code), headers=basic(other.client_id, other.secret)
    )
    _assert_error(response, 400, "invalid_grant")


async def test_redirect_uri_mismatch_gets_invalid_grant(http):
    user, client = await _setup(
        redirect_uris=[factories.REDIRECT_URI, "https://rp.example.com/other"]
    )
    code = await _code_for(http, client, user)
    form = _code_form(code, redirect_uri="https://rp.example.com/other")
    response = await http.post(
        "/oauth/token", data=form, headers=basic(client.client_id, client.secret)
    )
    _assert_error(response, 400, "invalid_grant")


async def test_missing_redirect_uri_gets_invalid_request(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    form = {"grant_type": "authorization_code", "code": code}
    response = await http.post(
        "/oauth/token", data=form, headers=basic(client.client_id, client.secret)
    )
    _assert_error(response, 400, "invalid_request")


async def test_expired_code_gets_invalid_grant(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    await AuthorizationCode.filter(digest=digest(code)).update(
        expires_at=clock.now() - timedelta(seconds=1)
    )
    response = await http.post(
        "/oauth/token", data=_code_form(code), headers=basic(client.client_id, client.secret)
    )
    _assert_error(response, 400, "invalid_grant")


async def test_wrong_code_verifier_gets_invalid_grant(http):
    user, client = await _setup(client_type="public")
    pkce = flows.new_pkce()
    code = await _code_for(
        http, client, user, code_challenge=pkce.challenge, code_challenge_method="S256"
    )
    form = _code_form(code, client_id=client.client_id, code_verifier=flows.new_pkce().verifier)
    response = await http.post("/oauth/token", data=form)
    _assert_error(response, 400, "invalid_grant")


async def test_missing_code_verifier_gets_invalid_grant(http):
    user, client = await _setup(client_type="public")
    pkce = flows.new_pkce()
    code = await _code_for(
        http, client, user, code_challenge=pkce.challenge, code_challenge_method="S256"
    )
    response = await http.post("/oauth/token", data=_code_form(code, client_id=client.client_id))
    _assert_error(response, 400, "invalid_grant")


async def test_verifier_without_challenge_gets_invalid_grant(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    form = _code_form(code, code_verifier=flows.new_pkce().verifier)
    response = await http.post(
        "/oauth/token", data=form, headers=basic(client.client_id, client.secret)
    )
    _assert_error(response, 400, "invalid_grant")


async def test_public_client_exchanges_with_verifier(http):
    user, client = await _setup(client_type="public")
    pkce = flows.new_pkce()
    code = await _code_for(
        http, client, user, code_challenge=pkce.challenge, code_challenge_method="S256"
    )
    form = _code_form(code, client_id=client.client_id, code_verifier=pkce.verifier)
    response = await http.post("/oauth/token", data=form)
    assert response.status_code == 200, response.text
    remember(response.json()["access_token"], response.json()["id_token"])


async def test_code_replay_revokes_first_tokens(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    headers = basic(client.client_id, client.secret)
    first = await http.post("/oauth/token", data=_code_form(code), headers=headers)
    assert first.status_code == 200
    access_token = first.json()["access_token"]
    remember(access_token, first.json()["id_token"])
    bearer = {"Authorization": f"Bearer {access_token}"}
    assert (await http.get("/oauth/userinfo", headers=bearer)).status_code == 200

    second = await http.post("/oauth/token", data=_code_form(code), headers=headers)
    _assert_error(second, 400, "invalid_grant")
    after = await http.get("/oauth/userinfo", headers=bearer)
    assert after.status_code == 401
    assert after.json()["error"] == "invalid_token"


async def test_nonce_absent_when_not_requested(http):
    from joserfc import jwt
    from joserfc.jwk import KeySet

    user, client = await _setup()
    code = await _code_for(http, client, user, nonce=None)
    response = await http.post(
        "/oauth/token", data=_code_form(code), headers=basic(client.client_id, client.secret)
    )
    id_token = response.json()["id_token"]
    remember(response.json()["access_token"], id_token)
    jwks = (await http.get("/oauth/jwks.json")).json()
    claims = jwt.decode(id_token, KeySet.import_key_set(jwks)).claims
    assert "nonce" not in claims
    assert claims["aud"] == client.client_id


async def test_code_lives_sixty_seconds(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    row = await AuthorizationCode.get(digest=digest(code))
    lifetime = (row.expires_at - row.created_at).total_seconds()
    assert lifetime == pytest.approx(60, abs=1)


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_wrong_method_gets_oauth_error(http, method):
    response = await http.request(method, "/oauth/token")
    _assert_error(response, 405, "invalid_request")


async def test_unknown_path_gets_oauth_error(http):
    response = await http.get("/oauth/nothing-here")
    _assert_error(response, 404, "invalid_request")


async def test_non_ascii_repeated_parameter_gets_invalid_request(http):
    _, client = await _setup()
    response = await http.post(
        "/oauth/token",
        content="grant_type=authorization_code&%C3%A9=1&%C3%A9=2&x%22=3",
        headers={
            **basic(client.client_id, client.secret),
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    _assert_error(response, 400, "invalid_request")
    assert response.json()["error_description"].isascii()


async def test_oversized_body_gets_invalid_request(http):
    _, client = await _setup()
    response = await http.post(
        "/oauth/token",
        data={"grant_type": "authorization_code", "x": "a" * 1_100_000},
        headers=basic(client.client_id, client.secret),
    )
    _assert_error(response, 400, "invalid_request")


async def test_unsupported_grant_type_has_description(http):
    _, client = await _setup()
    response = await http.post(
        "/oauth/token",
        data={"grant_type": "p\u00e4ssword"},
        headers=basic(client.client_id, client.secret),
    )
    _assert_error(response, 400, "unsupported_grant_type")
    assert "is not supported" in response.json()["error_description"]


async def test_expired_code_replay_revokes_first_tokens(http):
    user, client = await _setup()
    code = await _code_for(http, client, user)
    headers = basic(client.client_id, client.secret)
    first = await http.post("/oauth/token", data=_code_form(code), headers=headers)
    access_token = first.json()["access_token"]
    remember(access_token, first.json()["id_token"])
    await AuthorizationCode.filter(digest=digest(code)).update(
        expires_at=clock.now() - timedelta(seconds=1)
    )
    second = await http.post("/oauth/token", data=_code_form(code), headers=headers)
    _assert_error(second, 400, "invalid_grant")
    after = await http.get("/oauth/userinfo", headers={"Authorization": f"Bearer {access_token}"})
    assert after.status_code == 401


async def test_failed_verifier_spends_the_code(http):
    user, client = await _setup(client_type="public")
    pkce = flows.new_pkce()
    code = await _code_for(
        http, client, user, code_challenge=pkce.challenge, code_challenge_method="S256"
    )
    wrong = _code_form(code, client_id=client.client_id, code_verifier=flows.new_pkce().verifier)
    _assert_error(await http.post("/oauth/token", data=wrong), 400, "invalid_grant")
    right = _code_form(code, client_id=client.client_id, code_verifier=pkce.verifier)
    _assert_error(await http.post("/oauth/token", data=right), 400, "invalid_grant")
