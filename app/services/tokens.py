"""Access tokens and ID tokens.

Access tokens are opaque random strings stored as SHA-256 digests. A lookup
is one indexed query, revocation takes effect at once, and issuing one costs
no signature, so the token endpoint signs only the ID token. A JWT never
passes as an access token, because only digests of issued opaque tokens match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from app.models import AccessToken, Account, Grant, Membership, OAuthClient, Tenant
from app.security import jose
from app.security.tokens import ACCESS_TOKEN_PREFIX, digest, generate_token
from app.services import authorization, clock
from app.services.claims import identity_claims
from app.services.keys import KeyStore

MAX_ID_TOKEN_LENGTH = 8192


@dataclass
class IssuedAccessToken:
    value: str
    expires_in: int


async def issue_access_token(
    grant: Grant, client: OAuthClient, ttl_seconds: int, scopes: list[str] | None = None
) -> IssuedAccessToken:
    """Issue an access token for ``scopes``, by default all of the grant's."""
    value = generate_token(ACCESS_TOKEN_PREFIX)
    await AccessToken.create(
        digest=digest(value),
        grant=grant,
        client=client,
        tenant_id=grant.tenant_id,
        account_id=grant.account_id,
        scopes=grant.scopes if scopes is None else scopes,
        expires_at=clock.now() + timedelta(seconds=ttl_seconds),
    )
    return IssuedAccessToken(value=value, expires_in=ttl_seconds)


@dataclass
class IdTokenRequest:
    issuer: str
    client: OAuthClient
    account: Account
    tenant: Tenant
    scopes: list[str]
    auth_time: datetime | None
    nonce: str | None
    access_token: str | None
    session_sid: str | None
    ttl_seconds: int


async def issue_id_token(request: IdTokenRequest, keys: KeyStore) -> str:
    now = int(clock.now().timestamp())
    claims: dict[str, Any] = await identity_claims(
        request.account, request.tenant, request.scopes
    )
    claims.update(
        iss=request.issuer,
        aud=request.client.client_id,
        azp=request.client.client_id,
        iat=now,
        exp=now + request.ttl_seconds,
    )
    if request.auth_time is not None:
        claims["auth_time"] = int(request.auth_time.timestamp())
    if request.nonce is not None:
        claims["nonce"] = request.nonce
    if request.access_token is not None:
        claims["at_hash"] = jose.half_hash(request.access_token)
    if request.session_sid is not None:
        claims["sid"] = request.session_sid
    return jose.encode_jwt(claims, await keys.signing_jwk())


@dataclass
class ActiveAccessToken:
    token: AccessToken
    grant: Grant
    client: OAuthClient
    tenant: Tenant
    account: Account | None


async def resolve_access_token(
    value: str, *, dashboard_client_id: str | None
) -> ActiveAccessToken | None:
    """Return the live access token for a presented value, or None.

    A token is dead once it expires, is revoked, its grant is revoked, its
    client is disabled, or its account or membership is disabled or removed.
    A token of the dashboard client named by ``dashboard_client_id`` needs
    no membership, as its sign-in did not (see ``sign_in_denial``).
    """
    if not value.startswith(ACCESS_TOKEN_PREFIX) or len(value) > 128:
        return None
    token = await AccessToken.get_or_none(digest=digest(value)).select_related(
        "grant", "client", "tenant", "account"
    )
    if token is None:
        return None
    now = clock.now()
    if token.revoked_at is not None or token.expires_at <= now:
        return None
    if token.grant.revoked_at is not None or not token.client.enabled:
        return None
    if token.tenant.status != "active":
        return None
    account = token.account
    if account is not None and not await _account_may_use(
        account, token, dashboard_client_id
    ):
        return None
    return ActiveAccessToken(
        token=token,
        grant=token.grant,
        client=token.client,
        tenant=token.tenant,
        account=account,
    )


async def _account_may_use(
    account: Account, token: AccessToken, dashboard_client_id: str | None
) -> bool:
    if authorization.is_dashboard(token.client, dashboard_client_id):
        return account.disabled_at is None
    return await is_active_member(account, token.tenant_id)


async def is_active_member(account: Account, tenant_id: UUID) -> bool:
    """Tell whether the account and its membership in the tenant are enabled."""
    if account.disabled_at is not None:
        return False
    membership = await Membership.get_or_none(tenant_id=tenant_id, account_id=account.id)
    return membership is not None and membership.disabled_at is None


async def revoke_access_token(value: str, client: OAuthClient) -> bool:
    """Revoke an access token issued to ``client`` (RFC 7009).

    Return False, and change nothing, when the token is unknown or belongs
    to another client.
    """
    if not value.startswith(ACCESS_TOKEN_PREFIX) or len(value) > 128:
        return False
    revoked = await AccessToken.filter(
        digest=digest(value), client_id=client.id, revoked_at__isnull=True
    ).update(revoked_at=clock.now())
    return revoked == 1


async def read_issued_id_token(
    token: str, issuer: str, keys: KeyStore
) -> dict[str, Any] | None:
    """Return the claims of an ID token this provider issued, or None.

    The signature must verify against a published key, ``typ`` must be
    ``JWT`` (so a logout token does not pass) and ``iss`` must be ours.
    ``exp`` is not checked: an expired ID token still names its user and
    client, which is all ``id_token_hint`` needs.
    """
    if len(token) > MAX_ID_TOKEN_LENGTH:
        return None
    try:
        header, claims = jose.decode_jwt(token, await keys.published_jwks())
    except (jose.JoseError, ValueError):
        return None
    if header.get("typ") != "JWT" or claims.get("iss") != issuer:
        return None
    if not isinstance(claims.get("sub"), str):
        return None
    return claims


def audiences(claims: dict[str, Any]) -> list[str]:
    """Return the ``aud`` claim as a list, whether it was a string or an array."""
    aud = claims.get("aud")
    if isinstance(aud, str):
        return [aud]
    if isinstance(aud, list):
        return [item for item in aud if isinstance(item, str)]
    return []
