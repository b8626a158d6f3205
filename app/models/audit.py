"""Audit events for admin mutations and protocol security events."""

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    id = fields.UUIDField(primary_key=True)
    # Null for platform-wide events.
    tenant = fields.ForeignKeyField(
        "models.Tenant", null=True, related_name="audit_events", on_delete=fields.CASCADE
    )
    actor_type = fields.CharField(max_length=32)
    actor_id = fields.CharField(max_length=64, null=True)
    action = fields.CharField(max_length=64, db_index=True)
    target_type = fields.CharField(max_length=32, null=True)
    target_id = fields.CharField(max_length=64, null=True)
    request_id = fields.CharField(max_length=64, null=True)
    # Non-secret details such as a client_id or a failure reason.
    details = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "audit_events"
