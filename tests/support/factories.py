"""Builders for the tenants, accounts and clients a test needs.

Each call makes new objects with unique names, so tests never share state.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from app.models import Account, OAuthClient, Role, Tenant
from app.services import accounts, clients, tenants
from tests.support.secrets import remember

ALL_SCOPES = ["openid", "profile", "email", "tenant.read", "roles.read"]
REDIRECT_URI = "https://rp.example.com/callback"


def unique(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


async def make_tenant(name: str = "Acme Corp") -> Tenant:
    return await tenants.create_tenant(unique("t"), name)


async def make_role(tenant: Tenant, name: str) -> Role:
    return await tenants.create_role(tenant, name)


@dataclass
class User:
    account: Account
    email: str
    password: str


async def make_user(
    tenant: Tenant | None,
    roles: list[Role] | None = None,
    *,
    name: str = "Ada Lovelace",
    email_verified: bool = True,
) -> User:
    email = f"{unique('user')}@example.com"
    password = "pw-" + secrets.token_urlsafe(12)
    remember(password)
    given, _, family = name.partition(" ")
    account = await accounts.create_account(
        email,
        password,
        name=name,
        given_name=given or None,
        family_name=family or None,
        email_verified=email_verified,
    )
    if tenant is not None:
        await tenants.add_member(tenant, account, roles)
    return User(account, email, password)


@dataclass
class Client:
    client: OAuthClient
    secret: str | None

    @property
    def client_id(self) -> str:
        return self.client.client_id


async def make_client(
    tenant: Tenant,
    *,
    client_type: str = "confidential",
    auth_method: str | None = None,
    redirect_uris: list[str] | None = None,
    scopes: list[str] | None = None,
    allowed_roles: list[Role] | None = None,
    grant_types: list[str] | None = None,
    application_type: str = "web",
    cors_origins: list[str] | None = None,
    jwks: dict | None = None,
    skip_consent: bool = True,
    post_logout_redirect_uris: list[str] | None = None,
    backchannel_logout_uri: str | None = None,
) -> Client:
    """Register a client; it skips consent unless the test passes ``skip_consent=False``."""
    registration = clients.ClientRegistration(
        name="Test App",
        client_type=client_type,
        token_endpoint_auth_method=auth_method,
        application_type=application_type,
        redirect_uris=redirect_uris or [REDIRECT_URI],
        allowed_scopes=scopes or list(ALL_SCOPES),
        grant_types=grant_types or ["authorization_code"],
        allowed_cors_origins=cors_origins or [],
        jwks=jwks,
        skip_consent=skip_consent,
        post_logout_redirect_uris=post_logout_redirect_uris or [],
        backchannel_logout_uri=backchannel_logout_uri,
    )
    client, secret = await clients.create_client(tenant, registration, allowed_roles)
    remember(secret)
    await client.fetch_related("tenant")
    return Client(client, secret)
