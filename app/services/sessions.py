"""Browser sessions at the provider, keyed by a random cookie value."""

from __future__ import annotations

import secrets
from datetime import timedelta

from app.models import Account, LoginSession
from app.security.tokens import SESSION_PREFIX, digest, generate_token
from app.services import clock


async def create_session(account: Account, ttl_seconds: int) -> tuple[str, LoginSession]:
    """Start a session; return the cookie value (stored only as a digest)."""
    cookie_value = generate_token(SESSION_PREFIX)
    now = clock.now()
    session = await LoginSession.create(
        digest=digest(cookie_value),
        sid=secrets.token_urlsafe(24),
        account=account,
        auth_time=now,
        expires_at=now + timedelta(seconds=ttl_seconds),
    )
    return cookie_value, session


async def load_session(cookie_value: str | None) -> LoginSession | None:
    """Return the live session for a cookie value, with its account."""
    if not cookie_value or len(cookie_value) > 128:
        return None
    session = await LoginSession.get_or_none(digest=digest(cookie_value)).select_related(
        "account"
    )
    if session is None or session.ended_at is not None:
        return None
    if session.expires_at <= clock.now() or session.account.disabled_at is not None:
        return None
    return session


async def end_session(session: LoginSession) -> None:
    await LoginSession.filter(id=session.id, ended_at__isnull=True).update(
        ended_at=clock.now()
    )


async def end_account_sessions(account_id) -> int:
    """End every live session of an account, for example after a password change."""
    return await LoginSession.filter(account_id=account_id, ended_at__isnull=True).update(
        ended_at=clock.now()
    )


async def reauthenticate(session: LoginSession, ttl_seconds: int) -> str:
    """Record a new sign-in in an existing session; return its new cookie value.

    The ``sid`` stays, so clients that signed in earlier in this session
    still match it at logout. The cookie value changes, so a value that
    leaked before the sign-in stops working.
    """
    cookie_value = generate_token(SESSION_PREFIX)
    now = clock.now()
    session.digest = digest(cookie_value)
    session.auth_time = now
    session.expires_at = now + timedelta(seconds=ttl_seconds)
    await session.save(update_fields=["digest", "auth_time", "expires_at"])
    return cookie_value
