"""Admin API keys: platform admin keys and tenant API keys.

A key is shown once, when it is created; only its SHA-256 digest is stored,
with its first characters as a prefix so an owner can tell keys apart.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from app.models import ApiKey
from app.security.tokens import ADMIN_KEY_PREFIX, digest, generate_token
from app.services import audit, clock, paging, principals
from app.services.errors import NotFoundError, PermissionDeniedError, ValidationError
from app.services.principals import Principal

logger = logging.getLogger(__name__)

PLATFORM_PERMISSION = "*"
PREFIX_LENGTH = 12
# Recording every use would turn each admin request into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


async def issue_key(
    name: str,
    tenant_id: UUID | None,
    permissions: list[str],
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    key = generate_token(ADMIN_KEY_PREFIX)
    row = await ApiKey.create(
        digest=digest(key),
        prefix=key[:PREFIX_LENGTH],
        name=name,
        tenant_id=tenant_id,
        permissions=permissions,
        expires_at=expires_at,
    )
    return row, key


async def find_active_key(presented: str) -> ApiKey | None:
    """Return the live key for a presented value and note that it was used."""
    if not presented.startswith(ADMIN_KEY_PREFIX) or len(presented) > 128:
        return None
    key = await ApiKey.get_or_none(digest=digest(presented)).select_related("tenant")
    now = clock.now()
    if key is None or key.revoked_at is not None:
        return None
    if key.expires_at is not None and key.expires_at <= now:
        return None
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        await ApiKey.filter(id=key.id).update(last_used_at=now)
        key.last_used_at = now
    return key


def _check_permissions(principal: Principal, permissions: list[str]) -> list[str]:
    wanted = list(dict.fromkeys(permissions))
    if not wanted:
        raise ValidationError(
            "a key needs at least one permission", field="permissions"
        )
    for permission in wanted:
        if permission not in principals.PERMISSIONS:
            raise ValidationError(
                f"unknown permission {permission!r}; use "
                + ", ".join(principals.PERMISSIONS),
                field="permissions",
            )
        if (
            principal.kind == principals.API_KEY
            and permission not in principal.permissions
        ):
            raise PermissionDeniedError(
                "a key cannot grant a permission it does not hold", field="permissions"
            )
    return wanted


async def create_tenant_key(
    principal: Principal,
    tenant_id: Any,
    name: str,
    permissions: list[str],
    expires_at: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Create a tenant API key; return it with the key, which is never shown again."""
    principal.require("api_keys")
    tenant = await principals.visible_tenant(principal, tenant_id)
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError("key name must be 1 to 200 characters", field="name")
    granted = _check_permissions(principal, permissions)
    if expires_at is not None and expires_at.tzinfo is None:
        raise ValidationError(
            "expiresAt must include a time zone, for example 2030-01-01T00:00:00Z",
            field="expiresAt",
        )
    if expires_at is not None and expires_at <= clock.now():
        raise ValidationError("expiry must be in the future", field="expiresAt")
    row, key = await issue_key(name, tenant.id, granted, expires_at)
    await audit.record_change(
        principal,
        "api_key.created",
        tenant_id=tenant.id,
        target_type="api_key",
        target_id=row.id,
        details={"name": name, "permissions": granted, "prefix": row.prefix},
    )
    return row, key


async def list_keys(
    principal: Principal, tenant_id: Any, page: paging.PageRequest
) -> paging.Page[ApiKey]:
    principal.require("api_keys")
    tenant = await principals.visible_tenant(principal, tenant_id)
    return await paging.paginate(
        ApiKey.filter(tenant_id=tenant.id), page, "-created_at", "id"
    )


async def revoke_key(principal: Principal, key_id: Any) -> ApiKey:
    principal.require("api_keys")
    key = await principals.find_visible(
        principal, ApiKey.filter(tenant_id__isnull=False), key_id
    )
    if key is None:
        raise NotFoundError("API key not found", field="id")
    if key.revoked_at is None:
        key.revoked_at = clock.now()
        await key.save(update_fields=["revoked_at"])
        await audit.record_change(
            principal,
            "api_key.revoked",
            tenant_id=key.tenant_id,
            target_type="api_key",
            target_id=key.id,
        )
    return key
