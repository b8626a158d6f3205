"""Database connection and migrations (Tortoise ORM and aerich)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import asyncpg
from aerich import Command
from tortoise import Tortoise, connections

from app.settings import Settings

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# Arbitrary constant key for pg_advisory_lock, so that instances starting
# together apply migrations one at a time.
_MIGRATION_LOCK_KEY = 7_262_001


def tortoise_config(database_url: str) -> dict[str, Any]:
    if database_url.startswith("postgresql://"):
        database_url = "postgres://" + database_url.removeprefix("postgresql://")
    return {
        "connections": {"default": database_url},
        "apps": {
            "models": {
                "models": ["app.models", "aerich.models"],
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _sqlite_path(database_url: str) -> Path | None:
    if not database_url.startswith("sqlite://"):
        return None
    path = database_url.removeprefix("sqlite://").split("?", 1)[0]
    if path in ("", ":memory:"):
        return None
    return Path(path)


def _prepare_sqlite(settings: Settings) -> None:
    path = _sqlite_path(settings.database_url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


async def migrate(settings: Settings) -> list[str]:
    """Apply pending migrations and return the names of the applied ones.

    On PostgreSQL an advisory lock, held on a connection of its own, makes
    instances that start together apply the migrations one at a time.
    """
    _prepare_sqlite(settings)
    lock_connection = None
    if settings.is_postgres:
        dsn = "postgresql://" + settings.database_url.split("://", 1)[1]
        lock_connection = await asyncpg.connect(dsn)
        await lock_connection.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK_KEY)
    try:
        applied = await _upgrade(settings)
    finally:
        if lock_connection is not None:
            await lock_connection.close()
    for name in applied:
        logger.info("applied migration %s", name)
    return applied


async def _upgrade(settings: Settings) -> list[str]:
    config = tortoise_config(settings.database_url)
    command = Command(tortoise_config=config, app="models", location=str(MIGRATIONS_DIR))
    await Tortoise.init(config=config)
    try:
        await command.init()
        return await command.upgrade(run_in_transaction=True)
    finally:
        await Tortoise.close_connections()


async def connect(settings: Settings) -> None:
    _prepare_sqlite(settings)
    await Tortoise.init(
        config=tortoise_config(settings.database_url), _enable_global_fallback=True
    )
    if _sqlite_path(settings.database_url) is not None:
        # WAL lets several processes read while one writes, and the busy
        # timeout makes a writer wait for a lock instead of failing at once.
        connection = connections.get("default")
        await connection.execute_script(
            "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;"
        )


async def disconnect() -> None:
    await Tortoise.close_connections()


# aerich's command line reads this at import time, the one documented place
# where a module reads the environment when it is imported.
AERICH_CONFIG = tortoise_config(
    os.environ.get("RINGNITY_DATABASE_URL") or Settings().database_url
)
