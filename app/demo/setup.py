"""Creation of the demo tenant, user and client."""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from app.models import Account, OAuthClient, Role, Tenant
from app.services import accounts, clients, tenants
from app.settings import Settings

logger = logging.getLogger(__name__)

DEMO_TENANT_SLUG = "demo"
DEMO_EMAIL = "demo@example.com"
DEMO_SCOPES = ["openid", "profile", "email", "tenant.read", "roles.read"]


@dataclass
class DemoCredentials:
    client_id: str
    client_secret: str


def credentials_path(settings: Settings) -> Path:
    return settings.data_dir / "demo-client.json"


def load_credentials(settings: Settings) -> DemoCredentials | None:
    path = credentials_path(settings)
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return DemoCredentials(data["client_id"], data["client_secret"])


def _save_credentials(settings: Settings, credentials: DemoCredentials) -> None:
    # The demo app is a relying party and needs its secret in plaintext, as
    # any RP's configuration does; the provider itself keeps only a digest.
    path = credentials_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(
            {"client_id": credentials.client_id, "client_secret": credentials.client_secret},
            handle,
        )


async def ensure_demo(settings: Settings) -> list[str]:
    """Create what is missing of the demo setup; return lines to print once.

    Passwords and secrets appear only in the returned lines, which the
    command line prints to the terminal, never to the log.
    """
    lines: list[str] = []
    tenant = await Tenant.get_or_none(slug=DEMO_TENANT_SLUG)
    if tenant is None:
        tenant = await tenants.create_tenant(DEMO_TENANT_SLUG, "Demo Company")
        for name in ("admin", "agent"):
            await tenants.create_role(tenant, name)
    account = await Account.get_or_none(email=DEMO_EMAIL)
    if account is None:
        password = secrets.token_urlsafe(12)
        account = await accounts.create_account(
            DEMO_EMAIL,
            password,
            name="Demo User",
            given_name="Demo",
            family_name="User",
            email_verified=True,
        )
        agent = await Role.filter(tenant=tenant, name="agent").all()
        await tenants.add_member(tenant, account, agent)
        lines += [f"Demo user email:    {DEMO_EMAIL}", f"Demo user password: {password}"]

    redirect_uri = settings.issuer + "/demo/callback"
    saved = load_credentials(settings)
    client = None
    if saved is not None:
        client = await OAuthClient.get_or_none(client_id=saved.client_id)
    if client is None:
        client, secret = await clients.create_client(
            tenant,
            clients.ClientRegistration(
                name="Ringnity demo app",
                redirect_uris=[redirect_uri],
                allowed_scopes=DEMO_SCOPES,
                skip_consent=True,
            ),
        )
        assert secret is not None
        _save_credentials(settings, DemoCredentials(client.client_id, secret))
        lines += [f"Demo client id:     {client.client_id}", f"Demo client secret: {secret}"]
        logger.info("created demo client %s", client.client_id)
    elif redirect_uri not in client.redirect_uris:
        # The issuer changed (another port), so register the new callback too.
        client.redirect_uris = [*client.redirect_uris, redirect_uri]
        await client.save(update_fields=["redirect_uris", "updated_at"])
    return lines
