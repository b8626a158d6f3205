"""The ringnity-login command line, run as a real process."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import httpx

from app.models import ApiKey, SigningKey
from app.security.tokens import digest
from tests.conftest import ROOT, start_server, stop_server
from tests.support.secrets import remember


def _run(database, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "RINGNITY_DATABASE_URL": database.database_url,
        "RINGNITY_DATA_DIR": str(database.data_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_migrate_on_current_database_applies_nothing(database):
    result = _run(database, "migrate")
    assert result.returncode == 0, result.stderr
    assert "applied 0 migration(s)" in result.stdout


async def test_create_admin_key_stores_only_digest(database):
    result = _run(database, "create-admin-key", "--name", "ops")
    assert result.returncode == 0, result.stderr
    match = re.search(r"^(rgn_ak_[A-Za-z0-9_-]{43})$", result.stdout, re.MULTILINE)
    assert match, result.stdout
    key = match.group(1)
    remember(key)
    assert key not in result.stderr
    stored = await ApiKey.get(digest=digest(key))
    assert stored.name == "ops"
    assert stored.tenant_id is None
    assert key not in str(await ApiKey.filter(id=stored.id).values())


def test_help_lists_commands(database):
    result = _run(database, "--help")
    assert result.returncode == 0
    for command in ("serve", "migrate", "create-admin-key"):
        assert command in result.stdout


async def test_signing_key_survives_restart(database, log_dir):
    first = start_server(database, log_dir)
    try:
        before = httpx.get(first.base_url + "/oauth/jwks.json").json()["keys"]
    finally:
        stop_server(first)
    second = start_server(database, log_dir)
    try:
        after = httpx.get(second.base_url + "/oauth/jwks.json").json()["keys"]
    finally:
        stop_server(second)
    assert [key["kid"] for key in after] == [key["kid"] for key in before]
    assert await SigningKey.all().count() == len(before)


async def test_create_admin_key_is_audited(database):
    from app.models import AuditEvent

    result = _run(database, "create-admin-key", "--name", "audited")
    assert result.returncode == 0, result.stderr
    remember(result.stdout.strip().splitlines()[-1])
    events = await AuditEvent.filter(action="api_key.created", actor_type="cli")
    names = [event.details["name"] for event in events]
    assert "audited" in names
