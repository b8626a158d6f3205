"""Browser sessions at the provider."""

from tortoise import fields
from tortoise.models import Model


class LoginSession(Model):
    id = fields.UUIDField(primary_key=True)
    # SHA-256 digest of the session cookie value.
    digest = fields.CharField(max_length=64, unique=True)
    # Public session id, sent as the ``sid`` claim.
    sid = fields.CharField(max_length=64, unique=True)
    account = fields.ForeignKeyField(
        "models.Account", related_name="sessions", on_delete=fields.CASCADE
    )
    auth_time = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "login_sessions"
