"""The scope catalog that the migrations seed."""

from __future__ import annotations

from app.models import CatalogScope, ScopeGroup
from app.services import scopes

PLANNED_PATTERNS = [
    "user.profile.*",
    "user.avatar.*",
    "tenant.profile.*",
    "tenant.branding.*",
    "tenant.settings.*",
    "tenant.domains.*",
    "staff.*",
    "agents.*",
    "agents.presence.*",
    "runtime.tokens.write",
    "runtime.sessions.*",
    "contacts.*",
    "conversations.*",
    "calls.*",
    "ai.*",
    "ai.knowledge.*",
    "ai.usage.read",
    "reports.read",
    "reports.export",
    "webhooks.*",
    "developer.*",
    "sdk.keys.*",
    "oauth.clients.*",
    "media.*",
    "billing.*",
]


async def test_available_scopes_are_grantable(database):
    assert await scopes.grantable_scopes() == [
        "openid",
        "profile",
        "email",
        "tenant.read",
        "roles.read",
    ]


async def test_planned_groups_are_disabled(database):
    planned = await ScopeGroup.filter(enabled=False)
    assert len(planned) == 9
    for group in planned:
        assert not group.api_endpoint_ready
        assert not group.permission_policy_ready
        assert not group.audit_ready
        assert not group.docs_ready


async def test_every_planned_pattern_is_seeded(database):
    names = set(
        await CatalogScope.filter(group__enabled=False).values_list("name", flat=True)
    )
    assert names == set(PLANNED_PATTERNS)
