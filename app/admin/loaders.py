"""DataLoaders that batch the relations of a page into one query per relation.

The loaders serve objects whose parent a resolver already returned, so the
parent's tenant check covers them.
"""

from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from app.admin import types
from app.services import catalog, clients, members, tenants


async def _client_roles(client_ids: list[UUID]) -> list[list[types.Role]]:
    found = await clients.allowed_roles_by_client(client_ids)
    return [[types.role(row) for row in found.get(key, [])] for key in client_ids]


async def _client_secrets(client_ids: list[UUID]) -> list[list[types.ClientSecretInfo]]:
    found = await clients.secrets_by_client(client_ids)
    return [[types.client_secret_info(row) for row in found[key]] for key in client_ids]


async def _membership_roles(membership_ids: list[UUID]) -> list[list[types.Role]]:
    found = await members.roles_by_membership(membership_ids)
    return [[types.role(row) for row in found.get(key, [])] for key in membership_ids]


async def _catalog_scopes(names: list[str]) -> list[types.CatalogScope | None]:
    found = await catalog.scopes_named(names)
    return [
        types.catalog_scope(found[name]) if name in found else None for name in names
    ]


async def _group_scopes(keys: list[str]) -> list[list[types.CatalogScope]]:
    found = await catalog.scopes_by_group(keys)
    return [[types.catalog_scope(row) for row in found[key]] for key in keys]


async def _tenants(tenant_ids: list[UUID]) -> list[types.Tenant]:
    found = await tenants.tenants_by_id(tenant_ids)
    return [types.tenant(found[key]) for key in tenant_ids]


class Loaders:
    """One set per request, so nothing is cached across requests."""

    def __init__(self) -> None:
        self.client_roles = DataLoader(_client_roles)
        self.client_secrets = DataLoader(_client_secrets)
        self.membership_roles = DataLoader(_membership_roles)
        self.catalog_scopes = DataLoader(_catalog_scopes)
        self.group_scopes = DataLoader(_group_scopes)
        self.tenants = DataLoader(_tenants)
