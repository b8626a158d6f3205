"""The users of a tenant: accounts with a membership in it.

An account is global, one Ringnity identity across tenants. So its profile,
email and password may be changed only by a principal that reaches every
tenant the account belongs to, and a tenant admin cannot take over an account
that another tenant shares. Disabling, removing and roles act on the
membership and stay inside the tenant.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from app.models import Membership, Role
from app.services import (
    accounts,
    audit,
    authorization,
    clock,
    paging,
    principals,
    sessions,
    tenants,
)
from app.services.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from app.services.principals import Principal

# Account field, its name in the admin API, and its longest value.
PROFILE_FIELDS = {
    "name": ("name", 200),
    "given_name": ("givenName", 100),
    "family_name": ("familyName", 100),
    "preferred_username": ("preferredUsername", 100),
    "locale": ("locale", 35),
}


def check_profile(values: dict[str, str | None]) -> dict[str, str | None]:
    """Trim profile values; blank ones become None (cleared)."""
    checked: dict[str, str | None] = {}
    for key, value in values.items():
        api_name, limit = PROFILE_FIELDS[key]
        value = value.strip() if value is not None else None
        if value and len(value) > limit:
            raise ValidationError(
                f"{api_name} must be at most {limit} characters", field=api_name
            )
        checked[key] = value or None
    return checked


def _members(tenant_id: UUID):
    return Membership.filter(tenant_id=tenant_id).select_related("account")


async def list_users(
    principal: Principal,
    tenant_id: Any,
    page: paging.PageRequest,
    search: str | None = None,
) -> paging.Page[Membership]:
    """Return a page of the tenant's memberships, each with its account."""
    principal.require("read")
    tenant = await principals.visible_tenant(principal, tenant_id)
    queryset = _members(tenant.id)
    search = paging.check_search(search)
    if search:
        queryset = queryset.filter(
            Q(account__email__icontains=search) | Q(account__name__icontains=search)
        )
    return await paging.paginate(queryset, page, "account__email", "id")


async def get_user(
    principal: Principal, tenant_id: Any, user_id: Any
) -> Membership | None:
    principal.require("read")
    tenant = await principals.visible_tenant(principal, tenant_id)
    account_id = principals.parse_id(user_id)
    if account_id is None:
        return None
    return await _members(tenant.id).filter(account_id=account_id).first()


async def visible_member(
    principal: Principal, tenant_id: Any, user_id: Any
) -> Membership:
    tenant = await principals.visible_tenant(principal, tenant_id)
    account_id = principals.parse_id(user_id)
    membership = None
    if account_id is not None:
        membership = await _members(tenant.id).filter(account_id=account_id).first()
    if membership is None:
        raise NotFoundError("user not found", field="userId")
    return membership


async def _require_account_control(principal: Principal, account_id: UUID) -> None:
    if principal.tenant_ids is None:
        return
    shared = (
        await Membership.filter(account_id=account_id)
        .exclude(tenant_id__in=list(principal.tenant_ids))
        .exists()
    )
    if shared:
        raise PermissionDeniedError(
            "this account also belongs to another tenant; "
            "only a platform admin can change its profile, email or password",
            field="userId",
        )


async def _record(
    principal: Principal, action: str, membership: Membership, **details: Any
) -> None:
    await audit.record_change(
        principal,
        action,
        tenant_id=membership.tenant_id,
        target_type="user",
        target_id=membership.account_id,
        details=details or None,
    )


async def create_user(
    principal: Principal,
    tenant_id: Any,
    email: str,
    *,
    password: str | None = None,
    profile: dict[str, str | None] | None = None,
    email_verified: bool = False,
    role_ids: list[Any] | None = None,
) -> Membership:
    """Create an account and make it a member of the tenant.

    Without a password the account cannot sign in until one is set.
    """
    principal.require("users")
    tenant = await principals.visible_tenant(principal, tenant_id)
    roles: list[Role] = []
    if role_ids:
        principal.require("roles")
        roles = await tenants.roles_in_tenant(tenant.id, role_ids, "roleIds")
        if any(principals.is_admin_role_name(role.name) for role in roles):
            principal.require_every_permission("assigning an admin role")
    values = check_profile(profile or {})
    async with in_transaction():
        account = await accounts.create_account(
            email, password, email_verified=email_verified, **values
        )
        membership = await tenants.add_member(tenant, account, roles)
        membership.account = account
        await _record(
            principal,
            "user.created",
            membership,
            roles=[role.name for role in roles],
            with_password=password is not None,
        )
    return membership


async def update_user(
    principal: Principal,
    tenant_id: Any,
    user_id: Any,
    *,
    email: str | None = None,
    email_verified: bool | None = None,
    profile: dict[str, str | None] | None = None,
) -> Membership:
    """Change an account's email and profile; None for ``email`` keeps it.

    A new email is unverified unless ``email_verified`` is True.
    """
    principal.require("users")
    membership = await visible_member(principal, tenant_id, user_id)
    account = membership.account
    await _require_account_control(principal, account.id)
    changed = check_profile(profile or {})
    if email is not None:
        new_email = accounts.check_email(email)
        if new_email != account.email:
            changed["email"] = new_email
            if email_verified is None:
                email_verified = False
    if email_verified is not None and email_verified != account.email_verified:
        changed["email_verified"] = email_verified
    changed = {
        key: value for key, value in changed.items() if getattr(account, key) != value
    }
    if not changed:
        return membership
    for key, value in changed.items():
        setattr(account, key, value)
    async with in_transaction():
        try:
            await account.save(update_fields=[*changed, "updated_at"])
        except IntegrityError as exc:
            raise ConflictError(
                "an account with this email already exists", field="email"
            ) from exc
        await _record(principal, "user.updated", membership, fields=sorted(changed))
    return membership


async def set_user_password(
    principal: Principal, tenant_id: Any, user_id: Any, password: str | None
) -> Membership:
    """Set a new password, or remove it (None) so that password sign-in fails."""
    principal.require("users")
    membership = await visible_member(principal, tenant_id, user_id)
    await _require_account_control(principal, membership.account_id)
    async with in_transaction():
        if password is None:
            membership.account.password_hash = None
            await membership.account.save(update_fields=["password_hash", "updated_at"])
            await _record(principal, "user.password_removed", membership)
        else:
            await accounts.set_password(membership.account, password)
            await _record(principal, "user.password_set", membership)
        # A changed password must lock out anyone who knew the old one.
        await sessions.end_account_sessions(membership.account_id)
        await authorization.revoke_grants("password_changed", account_id=membership.account_id)
    return membership


async def set_user_disabled(
    principal: Principal, tenant_id: Any, user_id: Any, disabled: bool
) -> Membership:
    """Disable or enable the membership; a disabled member cannot sign in."""
    principal.require("users")
    membership = await visible_member(principal, tenant_id, user_id)
    if (membership.disabled_at is not None) == disabled:
        return membership
    membership.disabled_at = clock.now() if disabled else None
    async with in_transaction():
        await membership.save(update_fields=["disabled_at"])
        if disabled:
            await authorization.revoke_grants(
                "membership_disabled",
                account_id=membership.account_id,
                tenant_id=membership.tenant_id,
            )
        await _record(
            principal, "user.disabled" if disabled else "user.enabled", membership
        )
    return membership


async def remove_user(principal: Principal, tenant_id: Any, user_id: Any) -> UUID:
    """Remove the account from the tenant; the account itself stays."""
    principal.require("users")
    membership = await visible_member(principal, tenant_id, user_id)
    async with in_transaction():
        await membership.roles.clear()
        await membership.delete()
        await authorization.revoke_grants(
            "membership_removed",
            account_id=membership.account_id,
            tenant_id=membership.tenant_id,
        )
        await _record(principal, "user.removed", membership)
    return membership.account_id


async def assign_role(
    principal: Principal, tenant_id: Any, user_id: Any, role_id: Any
) -> Membership:
    principal.require("roles")
    membership = await visible_member(principal, tenant_id, user_id)
    [role] = await tenants.roles_in_tenant(membership.tenant_id, [role_id], "roleId")
    if principals.is_admin_role_name(role.name):
        principal.require_every_permission("assigning an admin role")
    if await membership.roles.filter(id=role.id).exists():
        return membership
    async with in_transaction():
        await membership.roles.add(role)
        await _record(principal, "role.assigned", membership, role=role.name)
    return membership


async def unassign_role(
    principal: Principal, tenant_id: Any, user_id: Any, role_id: Any
) -> Membership:
    principal.require("roles")
    membership = await visible_member(principal, tenant_id, user_id)
    [role] = await tenants.roles_in_tenant(membership.tenant_id, [role_id], "roleId")
    if principals.is_admin_role_name(role.name):
        principal.require_every_permission("removing an admin role")
    if not await membership.roles.filter(id=role.id).exists():
        return membership
    async with in_transaction():
        await membership.roles.remove(role)
        await _record(principal, "role.unassigned", membership, role=role.name)
    return membership


async def roles_by_membership(membership_ids: list[UUID]) -> dict[UUID, list[Role]]:
    """Return the roles of each membership, sorted by name, in two queries."""
    memberships = await Membership.filter(id__in=membership_ids).prefetch_related(
        "roles"
    )
    return {
        membership.id: sorted(membership.roles, key=lambda role: role.name)
        for membership in memberships
    }
