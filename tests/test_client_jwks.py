"""Validation of the JWK Sets that private_key_jwt clients register."""

from __future__ import annotations

import warnings

import pytest
from joserfc.jwk import ECKey, RSAKey

from app.security import jose


def _public(key, **extra):
    return key.as_dict(private=False, **extra)


def test_public_signing_keys_accepted():
    rsa = RSAKey.generate_key(2048, private=True)
    ec = ECKey.generate_key("P-256", private=True)
    jose.check_public_jwks({"keys": [_public(rsa), _public(ec, use="sig")]})


def test_short_rsa_key_rejected():
    with warnings.catch_warnings():
        # joserfc warns about the key size, which is the point of this test.
        warnings.simplefilter("ignore")
        short = RSAKey.generate_key(1024, private=True)
        with pytest.raises(ValueError, match="2048"):
            jose.check_public_jwks({"keys": [_public(short)]})


def test_encryption_key_rejected():
    key = RSAKey.generate_key(2048, private=True)
    with pytest.raises(ValueError, match="signing key"):
        jose.check_public_jwks({"keys": [_public(key, use="enc")]})


def test_private_key_rejected():
    key = RSAKey.generate_key(2048, private=True)
    with pytest.raises(ValueError, match="public keys only"):
        jose.check_public_jwks({"keys": [key.as_dict(private=True)]})
