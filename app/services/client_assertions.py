"""Replay protection for private_key_jwt client assertions (RFC 7523 section 3)."""

from __future__ import annotations

from datetime import datetime

from tortoise.exceptions import IntegrityError

from app.models import OAuthClient, UsedClientAssertion
from app.security.tokens import digest
from app.services import clock


async def record_jti(client: OAuthClient, jti: str, expires_at: datetime) -> bool:
    """Record an assertion's ``jti``, or return False when the client used it before.

    The unique index on (client, jti digest) decides, so concurrent uses on
    any number of instances accept exactly one. Expired rows of the client
    are deleted first, because an expired assertion is rejected anyway.
    """
    await UsedClientAssertion.filter(client=client, expires_at__lt=clock.now()).delete()
    try:
        await UsedClientAssertion.create(
            client=client, jti_digest=digest(jti), expires_at=expires_at
        )
    except IntegrityError:
        return False
    return True
