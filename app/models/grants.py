"""Authorization codes, grants, consents and the tokens issued under them."""

from tortoise import fields
from tortoise.models import Model


class AuthorizationCode(Model):
    id = fields.UUIDField(primary_key=True)
    digest = fields.CharField(max_length=64, unique=True)
    client = fields.ForeignKeyField("models.OAuthClient", on_delete=fields.CASCADE)
    account = fields.ForeignKeyField("models.Account", on_delete=fields.CASCADE)
    tenant = fields.ForeignKeyField("models.Tenant", on_delete=fields.CASCADE)
    redirect_uri = fields.CharField(max_length=2000)
    scopes = fields.JSONField(default=list)
    nonce = fields.CharField(max_length=512, null=True)
    code_challenge = fields.CharField(max_length=128, null=True)
    code_challenge_method = fields.CharField(max_length=8, null=True)
    auth_time = fields.DatetimeField()
    session_sid = fields.CharField(max_length=64, null=True)
    expires_at = fields.DatetimeField()
    # Set by the first redemption; a second one finds it set and revokes the grant.
    consumed_at = fields.DatetimeField(null=True)
    grant = fields.ForeignKeyField(
        "models.Grant", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "authorization_codes"


class Grant(Model):
    """One authorization of a client; every token descends from exactly one."""

    id = fields.UUIDField(primary_key=True)
    client = fields.ForeignKeyField(
        "models.OAuthClient", related_name="grants", on_delete=fields.CASCADE
    )
    # Null for client_credentials grants, which act for no user.
    account = fields.ForeignKeyField(
        "models.Account", null=True, related_name="grants", on_delete=fields.CASCADE
    )
    tenant = fields.ForeignKeyField("models.Tenant", on_delete=fields.CASCADE)
    scopes = fields.JSONField(default=list)
    auth_time = fields.DatetimeField(null=True)
    session_sid = fields.CharField(max_length=64, null=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "grants"


class AccessToken(Model):
    id = fields.UUIDField(primary_key=True)
    digest = fields.CharField(max_length=64, unique=True)
    grant = fields.ForeignKeyField(
        "models.Grant",
        related_name="access_tokens",
        on_delete=fields.CASCADE,
        db_index=True,
    )
    client = fields.ForeignKeyField("models.OAuthClient", on_delete=fields.CASCADE)
    tenant = fields.ForeignKeyField("models.Tenant", on_delete=fields.CASCADE)
    account = fields.ForeignKeyField(
        "models.Account", null=True, on_delete=fields.CASCADE
    )
    scopes = fields.JSONField(default=list)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "access_tokens"


class RefreshToken(Model):
    id = fields.UUIDField(primary_key=True)
    digest = fields.CharField(max_length=64, unique=True)
    grant = fields.ForeignKeyField(
        "models.Grant",
        related_name="refresh_tokens",
        on_delete=fields.CASCADE,
        db_index=True,
    )
    client = fields.ForeignKeyField("models.OAuthClient", on_delete=fields.CASCADE)
    expires_at = fields.DatetimeField()
    # Set when the token is exchanged for its successor.
    rotated_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "refresh_tokens"


class Consent(Model):
    """Scopes an account has approved for a client."""

    id = fields.UUIDField(primary_key=True)
    account = fields.ForeignKeyField("models.Account", on_delete=fields.CASCADE)
    client = fields.ForeignKeyField("models.OAuthClient", on_delete=fields.CASCADE)
    scopes = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "consents"
        unique_together = (("account", "client"),)
