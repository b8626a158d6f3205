"""JOSE keys and JWTs, through joserfc."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import json

from authlib.oidc.core.util import create_half_hash
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey

SIGNING_ALG = "RS256"
MIN_RSA_BITS = 2048
# Asymmetric algorithms accepted for client assertions. HS* would let anyone
# with the public key sign, and "none" signs nothing.
CLIENT_ASSERTION_ALGS = ("RS256", "PS256", "ES256")
_CLIENT_KEY_TYPES = ("RSA", "EC")


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
    return jwt.encode(header, claims, _imported_private_key(private_jwk))


_PRIVATE_KEY_CACHE_SIZE = 16
_private_keys: OrderedDict[str, RSAKey] = OrderedDict()


def _imported_private_key(private_jwk: dict[str, Any]) -> RSAKey:
    """Return the imported key for a private JWK, reusing earlier imports.

    Importing a private RSA key validates it and takes about 50 ms on a
    2-core AMD EPYC, against about 0.4 ms to sign with it. The kid is the
    RFC 7638 thumbprint, so one kid always names the same key pair.
    """
    kid = private_jwk["kid"]
    key = _private_keys.get(kid)
    if key is None:
        key = import_key(private_jwk)
        _private_keys[kid] = key
        if len(_private_keys) > _PRIVATE_KEY_CACHE_SIZE:
            _private_keys.popitem(last=False)
    else:
        _private_keys.move_to_end(kid)
    return key


def decode_jwt(token: str, public_jwks: list[dict[str, Any]]) -> tuple[dict, dict]:
    """Verify a JWT against a set of public JWKs; return (header, claims).

    Raises ``JoseError`` on a bad signature or a malformed token. Claims
    such as ``exp`` are left for the caller to validate.
    """
    key_set = KeySet.import_key_set({"keys": public_jwks})
    token_obj = jwt.decode(token, key_set, algorithms=[SIGNING_ALG])
    return dict(token_obj.header), dict(token_obj.claims)


def check_public_jwks(jwks: dict[str, Any]) -> None:
    """Raise ``ValueError`` unless ``jwks`` is a JWK Set of public RSA or EC keys."""
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list) or not keys:
        raise ValueError("it must be an object with a non-empty keys array")
    for jwk in keys:
        if not isinstance(jwk, dict) or jwk.get("kty") not in _CLIENT_KEY_TYPES:
            raise ValueError("every key must have kty RSA or EC")
        if jwk.get("use", "sig") != "sig":
            raise ValueError("every key must be a signing key (use sig)")
    try:
        key_set = KeySet.import_key_set(jwks)
    except (JoseError, ValueError, TypeError) as exc:
        raise ValueError("a key could not be imported") from exc
    if any(key.is_private for key in key_set.keys):
        raise ValueError("it must contain public keys only")
    for key in key_set.keys:
        # NIST SP 800-131A disallows RSA keys under 2048 bits for signatures.
        if isinstance(key, RSAKey) and key.raw_value.key_size < MIN_RSA_BITS:
            raise ValueError(f"RSA keys must have at least {MIN_RSA_BITS} bits")


def unverified_claims(token: str) -> dict[str, Any]:
    """Return a JWT's claims without verifying it, to find which key verifies it.

    Raises ``JoseError`` or ``ValueError`` when the token is not a JWS.
    """
    payload = json.loads(jws.extract_compact(token.encode("ascii")).payload)
    if not isinstance(payload, dict):
        raise ValueError("the JWT claims are not a JSON object")
    return payload


def verify_client_assertion(token: str, jwks: dict[str, Any]) -> dict[str, Any]:
    """Verify a client assertion's signature with the client's JWK Set; return its claims.

    Raises ``JoseError`` (or ``ValueError`` for a malformed set). The caller
    validates the claims.
    """
    key_set = KeySet.import_key_set(jwks)
    token_obj = jwt.decode(token, key_set, algorithms=list(CLIENT_ASSERTION_ALGS))
    return dict(token_obj.claims)


def half_hash(value: str) -> str:
    """Return the ``at_hash`` of an access token (OIDC Core 3.1.3.6)."""
    return create_half_hash(value, SIGNING_ALG).decode("ascii")


__all__ = [
    "CLIENT_ASSERTION_ALGS",
    "JoseError",
    "SIGNING_ALG",
    "check_public_jwks",
    "decode_jwt",
    "encode_jwt",
    "generate_signing_key",
    "half_hash",
    "import_key",
    "unverified_claims",
    "verify_client_assertion",
]
