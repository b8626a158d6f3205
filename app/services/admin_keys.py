"""Credentials of the GraphQL admin API: platform admin keys."""

from __future__ import annotations

from app.models import ApiKey
from app.security.tokens import ADMIN_KEY_PREFIX, digest, generate_token


async def create_platform_key(name: str) -> str:
    """Create a key valid for every tenant; return it (only its digest is stored)."""
    key = generate_token(ADMIN_KEY_PREFIX)
    await ApiKey.create(
        digest=digest(key), prefix=key[:12], name=name, tenant=None, permissions=["*"]
    )
    return key
