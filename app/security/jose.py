"""JOSE keys and JWTs, through joserfc."""

from __future__ import annotations

from typing import Any

from authlib.oidc.core.util import create_half_hash
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey

SIGNING_ALG = "RS256"


def generate_signing_key() -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Generate an RSA 2048 key; return its kid, private JWK and public JWK.

    The kid is the RFC 7638 thumbprint, so it is unique per key.
    """
    key = RSAKey.generate_key(2048, private=True)
    kid = key.thumbprint()
    private_jwk = key.as_dict(private=True, kid=kid, use="sig", alg=SIGNING_ALG)
    public_jwk = key.as_dict(private=False, kid=kid, use="sig", alg=SIGNING_ALG)
    return kid, private_jwk, public_jwk


def import_key(jwk: dict[str, Any]) -> RSAKey:
    return RSAKey.import_key(jwk)


def encode_jwt(claims: dict[str, Any], private_jwk: dict[str, Any], typ: str = "JWT") -> str:
    header = {"alg": SIGNING_ALG, "kid": private_jwk["kid"], "typ": typ}
    return jwt.encode(header, claims, import_key(private_jwk))


def decode_jwt(token: str, public_jwks: list[dict[str, Any]]) -> tuple[dict, dict]:
    """Verify a JWT against a set of public JWKs; return (header, claims).

    Raises ``JoseError`` on a bad signature or a malformed token. Claims
    such as ``exp`` are left for the caller to validate.
    """
    key_set = KeySet.import_key_set({"keys": public_jwks})
    token_obj = jwt.decode(token, key_set, algorithms=[SIGNING_ALG])
    return dict(token_obj.header), dict(token_obj.claims)


def half_hash(value: str) -> str:
    """Return the ``at_hash`` of an access token (OIDC Core 3.1.3.6)."""
    return create_half_hash(value, SIGNING_ALG).decode("ascii")


__all__ = [
    "JoseError",
    "SIGNING_ALG",
    "decode_jwt",
    "encode_jwt",
    "generate_signing_key",
    "half_hash",
    "import_key",
]
