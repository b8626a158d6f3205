"""Test databases: a fresh SQLite file or PostgreSQL database per test module.

PostgreSQL tests run when the server accepts connections; with ``CI=true`` they are
required, so an unreachable server fails them instead of skipping.
"""

from __future__ import annotations

import asyncio
import os
import secrets

import asyncpg

POSTGRES_URL = os.environ.get(
    "RINGNITY_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI") == "true"


def _dsn(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


def _server_url(database: str) -> str:
    return POSTGRES_URL.rsplit("/", 1)[0] + "/" + database


async def _probe() -> str | None:
    try:
        connection = await asyncpg.connect(_dsn(POSTGRES_URL), timeout=3)
    except (OSError, asyncpg.PostgresError, asyncio.TimeoutError) as exc:
        return f"PostgreSQL at {POSTGRES_URL} cannot be used ({type(exc).__name__}: {exc})"
    await connection.close()
    return None


_probe_result: list[str | None] = []


async def postgres_unavailable_reason() -> str | None:
    """Return why PostgreSQL cannot be used, or None when it can."""
    if not _probe_result:
        _probe_result.append(await _probe())
    return _probe_result[0]


async def create_postgres_database() -> str:
    name = "rgn_test_" + secrets.token_hex(6)
    connection = await asyncpg.connect(_dsn(POSTGRES_URL))
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return _server_url(name)


async def drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    connection = await asyncpg.connect(_dsn(POSTGRES_URL))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()
