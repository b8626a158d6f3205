"""Grant types of the token endpoint, keyed by ``grant_type``.

Discovery reads ``GRANT_HANDLERS`` too, so ``grant_types_supported`` always
matches what the token endpoint accepts.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from app.models import OAuthClient
from app.oidc.grants.authorization_code import exchange_authorization_code
from app.oidc.provider import Provider

GrantHandler = Callable[[Provider, OAuthClient, dict[str, str]], Awaitable[dict[str, Any]]]

GRANT_HANDLERS: dict[str, GrantHandler] = {
    "authorization_code": exchange_authorization_code,
}
