"""Signing keys and server-side secrets shared by every instance."""

from tortoise import fields
from tortoise.models import Model


class SigningKey(Model):
    """A JOSE signing key pair.

    A key is published in the JWKS from ``created_at``, signs from
    ``activates_at`` until ``retired_at``, and leaves the JWKS at
    ``expires_at``, after every token it signed has expired.
    """

    kid = fields.CharField(max_length=64, primary_key=True)
    alg = fields.CharField(max_length=16)
    # NOTE: the private JWK is stored unencrypted; protect the database.
    private_jwk = fields.JSONField()
    public_jwk = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)
    activates_at = fields.DatetimeField()
    retired_at = fields.DatetimeField(null=True)
    expires_at = fields.DatetimeField(null=True)

    class Meta:
        table = "signing_keys"


class ServerSecret(Model):
    """A named random secret, such as the key that signs CSRF tokens."""

    name = fields.CharField(max_length=64, primary_key=True)
    value = fields.CharField(max_length=128)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "server_secrets"


class SchedulerLease(Model):
    """A lease that lets one instance run a scheduled job, such as key rotation."""

    name = fields.CharField(max_length=64, primary_key=True)
    holder = fields.CharField(max_length=64)
    expires_at = fields.DatetimeField()

    class Meta:
        table = "scheduler_leases"
