"""Grant types of the token endpoint, keyed by ``grant_type``.

Discovery reads ``GRANT_HANDLERS`` too, so ``grant_types_supported`` always
matches what the token endpoint accepts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Awaitable, Callable
from typing import Any

from app.oidc.grants.authorization_code import exchange_authorization_code
from app.oidc.grants.client_credentials import issue_client_token
from app.oidc.grants.refresh_token import refresh_access_token
from app.oidc.provider import Provider

if TYPE_CHECKING:
    from app.models import OAuthClient

GrantHandler = Callable[[Provider, "OAuthClient", dict[str, str]], Awaitable[dict[str, Any]]]

GRANT_HANDLERS: dict[str, GrantHandler] = {
    "authorization_code": exchange_authorization_code,
    "refresh_token": refresh_access_token,
    "client_credentials": issue_client_token,
}
