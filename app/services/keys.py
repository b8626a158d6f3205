"""Signing keys and server secrets, shared by every instance through the database."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError

from app.models import ServerSecret, SigningKey
from app.security import jose
from app.security.tokens import generate_token
from app.services import clock

logger = logging.getLogger(__name__)

# How long an instance reuses the signing key it last read. A rotation must
# publish a new key at least this long before it starts signing.
CACHE_SECONDS = 30.0


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
class _Cached:
    value: Any
    loaded_at: float


class KeyStore:
    """Per-process cache of the signing key and the published JWK Set."""

    def __init__(self) -> None:
        self._signing: _Cached | None = None
        self._published: _Cached | None = None

    def _fresh(self, cached: _Cached | None) -> bool:
        return cached is not None and time.monotonic() - cached.loaded_at < CACHE_SECONDS

    def invalidate(self) -> None:
        self._signing = None
        self._published = None

    async def signing_jwk(self) -> dict[str, Any]:
        if self._fresh(self._signing):
            return self._signing.value
        now = clock.now()
        key = (
            await SigningKey.filter(activates_at__lte=now, retired_at__isnull=True)
            .order_by("-activates_at")
            .first()
        )
        if key is None:
            raise RuntimeError("no active signing key; run migrations and start the server")
        self._signing = _Cached(key.private_jwk, time.monotonic())
        return key.private_jwk

    async def published_jwks(self) -> list[dict[str, Any]]:
        if self._fresh(self._published):
            return self._published.value
        now = clock.now()
        rows = await SigningKey.all().order_by("-created_at")
        keys = [
            row.public_jwk
            for row in rows
            if row.expires_at is None or row.expires_at > now
        ]
        self._published = _Cached(keys, time.monotonic())
        return keys


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
