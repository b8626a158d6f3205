"""Random secrets and their stored digests.

Client secrets, authorization codes, access and refresh tokens, session
cookies and admin keys are 256-bit random values, so a plain SHA-256 digest
is a safe stored form (no salt or slow hash is needed against guessing) and
keeps lookups to one indexed equality match.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

# Prefixes tell a reader and a secret scanner which kind of credential leaked,
# and keep these tokens apart from SDK runtime tokens and Server API keys.
ACCESS_TOKEN_PREFIX = "rgn_at_"
REFRESH_TOKEN_PREFIX = "rgn_rt_"
AUTHORIZATION_CODE_PREFIX = "rgn_ac_"
CLIENT_SECRET_PREFIX = "rgn_cs_"
ADMIN_KEY_PREFIX = "rgn_ak_"
SESSION_PREFIX = "rgn_ss_"


def generate_token(prefix: str = "") -> str:
    """Return ``prefix`` plus 256 random bits in URL-safe base64 (43 chars).

    Every character is in the RFC 3986 unreserved set.
    """
    return prefix + secrets.token_urlsafe(32)


def digest(value: str) -> str:
    """Return the hex SHA-256 digest under which a secret value is stored."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def constant_time_equals(left: str, right: str) -> bool:
    return hmac.compare_digest(left.encode("utf-8"), right.encode("utf-8"))


def sign(key: str, message: str) -> str:
    """Return a hex HMAC-SHA256 of ``message`` under ``key``."""
    return hmac.new(key.encode("utf-8"), message.encode("utf-8"), "sha256").hexdigest()
