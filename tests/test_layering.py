"""The package layering: which parts of ``app`` may import which.

- ``app.security`` imports nothing of ours outside itself.
- ``app.oidc`` and ``app.admin`` never import each other, and reach the
  models only for type annotations (under ``TYPE_CHECKING``); every query
  goes through ``app.services``.
- ``app.services`` and ``app.models`` never import the web layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Return (module, only_for_type_checking) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            for child in ast.walk(node):
                guarded.add(id(child))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in guarded))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, id(node) in guarded) for alias in node.names)
    return found


def _package_files(package: str) -> list[Path]:
    return sorted((APP / package).rglob("*.py"))


def _violations(package: str, rule) -> list[str]:
    problems = []
    for path in _package_files(package):
        for module, type_only in _imports(path):
            reason = rule(module, type_only)
            if reason:
                problems.append(f"{path.relative_to(APP.parent)} imports {module}: {reason}")
    return problems


def test_security_imports_only_itself():
    def rule(module: str, type_only: bool) -> str | None:
        if module.startswith("app.") and not module.startswith("app.security"):
            return "security must not depend on the rest of the app"
        return None

    assert _violations("security", rule) == []


@pytest.mark.parametrize(("package", "other"), [("oidc", "admin"), ("admin", "oidc")])
def test_web_layers_stay_apart(package, other):
    def rule(module: str, type_only: bool) -> str | None:
        if module.startswith(f"app.{other}"):
            return f"{package} must not import {other}"
        if module.startswith("app.models") and not type_only:
            return "models only for type annotations; query through app.services"
        if module.startswith("tortoise"):
            return "Tortoise belongs in app.models and app.services"
        return None

    assert _violations(package, rule) == []


@pytest.mark.parametrize("package", ["services", "models"])
def test_lower_layers_ignore_web(package):
    def rule(module: str, type_only: bool) -> str | None:
        if module.startswith(("app.oidc", "app.admin", "app.demo", "fastapi", "strawberry")):
            return "lower layers must not depend on the web layers"
        return None

    assert _violations(package, rule) == []
