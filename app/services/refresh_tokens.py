"""Refresh tokens: issue, rotate on every use, detect reuse.

A refresh token is opaque and stored as a SHA-256 digest. Every use rotates
it: the presented token gets ``rotated_at`` and a successor is issued. A
rotated token presented again means that two parties hold it, so the whole
grant is revoked, unless the client's grace window allows a retry (see
``consume``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from app.models import AccessToken, Grant, OAuthClient, RefreshToken
from app.security.tokens import REFRESH_TOKEN_PREFIX, digest, generate_token
from app.services import audit, authorization, clock, tokens

logger = logging.getLogger(__name__)


async def issue(grant: Grant, client: OAuthClient, ttl_seconds: int) -> str:
    # NOTE: each rotation issues a token with the full lifetime, so a grant
    # that is refreshed regularly has no absolute expiry.
    value = generate_token(REFRESH_TOKEN_PREFIX)
    await RefreshToken.create(
        digest=digest(value),
        grant=grant,
        client=client,
        expires_at=clock.now() + timedelta(seconds=ttl_seconds),
    )
    return value


async def find(value: str) -> RefreshToken | None:
    """Return the stored refresh token for a presented value, in any state."""
    if not value.startswith(REFRESH_TOKEN_PREFIX) or len(value) > 128:
        return None
    return await RefreshToken.get_or_none(digest=digest(value)).select_related(
        "grant", "grant__account", "grant__tenant"
    )


def is_usable(token: RefreshToken) -> bool:
    """Tell whether a token is unexpired and neither it nor its grant is revoked.

    A rotated token counts as usable here; ``consume`` decides about reuse.
    """
    if token.revoked_at is not None or token.grant.revoked_at is not None:
        return False
    return token.expires_at > clock.now()


async def consume(token: RefreshToken, client: OAuthClient) -> bool:
    """Rotate ``token``; return True when the caller may issue a successor.

    The conditional UPDATE lets exactly one of concurrent requests rotate a
    token. A later use of a rotated token revokes the grant, with one
    exception: within the client's ``refresh_token_grace_seconds`` of its
    rotation, the most recently rotated token of the grant may be used
    again, for a client whose response was lost. That retry revokes the
    tokens of the lost response, so the grant keeps one live refresh token.
    """
    now = clock.now()
    rotated = await RefreshToken.filter(
        id=token.id, rotated_at__isnull=True, revoked_at__isnull=True
    ).update(rotated_at=now)
    if rotated == 1:
        return True

    await token.refresh_from_db(fields=["rotated_at", "revoked_at"])
    grace_seconds = client.refresh_token_grace_seconds
    if token.revoked_at is None and await _retry_allowed(token, grace_seconds, now):
        if await _revoke_lost_response(token, now):
            logger.info(
                "refresh token retried within the grace window, grant %s", token.grant_id
            )
            return True

    await _revoke_for_reuse(token, client)
    return False


async def check_revoked_reuse(token: RefreshToken, client: OAuthClient) -> None:
    """Revoke the grant when a refresh token revoked by a grace retry comes back.

    Only a grace retry revokes a single refresh token and leaves its grant
    live, so the token's holder and the retrying party are two parties:
    the same case as reuse of a rotated token.
    """
    if token.revoked_at is not None and token.grant.revoked_at is None:
        await _revoke_for_reuse(token, client)


async def _revoke_for_reuse(token: RefreshToken, client: OAuthClient) -> None:
    await authorization.revoke_grant(token.grant_id, "refresh_token_reused")
    await audit.record(
        "oauth.refresh_token_reused",
        tenant_id=token.grant.tenant_id,
        actor_type="client",
        actor_id=client.client_id,
        target_type="grant",
        target_id=str(token.grant_id),
    )
    logger.warning("rotated refresh token reused; revoked grant %s", token.grant_id)


async def _revoke_lost_response(token: RefreshToken, now: datetime) -> bool:
    """Revoke the tokens issued since ``token`` was rotated; return True if any were live.

    The revocation of the live successor is the claim: of concurrent retries
    only the one whose UPDATE revoked it may issue a new token, so the grant
    never has more than one live refresh token.
    """
    claimed = await RefreshToken.filter(
        grant_id=token.grant_id, rotated_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    await AccessToken.filter(
        grant_id=token.grant_id, created_at__gte=token.rotated_at, revoked_at__isnull=True
    ).update(revoked_at=now)
    return claimed > 0


async def _retry_allowed(token: RefreshToken, grace_seconds: int, now: datetime) -> bool:
    if grace_seconds <= 0 or token.rotated_at is None:
        return False
    if now - token.rotated_at > timedelta(seconds=grace_seconds):
        return False
    # Only the immediately previous token: no later token of the grant rotated.
    later = await RefreshToken.filter(
        grant_id=token.grant_id, rotated_at__gt=token.rotated_at
    ).exists()
    return not later


async def revoke_by_client(value: str, client: OAuthClient) -> bool:
    """Revoke the grant of a refresh token issued to ``client`` (RFC 7009).

    Return False, and change nothing, when the token is unknown or belongs
    to another client.
    """
    token = await find(value)
    if token is None or token.client_id != client.id:
        return False
    now = clock.now()
    await RefreshToken.filter(id=token.id, revoked_at__isnull=True).update(revoked_at=now)
    await authorization.revoke_grant(token.grant_id, "refresh_token_revoked")
    return True


async def resolve(value: str) -> RefreshToken | None:
    """Return the refresh token if it could be exchanged now, else None.

    Unlike ``is_usable``, a rotated token is not active, and the client,
    tenant, account and membership must all still be enabled.
    """
    token = await find(value)
    if token is None or not is_usable(token) or token.rotated_at is not None:
        return None
    await token.fetch_related("client")
    grant = token.grant
    if not token.client.enabled or grant.tenant.status != "active":
        return None
    if grant.account is None:
        return None
    if not await tokens.is_active_member(grant.account, grant.tenant_id):
        return None
    return token
