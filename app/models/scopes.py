"""The scope catalog: available scopes and planned roadmap groups."""

from tortoise import fields
from tortoise.models import Model


class ScopeGroup(Model):
    """A group of scopes that is enabled only when every readiness item is done."""

    key = fields.CharField(max_length=64, primary_key=True)
    title = fields.CharField(max_length=200)
    description = fields.TextField()
    enabled = fields.BooleanField(default=False)
    api_endpoint_ready = fields.BooleanField(default=False)
    permission_policy_ready = fields.BooleanField(default=False)
    audit_ready = fields.BooleanField(default=False)
    docs_ready = fields.BooleanField(default=False)
    position = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "scope_groups"


class CatalogScope(Model):
    """A scope name, or a pattern ending in ``.*`` for a planned family."""

    name = fields.CharField(max_length=100, primary_key=True)
    group = fields.ForeignKeyField(
        "models.ScopeGroup", related_name="scopes", on_delete=fields.CASCADE
    )
    description = fields.TextField()
    position = fields.IntField(default=0)

    class Meta:
        table = "catalog_scopes"
