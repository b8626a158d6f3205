"""Discovery metadata and the JWK Set."""

from __future__ import annotations

from app.oidc.grants import GRANT_HANDLERS

AVAILABLE = ["openid", "profile", "email", "tenant.read", "roles.read"]


async def test_discovery_endpoints(http):
    response = await http.get("/.well-known/openid-configuration")
    assert response.status_code == 200
    document = response.json()
    assert document["issuer"] == "http://testserver"
    assert document["authorization_endpoint"] == "http://testserver/oauth/authorize"
    assert document["token_endpoint"] == "http://testserver/oauth/token"
    assert document["userinfo_endpoint"] == "http://testserver/oauth/userinfo"
    assert document["jwks_uri"] == "http://testserver/oauth/jwks.json"


async def test_discovery_lists_only_available_scopes(http):
    document = (await http.get("/.well-known/openid-configuration")).json()
    assert document["scopes_supported"] == AVAILABLE


async def test_discovery_matches_behaviour(http):
    document = (await http.get("/.well-known/openid-configuration")).json()
    assert document["grant_types_supported"] == list(GRANT_HANDLERS)
    assert document["response_types_supported"] == ["code"]
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["authorization_response_iss_parameter_supported"] is True
    assert document["token_endpoint_auth_methods_supported"] == [
        "client_secret_basic",
        "client_secret_post",
        "private_key_jwt",
        "none",
    ]
    assert document["token_endpoint_auth_signing_alg_values_supported"] == [
        "RS256",
        "PS256",
        "ES256",
    ]
    assert document["revocation_endpoint"] == "http://testserver/oauth/revoke"
    assert document["introspection_endpoint"] == "http://testserver/oauth/introspect"
    assert "none" not in document["introspection_endpoint_auth_methods_supported"]


async def test_server_metadata_matches_discovery(http):
    response = await http.get("/.well-known/oauth-authorization-server")
    assert response.status_code == 200
    metadata = response.json()
    openid = (await http.get("/.well-known/openid-configuration")).json()
    assert metadata["issuer"] == "http://testserver"
    shared = set(metadata) & set(openid)
    assert shared == set(metadata)
    for name in shared:
        assert metadata[name] == openid[name], name
    for required in ("issuer", "token_endpoint", "response_types_supported", "jwks_uri"):
        assert required in metadata, required
    # Members that only OpenID Connect defines stay out of RFC 8414 metadata.
    assert "userinfo_endpoint" not in metadata
    assert "id_token_signing_alg_values_supported" not in metadata


async def test_jwks_publishes_public_keys_only(http):
    response = await http.get("/oauth/jwks.json")
    assert response.status_code == 200
    keys = response.json()["keys"]
    assert keys
    kids = [key["kid"] for key in keys]
    assert len(kids) == len(set(kids))
    for key in keys:
        assert key["kty"] == "RSA"
        assert key["alg"] == "RS256"
        for private_member in ("d", "p", "q", "dp", "dq", "qi"):
            assert private_member not in key
