"""Global user identities."""

from tortoise import fields
from tortoise.models import Model


class Account(Model):
    """A Ringnity user, identified across tenants by ``id`` (the OIDC ``sub``)."""

    id = fields.UUIDField(primary_key=True)
    # Stored lowercased so lookups and the unique index ignore case.
    email = fields.CharField(max_length=320, unique=True)
    email_verified = fields.BooleanField(default=False)
    # argon2id PHC string; null for accounts that cannot sign in with a password.
    password_hash = fields.CharField(max_length=255, null=True)
    name = fields.CharField(max_length=200, null=True)
    given_name = fields.CharField(max_length=100, null=True)
    family_name = fields.CharField(max_length=100, null=True)
    preferred_username = fields.CharField(max_length=100, null=True)
    locale = fields.CharField(max_length=35, null=True)
    disabled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "accounts"
