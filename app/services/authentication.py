"""Turn the bearer credential of an admin request into a ``Principal``.

Three credentials are accepted:

- a platform admin key (an API key without a tenant): every tenant;
- a tenant API key: its tenant, with the permissions it was given, while the
  tenant is active;
- a dashboard session: an access token of the configured first-party
  dashboard client (a public client), for the tenants where the user is an
  enabled member holding an ``admin`` or ``owner`` role.
"""

from __future__ import annotations

import logging

from app.models import Membership
from app.security.tokens import ACCESS_TOKEN_PREFIX, ADMIN_KEY_PREFIX
from app.services import api_keys, authorization, principals, tokens
from app.services.principals import Principal

logger = logging.getLogger(__name__)


async def authenticate(
    credential: str | None,
    *,
    dashboard_client_id: str | None,
    request_id: str | None = None,
) -> Principal | None:
    """Return the principal of a presented credential, or None if it is not valid."""
    if not credential:
        return None
    if credential.startswith(ADMIN_KEY_PREFIX):
        return await _key_principal(credential, dashboard_client_id, request_id)
    if credential.startswith(ACCESS_TOKEN_PREFIX) and dashboard_client_id:
        return await _dashboard_principal(credential, dashboard_client_id, request_id)
    return None


async def _key_principal(
    credential: str, dashboard_client_id: str | None, request_id: str | None
) -> Principal | None:
    key = await api_keys.find_active_key(credential)
    if key is None:
        return None
    if key.tenant_id is None:
        return Principal(
            kind=principals.PLATFORM_KEY,
            actor_id=str(key.id),
            tenant_ids=None,
            permissions=frozenset(principals.PERMISSIONS),
            request_id=request_id,
            dashboard_client_id=dashboard_client_id,
        )
    if key.tenant.status != "active":
        logger.info("API key %s refused: its tenant is not active", key.id)
        return None
    return Principal(
        kind=principals.API_KEY,
        actor_id=str(key.id),
        tenant_ids=frozenset({key.tenant_id}),
        permissions=frozenset(key.permissions),
        request_id=request_id,
        dashboard_client_id=dashboard_client_id,
    )


async def _dashboard_principal(
    credential: str, dashboard_client_id: str, request_id: str | None
) -> Principal | None:
    active = await tokens.resolve_access_token(
        credential, dashboard_client_id=dashboard_client_id
    )
    if active is None or active.account is None:
        return None
    if not authorization.is_dashboard(active.client, dashboard_client_id):
        return None
    tenant_ids = await (
        Membership.filter(
            account_id=active.account.id,
            disabled_at__isnull=True,
            tenant__status="active",
            roles__name__in=principals.ADMIN_ROLE_NAMES,
        )
        .distinct()
        .values_list("tenant_id", flat=True)
    )
    return Principal(
        kind=principals.DASHBOARD,
        actor_id=str(active.account.id),
        tenant_ids=frozenset(tenant_ids),
        permissions=frozenset(principals.PERMISSIONS),
        request_id=request_id,
        dashboard_client_id=dashboard_client_id,
    )
