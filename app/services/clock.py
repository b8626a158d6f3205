"""The current time, in one place so expiry checks agree."""

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
