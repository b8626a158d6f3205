"""Throttling of password guessing, per email address, across instances.

Failed sign-ins are audit events whose actor is the digest of the email that
was tried, so every instance counts the same failures. The count covers any
email, existing or not, so the throttle reveals nothing about accounts.
"""

from __future__ import annotations

from datetime import timedelta

from app.models import AuditEvent
from app.security.tokens import digest
from app.services import clock
from app.services.accounts import normalize_email

FAILED_ACTION = "auth.sign_in_failed"
MAX_FAILURES = 10
WINDOW = timedelta(minutes=15)


def email_actor(email: str) -> str:
    """Return the audit actor id for an attempted email (a digest, not the email)."""
    return "email:" + digest(normalize_email(email))[:32]


async def is_throttled(email: str) -> bool:
    """Return True once an email had MAX_FAILURES failures within WINDOW.

    NOTE: a throttle per email lets anyone delay a victim's sign-in for up to
    WINDOW by failing on purpose; a per-client-address limit would narrow it.
    """
    since = clock.now() - WINDOW
    failures = await AuditEvent.filter(
        action=FAILED_ACTION, actor_id=email_actor(email), created_at__gte=since
    ).count()
    return failures >= MAX_FAILURES
