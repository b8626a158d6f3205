"""Input types of the admin API.

In update inputs an omitted field keeps its value. Null also keeps it,
except for profile fields, where null clears the value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from app.admin.enums import (
    ApplicationType,
    ClientType,
    Permission,
    TenantStatus,
    TokenEndpointAuthMethod,
)


def service_value(value: object) -> object:
    """Return the string a service expects for an enum member, else ``value``."""
    return getattr(value, "value", value)


def given(source: object, names: dict[str, str]) -> dict[str, Any]:
    """Return the fields of ``source`` that were sent and not null, renamed.

    ``names`` maps input attribute names to service names; enum values
    become the strings the services use.
    """
    values = {}
    for attribute, name in names.items():
        value = getattr(source, attribute)
        if value is strawberry.UNSET or value is None:
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
        default_factory=lambda: ["authorization_code"]
    )
    allowed_role_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    skip_consent: bool = False
    require_pkce: bool | None = strawberry.field(
        default=None,
        description="Defaults to true for public, false for confidential clients.",
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
}


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
    grant_types: list[str] | None = strawberry.UNSET
    allowed_role_ids: list[strawberry.ID] | None = strawberry.UNSET
    skip_consent: bool | None = strawberry.UNSET
    require_pkce: bool | None = strawberry.UNSET


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
