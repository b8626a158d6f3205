"""Audit events; details must never contain a secret, token, code or password."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from app.models import AuditEvent
from app.services import paging, principals
from app.services.principals import Principal

logger = logging.getLogger(__name__)


async def record(
    action: str,
    *,
    tenant_id: UUID | str | None = None,
    actor_type: str = "system",
    actor_id: str | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    request_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    event = await AuditEvent.create(
        tenant_id=tenant_id,
        actor_type=actor_type,
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        request_id=request_id,
        details=details or {},
    )
    logger.info(
        "audit %s tenant=%s actor=%s:%s target=%s:%s request=%s",
        action,
        tenant_id,
        actor_type,
        actor_id,
        target_type,
        target_id,
        request_id,
    )
    return event


async def record_change(
    principal: Principal,
    action: str,
    *,
    tenant_id: UUID | None,
    target_type: str,
    target_id: Any,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record a change made through the admin API by ``principal``."""
    return await record(
        action,
        tenant_id=tenant_id,
        actor_type=principal.actor_type,
        actor_id=principal.actor_id,
        target_type=target_type,
        target_id=str(target_id),
        request_id=principal.request_id,
        details=details,
    )


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None
    actor_type: str | None = None
    actor_id: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def list_events(
    principal: Principal,
    tenant_id: Any,
    filters: AuditFilter,
    page: paging.PageRequest,
) -> paging.Page[AuditEvent]:
    """Return a tenant's events, newest first; a None tenant lists platform events."""
    principal.require("audit")
    if tenant_id is None:
        principal.require_platform_admin()
        queryset = AuditEvent.filter(tenant_id__isnull=True)
    else:
        tenant = await principals.visible_tenant(principal, tenant_id)
        queryset = AuditEvent.filter(tenant_id=tenant.id)
    conditions = {
        "action": filters.action,
        "actor_type": filters.actor_type,
        "actor_id": filters.actor_id,
        "target_type": filters.target_type,
        "target_id": filters.target_id,
        "created_at__gte": filters.since,
        "created_at__lt": filters.until,
    }
    queryset = queryset.filter(**{k: v for k, v in conditions.items() if v is not None})
    return await paging.paginate(queryset, page, "-created_at", "-id")
