"""Mutations of the admin API; each returns its success payload or a typed error."""

from __future__ import annotations

import strawberry

from app.admin import inputs, payloads, types
from app.admin.errors import returns_user_errors
from app.services import api_keys, catalog, clients, keys, members, tenants


@strawberry.type
class Mutation:
    # Tenants

    @strawberry.mutation(description="Create a tenant (platform admins only).")
    @returns_user_errors
    async def create_tenant(
        self, info: strawberry.Info, input: inputs.CreateTenantInput
    ) -> payloads.CreateTenantResult:
        row = await tenants.create_tenant_as(
            info.context.principal, input.slug, input.name
        )
        return payloads.TenantSuccess(tenant=types.tenant(row))

    @strawberry.mutation(description="Change a tenant's slug, company name or status.")
    @returns_user_errors
    async def update_tenant(
        self, info: strawberry.Info, input: inputs.UpdateTenantInput
    ) -> payloads.UpdateTenantResult:
        changes = inputs.given(
            input, {"slug": "slug", "name": "name", "status": "status"}
        )
        row = await tenants.update_tenant(info.context.principal, input.id, **changes)
        return payloads.TenantSuccess(tenant=types.tenant(row))

    # Users

    @strawberry.mutation(description="Create an account as a member of the tenant.")
    @returns_user_errors
    async def create_user(
        self, info: strawberry.Info, input: inputs.CreateUserInput
    ) -> payloads.CreateUserResult:
        row = await members.create_user(
            info.context.principal,
            input.tenant_id,
            input.email,
            password=input.password,
            profile=inputs.profile_of(input),
            email_verified=input.email_verified,
            role_ids=list(input.role_ids),
        )
        return payloads.UserSuccess(user=types.user(row))

    @strawberry.mutation(description="Change a user's email and profile.")
    @returns_user_errors
    async def update_user(
        self, info: strawberry.Info, input: inputs.UpdateUserInput
    ) -> payloads.UpdateUserResult:
        changes = inputs.given(
            input, {"email": "email", "email_verified": "email_verified"}
        )
        row = await members.update_user(
            info.context.principal,
            input.tenant_id,
            input.user_id,
            profile=inputs.profile_of(input),
            **changes,
        )
        return payloads.UserSuccess(user=types.user(row))

    @strawberry.mutation(description="Set a user's password; null removes it.")
    @returns_user_errors
    async def set_user_password(
        self,
        info: strawberry.Info,
        tenant_id: strawberry.ID,
        user_id: strawberry.ID,
        password: str | None,
    ) -> payloads.SetUserPasswordResult:
        row = await members.set_user_password(
            info.context.principal, tenant_id, user_id, password
        )
        return payloads.UserSuccess(user=types.user(row))

    @strawberry.mutation(
        description="Disable or enable a user's membership in the tenant."
    )
    @returns_user_errors
    async def set_user_disabled(
        self,
        info: strawberry.Info,
        tenant_id: strawberry.ID,
        user_id: strawberry.ID,
        disabled: bool,
    ) -> payloads.SetUserDisabledResult:
        row = await members.set_user_disabled(
            info.context.principal, tenant_id, user_id, disabled
        )
        return payloads.UserSuccess(user=types.user(row))

    @strawberry.mutation(
        description="Remove a user from the tenant; the account stays."
    )
    @returns_user_errors
    async def remove_user(
        self, info: strawberry.Info, tenant_id: strawberry.ID, user_id: strawberry.ID
    ) -> payloads.RemoveUserResult:
        removed = await members.remove_user(info.context.principal, tenant_id, user_id)
        return payloads.DeleteSuccess(id=strawberry.ID(str(removed)))

    # Roles

    @strawberry.mutation
    @returns_user_errors
    async def create_role(
        self, info: strawberry.Info, tenant_id: strawberry.ID, name: str
    ) -> payloads.CreateRoleResult:
        row = await tenants.create_role_as(info.context.principal, tenant_id, name)
        return payloads.RoleSuccess(role=types.role(row))

    @strawberry.mutation
    @returns_user_errors
    async def rename_role(
        self, info: strawberry.Info, id: strawberry.ID, name: str
    ) -> payloads.RenameRoleResult:
        row = await tenants.rename_role(info.context.principal, id, name)
        return payloads.RoleSuccess(role=types.role(row))

    @strawberry.mutation(
        description="Delete a role; rejected while a client allows it."
    )
    @returns_user_errors
    async def delete_role(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> payloads.DeleteRoleResult:
        deleted = await tenants.delete_role(info.context.principal, id)
        return payloads.DeleteSuccess(id=strawberry.ID(str(deleted)))

    @strawberry.mutation
    @returns_user_errors
    async def assign_role(
        self,
        info: strawberry.Info,
        tenant_id: strawberry.ID,
        user_id: strawberry.ID,
        role_id: strawberry.ID,
    ) -> payloads.AssignRoleResult:
        row = await members.assign_role(
            info.context.principal, tenant_id, user_id, role_id
        )
        return payloads.UserSuccess(user=types.user(row))

    @strawberry.mutation
    @returns_user_errors
    async def unassign_role(
        self,
        info: strawberry.Info,
        tenant_id: strawberry.ID,
        user_id: strawberry.ID,
        role_id: strawberry.ID,
    ) -> payloads.UnassignRoleResult:
        row = await members.unassign_role(
            info.context.principal, tenant_id, user_id, role_id
        )
        return payloads.UserSuccess(user=types.user(row))

    # OAuth clients

    @strawberry.mutation(
        description="Register a client; its secret is shown only in the result."
    )
    @returns_user_errors
    async def create_client(
        self, info: strawberry.Info, input: inputs.CreateClientInput
    ) -> payloads.CreateClientResult:
        fields = {
            name: inputs.service_value(getattr(input, attr))
            for attr, name in inputs.CLIENT_FIELDS.items()
        }
        row, secret = await clients.create_client_as(
            info.context.principal,
            input.tenant_id,
            clients.ClientRegistration(**fields),
            list(input.allowed_role_ids),
        )
        return payloads.CreateClientSuccess(
            client=types.client(row), client_secret=secret
        )

    @strawberry.mutation
    @returns_user_errors
    async def update_client(
        self, info: strawberry.Info, input: inputs.UpdateClientInput
    ) -> payloads.UpdateClientResult:
        role_ids = input.allowed_role_ids
        row, secret = await clients.update_client(
            info.context.principal,
            input.id,
            inputs.given(input, inputs.CLIENT_FIELDS, inputs.CLIENT_CLEARABLE_FIELDS),
            None
            if role_ids is strawberry.UNSET or role_ids is None
            else list(role_ids),
        )
        return payloads.UpdateClientSuccess(
            client=types.client(row), client_secret=secret
        )

    @strawberry.mutation
    @returns_user_errors
    async def set_client_enabled(
        self, info: strawberry.Info, id: strawberry.ID, enabled: bool
    ) -> payloads.SetClientEnabledResult:
        row = await clients.set_client_enabled(info.context.principal, id, enabled)
        return payloads.ClientSuccess(client=types.client(row))

    @strawberry.mutation(description="Delete a client with its grants and tokens.")
    @returns_user_errors
    async def delete_client(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> payloads.DeleteClientResult:
        deleted = await clients.delete_client(info.context.principal, id)
        return payloads.DeleteSuccess(id=strawberry.ID(str(deleted)))

    @strawberry.mutation(
        description=(
            "Issue a new client secret, shown only in the result. The previous "
            "secret keeps working for previousSecretValidForSeconds (0: stops now)."
        )
    )
    @returns_user_errors
    async def rotate_client_secret(
        self,
        info: strawberry.Info,
        id: strawberry.ID,
        previous_secret_valid_for_seconds: int,
    ) -> payloads.RotateClientSecretResult:
        row, secret, expires_at = await clients.rotate_client_secret(
            info.context.principal, id, previous_secret_valid_for_seconds
        )
        return payloads.RotateClientSecretSuccess(
            client=types.client(row),
            client_secret=secret,
            previous_secret_expires_at=expires_at,
        )

    # API keys

    @strawberry.mutation(
        description="Create a tenant API key; the key is shown only in the result."
    )
    @returns_user_errors
    async def create_api_key(
        self, info: strawberry.Info, input: inputs.CreateApiKeyInput
    ) -> payloads.CreateApiKeyResult:
        row, key = await api_keys.create_tenant_key(
            info.context.principal,
            input.tenant_id,
            input.name,
            [permission.value for permission in input.permissions],
            input.expires_at,
        )
        return payloads.CreateApiKeySuccess(api_key=types.api_key(row), key=key)

    @strawberry.mutation
    @returns_user_errors
    async def revoke_api_key(
        self, info: strawberry.Info, id: strawberry.ID
    ) -> payloads.RevokeApiKeyResult:
        row = await api_keys.revoke_key(info.context.principal, id)
        return payloads.ApiKeySuccess(api_key=types.api_key(row))

    # Scope catalog

    @strawberry.mutation(
        description="Mark readiness items of a scope group (platform admins only)."
    )
    @returns_user_errors
    async def set_scope_group_readiness(
        self, info: strawberry.Info, input: inputs.SetScopeGroupReadinessInput
    ) -> payloads.SetScopeGroupReadinessResult:
        items = inputs.given(
            input,
            {name: name for name in catalog.READINESS_ITEMS},
        )
        row = await catalog.set_readiness(info.context.principal, input.key, items)
        return payloads.ScopeGroupSuccess(scope_group=types.scope_group(row))

    @strawberry.mutation(
        description="Enable or disable a scope group (platform admins only); "
        "enabling needs every readiness item."
    )
    @returns_user_errors
    async def set_scope_group_enabled(
        self, info: strawberry.Info, key: str, enabled: bool
    ) -> payloads.SetScopeGroupEnabledResult:
        row = await catalog.set_enabled(info.context.principal, key, enabled)
        return payloads.ScopeGroupSuccess(scope_group=types.scope_group(row))

    # Signing keys

    @strawberry.mutation(
        description=(
            "Create a new ID token signing key (platform admins only). It is "
            "published in the JWKS now and signs after activationDelaySeconds "
            f"(0 to {keys.MAX_ACTIVATION_DELAY_SECONDS}; the default, "
            f"{keys.ACTIVATION_DELAY_SECONDS}, is the JWKS cache lifetime). The "
            "current keys then stop signing and stay published until the ID "
            "tokens they signed have expired. With a shorter delay, relying "
            "parties that cached the JWKS may reject new ID tokens until they "
            "fetch it again."
        )
    )
    @returns_user_errors
    async def rotate_signing_key(
        self,
        info: strawberry.Info,
        activation_delay_seconds: int = keys.ACTIVATION_DELAY_SECONDS,
    ) -> payloads.RotateSigningKeyResult:
        new_key, retired = await keys.rotate_signing_key_as(
            info.context.principal,
            info.context.settings.id_token_ttl,
            activation_delay_seconds,
        )
        return payloads.RotateSigningKeySuccess(
            signing_key=types.signing_key(new_key),
            retired_keys=[types.signing_key(row) for row in retired],
        )
