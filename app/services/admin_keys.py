"""Credentials of the GraphQL admin API: platform admin keys."""

from __future__ import annotations

from app.services import api_keys, audit


async def create_platform_key(name: str) -> str:
    """Create a key valid for every tenant; return it (only its digest is stored).

    The creation is audited with the command line as the actor, since no
    other credential exists yet when the first key is made.
    """
    row, key = await api_keys.issue_key(name, None, [api_keys.PLATFORM_PERMISSION])
    await audit.record(
        "api_key.created",
        actor_type="cli",
        actor_id="create-admin-key",
        target_type="api_key",
        target_id=str(row.id),
        details={"name": name, "prefix": row.prefix, "platform": True},
    )
    return key
