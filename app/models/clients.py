"""OAuth clients and their secrets."""

from tortoise import fields
from tortoise.models import Model


class OAuthClient(Model):
    id = fields.UUIDField(primary_key=True)
    client_id = fields.CharField(max_length=64, unique=True)
    tenant = fields.ForeignKeyField(
        "models.Tenant", related_name="clients", on_delete=fields.CASCADE
    )
    # The name shown to users on the login and consent pages.
    name = fields.CharField(max_length=200)
    # "confidential" or "public".
    client_type = fields.CharField(max_length=16)
    # "web" or "native"; native clients may use loopback redirects on any port.
    application_type = fields.CharField(max_length=16, default="web")
    # client_secret_basic, client_secret_post, private_key_jwt or none.
    token_endpoint_auth_method = fields.CharField(max_length=32)
    redirect_uris = fields.JSONField(default=list)
    post_logout_redirect_uris = fields.JSONField(default=list)
    allowed_scopes = fields.JSONField(default=list)
    grant_types = fields.JSONField(default=list)
    allowed_cors_origins = fields.JSONField(default=list)
    # Members need one of these roles to sign in; empty means any member.
    allowed_roles = fields.ManyToManyField(
        "models.Role",
        related_name="clients",
        through="client_allowed_roles",
        forward_key="role_id",
        backward_key="client_id",
    )
    require_pkce = fields.BooleanField(default=True)
    # First-party clients skip the consent page.
    skip_consent = fields.BooleanField(default=False)
    # A public JWK Set for private_key_jwt client authentication.
    jwks = fields.JSONField(null=True)
    backchannel_logout_uri = fields.CharField(max_length=2000, null=True)
    backchannel_logout_session_required = fields.BooleanField(default=False)
    # Per-client lifetimes in seconds; null uses the server default.
    access_token_ttl = fields.IntField(null=True)
    id_token_ttl = fields.IntField(null=True)
    refresh_token_ttl = fields.IntField(null=True)
    refresh_token_grace_seconds = fields.IntField(default=0)
    enabled = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "oauth_clients"


class ClientSecret(Model):
    """The SHA-256 digest of one client secret; the plaintext is never stored.

    A client has several rows while a rotation overlaps: the previous secret
    keeps working until ``expires_at``.
    """

    id = fields.UUIDField(primary_key=True)
    client = fields.ForeignKeyField(
        "models.OAuthClient", related_name="secrets", on_delete=fields.CASCADE
    )
    digest = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)

    class Meta:
        table = "oauth_client_secrets"


class UsedClientAssertion(Model):
    """The ``jti`` of an accepted private_key_jwt assertion, kept until it expires.

    The unique index makes a replayed assertion fail on every instance that
    shares the database.
    """

    id = fields.UUIDField(primary_key=True)
    client = fields.ForeignKeyField("models.OAuthClient", on_delete=fields.CASCADE)
    # SHA-256 digest of the jti, so its length is fixed whatever the client sends.
    jti_digest = fields.CharField(max_length=64)
    expires_at = fields.DatetimeField(db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "used_client_assertions"
        unique_together = (("client", "jti_digest"),)
