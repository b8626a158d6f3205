"""Membership checks, grants and authorization codes."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from uuid import UUID
from datetime import datetime, timedelta

from app.models import Account, AuthorizationCode, Grant, Membership, OAuthClient, Role
from app.security.tokens import AUTHORIZATION_CODE_PREFIX, digest, generate_token
from app.services import clock

logger = logging.getLogger(__name__)


def is_dashboard(client: OAuthClient, dashboard_client_id: str | None) -> bool:
    """Tell whether ``client`` is the configured first-party dashboard.

    Only a public client can be the dashboard, as the admin API requires.
    """
    return (
        dashboard_client_id is not None
        and client.client_id == dashboard_client_id
        and client.client_type == "public"
    )


async def sign_in_denial(
    account: Account, client: OAuthClient, *, dashboard_client_id: str | None
) -> str | None:
    """Return why ``account`` may not sign in to ``client``, or None if it may.

    The account must be enabled and the client's tenant active. The account
    must also be an enabled member of that tenant and, when the client
    restricts roles, hold one of them, except at the dashboard client named
    by ``dashboard_client_id``. Dashboard users administer other tenants,
    and the admin API checks their role in the tenant of each request.
    """
    if account.disabled_at is not None:
        return "account is disabled"
    tenant = client.tenant
    if tenant.status != "active":
        return "tenant is not active"
    if is_dashboard(client, dashboard_client_id):
        return None
    membership = await Membership.get_or_none(tenant_id=tenant.id, account_id=account.id)
    if membership is None or membership.disabled_at is not None:
        return "account is not a member of the client's tenant"
    allowed = await Role.filter(clients__id=client.id).values_list("id", flat=True)
    if allowed:
        held = await Role.filter(memberships__id=membership.id, id__in=allowed).exists()
        if not held:
            return "account holds none of the roles the client allows"
    return None


@dataclass
class CodeRequest:
    client: OAuthClient
    account: Account
    redirect_uri: str
    scopes: list[str]
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: datetime
    session_sid: str | None


async def issue_code(request: CodeRequest, ttl_seconds: int) -> str:
    """Create the grant and its single-use code; return the code."""
    grant = await Grant.create(
        client=request.client,
        account=request.account,
        tenant_id=request.client.tenant_id,
        scopes=request.scopes,
        auth_time=request.auth_time,
        session_sid=request.session_sid,
    )
    code = generate_token(AUTHORIZATION_CODE_PREFIX)
    await AuthorizationCode.create(
        digest=digest(code),
        client=request.client,
        account=request.account,
        tenant_id=request.client.tenant_id,
        redirect_uri=request.redirect_uri,
        scopes=request.scopes,
        nonce=request.nonce,
        code_challenge=request.code_challenge,
        code_challenge_method=request.code_challenge_method,
        auth_time=request.auth_time,
        session_sid=request.session_sid,
        expires_at=clock.now() + timedelta(seconds=ttl_seconds),
        grant=grant,
    )
    return code


async def find_code(code: str) -> AuthorizationCode | None:
    if not code or len(code) > 128:
        return None
    return await AuthorizationCode.get_or_none(digest=digest(code)).select_related(
        "account", "tenant", "grant"
    )


async def consume_code(code: AuthorizationCode) -> bool:
    """Mark a code used; return False when another redemption got there first.

    The conditional UPDATE is atomic, so of concurrent redemptions on any
    number of instances exactly one succeeds.
    """
    updated = await AuthorizationCode.filter(id=code.id, consumed_at__isnull=True).update(
        consumed_at=clock.now()
    )
    return updated == 1


async def revoke_grant(grant_id, reason: str) -> None:
    """Revoke a grant; every token that descends from it stops working."""
    now = clock.now()
    await Grant.filter(id=grant_id, revoked_at__isnull=True).update(
        revoked_at=now, revoked_reason=reason
    )


async def create_client_grant(client: OAuthClient, scopes: list[str]) -> Grant:
    """Create a grant that acts for the client itself, with no user."""
    grant = await Grant.create(
        client=client, account=None, tenant_id=client.tenant_id, scopes=scopes
    )
    grant.account = None
    return grant


async def revoke_grants(
    reason: str,
    *,
    client_id: UUID | None = None,
    account_id: UUID | None = None,
    tenant_id: UUID | None = None,
) -> int:
    """Revoke every live grant that matches all given ids; return how many.

    Called when a client, membership, tenant or password changes, so that
    re-enabling something later does not bring old tokens back.
    """
    filters = {"revoked_at__isnull": True}
    if client_id is not None:
        filters["client_id"] = client_id
    if account_id is not None:
        filters["account_id"] = account_id
    if tenant_id is not None:
        filters["tenant_id"] = tenant_id
    if len(filters) == 1:
        raise ValueError("revoke_grants needs at least one id")
    count = await Grant.filter(**filters).update(revoked_at=clock.now(), revoked_reason=reason)
    logger.info(
        "revoked %s grant(s): %s (client=%s account=%s tenant=%s)",
        count,
        reason,
        client_id,
        account_id,
        tenant_id,
    )
    return count
