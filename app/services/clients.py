"""OAuth clients: registration rules, secrets and authentication."""

from __future__ import annotations

import copy
import hmac
import logging
import re
import secrets
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from app import origins
from app.models import ClientSecret, OAuthClient, Role, Tenant
from app.security import jose
from app.security.tokens import CLIENT_SECRET_PREFIX, digest, generate_token
from app.services import (
    audit,
    authorization,
    clock,
    paging,
    principals,
    scopes,
    tenants,
)
from app.services.errors import NotFoundError, ValidationError
from app.services.principals import Principal

logger = logging.getLogger(__name__)

CONFIDENTIAL_AUTH_METHODS = ("client_secret_basic", "client_secret_post", "private_key_jwt")
PUBLIC_AUTH_METHODS = ("none",)
SECRET_AUTH_METHODS = ("client_secret_basic", "client_secret_post")
SUPPORTED_GRANT_TYPES = ("authorization_code", "refresh_token", "client_credentials")
MAX_NAME_LENGTH = 200
MAX_URI_LENGTH = 2000
# Caps on list fields, so that one registration cannot make every read of
# the client large.
MAX_LIST_ITEMS = {
    "redirect_uris": 20,
    "post_logout_redirect_uris": 20,
    "allowed_cors_origins": 20,
    "allowed_scopes": 50,
    "grant_types": 5,
}
_LIST_FIELD_NAMES = {
    "redirect_uris": "redirectUris",
    "post_logout_redirect_uris": "postLogoutRedirectUris",
    "allowed_cors_origins": "allowedCorsOrigins",
    "allowed_scopes": "allowedScopes",
    "grant_types": "grantTypes",
}
# The maximum overlap a rotation may give the previous secret.
MAX_ROTATION_OVERLAP = timedelta(days=30)
# Message label, input field and upper bound in seconds of each per-client
# lifetime. A retired signing key stays published for the longest ID token
# lifetime of any client, so that bound also limits how long it stays in
# the JWKS.
TOKEN_TTL_LIMITS = {
    "access_token_ttl": ("access token lifetime", "accessTokenTtl", 24 * 3600),
    "id_token_ttl": ("ID token lifetime", "idTokenTtl", 24 * 3600),
    "refresh_token_ttl": ("refresh token lifetime", "refreshTokenTtl", 365 * 24 * 3600),
}
MAX_REFRESH_TOKEN_GRACE_SECONDS = 60


@dataclass
class ClientRegistration:
    """Fields that a caller sets when creating or updating a client.

    Each field is the ``OAuthClient`` attribute of the same name, which
    ``registration_of`` and ``_client_fields`` rely on.
    """

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
    # Public keys for private_key_jwt, as a JWK Set.
    jwks: dict | None = None
    backchannel_logout_uri: str | None = None
    backchannel_logout_session_required: bool = False
    # None: required for public clients, optional for confidential ones.
    require_pkce: bool | None = None
    # Lifetimes in seconds. None uses the server default.
    access_token_ttl: int | None = None
    id_token_ttl: int | None = None
    refresh_token_ttl: int | None = None
    # How long after a rotation the previous refresh token may be retried.
    refresh_token_grace_seconds: int = 0

    @property
    def pkce_required(self) -> bool:
        if self.require_pkce is None:
            return self.client_type == "public"
        return self.require_pkce


def registration_of(client: OAuthClient) -> ClientRegistration:
    """Return the registration that describes an existing client."""
    values = {item.name: getattr(client, item.name) for item in fields(ClientRegistration)}
    return ClientRegistration(**values)


# Characters that no URI contains (RFC 3986 section 2) and that could end a
# header value or a CSP directive where the URI is echoed.
_UNSAFE_URI_CHARACTERS = re.compile(r'[\x00-\x20\x7f"<>\\^`{|}]')
_HOST_NAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|[0-9a-f:.]+)$")


def check_redirect_uri(uri: str, application_type: str, field_name: str) -> None:
    """Reject redirect URIs that are relative, carry a fragment or are insecure.

    https is required, except http on loopback hosts and, for native apps,
    private-use schemes such as ``com.example.app:/callback`` (RFC 8252).
    """
    if len(uri) > MAX_URI_LENGTH:
        raise ValidationError(
            f"redirect URI must be at most {MAX_URI_LENGTH} characters", field=field_name
        )
    if not uri.isascii() or _UNSAFE_URI_CHARACTERS.search(uri):
        raise ValidationError(
            f"redirect URI {uri!r} must be ASCII without spaces, control "
            "characters, quotes or backslashes; percent-encode other characters",
            field=field_name,
        )
    try:
        parts = urlsplit(uri)
        parts.port
    except ValueError as exc:
        raise ValidationError(f"redirect URI {uri!r} has an invalid port", field=field_name) from exc
    if not parts.scheme or (parts.scheme in ("http", "https") and not parts.netloc):
        raise ValidationError(f"redirect URI {uri!r} must be absolute", field=field_name)
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            f"redirect URI {uri!r} must not contain user credentials", field=field_name
        )
    if parts.scheme in ("http", "https") and not _HOST_NAME.match(parts.hostname or ""):
        raise ValidationError(
            f"redirect URI {uri!r} must name a valid host", field=field_name
        )
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
    _check_lists(registration)
    _check_identity(registration)
    method = _check_auth_method(registration)
    _check_uris(registration)
    _check_lifetimes(registration)
    await _check_scopes_and_grants(registration)
    return method


def _check_lists(registration: ClientRegistration) -> None:
    for name, limit in MAX_LIST_ITEMS.items():
        values = getattr(registration, name)
        if len(values) > limit:
            raise ValidationError(
                f"at most {limit} items are allowed", field=_LIST_FIELD_NAMES[name]
            )
        if len(set(values)) != len(values):
            raise ValidationError("items must not repeat", field=_LIST_FIELD_NAMES[name])


def _check_identity(registration: ClientRegistration) -> None:
    if not registration.name.strip():
        raise ValidationError("client name is required", field="name")
    if len(registration.name.strip()) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"client name must be at most {MAX_NAME_LENGTH} characters", field="name"
        )
    if registration.client_type not in ("confidential", "public"):
        raise ValidationError(
            "client type must be confidential or public", field="clientType"
        )
    if registration.application_type not in ("web", "native"):
        raise ValidationError(
            "application type must be web or native", field="applicationType"
        )


def _check_auth_method(registration: ClientRegistration) -> str:
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
    if registration.client_type == "public" and not registration.pkce_required:
        raise ValidationError("public clients must use PKCE", field="requirePkce")
    if method == "private_key_jwt" or registration.jwks:
        _check_jwks(registration.jwks)
    return method


def _check_uris(registration: ClientRegistration) -> None:
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
    for origin in registration.allowed_cors_origins:
        try:
            origins.check_origin(origin)
        except ValueError as exc:
            raise ValidationError(str(exc), field="allowedCorsOrigins") from exc


async def _check_scopes_and_grants(registration: ClientRegistration) -> None:
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
    if (
        "client_credentials" in registration.grant_types
        and registration.client_type != "confidential"
    ):
        raise ValidationError(
            "only confidential clients may use the client_credentials grant",
            field="grantTypes",
        )


def _check_lifetimes(registration: ClientRegistration) -> None:
    for name, (label, field_name, maximum) in TOKEN_TTL_LIMITS.items():
        value = getattr(registration, name)
        if value is not None and not 1 <= value <= maximum:
            raise ValidationError(
                f"the {label} must be 1 to {maximum} seconds, or null for the "
                "server default",
                field=field_name,
            )
    grace = registration.refresh_token_grace_seconds
    if not 0 <= grace <= MAX_REFRESH_TOKEN_GRACE_SECONDS:
        raise ValidationError(
            "the refresh token grace window must be 0 to "
            f"{MAX_REFRESH_TOKEN_GRACE_SECONDS} seconds",
            field="refreshTokenGraceSeconds",
        )


def _check_jwks(jwks: dict | None) -> None:
    if not jwks:
        raise ValidationError("private_key_jwt requires a JWK Set", field="jwks")
    try:
        jose.check_public_jwks(jwks)
    except ValueError as exc:
        raise ValidationError(f"the JWK Set is invalid: {exc}", field="jwks") from exc


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
        **_client_fields(registration, method),
    )
    if allowed_roles:
        await client.allowed_roles.add(*allowed_roles)
    secret = None
    if method in SECRET_AUTH_METHODS:
        secret = await add_secret(client)
    return client, secret


def _client_fields(registration: ClientRegistration, method: str) -> dict[str, Any]:
    """Return the model fields of a validated registration."""
    values = {
        item.name: copy.copy(getattr(registration, item.name))
        for item in fields(ClientRegistration)
    }
    values.update(
        name=registration.name.strip(),
        token_endpoint_auth_method=method,
        require_pkce=registration.pkce_required,
    )
    return values


async def add_secret(client: OAuthClient) -> str:
    secret = generate_token(CLIENT_SECRET_PREFIX)
    await ClientSecret.create(client=client, digest=digest(secret))
    return secret


async def rotate_secret(
    client: OAuthClient, previous_valid_for: timedelta
) -> tuple[str, datetime]:
    """Add a new secret; the newest previous one works for ``previous_valid_for``.

    Older secrets stop at once, so at most two secrets are valid at a time
    however often a client rotates. Return the new secret and the time the
    previous one stops working.
    """
    now = clock.now()
    expiry = now + previous_valid_for
    live = await ClientSecret.filter(client=client).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    ).order_by("-created_at")
    if live:
        newest, older = live[0], live[1:]
        if newest.expires_at is None or newest.expires_at > expiry:
            await ClientSecret.filter(id=newest.id).update(expires_at=expiry)
        if older:
            await ClientSecret.filter(id__in=[row.id for row in older]).update(expires_at=now)
    return await add_secret(client), expiry


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


# Clients through the admin API.


async def get_client(principal: Principal, client_id: Any) -> OAuthClient | None:
    principal.require("read")
    return await principals.find_visible(principal, OAuthClient.all(), client_id)


async def _changeable_client(principal: Principal, client_id: Any) -> OAuthClient:
    """Return a client the principal may change, or raise.

    Only platform admins may change the first-party dashboard client, because
    an attacker who controls its redirect URIs receives every tenant admin's
    authorization codes.
    """
    client = await principals.find_visible(principal, OAuthClient.all(), client_id)
    if client is None:
        raise NotFoundError("client not found", field="id")
    if client.client_id == principal.dashboard_client_id:
        principal.require_platform_admin()
    return client


async def list_clients(
    principal: Principal,
    tenant_id: Any,
    page: paging.PageRequest,
    search: str | None = None,
) -> paging.Page[OAuthClient]:
    principal.require("read")
    tenant = await principals.visible_tenant(principal, tenant_id)
    queryset = OAuthClient.filter(tenant_id=tenant.id)
    search = paging.check_search(search)
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search) | Q(client_id__icontains=search)
        )
    return await paging.paginate(queryset, page, "name", "id")


async def _record(
    principal: Principal, action: str, client: OAuthClient, **details: Any
) -> None:
    await audit.record_change(
        principal,
        action,
        tenant_id=client.tenant_id,
        target_type="client",
        target_id=client.id,
        details={"client_id": client.client_id, **details},
    )


async def create_client_as(
    principal: Principal,
    tenant_id: Any,
    registration: ClientRegistration,
    allowed_role_ids: list[Any] | None = None,
) -> tuple[OAuthClient, str | None]:
    """Create a client in a tenant; the secret is returned here only."""
    principal.require("clients")
    tenant = await principals.visible_tenant(principal, tenant_id)
    roles = await tenants.roles_in_tenant(
        tenant.id, allowed_role_ids or [], "allowedRoleIds"
    )
    async with in_transaction():
        client, secret = await create_client(tenant, registration, roles)
        await _record(principal, "client.created", client, name=client.name)
    return client, secret


async def update_client(
    principal: Principal,
    client_id: Any,
    changes: dict[str, Any],
    allowed_role_ids: list[Any] | None = None,
) -> tuple[OAuthClient, str | None]:
    """Change a client's registration; ``changes`` maps registration fields to values.

    A change of client type without an auth method or PKCE setting takes the
    new type's defaults. A change to a secret-based auth method that leaves
    the client without a secret creates one, returned here only; a change
    away from secrets deletes them.
    """
    principal.require("clients")
    client = await _changeable_client(principal, client_id)
    current = registration_of(client)
    changes = {
        key: value for key, value in changes.items() if getattr(current, key) != value
    }
    if "client_type" in changes:
        changes.setdefault("token_endpoint_auth_method", None)
        changes.setdefault("require_pkce", None)
    registration = replace(current, **changes)
    method = await check_registration(registration)
    roles = None
    if allowed_role_ids is not None:
        roles = await tenants.roles_in_tenant(
            client.tenant_id, allowed_role_ids, "allowedRoleIds"
        )
    new_secret = None
    async with in_transaction():
        for key, value in _client_fields(registration, method).items():
            setattr(client, key, value)
        await client.save()
        if roles is not None:
            await client.allowed_roles.clear()
            if roles:
                await client.allowed_roles.add(*roles)
        if method in SECRET_AUTH_METHODS:
            if not await _active_secrets(client).exists():
                new_secret = await add_secret(client)
        else:
            await ClientSecret.filter(client=client).delete()
        changed = sorted(changes) + (["allowed_roles"] if roles is not None else [])
        await _record(principal, "client.updated", client, fields=changed)
    return client, new_secret


async def set_client_enabled(
    principal: Principal, client_id: Any, enabled: bool
) -> OAuthClient:
    principal.require("clients")
    client = await _changeable_client(principal, client_id)
    if client.enabled == enabled:
        return client
    client.enabled = enabled
    async with in_transaction():
        await client.save(update_fields=["enabled", "updated_at"])
        if not enabled:
            await authorization.revoke_grants("client_disabled", client_id=client.id)
        action = "client.enabled" if enabled else "client.disabled"
        await _record(principal, action, client)
    return client


async def delete_client(principal: Principal, client_id: Any) -> UUID:
    """Delete a client with its secrets, grants and tokens."""
    principal.require("clients")
    client = await _changeable_client(principal, client_id)
    async with in_transaction():
        await client.allowed_roles.clear()
        await client.delete()
        await _record(principal, "client.deleted", client)
    return client.id


async def rotate_client_secret(
    principal: Principal, client_id: Any, previous_valid_for_seconds: int
) -> tuple[OAuthClient, str, datetime]:
    """Issue a new secret; the previous ones keep working for the given seconds.

    Return the client, the new secret (shown only here) and when the
    previous secrets stop working.
    """
    principal.require("clients")
    client = await _changeable_client(principal, client_id)
    if client.token_endpoint_auth_method not in SECRET_AUTH_METHODS:
        raise ValidationError(
            "this client does not authenticate with a secret", field="id"
        )
    overlap = timedelta(seconds=previous_valid_for_seconds)
    if overlap < timedelta(0) or overlap > MAX_ROTATION_OVERLAP:
        limit = int(MAX_ROTATION_OVERLAP.total_seconds())
        raise ValidationError(
            f"the previous secret may stay valid for 0 to {limit} seconds",
            field="previousSecretValidForSeconds",
        )
    async with in_transaction():
        secret, expires_at = await rotate_secret(client, overlap)
        await _record(
            principal,
            "client.secret_rotated",
            client,
            previous_valid_for_seconds=previous_valid_for_seconds,
        )
    logger.info(
        "rotated the secret of client %s; previous secrets valid for %s s",
        client.client_id,
        previous_valid_for_seconds,
    )
    return client, secret, expires_at


def _active_secrets(client: OAuthClient):
    return ClientSecret.filter(client=client).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=clock.now())
    )


async def allowed_roles_by_client(client_ids: list[UUID]) -> dict[UUID, list[Role]]:
    """Return each client's allowed roles, sorted by name, in two queries."""
    rows = await OAuthClient.filter(id__in=client_ids).prefetch_related("allowed_roles")
    return {
        client.id: sorted(client.allowed_roles, key=lambda role: role.name)
        for client in rows
    }


async def secrets_by_client(client_ids: list[UUID]) -> dict[UUID, list[ClientSecret]]:
    """Return each client's secret records (never a secret), newest first."""
    result: dict[UUID, list[ClientSecret]] = {client_id: [] for client_id in client_ids}
    rows = await ClientSecret.filter(client_id__in=client_ids).order_by(
        "-created_at", "id"
    )
    for row in rows:
        result[row.client_id].append(row)
    return result
