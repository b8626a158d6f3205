"""Input types of the admin API.

In update inputs an omitted field keeps its value. Null also keeps it,
except for profile fields and the optional client fields in
``CLIENT_CLEARABLE_FIELDS``, where null clears the value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from app.admin.enums import (
    ApplicationType,
    ClientType,
    Permission,
    TenantStatus,
    TokenEndpointAuthMethod,
)
from app.services import clients


def service_value(value: object) -> object:
    """Return the string a service expects for an enum member, else ``value``."""
    return getattr(value, "value", value)


def given(
    source: object, names: dict[str, str], clearable: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Return the fields of ``source`` that were sent, renamed.

    ``names`` maps input attribute names to service names, and enum values
    become the strings the services use. A null is left out, unless its
    attribute is in ``clearable``, where it is passed on as None.
    """
    values = {}
    for attribute, name in names.items():
        value = getattr(source, attribute)
        if value is strawberry.UNSET:
            continue
        if value is None and attribute not in clearable:
            continue
        values[name] = service_value(value)
    return values


def profile_of(source: object) -> dict[str, str | None]:
    """Return the profile fields that were sent; null clears one."""
    names = ("name", "given_name", "family_name", "preferred_username", "locale")
    return {
        name: getattr(source, name)
        for name in names
        if getattr(source, name) is not strawberry.UNSET
    }


@strawberry.input
class CreateTenantInput:
    slug: str
    name: str = strawberry.field(description="Company name.")


@strawberry.input
class UpdateTenantInput:
    id: strawberry.ID
    slug: str | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    status: TenantStatus | None = strawberry.field(
        default=strawberry.UNSET, description="Platform admins only."
    )


@strawberry.input
class CreateUserInput:
    tenant_id: strawberry.ID
    email: str
    password: str | None = strawberry.field(
        default=None,
        description="Initial password; without one the user cannot sign in yet.",
    )
    email_verified: bool = False
    name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    preferred_username: str | None = None
    locale: str | None = None
    role_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateUserInput:
    tenant_id: strawberry.ID
    user_id: strawberry.ID
    email: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="A new email is unverified unless emailVerified is true.",
    )
    email_verified: bool | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    given_name: str | None = strawberry.UNSET
    family_name: str | None = strawberry.UNSET
    preferred_username: str | None = strawberry.UNSET
    locale: str | None = strawberry.UNSET


GRANT_TYPES_DESCRIPTION = (
    "Any of authorization_code, refresh_token and client_credentials; "
    "client_credentials only for confidential clients."
)
CORS_ORIGINS_DESCRIPTION = (
    "Origins (scheme://host[:port], https except on loopback) whose browser apps "
    "may read the token, userinfo, revocation and introspection responses."
)
JWKS_DESCRIPTION = "Public JWK Set for PRIVATE_KEY_JWT client authentication."
BACKCHANNEL_LOGOUT_URI_DESCRIPTION = (
    "Where signed logout tokens are posted when a session ends (https, or http "
    "on loopback)."
)
GRACE_DESCRIPTION = (
    f"Seconds, 0 to {clients.MAX_REFRESH_TOKEN_GRACE_SECONDS}, after a refresh in "
    "which the previous refresh token may be presented again, for a client whose "
    "refresh response was lost."
)


def ttl_description(name: str) -> str:
    maximum = clients.TOKEN_TTL_LIMITS[name][2]
    return f"Seconds, 1 to {maximum}. Null uses the server default."


@strawberry.input
class CreateClientInput:
    tenant_id: strawberry.ID
    name: str
    client_type: ClientType = ClientType.CONFIDENTIAL
    application_type: ApplicationType = ApplicationType.WEB
    token_endpoint_auth_method: TokenEndpointAuthMethod | None = strawberry.field(
        default=None,
        description=(
            "Defaults to CLIENT_SECRET_BASIC for confidential, NONE for public clients."
        ),
    )
    redirect_uris: list[str] = strawberry.field(default_factory=list)
    post_logout_redirect_uris: list[str] = strawberry.field(default_factory=list)
    allowed_scopes: list[str] = strawberry.field(default_factory=lambda: ["openid"])
    grant_types: list[str] = strawberry.field(
        default_factory=lambda: ["authorization_code"],
        description=GRANT_TYPES_DESCRIPTION,
    )
    allowed_role_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    skip_consent: bool = False
    require_pkce: bool | None = strawberry.field(
        default=None,
        description="Defaults to true for public, false for confidential clients.",
    )
    allowed_cors_origins: list[str] = strawberry.field(
        default_factory=list, description=CORS_ORIGINS_DESCRIPTION
    )
    jwks: JSON | None = strawberry.field(default=None, description=JWKS_DESCRIPTION)
    backchannel_logout_uri: str | None = strawberry.field(
        default=None, description=BACKCHANNEL_LOGOUT_URI_DESCRIPTION
    )
    backchannel_logout_session_required: bool = False
    access_token_ttl: int | None = strawberry.field(
        default=None, description=ttl_description("access_token_ttl")
    )
    id_token_ttl: int | None = strawberry.field(
        default=None, description=ttl_description("id_token_ttl")
    )
    refresh_token_ttl: int | None = strawberry.field(
        default=None, description=ttl_description("refresh_token_ttl")
    )
    refresh_token_grace_seconds: int = strawberry.field(
        default=0, description=GRACE_DESCRIPTION
    )


# Input attribute and ClientRegistration field, for both client inputs.
CLIENT_FIELDS = {
    "name": "name",
    "client_type": "client_type",
    "application_type": "application_type",
    "token_endpoint_auth_method": "token_endpoint_auth_method",
    "redirect_uris": "redirect_uris",
    "post_logout_redirect_uris": "post_logout_redirect_uris",
    "allowed_scopes": "allowed_scopes",
    "grant_types": "grant_types",
    "skip_consent": "skip_consent",
    "require_pkce": "require_pkce",
    "allowed_cors_origins": "allowed_cors_origins",
    "jwks": "jwks",
    "backchannel_logout_uri": "backchannel_logout_uri",
    "backchannel_logout_session_required": "backchannel_logout_session_required",
    "access_token_ttl": "access_token_ttl",
    "id_token_ttl": "id_token_ttl",
    "refresh_token_ttl": "refresh_token_ttl",
    "refresh_token_grace_seconds": "refresh_token_grace_seconds",
}
# Client fields where null in an update clears the value.
CLIENT_CLEARABLE_FIELDS = frozenset(
    {
        "jwks",
        "backchannel_logout_uri",
        "access_token_ttl",
        "id_token_ttl",
        "refresh_token_ttl",
    }
)


@strawberry.input
class UpdateClientInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    client_type: ClientType | None = strawberry.UNSET
    application_type: ApplicationType | None = strawberry.UNSET
    token_endpoint_auth_method: TokenEndpointAuthMethod | None = strawberry.UNSET
    redirect_uris: list[str] | None = strawberry.UNSET
    post_logout_redirect_uris: list[str] | None = strawberry.UNSET
    allowed_scopes: list[str] | None = strawberry.UNSET
    grant_types: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description=GRANT_TYPES_DESCRIPTION
    )
    allowed_role_ids: list[strawberry.ID] | None = strawberry.UNSET
    skip_consent: bool | None = strawberry.UNSET
    require_pkce: bool | None = strawberry.UNSET
    allowed_cors_origins: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description=CORS_ORIGINS_DESCRIPTION
    )
    jwks: JSON | None = strawberry.field(
        default=strawberry.UNSET, description=JWKS_DESCRIPTION + " Null removes it."
    )
    backchannel_logout_uri: str | None = strawberry.field(
        default=strawberry.UNSET,
        description=BACKCHANNEL_LOGOUT_URI_DESCRIPTION + " Null removes it.",
    )
    backchannel_logout_session_required: bool | None = strawberry.UNSET
    access_token_ttl: int | None = strawberry.field(
        default=strawberry.UNSET, description=ttl_description("access_token_ttl")
    )
    id_token_ttl: int | None = strawberry.field(
        default=strawberry.UNSET, description=ttl_description("id_token_ttl")
    )
    refresh_token_ttl: int | None = strawberry.field(
        default=strawberry.UNSET, description=ttl_description("refresh_token_ttl")
    )
    refresh_token_grace_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description=GRACE_DESCRIPTION
    )


@strawberry.input
class CreateApiKeyInput:
    tenant_id: strawberry.ID
    name: str
    permissions: list[Permission]
    expires_at: datetime | None = None


@strawberry.input
class SetScopeGroupReadinessInput:
    key: str
    api_endpoint: bool | None = strawberry.UNSET
    permission_policy: bool | None = strawberry.UNSET
    audit: bool | None = strawberry.UNSET
    docs: bool | None = strawberry.UNSET


@strawberry.input
class AuditEventFilter:
    action: str | None = None
    actor_type: str | None = None
    actor_id: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    since: datetime | None = strawberry.field(default=None, description="Inclusive.")
    until: datetime | None = strawberry.field(default=None, description="Exclusive.")
