"""The scope catalog: which scopes exist and which can be granted."""

from __future__ import annotations

from app.models import CatalogScope


async def grantable_scopes() -> list[str]:
    """Return the concrete scopes of enabled catalog groups, in catalog order.

    Patterns such as ``contacts.*`` name planned families and are never
    grantable themselves.
    """
    rows = (
        await CatalogScope.filter(group__enabled=True)
        .order_by("group__position", "position")
        .values_list("name", flat=True)
    )
    return [name for name in rows if not name.endswith("*")]


def parse_scope(value: str | None) -> list[str]:
    """Split a space-delimited scope parameter, keeping first occurrences."""
    if not value:
        return []
    seen: dict[str, None] = {}
    for item in value.split(" "):
        if item:
            seen.setdefault(item, None)
    return list(seen)
