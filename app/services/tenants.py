"""Tenants, roles and memberships."""

from __future__ import annotations

import unicodedata

import re
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from app.models import Account, Membership, OAuthClient, Role, Tenant
from app.services import audit, authorization, paging, principals
from app.services.errors import ConflictError, NotFoundError, ValidationError
from app.services.principals import Principal

_SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
TENANT_STATUSES = ("active", "suspended")


def check_slug(slug: str) -> str:
    if not _SLUG_PATTERN.match(slug):
        raise ValidationError(
            "slug must be 1 to 63 lowercase letters, digits or inner hyphens",
            field="slug",
        )
    return slug


def _check_company_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError("company name must be 1 to 200 characters", field="name")
    return name


async def create_tenant(slug: str, name: str) -> Tenant:
    check_slug(slug)
    name = _check_company_name(name)
    try:
        return await Tenant.create(slug=slug, name=name)
    except IntegrityError as exc:
        raise ConflictError(f"tenant slug {slug!r} is taken", field="slug") from exc


def _check_role_name(name: str) -> str:
    """Return the trimmed role name, or raise for an empty, long or invisible one.

    Role names reach relying parties in the ``roles`` claim, so control and
    format characters (such as a zero-width space making "admin" look like
    another role) are rejected.
    """
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationError("role name must be 1 to 100 characters", field="name")
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in name):
        raise ValidationError(
            "role name must not contain control or invisible characters", field="name"
        )
    return name


async def create_role(tenant: Tenant, name: str) -> Role:
    name = _check_role_name(name)
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


# Tenants through the admin API.


async def get_tenant(principal: Principal, tenant_id: Any) -> Tenant | None:
    principal.require("read")
    return await principals.find_visible(principal, Tenant.all(), tenant_id, field="id")


async def list_tenants(
    principal: Principal, page: paging.PageRequest, search: str | None = None
) -> paging.Page[Tenant]:
    principal.require("read")
    queryset = principal.scope(Tenant.all(), field="id")
    search = paging.check_search(search)
    if search:
        queryset = queryset.filter(
            Q(slug__icontains=search) | Q(name__icontains=search)
        )
    return await paging.paginate(queryset, page, "slug", "id")


async def create_tenant_as(principal: Principal, slug: str, name: str) -> Tenant:
    principal.require_platform_admin()
    async with in_transaction():
        tenant = await create_tenant(slug, name)
        await audit.record_change(
            principal,
            "tenant.created",
            tenant_id=tenant.id,
            target_type="tenant",
            target_id=tenant.id,
            details={"slug": tenant.slug},
        )
    return tenant


async def update_tenant(
    principal: Principal,
    tenant_id: Any,
    *,
    slug: str | None = None,
    name: str | None = None,
    status: str | None = None,
) -> Tenant:
    """Change a tenant's slug, company name or status; None leaves a field as it is.

    Suspending or reactivating a tenant is for platform admins only.
    """
    principal.require("tenant")
    tenant = await principals.visible_tenant(principal, tenant_id)
    changed: dict[str, Any] = {}
    if slug is not None and slug != tenant.slug:
        changed["slug"] = check_slug(slug)
    if name is not None and name.strip() != tenant.name:
        changed["name"] = _check_company_name(name)
    if status is not None and status != tenant.status:
        if status not in TENANT_STATUSES:
            raise ValidationError("status must be active or suspended", field="status")
        principal.require_platform_admin()
        changed["status"] = status
    if not changed:
        return tenant
    for key, value in changed.items():
        setattr(tenant, key, value)
    async with in_transaction():
        try:
            await tenant.save(update_fields=[*changed, "updated_at"])
        except IntegrityError as exc:
            raise ConflictError(f"tenant slug {slug!r} is taken", field="slug") from exc
        if changed.get("status") == "suspended":
            await authorization.revoke_grants("tenant_suspended", tenant_id=tenant.id)
        await audit.record_change(
            principal,
            "tenant.updated",
            tenant_id=tenant.id,
            target_type="tenant",
            target_id=tenant.id,
            details={"changed": changed},
        )
    return tenant


async def tenants_by_id(tenant_ids: list[UUID]) -> dict[UUID, Tenant]:
    return {tenant.id: tenant for tenant in await Tenant.filter(id__in=tenant_ids)}


# Roles through the admin API.


async def list_roles(
    principal: Principal, tenant_id: Any, page: paging.PageRequest
) -> paging.Page[Role]:
    principal.require("read")
    tenant = await principals.visible_tenant(principal, tenant_id)
    return await paging.paginate(Role.filter(tenant_id=tenant.id), page, "name", "id")


async def visible_role(principal: Principal, role_id: Any, field: str = "id") -> Role:
    role = await principals.find_visible(principal, Role.all(), role_id)
    if role is None:
        raise NotFoundError("role not found", field=field)
    return role


async def create_role_as(principal: Principal, tenant_id: Any, name: str) -> Role:
    principal.require("roles")
    tenant = await principals.visible_tenant(principal, tenant_id)
    async with in_transaction():
        role = await create_role(tenant, name)
        await audit.record_change(
            principal,
            "role.created",
            tenant_id=tenant.id,
            target_type="role",
            target_id=role.id,
            details={"name": role.name},
        )
    return role


async def rename_role(principal: Principal, role_id: Any, name: str) -> Role:
    principal.require("roles")
    role = await visible_role(principal, role_id)
    name = _check_role_name(name)
    if name == role.name:
        return role
    if principals.is_admin_role_name(name) or principals.is_admin_role_name(role.name):
        principal.require_every_permission("renaming to or from an admin role")
    previous, role.name = role.name, name
    async with in_transaction():
        try:
            await role.save(update_fields=["name"])
        except IntegrityError as exc:
            raise ConflictError(f"role {name!r} already exists", field="name") from exc
        await audit.record_change(
            principal,
            "role.renamed",
            tenant_id=role.tenant_id,
            target_type="role",
            target_id=role.id,
            details={"from": previous, "to": name},
        )
    return role


async def delete_role(principal: Principal, role_id: Any) -> UUID:
    """Delete a role and its assignments.

    A role that a client allows is refused: removing a client's last allowed
    role would open the client to every member of the tenant.
    """
    principal.require("roles")
    role = await visible_role(principal, role_id)
    if principals.is_admin_role_name(role.name):
        principal.require_every_permission("deleting an admin role")
    clients = await OAuthClient.filter(allowed_roles__id=role.id).count()
    if clients:
        raise ConflictError(
            f"the role is an allowed role of {clients} client(s); "
            "remove it from them first",
            field="id",
        )
    async with in_transaction():
        await role.memberships.clear()
        await role.delete()
        await audit.record_change(
            principal,
            "role.deleted",
            tenant_id=role.tenant_id,
            target_type="role",
            target_id=role.id,
            details={"name": role.name},
        )
    return role.id


async def roles_in_tenant(
    tenant_id: UUID, role_ids: list[Any], field: str
) -> list[Role]:
    """Return the roles with ``role_ids``, all of which must belong to the tenant."""
    parsed = [principals.parse_id(role_id) for role_id in role_ids]
    wanted = {role_id for role_id in parsed if role_id is not None}
    roles = []
    if wanted:
        roles = await Role.filter(tenant_id=tenant_id, id__in=list(wanted))
    if None in parsed or len(roles) != len(wanted):
        raise NotFoundError("role not found", field=field)
    return roles
