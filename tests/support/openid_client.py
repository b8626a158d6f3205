"""Runs the openid-client relying party in tests/rp_openid_client under Node.js."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.databases import IN_CI

RP_DIR = Path(__file__).resolve().parent.parent / "rp_openid_client"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason}; the openid-client tests are required when CI=true")
    pytest.skip(reason)


def ensure_installed() -> str:
    """Return the node executable after installing openid-client from the lock file."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        _unavailable("Node.js and npm are not installed")
    if not (RP_DIR / "node_modules" / "openid-client").exists():
        result = subprocess.run(
            [npm, "ci", "--silent", "--no-audit", "--no-fund"],
            cwd=RP_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            _unavailable(f"npm ci failed in {RP_DIR}: {result.stderr.strip()[-300:]}")
    return node


class RelyingParty:
    """One RP instance; its state lives in a JSON file between commands."""

    def __init__(self, node: str, state_path: Path, **config: Any) -> None:
        self.node = node
        self.state_path = state_path
        state_path.write_text(json.dumps(config))

    def run(self, command: str, argument: str | None = None) -> dict[str, Any]:
        args = [self.node, str(RP_DIR / "rp.mjs"), str(self.state_path), command]
        if argument is not None:
            args.append(argument)
        result = subprocess.run(args, capture_output=True, text=True, timeout=60)
        lines = result.stdout.strip().splitlines()
        assert lines, f"rp.mjs {command} printed nothing; stderr: {result.stderr}"
        return json.loads(lines[-1])

    @property
    def state(self) -> dict[str, Any]:
        return json.loads(self.state_path.read_text())
