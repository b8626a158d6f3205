"""Proof Key for Code Exchange (RFC 7636), S256 only."""

from __future__ import annotations

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oauth2.rfc7636.challenge import (
    CODE_CHALLENGE_PATTERN,
    CODE_VERIFIER_PATTERN,
)

from app.security.tokens import constant_time_equals

SUPPORTED_METHODS = ("S256",)


def is_valid_challenge(challenge: str) -> bool:
    return bool(CODE_CHALLENGE_PATTERN.match(challenge))


def verify(code_verifier: str, code_challenge: str) -> bool:
    """Check a code verifier against the S256 challenge stored with a code."""
    if not CODE_VERIFIER_PATTERN.match(code_verifier):
        return False
    expected = create_s256_code_challenge(code_verifier)
    return constant_time_equals(expected, code_challenge)
