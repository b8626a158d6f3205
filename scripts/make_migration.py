"""Generate an aerich migration that runs on both SQLite and PostgreSQL.

aerich writes SQL for one dialect per migration file. This script lets aerich
generate the next migration twice, against a scratch SQLite file and a scratch
PostgreSQL database that both hold the current migrations, and writes one file
to ``migrations/models/`` whose ``upgrade`` returns the SQL for the dialect of
the connection it receives.

Usage: python scripts/make_migration.py NAME [--postgres-url URL]

The PostgreSQL URL defaults to the local server that the test suite uses; the
script creates and drops a database named ``ringnity_makemigration`` on it.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import asyncpg
from aerich import Command
from tortoise import Tortoise

from app.db import MIGRATIONS_DIR, tortoise_config

SCRATCH_DB = "ringnity_makemigration"
TEMPLATE = '''from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

_UPGRADE = {{
    "sqlite": """{sqlite_up}""",
    "postgres": """{postgres_up}""",
}}

_DOWNGRADE = {{
    "sqlite": """{sqlite_down}""",
    "postgres": """{postgres_down}""",
}}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return _UPGRADE[db.capabilities.dialect]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return _DOWNGRADE[db.capabilities.dialect]


MODELS_STATE = (
    {models_state}
)
'''


def _section(source: str, function: str) -> str:
    match = re.search(
        rf'async def {function}\(db: BaseDBAsyncClient\) -> str:\n\s+return """(.*?)"""',
        source,
        re.S,
    )
    if match is None:
        raise SystemExit(f"cannot find {function}() in the generated migration")
    return match.group(1)


def _models_state(source: str) -> str:
    match = re.search(r"MODELS_STATE = \(\n\s+(.*?)\n\)", source, re.S)
    if match is None:
        raise SystemExit("cannot find MODELS_STATE in the generated migration")
    return match.group(1)


async def _generate(url: str, location: Path, name: str) -> Path:
    config = tortoise_config(url)
    command = Command(tortoise_config=config, app="models", location=str(location))
    existing = set((location / "models").glob("*.py"))
    try:
        if existing:
            await Tortoise.init(config=config)
            await command.init()
            await command.upgrade(run_in_transaction=True)
            # Migrate.init reads the last applied models state from the
            # database, which contains none until the upgrade above, so the
            # diff needs a second init.
            await command.init()
            await command.migrate(name=name)
        else:
            await command.init_db(safe=True)
    finally:
        await Tortoise.close_connections()
    created = set((location / "models").glob("*.py")) - existing
    if len(created) != 1:
        raise SystemExit("aerich found no model changes, so no migration was written")
    return created.pop()


def _generate_in_subprocess(url: str, location: Path, name: str) -> Path:
    # Tortoise caches dialect-specific queries per process, so each dialect
    # gets a process of its own.
    output = subprocess.run(
        [sys.executable, __file__, name, "--generate", url, str(location)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return Path(output.strip().splitlines()[-1])


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="short snake_case name of the migration")
    parser.add_argument("--generate", nargs=2, metavar=("URL", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--postgres-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="URL of a PostgreSQL server where a scratch database can be created",
    )
    args = parser.parse_args()
    if args.generate:
        url, location = args.generate
        print(await _generate(url, Path(location), args.name))
        return

    admin = await asyncpg.connect(args.postgres_url.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}"')
    await admin.execute(f'CREATE DATABASE "{SCRATCH_DB}"')
    base = args.postgres_url.rsplit("/", 1)[0]
    try:
        with tempfile.TemporaryDirectory() as scratch:
            scratch_dir = Path(scratch)
            outputs = {}
            for dialect, url in (
                ("sqlite", f"sqlite://{scratch_dir / 'scratch.sqlite3'}"),
                ("postgres", f"{base}/{SCRATCH_DB}"),
            ):
                location = scratch_dir / dialect
                if any((MIGRATIONS_DIR / "models").glob("*.py")):
                    shutil.copytree(MIGRATIONS_DIR, location)
                path = _generate_in_subprocess(url, location, args.name)
                outputs[dialect] = path.read_text()
            file_name = path.name
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}"')
        await admin.close()

    target = MIGRATIONS_DIR / "models" / file_name
    target.write_text(
        TEMPLATE.format(
            sqlite_up=_section(outputs["sqlite"], "upgrade"),
            postgres_up=_section(outputs["postgres"], "upgrade"),
            sqlite_down=_section(outputs["sqlite"], "downgrade"),
            postgres_down=_section(outputs["postgres"], "downgrade"),
            models_state=_models_state(outputs["postgres"]),
        )
    )
    print(f"wrote {target.relative_to(MIGRATIONS_DIR.parent)}")


if __name__ == "__main__":
    asyncio.run(main())
