"""Credentials of the GraphQL admin API: platform admin keys."""

from __future__ import annotations

from app.services import api_keys


async def create_platform_key(name: str) -> str:
    """Create a key valid for every tenant; return it (only its digest is stored)."""
    _, key = await api_keys.issue_key(name, None, [api_keys.PLATFORM_PERMISSION])
    return key
