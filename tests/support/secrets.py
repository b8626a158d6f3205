"""A registry of every secret the tests create or receive.

The log hygiene test fails if any of them appears in a captured server log.
"""

from __future__ import annotations

_SECRETS: set[str] = set()


def remember(*values: str | None) -> None:
    for value in values:
        if value:
            _SECRETS.add(value)


def all_secrets() -> set[str]:
    return set(_SECRETS)
