"""Output types of the admin API and their mapping from service results.

Each type contains plain values copied from a service result, never an ORM
object; relations are resolved through the request's DataLoaders.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from app.admin.enums import (
    ApplicationType,
    ClientType,
    Permission,
    PrincipalKind,
    ReadinessItem,
    TenantStatus,
    TokenEndpointAuthMethod,
)
from app.services import catalog, paging

T = TypeVar("T")


def _id(value: Any) -> strawberry.ID:
    return strawberry.ID(str(value))


@strawberry.type(description="One page of a list, with the size of the whole list.")
class Page(Generic[T]):
    items: list[T]
    total_count: int
    limit: int
    offset: int


def page_of(page: paging.Page[Any], mapper: Any) -> Page[Any]:
    return Page(
        items=[mapper(item) for item in page.items],
        total_count=page.total_count,
        limit=page.limit,
        offset=page.offset,
    )


@strawberry.type
class Tenant:
    id: strawberry.ID
    slug: str
    name: str = strawberry.field(description="Company name, the tenant_name claim.")
    status: TenantStatus
    created_at: datetime
    updated_at: datetime


def tenant(row: Any) -> Tenant:
    return Tenant(
        id=_id(row.id),
        slug=row.slug,
        name=row.name,
        status=TenantStatus(row.status),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


@strawberry.type(description="A tenant role; its name is what the roles claim carries.")
class Role:
    id: strawberry.ID
    tenant_id: strawberry.ID
    name: str
    created_at: datetime


def role(row: Any) -> Role:
    return Role(
        id=_id(row.id),
        tenant_id=_id(row.tenant_id),
        name=row.name,
        created_at=row.created_at,
    )


@strawberry.type(description="An account with its membership in one tenant.")
class User:
    id: strawberry.ID = strawberry.field(description="The account id, the sub claim.")
    tenant_id: strawberry.ID
    email: str
    email_verified: bool
    name: str | None
    given_name: str | None
    family_name: str | None
    preferred_username: str | None
    locale: str | None
    has_password: bool
    disabled: bool = strawberry.field(description="Whether the membership is disabled.")
    disabled_at: datetime | None
    joined_at: datetime
    membership_id: strawberry.Private[UUID]

    @strawberry.field(description="The roles the user holds in the tenant.")
    async def roles(self, info: strawberry.Info) -> list[Role]:
        return await info.context.loaders.membership_roles.load(self.membership_id)


def user(membership: Any) -> User:
    account = membership.account
    return User(
        id=_id(account.id),
        tenant_id=_id(membership.tenant_id),
        email=account.email,
        email_verified=bool(account.email_verified),
        name=account.name,
        given_name=account.given_name,
        family_name=account.family_name,
        preferred_username=account.preferred_username,
        locale=account.locale,
        has_password=account.password_hash is not None,
        disabled=membership.disabled_at is not None,
        disabled_at=membership.disabled_at,
        joined_at=membership.created_at,
        membership_id=membership.id,
    )


@strawberry.type(
    description="A scope name, or a pattern ending in * for a planned family."
)
class CatalogScope:
    name: str
    description: str
    group_key: str
    is_pattern: bool
    grantable: bool = strawberry.field(
        description="Whether clients can be granted it: an enabled group's non-pattern."
    )


def catalog_scope(row: Any) -> CatalogScope:
    """Map a catalog scope fetched with its group."""
    pattern = catalog.is_pattern(row.name)
    return CatalogScope(
        name=row.name,
        description=row.description,
        group_key=row.group_id,
        is_pattern=pattern,
        grantable=row.group.enabled and not pattern,
    )


@strawberry.type(
    description="The four items a planned group needs before it is enabled."
)
class Readiness:
    api_endpoint: bool
    permission_policy: bool
    audit: bool
    docs: bool


@strawberry.type(description="A group of catalog scopes; planned groups are disabled.")
class ScopeGroup:
    key: str
    title: str
    description: str
    enabled: bool
    readiness: Readiness
    missing_readiness_items: list[ReadinessItem]
    position: int

    @strawberry.field
    async def scopes(self, info: strawberry.Info) -> list[CatalogScope]:
        return await info.context.loaders.group_scopes.load(self.key)


def scope_group(row: Any) -> ScopeGroup:
    return ScopeGroup(
        key=row.key,
        title=row.title,
        description=row.description,
        enabled=row.enabled,
        readiness=Readiness(
            api_endpoint=row.api_endpoint_ready,
            permission_policy=row.permission_policy_ready,
            audit=row.audit_ready,
            docs=row.docs_ready,
        ),
        missing_readiness_items=[
            ReadinessItem(item) for item in catalog.missing_items(row)
        ],
        position=row.position,
    )


@strawberry.type(
    description="A stored client secret: when it was made and when it expires."
)
class ClientSecretInfo:
    id: strawberry.ID
    created_at: datetime
    expires_at: datetime | None


def client_secret_info(row: Any) -> ClientSecretInfo:
    return ClientSecretInfo(
        id=_id(row.id), created_at=row.created_at, expires_at=row.expires_at
    )


@strawberry.type(
    name="OAuthClient", description="An OAuth client; its secret is never shown here."
)
class Client:
    id: strawberry.ID
    tenant_id: strawberry.ID
    client_id: str
    name: str
    client_type: ClientType
    application_type: ApplicationType
    token_endpoint_auth_method: TokenEndpointAuthMethod
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]
    allowed_scopes: list[str]
    grant_types: list[str]
    require_pkce: bool
    skip_consent: bool
    allowed_cors_origins: list[str]
    jwks: JSON | None = strawberry.field(
        description="The public JWK Set for PRIVATE_KEY_JWT, if registered."
    )
    backchannel_logout_uri: str | None
    backchannel_logout_session_required: bool
    access_token_ttl: int | None = strawberry.field(
        description="Seconds. Null uses the server default."
    )
    id_token_ttl: int | None = strawberry.field(
        description="Seconds. Null uses the server default."
    )
    refresh_token_ttl: int | None = strawberry.field(
        description="Seconds. Null uses the server default."
    )
    refresh_token_grace_seconds: int
    enabled: bool
    created_at: datetime
    updated_at: datetime

    @strawberry.field(description="The catalog entries of the allowed scopes.")
    async def scopes(self, info: strawberry.Info) -> list[CatalogScope]:
        found = await info.context.loaders.catalog_scopes.load_many(self.allowed_scopes)
        return [scope for scope in found if scope is not None]

    @strawberry.field(
        description="Members need one of these roles; empty allows any member."
    )
    async def allowed_roles(self, info: strawberry.Info) -> list[Role]:
        return await info.context.loaders.client_roles.load(UUID(self.id))

    @strawberry.field(
        description="Stored secrets; more than one while a rotation overlaps."
    )
    async def secrets(self, info: strawberry.Info) -> list[ClientSecretInfo]:
        return await info.context.loaders.client_secrets.load(UUID(self.id))

    @strawberry.field
    async def tenant(self, info: strawberry.Info) -> Tenant:
        return await info.context.loaders.tenants.load(UUID(self.tenant_id))


def client(row: Any) -> Client:
    return Client(
        id=_id(row.id),
        tenant_id=_id(row.tenant_id),
        client_id=row.client_id,
        name=row.name,
        client_type=ClientType(row.client_type),
        application_type=ApplicationType(row.application_type),
        token_endpoint_auth_method=TokenEndpointAuthMethod(
            row.token_endpoint_auth_method
        ),
        redirect_uris=list(row.redirect_uris),
        post_logout_redirect_uris=list(row.post_logout_redirect_uris),
        allowed_scopes=list(row.allowed_scopes),
        grant_types=list(row.grant_types),
        require_pkce=row.require_pkce,
        skip_consent=row.skip_consent,
        allowed_cors_origins=list(row.allowed_cors_origins),
        jwks=row.jwks,
        backchannel_logout_uri=row.backchannel_logout_uri,
        backchannel_logout_session_required=row.backchannel_logout_session_required,
        access_token_ttl=row.access_token_ttl,
        id_token_ttl=row.id_token_ttl,
        refresh_token_ttl=row.refresh_token_ttl,
        refresh_token_grace_seconds=row.refresh_token_grace_seconds,
        enabled=row.enabled,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


@strawberry.type(
    description="A tenant API key; the key itself is shown only on creation."
)
class ApiKey:
    id: strawberry.ID
    tenant_id: strawberry.ID
    name: str
    prefix: str = strawberry.field(description="The key's first characters.")
    permissions: list[Permission]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


def api_key(row: Any) -> ApiKey:
    return ApiKey(
        id=_id(row.id),
        tenant_id=_id(row.tenant_id),
        name=row.name,
        prefix=row.prefix,
        permissions=[Permission(name) for name in row.permissions],
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


@strawberry.type(
    description=(
        "A key that signs ID tokens; only its dates are shown, never key material."
    )
)
class SigningKey:
    kid: str
    alg: str
    created_at: datetime = strawberry.field(
        description="When the key was made; it is in the JWKS from then on."
    )
    activates_at: datetime = strawberry.field(description="When it starts signing.")
    retired_at: datetime | None = strawberry.field(
        description="When it stops signing; null while no newer key replaces it."
    )
    expires_at: datetime | None = strawberry.field(
        description="When it leaves the JWKS, after every token it signed expired."
    )


def signing_key(row: Any) -> SigningKey:
    return SigningKey(
        kid=row.kid,
        alg=row.alg,
        created_at=row.created_at,
        activates_at=row.activates_at,
        retired_at=row.retired_at,
        expires_at=row.expires_at,
    )


@strawberry.type
class AuditEvent:
    id: strawberry.ID
    tenant_id: strawberry.ID | None
    actor_type: str
    actor_id: str | None
    action: str
    target_type: str | None
    target_id: str | None
    request_id: str | None
    details: JSON
    created_at: datetime


def audit_event(row: Any) -> AuditEvent:
    return AuditEvent(
        id=_id(row.id),
        tenant_id=_id(row.tenant_id) if row.tenant_id else None,
        actor_type=row.actor_type,
        actor_id=row.actor_id,
        action=row.action,
        target_type=row.target_type,
        target_id=row.target_id,
        request_id=row.request_id,
        details=row.details,
        created_at=row.created_at,
    )


@strawberry.type(description="The caller of this request.")
class Viewer:
    kind: PrincipalKind
    actor_id: str
    platform_admin: bool
    permissions: list[Permission]
    tenant_ids: list[strawberry.ID] | None = strawberry.field(
        description="The tenants the caller reaches; null means every tenant."
    )


def viewer(principal: Any) -> Viewer:
    tenant_ids = principal.tenant_ids
    return Viewer(
        kind=PrincipalKind(principal.kind),
        actor_id=principal.actor_id,
        platform_admin=principal.is_platform_admin,
        permissions=[Permission(name) for name in sorted(principal.permissions)],
        tenant_ids=None if tenant_ids is None else sorted(_id(t) for t in tenant_ids),
    )
