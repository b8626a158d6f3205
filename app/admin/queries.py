"""Queries of the admin API. Lists are pages: ``limit`` (1 to 100) and ``offset``."""

from __future__ import annotations

import strawberry

from app.admin import types
from app.admin.errors import raises_query_errors
from app.admin.inputs import AuditEventFilter
from app.services import (
    api_keys,
    audit,
    catalog,
    clients,
    keys,
    members,
    paging,
    tenants,
)

LIMIT = paging.DEFAULT_LIMIT


@strawberry.type
class Query:
    @strawberry.field(description="The caller of this request.")
    def viewer(self, info: strawberry.Info) -> types.Viewer:
        return types.viewer(info.context.principal)

    @strawberry.field(description="The tenants the caller reaches.")
    @raises_query_errors
    async def tenants(
        self,
        info: strawberry.Info,
        search: str | None = None,
        limit: int = LIMIT,
        offset: int = 0,
    ) -> types.Page[types.Tenant]:
        page = await tenants.list_tenants(
            info.context.principal, paging.PageRequest(limit, offset), search
        )
        return types.page_of(page, types.tenant)

    @strawberry.field(description="A tenant, or null if it is not found.")
    @raises_query_errors
    async def tenant(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> types.Tenant | None:
        row = await tenants.get_tenant(info.context.principal, id)
        return types.tenant(row) if row else None

    @strawberry.field(
        description="The users of a tenant, by email; search matches email or name."
    )
    @raises_query_errors
    async def users(
        self,
        info: strawberry.Info,
        tenant_id: strawberry.ID,
        search: str | None = None,
        limit: int = LIMIT,
        offset: int = 0,
    ) -> types.Page[types.User]:
        page = await members.list_users(
            info.context.principal, tenant_id, paging.PageRequest(limit, offset), search
        )
        return types.page_of(page, types.user)

    @strawberry.field(description="A user of a tenant, or null if it is not found.")
    @raises_query_errors
    async def user(
        self, info: strawberry.Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> types.User | None:
        row = await members.get_user(info.context.principal, tenant_id, id)
        return types.user(row) if row else None

    @strawberry.field(description="The roles of a tenant, by name.")
    @raises_query_errors
    async def roles(
        self,
        info: strawberry.Info,
        tenant_id: strawberry.ID,
        limit: int = LIMIT,
        offset: int = 0,
    ) -> types.Page[types.Role]:
        page = await tenants.list_roles(
            info.context.principal, tenant_id, paging.PageRequest(limit, offset)
        )
        return types.page_of(page, types.role)

    @strawberry.field(description="The OAuth clients of a tenant, by name.")
    @raises_query_errors
    async def clients(
        self,
        info: strawberry.Info,
        tenant_id: strawberry.ID,
        search: str | None = None,
        limit: int = LIMIT,
        offset: int = 0,
    ) -> types.Page[types.Client]:
        page = await clients.list_clients(
            info.context.principal, tenant_id, paging.PageRequest(limit, offset), search
        )
        return types.page_of(page, types.client)

    @strawberry.field(description="An OAuth client, or null if it is not found.")
    @raises_query_errors
    async def client(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> types.Client | None:
        row = await clients.get_client(info.context.principal, id)
        return types.client(row) if row else None

    @strawberry.field(
        description="The scope catalog: available scopes and planned groups."
    )
    @raises_query_errors
    async def scope_groups(
        self, info: strawberry.Info, limit: int = LIMIT, offset: int = 0
    ) -> types.Page[types.ScopeGroup]:
        page = await catalog.list_groups(
            info.context.principal, paging.PageRequest(limit, offset)
        )
        return types.page_of(page, types.scope_group)

    @strawberry.field(
        description="The API keys of a tenant, newest first (never the key)."
    )
    @raises_query_errors
    async def api_keys(
        self,
        info: strawberry.Info,
        tenant_id: strawberry.ID,
        limit: int = LIMIT,
        offset: int = 0,
    ) -> types.Page[types.ApiKey]:
        page = await api_keys.list_keys(
            info.context.principal, tenant_id, paging.PageRequest(limit, offset)
        )
        return types.page_of(page, types.api_key)

    @strawberry.field(
        description="Audit events, newest first; a null tenantId lists platform events."
    )
    @raises_query_errors
    async def audit_events(
        self,
        info: strawberry.Info,
        tenant_id: strawberry.ID | None = None,
        filter: AuditEventFilter | None = None,
        limit: int = LIMIT,
        offset: int = 0,
    ) -> types.Page[types.AuditEvent]:
        filters = filter or AuditEventFilter()
        page = await audit.list_events(
            info.context.principal,
            tenant_id,
            audit.AuditFilter(
                action=filters.action,
                actor_type=filters.actor_type,
                actor_id=filters.actor_id,
                target_type=filters.target_type,
                target_id=filters.target_id,
                since=filters.since,
                until=filters.until,
            ),
            paging.PageRequest(limit, offset),
        )
        return types.page_of(page, types.audit_event)

    @strawberry.field(
        description="The ID token signing keys, newest first (platform admins only)."
    )
    @raises_query_errors
    async def signing_keys(
        self, info: strawberry.Info, limit: int = LIMIT, offset: int = 0
    ) -> types.Page[types.SigningKey]:
        page = await keys.list_signing_keys(
            info.context.principal, paging.PageRequest(limit, offset)
        )
        return types.page_of(page, types.signing_key)
