"""Tenants, their roles and the accounts that are members of them."""

from tortoise import fields
from tortoise.models import Model


class Tenant(Model):
    id = fields.UUIDField(primary_key=True)
    slug = fields.CharField(max_length=63, unique=True)
    name = fields.CharField(max_length=200)
    # "active" or "suspended"; a suspended tenant's users cannot sign in.
    status = fields.CharField(max_length=16, default="active")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "tenants"


class Role(Model):
    """A tenant-scoped role; its name is what the ``roles`` claim carries."""

    id = fields.UUIDField(primary_key=True)
    tenant = fields.ForeignKeyField(
        "models.Tenant", related_name="roles", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "roles"
        unique_together = (("tenant", "name"),)


class Membership(Model):
    """An account's place in a tenant, with the roles it has there."""

    id = fields.UUIDField(primary_key=True)
    tenant = fields.ForeignKeyField(
        "models.Tenant", related_name="memberships", on_delete=fields.CASCADE
    )
    account = fields.ForeignKeyField(
        "models.Account",
        related_name="memberships",
        on_delete=fields.CASCADE,
        db_index=True,
    )
    roles = fields.ManyToManyField(
        "models.Role",
        related_name="memberships",
        through="membership_roles",
        forward_key="role_id",
        backward_key="membership_id",
    )
    # A disabled membership cannot sign in to the tenant's clients.
    disabled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "memberships"
        unique_together = (("tenant", "account"),)
