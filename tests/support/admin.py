"""Calling the GraphQL admin API of the in-process app or a live server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from app.services import admin_keys, api_keys
from tests.support.secrets import remember


async def platform_key(name: str = "test platform admin") -> str:
    key = await admin_keys.create_platform_key(name)
    remember(key)
    return key


async def tenant_key(tenant_id: Any, permissions: list[str], **extra: Any) -> str:
    _, key = await api_keys.issue_key("test key", tenant_id, permissions, **extra)
    remember(key)
    return key


async def call(
    http: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    sent = dict(headers or {})
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return await http.post("/graphql", json=body, headers=sent)


async def data(
    http: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str,
) -> dict[str, Any]:
    """Run an operation that must succeed without GraphQL errors; return ``data``."""
    response = await call(http, query, variables, token=token)
    assert response.status_code == 200, response.text
    body = response.json()
    assert not body.get("errors"), body
    return body["data"]


async def error_codes(
    http: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None,
) -> list[str]:
    response = await call(http, query, variables, token=token)
    return [error["extensions"]["code"] for error in response.json().get("errors", [])]


def success(payload: dict[str, Any], typename: str) -> dict[str, Any]:
    """Assert that a mutation payload is the success type and return it."""
    assert payload["__typename"] == typename, payload
    return payload


def user_error(payload: dict[str, Any], typename: str, field: str | None = None) -> str:
    """Assert that a mutation payload is the given error and return its message."""
    assert payload["__typename"] == typename, payload
    assert payload["message"]
    if field is not None:
        assert payload["field"] == field, payload
    return payload["message"]


# Selected on every mutation result, so tests can tell success from errors.
ERROR_FIELDS = "... on UserError { message field }"


QUERIES_DIR = Path(__file__).resolve().parents[2] / "frontend-queries"


def operation(name: str) -> str:
    """Return the dashboard operation stored in ``frontend-queries/NAME.graphql``."""
    return (QUERIES_DIR / f"{name}.graphql").read_text(encoding="utf-8")


async def run(
    http: httpx.AsyncClient,
    name: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str,
) -> Any:
    """Run a dashboard operation without GraphQL errors; return its one root field."""
    result = await data(http, operation(name), variables, token=token)
    [value] = result.values()
    return value
