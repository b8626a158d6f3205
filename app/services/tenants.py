"""Tenants, roles and memberships."""

from __future__ import annotations

import re
from uuid import UUID

from tortoise.exceptions import IntegrityError

from app.models import Account, Membership, Role, Tenant
from app.services.errors import ConflictError, ValidationError

_SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def check_slug(slug: str) -> str:
    if not _SLUG_PATTERN.match(slug):
        raise ValidationError(
            "slug must be 1 to 63 lowercase letters, digits or inner hyphens",
            field="slug",
        )
    return slug


async def create_tenant(slug: str, name: str) -> Tenant:
    check_slug(slug)
    if not name.strip():
        raise ValidationError("company name is required", field="name")
    try:
        return await Tenant.create(slug=slug, name=name.strip())
    except IntegrityError as exc:
        raise ConflictError(f"tenant slug {slug!r} is taken", field="slug") from exc


async def create_role(tenant: Tenant, name: str) -> Role:
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationError("role name must be 1 to 100 characters", field="name")
    try:
        return await Role.create(tenant=tenant, name=name)
    except IntegrityError as exc:
        raise ConflictError(f"role {name!r} already exists", field="name") from exc


async def add_member(
    tenant: Tenant, account: Account, roles: list[Role] | None = None
) -> Membership:
    try:
        membership = await Membership.create(tenant=tenant, account=account)
    except IntegrityError as exc:
        raise ConflictError("the account is already a member of the tenant") from exc
    if roles:
        await membership.roles.add(*roles)
    return membership


async def role_names(membership_id: UUID) -> list[str]:
    names = await Role.filter(memberships__id=membership_id).values_list(
        "name", flat=True
    )
    return sorted(names)
