"""Shared fixtures: a fresh database per module, the app and live servers."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from tortoise.backends.base.executor import EXECUTOR_CACHE

from app import db, logging_setup
from app.main import create_app
from app.services import keys
from app.settings import Settings
from tests.support import databases

ROOT = Path(__file__).resolve().parent.parent
ISSUER = "http://testserver"
ENGINES = ["sqlite", "postgres"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "last: run after every other test")
    log_dir = Path(os.environ.get("RINGNITY_TEST_LOG_DIR", ROOT / ".pytest_logs"))
    log_dir.mkdir(parents=True, exist_ok=True)
    for old in (*log_dir.glob("*.log"), *log_dir.glob("*.stdout")):
        old.unlink()
    config.stash[LOG_DIR_KEY] = log_dir
    # The in-process app logs through the same configuration as the server,
    # into a file that the log hygiene test scans.
    stream = (log_dir / "in-process.log").open("a", encoding="utf-8")
    logging_setup.configure("INFO", stream=stream)


LOG_DIR_KEY = pytest.StashKey[Path]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)


@pytest.fixture(scope="session")
def log_dir(pytestconfig: pytest.Config) -> Path:
    return pytestconfig.stash[LOG_DIR_KEY]


async def _skip_or_fail_without_postgres() -> None:
    reason = await databases.postgres_unavailable_reason()
    if reason is None:
        return
    if databases.IN_CI:
        pytest.fail(f"{reason}; PostgreSQL is required when CI=true")
    pytest.skip(reason)


@pytest.fixture(scope="module", params=ENGINES)
async def database(request: pytest.FixtureRequest, tmp_path_factory) -> AsyncIterator[Settings]:
    """Settings bound to a new, migrated database, connected for this module."""
    tmp = tmp_path_factory.mktemp("db")
    if request.param == "postgres":
        await _skip_or_fail_without_postgres()
        url = await databases.create_postgres_database()
    else:
        url = f"sqlite://{tmp / 'ringnity.sqlite3'}"
    # Back-channel logout receivers in the tests listen on 127.0.0.1.
    settings = Settings(
        database_url=url,
        issuer=ISSUER,
        data_dir=tmp,
        backchannel_logout_private_networks=True,
    )
    # Tortoise caches compiled INSERT statements per connection name, not per
    # dialect, and production never switches dialect within a process.
    EXECUTOR_CACHE.clear()
    await db.migrate(settings)
    await db.connect(settings)
    await keys.ensure_signing_key()
    try:
        yield settings
    finally:
        await db.disconnect()
        if request.param == "postgres":
            await databases.drop_postgres_database(url)


@pytest.fixture(scope="module")
def app(database: Settings):
    return create_app(database, manage_database=False)


@pytest.fixture
async def http(app) -> AsyncIterator[httpx.AsyncClient]:
    """A browser-like client of the in-process app (cookies, no redirects)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=ISSUER) as client:
        yield client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    base_url: str
    # The server's log (stderr); the log hygiene test scans it.
    log_path: Path
    # What the command printed for the operator, such as one-time demo
    # credentials; it is not a log and is not scanned.
    stdout_path: Path
    process: subprocess.Popen


def start_server(
    database: Settings,
    log_dir: Path,
    *,
    demo: bool = False,
    extra_env: dict[str, str] | None = None,
) -> LiveServer:
    """Start ``ringnity-login serve`` as a real uvicorn process on a free port."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = log_dir / f"server-{port}.log"
    stdout_path = log_dir / f"server-{port}.stdout"
    env = {
        **os.environ,
        "RINGNITY_DATABASE_URL": database.database_url,
        "RINGNITY_ISSUER": base_url,
        "RINGNITY_DATA_DIR": str(database.data_dir),
        "RINGNITY_BACKCHANNEL_LOGOUT_PRIVATE_NETWORKS": "true",
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if demo:
        command.append("--demo")
    with log_path.open("w") as log_file, stdout_path.open("w") as stdout_file:
        # The child keeps its own copies of the descriptors.
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=stdout_file, stderr=log_file
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early; see {log_path}:\n{log_path.read_text()}")
        try:
            httpx.get(base_url + "/.well-known/openid-configuration", timeout=1)
            return LiveServer(base_url, log_path, stdout_path, process)
        except httpx.HTTPError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"server did not start within 30 s; see {log_path}")


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="module")
def live_server(database: Settings, log_dir: Path) -> Iterator[LiveServer]:
    server = start_server(database, log_dir)
    yield server
    stop_server(server)


logging.getLogger(__name__).debug("test configuration loaded")
