"""Principals: the caller of the admin API, with the tenants and permissions it reaches.

Every admin use case takes a ``Principal`` first and checks it here, so the
GraphQL layer cannot forget tenant isolation. An object of a tenant the
principal does not reach is reported exactly like a random id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from tortoise.models import Model
from tortoise.queryset import QuerySet

from app.models import Tenant
from app.services.errors import NotFoundError, PermissionDeniedError

M = TypeVar("M", bound=Model)

# Permissions a tenant API key may be granted. ``read`` covers every query of
# the tenant except the audit log and the key list, which need their own.
PERMISSIONS = ("read", "tenant", "users", "roles", "clients", "audit", "api_keys")
# Members holding one of these roles administer their tenant in the dashboard.
ADMIN_ROLE_NAMES = ("admin", "owner")


def is_admin_role_name(name: str) -> bool:
    """Return True for admin role names, in any letter case."""
    return name.strip().casefold() in ADMIN_ROLE_NAMES

PLATFORM_KEY = "platform_key"
API_KEY = "api_key"
DASHBOARD = "dashboard"


@dataclass(frozen=True)
class Principal:
    """The caller of one admin request.

    ``tenant_ids`` is None for a platform admin, who reaches every tenant.
    """

    kind: str
    actor_id: str
    tenant_ids: frozenset[UUID] | None
    permissions: frozenset[str]
    request_id: str | None = None
    # The first-party dashboard client, which only a platform admin may change.
    dashboard_client_id: str | None = None

    @property
    def is_platform_admin(self) -> bool:
        return self.tenant_ids is None

    @property
    def actor_type(self) -> str:
        return "account" if self.kind == DASHBOARD else self.kind

    def has(self, permission: str) -> bool:
        return self.is_platform_admin or permission in self.permissions

    def require(self, permission: str) -> None:
        if not self.has(permission):
            raise PermissionDeniedError(
                f"this credential lacks the {permission} permission"
            )

    def require_every_permission(self, action: str) -> None:
        """Raise unless the caller has every permission, as an admin role gives.

        Assigning or renaming an admin role hands out all permissions in the
        tenant, so a caller with fewer must not be able to do it.
        """
        if self.is_platform_admin or set(PERMISSIONS) <= self.permissions:
            return
        raise PermissionDeniedError(f"{action} needs a credential with every permission")

    def require_platform_admin(self) -> None:
        if not self.is_platform_admin:
            raise PermissionDeniedError("only a platform admin may do this")

    def reaches(self, tenant_id: UUID) -> bool:
        return self.tenant_ids is None or tenant_id in self.tenant_ids

    def scope(self, queryset: QuerySet[M], field: str = "tenant_id") -> QuerySet[M]:
        """Restrict ``queryset`` to rows of the tenants this principal reaches."""
        if self.tenant_ids is None:
            return queryset
        return queryset.filter(**{f"{field}__in": list(self.tenant_ids)})


def parse_id(value: Any) -> UUID | None:
    """Return ``value`` as a UUID, or None when it is not one."""
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        return None


async def find_visible(
    principal: Principal,
    queryset: QuerySet[M],
    object_id: Any,
    field: str = "tenant_id",
) -> M | None:
    """Return the object with ``object_id`` if the principal reaches its tenant."""
    parsed = parse_id(object_id)
    if parsed is None:
        return None
    return await principal.scope(queryset, field).filter(id=parsed).first()


async def visible_tenant(principal: Principal, tenant_id: Any) -> Tenant:
    """Return a tenant the principal reaches, or raise ``NotFoundError``."""
    tenant = await find_visible(principal, Tenant.all(), tenant_id, field="id")
    if tenant is None:
        raise NotFoundError("tenant not found", field="tenantId")
    return tenant
