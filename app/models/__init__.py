"""Tortoise ORM models, one module per aggregate.

Tortoise loads this package as the ``models`` app, so every model class must be
importable from here.
"""

from app.models.accounts import Account
from app.models.admin import ApiKey
from app.models.audit import AuditEvent
from app.models.clients import ClientSecret, OAuthClient, UsedClientAssertion
from app.models.grants import (
    AccessToken,
    AuthorizationCode,
    Consent,
    Grant,
    RefreshToken,
)
from app.models.keys import SchedulerLease, ServerSecret, SigningKey
from app.models.scopes import CatalogScope, ScopeGroup
from app.models.sessions import LoginSession
from app.models.tenants import Membership, Role, Tenant

__all__ = [
    "AccessToken",
    "Account",
    "ApiKey",
    "AuditEvent",
    "AuthorizationCode",
    "CatalogScope",
    "ClientSecret",
    "Consent",
    "Grant",
    "LoginSession",
    "Membership",
    "OAuthClient",
    "RefreshToken",
    "Role",
    "SchedulerLease",
    "ScopeGroup",
    "ServerSecret",
    "SigningKey",
    "Tenant",
    "UsedClientAssertion",
]
