"""Signing keys and server secrets, shared by every instance through the database."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from app.models import OAuthClient, SchedulerLease, ServerSecret, SigningKey
from app.security import jose
from app.security.tokens import generate_token
from app.services import audit, clock, paging
from app.services.errors import ValidationError
from app.services.principals import Principal

logger = logging.getLogger(__name__)

# How long an instance reuses the signing key it last read. A rotation must
# publish a new key at least this long before it starts signing.
CACHE_SECONDS = 30.0
# How long a rotated-in key is published before it signs. The JWKS response
# allows caching for 300 seconds, so a relying party that fetched the JWKS
# just before the rotation has the new key by the time it signs anything.
ACTIVATION_DELAY_SECONDS = 300
# The maximum activation delay, in seconds, that the admin API accepts. A
# day is well beyond the 300-second JWKS cache lifetime.
MAX_ACTIVATION_DELAY_SECONDS = 24 * 3600
ROTATION_LEASE_NAME = "signing_key_rotation"
# Longer than a rotation takes, so the lease outlives the work it guards.
ROTATION_LEASE_SECONDS = 600


async def ensure_signing_key() -> None:
    """Create the first signing key when the database has none."""
    if await SigningKey.filter(retired_at__isnull=True).exists():
        return
    kid, private_jwk, public_jwk = jose.generate_signing_key()
    await SigningKey.create(
        kid=kid,
        alg=jose.SIGNING_ALG,
        private_jwk=private_jwk,
        public_jwk=public_jwk,
        activates_at=clock.now(),
    )
    logger.info("created signing key %s", kid)


@dataclass
class Rotation:
    """The outcome of a signing key rotation."""

    kid: str
    activates_at: datetime
    # kid -> the time it leaves the JWKS, for each key this rotation retired.
    retired: dict[str, datetime]


async def max_id_token_lifetime(default_seconds: int) -> int:
    """Return the longest ID token lifetime any client uses, in seconds."""
    longest = (
        await OAuthClient.filter(id_token_ttl__isnull=False)
        .order_by("-id_token_ttl")
        .first()
        .values_list("id_token_ttl", flat=True)
    )
    return max(default_seconds, longest or 0)


async def rotate_signing_key(
    default_id_token_ttl: int,
    *,
    activation_delay: int = ACTIVATION_DELAY_SECONDS,
    now: datetime | None = None,
) -> Rotation:
    """Create a new signing key and retire the current ones when it activates.

    The new key is published at once and signs from ``now`` plus
    ``activation_delay`` seconds. Each retired key stays published until
    every token it can have signed has expired: its ``retired_at`` plus the
    longest ID token lifetime (``default_id_token_ttl`` or a longer client
    lifetime) plus the time an instance may keep using a cached key.
    """
    now = now or clock.now()
    lifetime = await max_id_token_lifetime(default_id_token_ttl)
    activates_at = now + timedelta(seconds=activation_delay)
    expires_at = activates_at + timedelta(seconds=lifetime + CACHE_SECONDS)
    kid, private_jwk, public_jwk = jose.generate_signing_key()
    # One transaction, so a failure cannot retire the old keys without a successor.
    async with in_transaction():
        # A key that already retires before ``activates_at`` keeps its dates.
        replaced = await SigningKey.filter(
            Q(retired_at__isnull=True) | Q(retired_at__gt=activates_at)
        ).values_list("kid", flat=True)
        await SigningKey.create(
            kid=kid,
            alg=jose.SIGNING_ALG,
            private_jwk=private_jwk,
            public_jwk=public_jwk,
            activates_at=activates_at,
        )
        await SigningKey.filter(kid__in=list(replaced)).update(
            retired_at=activates_at, expires_at=expires_at
        )
    logger.info(
        "rotated signing key: %s signs from %s, retired %s",
        kid,
        activates_at.isoformat(),
        ", ".join(replaced) or "none",
    )
    return Rotation(kid, activates_at, {old: expires_at for old in replaced})


async def acquire_lease(name: str, holder: str, ttl_seconds: int) -> bool:
    """Take the named lease for ``holder``; return False if another holder has it.

    Both steps are single atomic statements: the insert fails on the primary
    key if the row exists, and the update only takes an expired lease, so of
    any number of instances sharing the database one wins.
    """
    now = clock.now()
    expires_at = now + timedelta(seconds=ttl_seconds)
    try:
        await SchedulerLease.create(name=name, holder=holder, expires_at=expires_at)
        return True
    except IntegrityError:
        pass
    updated = await SchedulerLease.filter(
        Q(expires_at__lte=now) | Q(holder=holder), name=name
    ).update(holder=holder, expires_at=expires_at)
    return updated == 1


async def rotate_if_due(
    holder: str, interval_days: int, default_id_token_ttl: int
) -> Rotation | None:
    """Rotate when the newest key is older than ``interval_days`` and the lease is ours.

    The lease keeps two instances from rotating at the same moment, and the
    age check keeps a later instance from rotating again.
    """
    if not await acquire_lease(ROTATION_LEASE_NAME, holder, ROTATION_LEASE_SECONDS):
        return None
    newest = await SigningKey.all().order_by("-created_at").first()
    due = newest is None or newest.created_at <= clock.now() - timedelta(
        days=interval_days
    )
    if not due:
        return None
    return await rotate_signing_key(default_id_token_ttl)


async def run_rotation_schedule(
    holder: str, interval_days: int, default_id_token_ttl: int, check_seconds: float
) -> None:
    """Check every ``check_seconds`` whether a scheduled rotation is due, until cancelled."""
    logger.info(
        "key rotation schedule started: every %s day(s), instance %s",
        interval_days,
        holder,
    )
    while True:
        try:
            await rotate_if_due(holder, interval_days, default_id_token_ttl)
        except Exception:
            logger.exception(
                "scheduled key rotation failed; retrying in %s s", check_seconds
            )
        await asyncio.sleep(check_seconds)


@dataclass
class _Cached:
    value: Any
    loaded_at: float


def _signs_at(key: SigningKey, at: datetime) -> bool:
    return key.activates_at <= at and (key.retired_at is None or key.retired_at > at)


def _published_at(key: SigningKey, at: datetime) -> bool:
    return key.expires_at is None or key.expires_at > at


class KeyStore:
    """Per-process cache of the signing key rows.

    The cache stores the rows, not a chosen key, so every instance switches to
    a new key exactly at its ``activates_at``, whenever it last read them.
    """

    def __init__(self) -> None:
        self._rows: _Cached | None = None

    def invalidate(self) -> None:
        self._rows = None

    async def _keys(self) -> list[SigningKey]:
        cached = self._rows
        if cached is not None and time.monotonic() - cached.loaded_at < CACHE_SECONDS:
            return cached.value
        rows = await SigningKey.all().order_by("-activates_at", "-created_at")
        self._rows = _Cached(rows, time.monotonic())
        return rows

    async def signing_jwk(self) -> dict[str, Any]:
        """Return the private JWK of the most recently activated, unretired key."""
        now = clock.now()
        for key in await self._keys():
            if _signs_at(key, now):
                return key.private_jwk
        # A key activated since the rows were read is not in the cache yet.
        self.invalidate()
        for key in await self._keys():
            if _signs_at(key, now):
                return key.private_jwk
        raise RuntimeError("no active signing key; run migrations and start the server")

    async def published_jwks(self) -> list[dict[str, Any]]:
        """Return the public JWKs of every key that is not yet expired, newest first."""
        now = clock.now()
        return [key.public_jwk for key in await self._keys() if _published_at(key, now)]


async def server_secret(name: str) -> str:
    """Return the named random secret, creating it on first use."""
    row = await ServerSecret.get_or_none(name=name)
    if row is not None:
        return row.value
    try:
        row = await ServerSecret.create(name=name, value=generate_token())
    except IntegrityError:
        # Another instance created it first.
        row = await ServerSecret.get(name=name)
    return row.value


# Signing keys through the admin API.


async def rotate_signing_key_as(
    principal: Principal, default_id_token_ttl: int, activation_delay: int
) -> tuple[SigningKey, list[SigningKey]]:
    """Rotate the signing key for a platform admin and audit it.

    Return the new key and the keys the rotation retired.
    """
    principal.require_platform_admin()
    if not 0 <= activation_delay <= MAX_ACTIVATION_DELAY_SECONDS:
        raise ValidationError(
            f"the activation delay must be 0 to {MAX_ACTIVATION_DELAY_SECONDS} seconds",
            field="activationDelaySeconds",
        )
    async with in_transaction():
        rotation = await rotate_signing_key(
            default_id_token_ttl, activation_delay=activation_delay
        )
        await audit.record_change(
            principal,
            "signing_key.rotated",
            tenant_id=None,
            target_type="signing_key",
            target_id=rotation.kid,
            details={
                "activation_delay_seconds": activation_delay,
                "activates_at": rotation.activates_at.isoformat(),
                "retired_kids": sorted(rotation.retired),
            },
        )
    new_key = await SigningKey.get(kid=rotation.kid)
    retired = await SigningKey.filter(kid__in=list(rotation.retired)).order_by(
        "-created_at", "kid"
    )
    return new_key, list(retired)


async def list_signing_keys(
    principal: Principal, page: paging.PageRequest
) -> paging.Page[SigningKey]:
    """Return every signing key, newest first, for a platform admin."""
    principal.require_platform_admin()
    return await paging.paginate(SigningKey.all(), page, "-created_at", "kid")
