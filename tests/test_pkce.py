"""PKCE verification (RFC 7636)."""

from __future__ import annotations

from app.security import pkce

# RFC 7636 appendix B.
RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_rfc7636_appendix_b_vector():
    assert pkce.verify(RFC_VERIFIER, RFC_CHALLENGE)


def test_wrong_verifier_rejected():
    assert not pkce.verify(RFC_VERIFIER[:-1] + "A", RFC_CHALLENGE)


def test_short_verifier_rejected():
    # 42 characters: one below the RFC 7636 section 4.1 minimum.
    assert not pkce.verify("a" * 42, RFC_CHALLENGE)


def test_verifier_with_reserved_characters_rejected():
    assert not pkce.verify("a" * 42 + "/", RFC_CHALLENGE)


def test_plain_method_not_supported():
    assert pkce.SUPPORTED_METHODS == ("S256",)
