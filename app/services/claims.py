"""Identity claims by scope, shared by ID tokens and userinfo."""

from __future__ import annotations

from typing import Any

from app.models import Account, Membership, Tenant
from app.services.tenants import role_names

PROFILE_CLAIMS = ("name", "given_name", "family_name", "preferred_username", "locale")


async def identity_claims(
    account: Account, tenant: Tenant, scopes: list[str]
) -> dict[str, Any]:
    """Return ``sub`` and the claims that the granted scopes release."""
    claims: dict[str, Any] = {"sub": str(account.id)}
    if "profile" in scopes:
        for name in PROFILE_CLAIMS:
            value = getattr(account, name)
            if value:
                claims[name] = value
        claims["updated_at"] = int(account.updated_at.timestamp())
    if "email" in scopes:
        claims["email"] = account.email
        claims["email_verified"] = bool(account.email_verified)
    membership = None
    if "tenant.read" in scopes or "roles.read" in scopes:
        membership = await Membership.get_or_none(tenant=tenant, account=account)
    # Only the dashboard client signs in accounts that are not members of its
    # tenant, and the tenant claims must not name a tenant they are not in.
    if "tenant.read" in scopes and membership is not None:
        claims["tenant_id"] = str(tenant.id)
        claims["tenant_slug"] = tenant.slug
        claims["tenant_name"] = tenant.name
    if "roles.read" in scopes:
        claims["roles"] = await role_names(membership.id) if membership else []
    return claims
