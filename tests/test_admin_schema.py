"""Contract tests: schema.graphql and the dashboard operations match the code."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from graphql import parse, validate

from app.admin.schema import build_schema, export_sdl
from tests.conftest import ROOT
from tests.support import admin
from tests.support.dashboard import run_every_operation

OPERATIONS = sorted(path.stem for path in admin.QUERIES_DIR.glob("*.graphql"))


def test_schema_file_matches_code():
    stored = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert stored == export_sdl(), "run: ringnity-login export-schema"


def test_export_schema_command(tmp_path):
    output = tmp_path / "schema.graphql"
    command = [sys.executable, "-m", "app", "export-schema", "--output", str(output)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    assert output.read_text(encoding="utf-8") == export_sdl()


@pytest.mark.parametrize("name", OPERATIONS)
def test_operation_is_valid(name):
    document = parse(admin.operation(name))
    errors = validate(build_schema()._schema, document)
    assert not errors, errors
    assert len(document.definitions) == 1


async def test_operations_run_on_live_server(live_server):
    key = await admin.platform_key()
    async with httpx.AsyncClient(base_url=live_server.base_url) as http:
        steps = await run_every_operation(http, key)
    assert sorted({step.operation for step in steps}) == OPERATIONS
