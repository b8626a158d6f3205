"""RP-initiated logout and back-channel logout."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from base64 import urlsafe_b64decode
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from app.models import AuditEvent, Grant, LoginSession
from tests.conftest import free_port
from tests.support import factories, flows
from tests.support.secrets import remember

REDIRECT = factories.REDIRECT_URI
AFTER_LOGOUT = "https://rp.example.com/signed-out"
EVENT = "http://schemas.openid.net/event/backchannel-logout"


class Receiver:
    """A back-channel logout endpoint of a relying party, on 127.0.0.1."""

    def __init__(self, status: int = 200, delay: float = 0.0) -> None:
        self.logout_tokens: list[str] = []
        self.received = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(length).decode("ascii"))
                receiver.logout_tokens.extend(form.get("logout_token", []))
                remember(*form.get("logout_token", []))
                time.sleep(delay)
                receiver.received.set()
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/backchannel-logout"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


def _claims_of(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _header_of(token: str) -> dict:
    header = token.split(".")[0]
    return json.loads(urlsafe_b64decode(header + "=" * (-len(header) % 4)))


async def _sign_in(http, tenant=None, user=None, **client_options):
    """Sign in afresh to a new client; return (client, user, token response)."""
    tenant = tenant or await factories.make_tenant()
    user = user or await factories.make_user(tenant)
    client = await factories.make_client(
        tenant, post_logout_redirect_uris=[AFTER_LOGOUT], **client_options
    )
    params = flows.authorize_params(client.client_id, REDIRECT, prompt="login")
    code = await flows.obtain_code(http, params, user.email, user.password)
    body = await flows.exchange_code(
        http, client.client_id, client.secret, code, REDIRECT
    )
    return client, user, body


async def _sign_in_with_session(http, tenant, **client_options):
    """Sign in to a new client with the browser's current session; return the client."""
    client = await factories.make_client(
        tenant, post_logout_redirect_uris=[AFTER_LOGOUT], **client_options
    )
    params = flows.authorize_params(client.client_id, REDIRECT)
    response = await http.get("/oauth/authorize?" + urlencode(params))
    code = flows.query_of(response.headers["location"])["code"]
    remember(code)
    await flows.exchange_code(http, client.client_id, client.secret, code, REDIRECT)
    return client


async def _session_alive(http, client) -> bool:
    params = flows.authorize_params(client.client_id, REDIRECT, prompt="none")
    response = await http.get("/oauth/authorize?" + urlencode(params))
    query = flows.query_of(response.headers["location"])
    remember(query.get("code"))
    return "code" in query


async def test_discovery_advertises_logout(http):
    document = (await http.get("/.well-known/openid-configuration")).json()
    assert document["end_session_endpoint"] == "http://testserver/oauth/logout"
    assert document["backchannel_logout_supported"] is True
    assert document["backchannel_logout_session_supported"] is True
    assert document["ui_locales_supported"] == ["en"]
    assert document["response_modes_supported"] == ["query", "form_post"]
    assert document["prompt_values_supported"] == [
        "none",
        "login",
        "consent",
        "select_account",
    ]


async def test_logout_with_hint_redirects(http):
    client, _, body = await _sign_in(http)
    params = {
        "id_token_hint": body["id_token"],
        "post_logout_redirect_uri": AFTER_LOGOUT,
        "state": "st-logout",
    }
    response = await http.get("/oauth/logout?" + urlencode(params))
    assert response.status_code == 303
    assert response.headers["location"] == AFTER_LOGOUT + "?state=st-logout"
    assert 'rgn_session=""' in response.headers["set-cookie"]
    assert not await _session_alive(http, client)
    userinfo = await http.get(
        "/oauth/userinfo", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert userinfo.status_code == 401


async def test_logout_revokes_session_grants(http):
    client, _, body = await _sign_in(http)
    sid = _claims_of(body["id_token"])["sid"]
    await http.get("/oauth/logout?" + urlencode({"id_token_hint": body["id_token"]}))
    grants = await Grant.filter(session_sid=sid)
    assert grants
    for grant in grants:
        assert grant.revoked_at is not None
        assert grant.revoked_reason == "logout"
    session = await LoginSession.get(sid=sid)
    assert session.ended_at is not None
    event = await AuditEvent.get(
        action="auth.sign_out", actor_id=str(session.account_id)
    )
    assert event.target_id == client.client_id
    assert event.tenant_id == client.client.tenant_id


async def test_logout_post_form(http):
    client, _, body = await _sign_in(http)
    response = await http.post(
        "/oauth/logout",
        data={
            "id_token_hint": body["id_token"],
            "post_logout_redirect_uri": AFTER_LOGOUT,
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == AFTER_LOGOUT
    assert not await _session_alive(http, client)


async def test_logout_expired_hint_accepted(app, http):
    client, user, _ = await _sign_in(http)
    expired = await flows.expired_id_token(app, client.client, user.account, -60)
    params = {"id_token_hint": expired, "post_logout_redirect_uri": AFTER_LOGOUT}
    response = await http.get("/oauth/logout?" + urlencode(params))
    assert response.status_code == 303
    assert response.headers["location"] == AFTER_LOGOUT
    assert not await _session_alive(http, client)


async def test_logout_without_hint_confirms(http):
    client, _, _ = await _sign_in(http)
    params = {
        "client_id": client.client_id,
        "post_logout_redirect_uri": AFTER_LOGOUT,
        "state": "st-confirm",
    }
    page = await http.get("/oauth/logout?" + urlencode(params))
    assert page.status_code == 200
    assert "Sign out?" in page.text
    csp = page.headers["content-security-policy"]
    assert "form-action 'self' https://rp.example.com;" in csp
    assert await _session_alive(http, client)

    fields = flows.form_fields(page.text, ("csrf_token", "logout_request"))
    response = await http.post("/oauth/logout/confirm", data=fields)
    assert response.status_code == 303
    assert response.headers["location"] == AFTER_LOGOUT + "?state=st-confirm"
    assert not await _session_alive(http, client)


async def test_logout_other_user_hint_confirms(http):
    tenant = await factories.make_tenant()
    other = await factories.make_user(tenant)
    _, _, other_body = await _sign_in(http, tenant, other)
    client, _, _ = await _sign_in(http, tenant)
    page = await http.get(
        "/oauth/logout?" + urlencode({"id_token_hint": other_body["id_token"]})
    )
    assert page.status_code == 200
    assert "Sign out?" in page.text
    assert await _session_alive(http, client)


async def test_logout_confirm_without_csrf(http):
    client, _, _ = await _sign_in(http)
    page = await http.get("/oauth/logout?" + urlencode({"client_id": client.client_id}))
    fields = flows.form_fields(page.text, ("csrf_token", "logout_request"))
    fields["csrf_token"] = "0" * 64
    response = await http.post("/oauth/logout/confirm", data=fields)
    assert response.status_code == 403
    assert "Sign-out form expired" in response.text
    assert await _session_alive(http, client)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unregistered_uri", "not registered for this application"),
        ("uri_without_client", "needs an id_token_hint or client_id"),
        ("client_mismatch", "does not match the id_token_hint"),
        ("invalid_hint", "not an ID token issued by Ringnity"),
        ("unknown_client", "is unknown"),
        ("repeated_state", "more than once"),
    ],
)
async def test_logout_rejected(http, case, message):
    client, _, body = await _sign_in(http)
    other = await factories.make_client(client.client.tenant)
    params: list[tuple[str, str]] = {
        "unregistered_uri": [
            ("id_token_hint", body["id_token"]),
            ("post_logout_redirect_uri", "https://evil.example.net/"),
        ],
        "uri_without_client": [("post_logout_redirect_uri", AFTER_LOGOUT)],
        "client_mismatch": [
            ("id_token_hint", body["id_token"]),
            ("client_id", other.client_id),
        ],
        "invalid_hint": [("id_token_hint", body["id_token"][:-6] + "AAAAAA")],
        "unknown_client": [("client_id", "rgn_unknown")],
        "repeated_state": [("state", "a"), ("state", "b")],
    }[case]
    response = await http.get("/oauth/logout?" + urlencode(params))
    assert response.status_code == 400
    assert "location" not in response.headers
    assert message in response.text
    assert await _session_alive(http, client)


async def test_logout_without_session(http):
    response = await http.get("/oauth/logout")
    assert response.status_code == 200
    assert "You are signed out" in response.text


async def test_backchannel_logout_token(http, receiver):
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    notified, _, body = await _sign_in(
        http, tenant, user, backchannel_logout_uri=receiver.url
    )
    # A second client in the same session without a back-channel URI.
    silent = await _sign_in_with_session(http, tenant)
    id_claims = _claims_of(body["id_token"])

    response = await http.get(
        "/oauth/logout?" + urlencode({"id_token_hint": body["id_token"]})
    )
    assert response.status_code == 200
    assert len(receiver.logout_tokens) == 1

    token = receiver.logout_tokens[0]
    jwks = KeySet.import_key_set((await http.get("/oauth/jwks.json")).json())
    decoded = jwt.decode(token, jwks)
    assert _header_of(token)["typ"] == "logout+jwt"
    claims = decoded.claims
    assert claims["iss"] == "http://testserver"
    assert claims["aud"] == notified.client_id
    assert claims["sub"] == id_claims["sub"]
    assert claims["sid"] == id_claims["sid"]
    assert claims["events"] == {EVENT: {}}
    assert claims["jti"]
    assert claims["exp"] > claims["iat"]
    assert "nonce" not in claims
    assert not await _session_alive(http, silent)


async def test_backchannel_failure_not_blocking(http, caplog):
    failing = Receiver(status=500)
    try:
        tenant = await factories.make_tenant()
        user = await factories.make_user(tenant)
        unreachable = f"http://127.0.0.1:{free_port()}/logout"
        first, _, body = await _sign_in(
            http, tenant, user, backchannel_logout_uri=unreachable
        )
        await _sign_in_with_session(http, tenant, backchannel_logout_uri=failing.url)

        params = {
            "id_token_hint": body["id_token"],
            "post_logout_redirect_uri": AFTER_LOGOUT,
        }
        response = await http.get("/oauth/logout?" + urlencode(params))
    finally:
        failing.close()
    assert response.status_code == 303
    assert response.headers["location"] == AFTER_LOGOUT
    assert not await _session_alive(http, first)
    assert len(failing.logout_tokens) == 1
    messages = [record.getMessage() for record in caplog.records]
    assert any(m.endswith("failed: ConnectError") for m in messages), messages
    assert any(m.endswith("failed: HTTP 500") for m in messages), messages


async def test_backchannel_uri_must_be_secure(http):
    from app.services.errors import ValidationError

    tenant = await factories.make_tenant()
    with pytest.raises(ValidationError, match="must use https"):
        await factories.make_client(
            tenant, backchannel_logout_uri="http://rp.example.com/logout"
        )


async def test_slow_backchannel_not_delaying_logout(live_server):
    slow = Receiver(delay=3.0)
    try:
        async with httpx.AsyncClient(base_url=live_server.base_url) as browser:
            tenant = await factories.make_tenant()
            user = await factories.make_user(tenant)
            client = await factories.make_client(
                tenant,
                post_logout_redirect_uris=[AFTER_LOGOUT],
                backchannel_logout_uri=slow.url,
            )
            params = flows.authorize_params(client.client_id, REDIRECT)
            code = await flows.obtain_code(browser, params, user.email, user.password)
            body = await flows.exchange_code(
                browser, client.client_id, client.secret, code, REDIRECT
            )

            started = time.monotonic()
            response = await browser.get(
                "/oauth/logout?" + urlencode({"id_token_hint": body["id_token"]})
            )
            elapsed = time.monotonic() - started
        assert response.status_code == 200
        assert "You are signed out" in response.text
        # The receiver delays its response by 3 s; the logout returns first.
        assert elapsed < 2.0
        assert await asyncio.to_thread(slow.received.wait, 10)
        assert len(slow.logout_tokens) == 1
    finally:
        slow.close()


async def test_relogin_same_user_keeps_sid(app, http):
    client, user, first = await _sign_in(http)
    old_cookie = http.cookies["rgn_session"]
    await asyncio.sleep(1.1)
    _, _, second = await _sign_in(http, client.client.tenant, user)

    first_claims = _claims_of(first["id_token"])
    second_claims = _claims_of(second["id_token"])
    assert second_claims["sid"] == first_claims["sid"]
    assert second_claims["auth_time"] > first_claims["auth_time"]
    assert http.cookies["rgn_session"] != old_cookie
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver"
    ) as stale:
        stale.cookies.set("rgn_session", old_cookie)
        assert not await _session_alive(stale, client)


async def test_relogin_other_user_ends_session(http, receiver):
    tenant = await factories.make_tenant()
    first_user = await factories.make_user(tenant)
    client, _, first = await _sign_in(
        http, tenant, first_user, backchannel_logout_uri=receiver.url
    )
    await _sign_in(http, tenant)

    assert len(receiver.logout_tokens) == 1
    claims = _claims_of(receiver.logout_tokens[0])
    assert claims["sid"] == _claims_of(first["id_token"])["sid"]
    assert claims["sub"] == str(first_user.account.id)
    grant = await Grant.get(session_sid=claims["sid"], client_id=client.client.id)
    assert grant.revoked_reason == "logout"


async def test_backchannel_skips_private_addresses_by_default(database, receiver):
    import httpx as httpx_module

    from app.main import create_app

    settings = database.model_copy(update={"backchannel_logout_private_networks": False})
    app = create_app(settings, manage_database=False)
    transport = httpx_module.ASGITransport(app=app)
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    async with httpx_module.AsyncClient(transport=transport, base_url="http://testserver") as http:
        _, _, body = await _sign_in(http, tenant, user, backchannel_logout_uri=receiver.url)
        response = await http.get(
            "/oauth/logout?" + urlencode({"id_token_hint": body["id_token"]})
        )
    assert response.status_code == 200
    assert receiver.logout_tokens == []
