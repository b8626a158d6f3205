"""Audit events; details must never contain a secret, token, code or password."""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

from app.models import AuditEvent

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
        "audit %s tenant=%s actor=%s:%s target=%s:%s",
        action,
        tenant_id,
        actor_type,
        actor_id,
        target_type,
        target_id,
    )
    return event
