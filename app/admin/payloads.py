"""Success payloads of the mutations and their result unions."""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.admin import types
from app.admin.errors import ScopeGroupNotReadyError, result_union


@strawberry.type
class TenantSuccess:
    tenant: types.Tenant


@strawberry.type
class UserSuccess:
    user: types.User


@strawberry.type
class RoleSuccess:
    role: types.Role


@strawberry.type
class ClientSuccess:
    client: types.Client


@strawberry.type
class ScopeGroupSuccess:
    scope_group: types.ScopeGroup


@strawberry.type
class ApiKeySuccess:
    api_key: types.ApiKey


@strawberry.type(description="The object was deleted or removed.")
class DeleteSuccess:
    id: strawberry.ID


@strawberry.type
class CreateClientSuccess:
    client: types.Client
    client_secret: str | None = strawberry.field(
        description="Shown only here; null for clients without a secret."
    )


@strawberry.type
class UpdateClientSuccess:
    client: types.Client
    client_secret: str | None = strawberry.field(
        description="Set only when the change gave the client its first secret."
    )


@strawberry.type
class RotateClientSecretSuccess:
    client: types.Client
    client_secret: str = strawberry.field(
        description="The new secret, shown only here."
    )
    previous_secret_expires_at: datetime = strawberry.field(
        description="When the previous secrets stop working."
    )


@strawberry.type
class CreateApiKeySuccess:
    api_key: types.ApiKey
    key: str = strawberry.field(description="The key, shown only here.")


@strawberry.type
class RotateSigningKeySuccess:
    signing_key: types.SigningKey = strawberry.field(
        description="The new key: published now, signing from its activatesAt."
    )
    retired_keys: list[types.SigningKey] = strawberry.field(
        description="The keys that stop signing when the new key activates."
    )


CreateTenantResult = result_union("CreateTenantResult", TenantSuccess)
UpdateTenantResult = result_union("UpdateTenantResult", TenantSuccess)
CreateUserResult = result_union("CreateUserResult", UserSuccess)
UpdateUserResult = result_union("UpdateUserResult", UserSuccess)
SetUserPasswordResult = result_union("SetUserPasswordResult", UserSuccess)
SetUserDisabledResult = result_union("SetUserDisabledResult", UserSuccess)
RemoveUserResult = result_union("RemoveUserResult", DeleteSuccess)
CreateRoleResult = result_union("CreateRoleResult", RoleSuccess)
RenameRoleResult = result_union("RenameRoleResult", RoleSuccess)
DeleteRoleResult = result_union("DeleteRoleResult", DeleteSuccess)
AssignRoleResult = result_union("AssignRoleResult", UserSuccess)
UnassignRoleResult = result_union("UnassignRoleResult", UserSuccess)
CreateClientResult = result_union("CreateClientResult", CreateClientSuccess)
UpdateClientResult = result_union("UpdateClientResult", UpdateClientSuccess)
SetClientEnabledResult = result_union("SetClientEnabledResult", ClientSuccess)
DeleteClientResult = result_union("DeleteClientResult", DeleteSuccess)
RotateClientSecretResult = result_union(
    "RotateClientSecretResult", RotateClientSecretSuccess
)
CreateApiKeyResult = result_union("CreateApiKeyResult", CreateApiKeySuccess)
RevokeApiKeyResult = result_union("RevokeApiKeyResult", ApiKeySuccess)
SetScopeGroupReadinessResult = result_union(
    "SetScopeGroupReadinessResult", ScopeGroupSuccess
)
SetScopeGroupEnabledResult = result_union(
    "SetScopeGroupEnabledResult", ScopeGroupSuccess, ScopeGroupNotReadyError
)
RotateSigningKeyResult = result_union("RotateSigningKeyResult", RotateSigningKeySuccess)
