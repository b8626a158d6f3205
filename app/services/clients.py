"""OAuth clients: registration rules, secrets and authentication."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from tortoise.expressions import Q

from app.models import ClientSecret, OAuthClient, Role, Tenant
from app.security.tokens import CLIENT_SECRET_PREFIX, digest, generate_token
from app.services import clock, scopes
from app.services.errors import ValidationError

CONFIDENTIAL_AUTH_METHODS = ("client_secret_basic", "client_secret_post", "private_key_jwt")
PUBLIC_AUTH_METHODS = ("none",)
SUPPORTED_GRANT_TYPES = ("authorization_code",)


@dataclass
class ClientRegistration:
    """Fields that a caller sets when creating or updating a client."""

    name: str
    client_type: str = "confidential"
    token_endpoint_auth_method: str | None = None
    application_type: str = "web"
    redirect_uris: list[str] = field(default_factory=list)
    post_logout_redirect_uris: list[str] = field(default_factory=list)
    allowed_scopes: list[str] = field(default_factory=lambda: ["openid"])
    grant_types: list[str] = field(default_factory=lambda: ["authorization_code"])
    allowed_cors_origins: list[str] = field(default_factory=list)
    skip_consent: bool = False
    backchannel_logout_uri: str | None = None
    backchannel_logout_session_required: bool = False


def check_redirect_uri(uri: str, application_type: str, field_name: str) -> None:
    """Reject redirect URIs that are relative, carry a fragment or are insecure.

    https is required, except http on loopback hosts and, for native apps,
    private-use schemes such as ``com.example.app:/callback`` (RFC 8252).
    """
    parts = urlsplit(uri)
    if not parts.scheme or (parts.scheme in ("http", "https") and not parts.netloc):
        raise ValidationError(f"redirect URI {uri!r} must be absolute", field=field_name)
    if parts.fragment or uri.endswith("#"):
        raise ValidationError(
            f"redirect URI {uri!r} must not contain a fragment", field=field_name
        )
    if parts.scheme == "https":
        return
    if parts.scheme == "http":
        if parts.hostname in ("127.0.0.1", "::1", "localhost"):
            return
        raise ValidationError(
            f"redirect URI {uri!r} must use https (http is allowed only on loopback)",
            field=field_name,
        )
    if application_type == "native" and "." in parts.scheme:
        return
    raise ValidationError(
        f"redirect URI {uri!r} has an unsupported scheme; native apps may use a "
        "reverse-domain private-use scheme",
        field=field_name,
    )


async def check_registration(registration: ClientRegistration) -> str:
    """Validate a registration and return its token endpoint auth method."""
    if not registration.name.strip():
        raise ValidationError("client name is required", field="name")
    if registration.client_type not in ("confidential", "public"):
        raise ValidationError(
            "client type must be confidential or public", field="clientType"
        )
    if registration.application_type not in ("web", "native"):
        raise ValidationError(
            "application type must be web or native", field="applicationType"
        )
    method = registration.token_endpoint_auth_method
    if registration.client_type == "public":
        method = method or "none"
        allowed = PUBLIC_AUTH_METHODS
    else:
        method = method or "client_secret_basic"
        allowed = CONFIDENTIAL_AUTH_METHODS
    if method not in allowed:
        raise ValidationError(
            f"token endpoint auth method {method!r} is not valid for a "
            f"{registration.client_type} client; use one of {', '.join(allowed)}",
            field="tokenEndpointAuthMethod",
        )
    if not registration.redirect_uris and "authorization_code" in registration.grant_types:
        raise ValidationError("at least one redirect URI is required", field="redirectUris")
    for uri in registration.redirect_uris:
        check_redirect_uri(uri, registration.application_type, "redirectUris")
    for uri in registration.post_logout_redirect_uris:
        check_redirect_uri(uri, registration.application_type, "postLogoutRedirectUris")
    if registration.backchannel_logout_uri is not None:
        # The provider's server posts to this URI, so only https, or http
        # on loopback, is accepted (the web rules, with no private schemes).
        check_redirect_uri(
            registration.backchannel_logout_uri, "web", "backchannelLogoutUri"
        )
    grantable = set(await scopes.grantable_scopes())
    for scope in registration.allowed_scopes:
        if scope not in grantable:
            raise ValidationError(
                f"scope {scope!r} is not an available catalog scope", field="allowedScopes"
            )
    for grant_type in registration.grant_types:
        if grant_type not in SUPPORTED_GRANT_TYPES:
            raise ValidationError(
                f"grant type {grant_type!r} is not supported", field="grantTypes"
            )
    return method


def _new_client_id() -> str:
    return "rgn_" + secrets.token_hex(12)


async def create_client(
    tenant: Tenant,
    registration: ClientRegistration,
    allowed_roles: list[Role] | None = None,
) -> tuple[OAuthClient, str | None]:
    """Create a client; return it with its secret (None for public clients).

    The secret is returned only here and only its digest is stored.
    """
    method = await check_registration(registration)
    client = await OAuthClient.create(
        client_id=_new_client_id(),
        tenant=tenant,
        name=registration.name.strip(),
        client_type=registration.client_type,
        application_type=registration.application_type,
        token_endpoint_auth_method=method,
        redirect_uris=list(registration.redirect_uris),
        post_logout_redirect_uris=list(registration.post_logout_redirect_uris),
        allowed_scopes=list(registration.allowed_scopes),
        grant_types=list(registration.grant_types),
        allowed_cors_origins=list(registration.allowed_cors_origins),
        require_pkce=registration.client_type == "public",
        skip_consent=registration.skip_consent,
        backchannel_logout_uri=registration.backchannel_logout_uri,
        backchannel_logout_session_required=registration.backchannel_logout_session_required,
    )
    if allowed_roles:
        await client.allowed_roles.add(*allowed_roles)
    secret = None
    if method in ("client_secret_basic", "client_secret_post"):
        secret = await add_secret(client)
    return client, secret


async def add_secret(client: OAuthClient) -> str:
    secret = generate_token(CLIENT_SECRET_PREFIX)
    await ClientSecret.create(client=client, digest=digest(secret))
    return secret


async def rotate_secret(client: OAuthClient, previous_valid_for: timedelta) -> str:
    """Add a new secret; existing secrets stop working after ``previous_valid_for``."""
    expiry = clock.now() + previous_valid_for
    await ClientSecret.filter(client=client).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=expiry)
    ).update(expires_at=expiry)
    return await add_secret(client)


async def find_client(client_id: str) -> OAuthClient | None:
    if not client_id or len(client_id) > 64:
        return None
    return await OAuthClient.get_or_none(client_id=client_id).select_related("tenant")


async def verify_secret(client: OAuthClient, presented: str) -> bool:
    """Compare a presented secret with the client's unexpired secrets.

    Every stored digest is compared in constant time, so the result does not
    depend on which secret matched.
    """
    presented_digest = digest(presented)
    rows = await ClientSecret.filter(client=client).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=clock.now())
    ).values_list("digest", flat=True)
    matched = False
    for stored in rows:
        matched |= hmac.compare_digest(stored, presented_digest)
    return matched


LOOPBACK_IPS = ("127.0.0.1", "::1")


def redirect_uri_registered(client: OAuthClient, redirect_uri: str) -> bool:
    """Match a redirect URI against the client's registered ones.

    Matching is exact, except that a native client's loopback IP redirect
    matches a registered one on any port (RFC 8252 section 7.3). The name
    ``localhost`` does not get this rule, because it can resolve to another
    interface (RFC 8252 section 8.3).
    """
    if redirect_uri in client.redirect_uris:
        return True
    if client.application_type != "native":
        return False
    presented = _loopback_without_port(redirect_uri)
    if presented is None:
        return False
    return any(
        _loopback_without_port(registered) == presented for registered in client.redirect_uris
    )


def _loopback_without_port(uri: str) -> tuple[str, str, str] | None:
    """Return (host, path, query) of an http loopback IP URI, or None."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        # A malformed or out-of-range port.
        return None
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_IPS or port == 0:
        return None
    if parts.username is not None or parts.password is not None or parts.fragment:
        return None
    return parts.hostname, parts.path, parts.query
