"""The scope catalog through the admin API: groups, readiness and enabling.

A planned group may be enabled only when all four readiness items are done
(API endpoint, permission policy, audit behaviour, docs). Which scopes can be
granted follows from the catalog alone (``scopes.grantable_scopes``).
"""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from app.models import CatalogScope, ScopeGroup
from app.services import audit, paging
from app.services.errors import NotFoundError, NotReadyError, ValidationError
from app.services.principals import Principal

# Readiness item and the ScopeGroup field that records it.
READINESS_ITEMS = {
    "api_endpoint": "api_endpoint_ready",
    "permission_policy": "permission_policy_ready",
    "audit": "audit_ready",
    "docs": "docs_ready",
}
READINESS_LABELS = {
    "api_endpoint": "API endpoint",
    "permission_policy": "permission policy",
    "audit": "audit behaviour",
    "docs": "docs",
}
# The sign-in scopes every client depends on; disabling them breaks sign-in.
CORE_GROUP = "openid_connect"


def missing_items(group: ScopeGroup) -> list[str]:
    return [item for item, name in READINESS_ITEMS.items() if not getattr(group, name)]


def is_pattern(scope_name: str) -> bool:
    return scope_name.endswith("*")


async def list_groups(
    principal: Principal, page: paging.PageRequest
) -> paging.Page[ScopeGroup]:
    """Return the catalog's groups in catalog order.

    Every principal may read the catalog, which is the same for all tenants.
    """
    del principal  # taken like every admin use case, but no check applies
    return await paging.paginate(ScopeGroup.all(), page, "position", "key")


async def _group(key: str) -> ScopeGroup:
    group = await ScopeGroup.get_or_none(key=key)
    if group is None:
        raise NotFoundError("scope group not found", field="key")
    return group


async def set_readiness(
    principal: Principal, key: str, items: dict[str, bool]
) -> ScopeGroup:
    """Mark readiness items done or not done (platform admins only).

    An enabled group keeps every item done; disable it first.
    """
    principal.require_platform_admin()
    group = await _group(key)
    changed: dict[str, bool] = {}
    for item, done in items.items():
        name = READINESS_ITEMS[item]
        if getattr(group, name) != done:
            changed[item] = done
    if group.enabled and not all(changed.values()):
        raise ValidationError(
            "an enabled group must stay ready; disable it first", field="key"
        )
    if not changed:
        return group
    for item, done in changed.items():
        setattr(group, READINESS_ITEMS[item], done)
    async with in_transaction():
        await group.save()
        await _record(
            principal, "scope_group.readiness_updated", group, changed=changed
        )
    return group


async def set_enabled(principal: Principal, key: str, enabled: bool) -> ScopeGroup:
    """Enable or disable a group (platform admins only).

    Enabling is refused, naming the missing items, until all four are ready.
    """
    principal.require_platform_admin()
    group = await _group(key)
    if group.enabled == enabled:
        return group
    if enabled:
        missing = missing_items(group)
        if missing:
            raise NotReadyError(
                "the group cannot be enabled before these are ready: "
                + ", ".join(READINESS_LABELS[item] for item in missing),
                missing=missing,
                field="key",
            )
    elif group.key == CORE_GROUP:
        raise ValidationError(
            "the OpenID Connect sign-in group cannot be disabled", field="key"
        )
    group.enabled = enabled
    async with in_transaction():
        await group.save()
        await _record(
            principal,
            "scope_group.enabled" if enabled else "scope_group.disabled",
            group,
        )
    return group


async def _record(
    principal: Principal, action: str, group: ScopeGroup, **details: Any
) -> None:
    await audit.record_change(
        principal,
        action,
        tenant_id=None,
        target_type="scope_group",
        target_id=group.key,
        details=details or None,
    )


async def scopes_by_group(keys: list[str]) -> dict[str, list[CatalogScope]]:
    result: dict[str, list[CatalogScope]] = {key: [] for key in keys}
    rows = (
        await CatalogScope.filter(group_id__in=keys)
        .select_related("group")
        .order_by("position", "name")
    )
    for row in rows:
        result[row.group_id].append(row)
    return result


async def scopes_named(names: list[str]) -> dict[str, CatalogScope]:
    """Return the catalog entries with these names, each with its group."""
    rows = await CatalogScope.filter(name__in=names).select_related("group")
    return {row.name: row for row in rows}
