"""Enumerations of the admin API; each value is the string the services use."""

from __future__ import annotations

from enum import Enum

import strawberry

from app.services import catalog, principals


@strawberry.enum(description="Whether a tenant's users can sign in.")
class TenantStatus(Enum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


@strawberry.enum(description="Confidential clients keep a secret; public ones cannot.")
class ClientType(Enum):
    CONFIDENTIAL = "confidential"
    PUBLIC = "public"


@strawberry.enum(
    description="Native apps may use loopback and private-use redirect URIs."
)
class ApplicationType(Enum):
    WEB = "web"
    NATIVE = "native"


@strawberry.enum(description="How a client authenticates at the token endpoint.")
class TokenEndpointAuthMethod(Enum):
    CLIENT_SECRET_BASIC = "client_secret_basic"
    CLIENT_SECRET_POST = "client_secret_post"
    PRIVATE_KEY_JWT = "private_key_jwt"
    NONE = "none"


@strawberry.enum(description="How the caller of a request authenticated.")
class PrincipalKind(Enum):
    PLATFORM_KEY = principals.PLATFORM_KEY
    API_KEY = principals.API_KEY
    DASHBOARD = principals.DASHBOARD


Permission = strawberry.enum(
    Enum("Permission", {name.upper(): name for name in principals.PERMISSIONS}),
    description=(
        "A permission of a tenant API key. READ covers the tenant's queries "
        "except the audit log (AUDIT) and the key list (API_KEYS)."
    ),
)

ReadinessItem = strawberry.enum(
    Enum("ReadinessItem", {name.upper(): name for name in catalog.READINESS_ITEMS}),
    description="What must be done before a planned scope group can be enabled.",
)
