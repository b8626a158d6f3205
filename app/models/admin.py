"""Credentials for the GraphQL admin API."""

from tortoise import fields
from tortoise.models import Model


class ApiKey(Model):
    """A platform admin key (no tenant) or a tenant API key.

    Only the SHA-256 digest of the key is stored; ``prefix`` is its first
    characters, shown in lists so an owner can tell keys apart.
    """

    id = fields.UUIDField(primary_key=True)
    digest = fields.CharField(max_length=64, unique=True)
    prefix = fields.CharField(max_length=16)
    name = fields.CharField(max_length=200)
    tenant = fields.ForeignKeyField(
        "models.Tenant", null=True, related_name="api_keys", on_delete=fields.CASCADE
    )
    permissions = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_keys"
