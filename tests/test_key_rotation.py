"""Signing key rotation: publish first, sign later, retire after expiry."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from base64 import urlsafe_b64decode
from datetime import timedelta

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet

from app.models import OAuthClient, SchedulerLease, SigningKey
from app.services import clock, keys
from tests.conftest import ROOT, start_server, stop_server
from tests.support import factories, flows

REDIRECT = factories.REDIRECT_URI


def _kid_of(token: str) -> str:
    header = token.split(".", 1)[0]
    return json.loads(urlsafe_b64decode(header + "=" * (-len(header) % 4)))["kid"]


async def _id_token(http) -> str:
    tenant = await factories.make_tenant()
    user = await factories.make_user(tenant)
    client = await factories.make_client(tenant)
    params = flows.authorize_params(client.client_id, REDIRECT, prompt="login")
    code = await flows.obtain_code(http, params, user.email, user.password)
    body = await flows.exchange_code(
        http, client.client_id, client.secret, code, REDIRECT
    )
    return body["id_token"]


async def _published_kids(http) -> list[str]:
    return [key["kid"] for key in (await http.get("/oauth/jwks.json")).json()["keys"]]


async def test_new_key_published_before_signing(app, http):
    before = _kid_of(await _id_token(http))
    rotation = await keys.rotate_signing_key(3600)
    app.state.provider.keys.invalidate()

    assert rotation.activates_at >= clock.now() + timedelta(seconds=keys.CACHE_SECONDS)
    assert before in rotation.retired
    published = await _published_kids(http)
    assert rotation.kid in published
    assert before in published
    assert _kid_of(await _id_token(http)) == before


async def test_overlap_verifies_both(app, http):
    old_token = await _id_token(http)
    rotation = await keys.rotate_signing_key(3600, activation_delay=0)
    app.state.provider.keys.invalidate()
    new_token = await _id_token(http)

    assert _kid_of(new_token) == rotation.kid
    assert _kid_of(old_token) != rotation.kid
    jwks = KeySet.import_key_set((await http.get("/oauth/jwks.json")).json())
    for token in (old_token, new_token):
        assert jwt.decode(token, jwks).claims["iss"] == "http://testserver"


async def test_retired_key_expires(app, http):
    old_kid = _kid_of(await _id_token(http))
    past = clock.now() - timedelta(days=2)
    rotation = await keys.rotate_signing_key(3600, activation_delay=0, now=past)
    app.state.provider.keys.invalidate()

    row = await SigningKey.get(kid=old_kid)
    lifetime = await keys.max_id_token_lifetime(3600)
    assert row.retired_at == past
    assert row.expires_at == past + timedelta(seconds=lifetime + keys.CACHE_SECONDS)
    published = await _published_kids(http)
    assert old_kid not in published
    assert rotation.kid in published
    assert _kid_of(await _id_token(http)) == rotation.kid


async def test_expiry_covers_longest_client_lifetime(app, http):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    await OAuthClient.filter(id=client.client.id).update(id_token_ttl=86400)

    assert await keys.max_id_token_lifetime(3600) == 86400
    rotation = await keys.rotate_signing_key(3600)
    app.state.provider.keys.invalidate()
    for expires_at in rotation.retired.values():
        assert expires_at == rotation.activates_at + timedelta(
            seconds=86400 + keys.CACHE_SECONDS
        )


async def test_rotate_keys_command(database, app):
    env = {**os.environ, "RINGNITY_DATABASE_URL": database.database_url}
    result = subprocess.run(
        [sys.executable, "-m", "app", "rotate-keys", "--activation-delay", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "New signing key" in result.stdout
    kid = result.stdout.split("New signing key ", 1)[1].split(" ", 1)[0]
    row = await SigningKey.get(kid=kid)
    assert row.retired_at is None
    assert row.activates_at <= clock.now()
    assert "Retired key" in result.stdout


async def test_rotate_keys_rejects_negative_delay(database):
    env = {**os.environ, "RINGNITY_DATABASE_URL": database.database_url}
    result = subprocess.run(
        [sys.executable, "-m", "app", "rotate-keys", "--activation-delay", "-5"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--activation-delay" in result.stderr


async def _make_newest_key_old(days: int) -> None:
    await SigningKey.all().update(created_at=clock.now() - timedelta(days=days))
    await SchedulerLease.filter(name=keys.ROTATION_LEASE_NAME).delete()


async def test_scheduled_rotation_single_winner(app):
    await _make_newest_key_old(8)
    count = await SigningKey.all().count()

    results = await asyncio.gather(
        keys.rotate_if_due("instance-a", 7, 3600),
        keys.rotate_if_due("instance-b", 7, 3600),
    )
    app.state.provider.keys.invalidate()

    assert len([result for result in results if result is not None]) == 1
    assert await SigningKey.all().count() == count + 1


async def test_scheduled_rotation_not_due(app):
    await _make_newest_key_old(8)
    assert await keys.rotate_if_due("instance-a", 7, 3600) is not None
    app.state.provider.keys.invalidate()
    count = await SigningKey.all().count()

    # The lease has expired, so another instance takes it and finds a fresh key.
    await SchedulerLease.filter(name=keys.ROTATION_LEASE_NAME).update(
        expires_at=clock.now() - timedelta(seconds=1)
    )
    assert await keys.rotate_if_due("instance-b", 7, 3600) is None
    assert await SigningKey.all().count() == count


async def test_schedule_loops_share_database(app):
    await _make_newest_key_old(8)
    count = await SigningKey.all().count()

    tasks = [
        asyncio.create_task(keys.run_rotation_schedule(holder, 7, 3600, 0.02))
        for holder in ("instance-a", "instance-b", "instance-c")
    ]
    await asyncio.sleep(0.5)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    app.state.provider.keys.invalidate()

    assert await SigningKey.all().count() == count + 1
    lease = await SchedulerLease.get(name=keys.ROTATION_LEASE_NAME)
    assert lease.holder in ("instance-a", "instance-b", "instance-c")


async def test_two_servers_rotate_once(app, database, log_dir):
    await _make_newest_key_old(8)
    count = await SigningKey.all().count()
    schedule = {
        "RINGNITY_KEY_ROTATION_INTERVAL_DAYS": "7",
        "RINGNITY_KEY_ROTATION_CHECK_SECONDS": "1",
    }
    servers = [
        start_server(database, log_dir, extra_env=schedule),
        start_server(database, log_dir, extra_env=schedule),
    ]
    try:
        # Each server checks at start and then every second.
        await asyncio.sleep(3)
    finally:
        for server in servers:
            stop_server(server)
    app.state.provider.keys.invalidate()

    assert await SigningKey.all().count() == count + 1
    logs = [server.log_path.read_text() for server in servers]
    assert sum(log.count("rotated signing key") for log in logs) == 1
    for log in logs:
        assert "key rotation schedule started" in log


async def test_schedule_off_by_default(live_server):
    response = httpx.get(live_server.base_url + "/oauth/jwks.json", timeout=5)
    assert response.status_code == 200
    assert "key rotation schedule started" not in live_server.log_path.read_text()


async def test_activation_outlasts_jwks_cache(http):
    response = await http.get("/oauth/jwks.json")
    cache_control = response.headers["cache-control"]
    max_age = int(cache_control.split("max-age=", 1)[1].split(",", 1)[0])
    assert max_age <= keys.ACTIVATION_DELAY_SECONDS
    assert keys.CACHE_SECONDS <= keys.ACTIVATION_DELAY_SECONDS
