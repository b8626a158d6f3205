"""The authorization code grant (RFC 6749 section 4.1.3, RFC 7636 section 4.6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
from typing import Any

from app.oidc.errors import InvalidGrantError, InvalidRequestError
from app.oidc.provider import Provider
from app.security import pkce
from app.oidc.grants._responses import token_response
from app.services import audit, authorization, clock

if TYPE_CHECKING:
    from app.models import AuthorizationCode, OAuthClient

logger = logging.getLogger(__name__)


async def exchange_authorization_code(
    provider: Provider, client: OAuthClient, form: dict[str, str]
) -> dict[str, Any]:
    code_value = form.get("code")
    if code_value is None:
        raise InvalidRequestError("code is required")
    redirect_uri = form.get("redirect_uri")
    if redirect_uri is None:
        raise InvalidRequestError("redirect_uri is required")

    code = await authorization.find_code(code_value)
    if code is None or code.client_id != client.id:
        logger.info("client %s presented an unknown code", client.client_id)
        raise InvalidGrantError("the authorization code is invalid")
    # The code is spent by its first presentation, before the other checks,
    # so a replay revokes the grant whatever its age and a failed attempt
    # (wrong verifier or redirect URI) cannot be retried.
    if not await authorization.consume_code(code):
        await _revoke_replayed(client, code)
        raise InvalidGrantError("the authorization code has already been used")
    if code.expires_at <= clock.now():
        raise InvalidGrantError("the authorization code has expired")
    if code.redirect_uri != redirect_uri:
        raise InvalidGrantError("redirect_uri does not match the authorization request")
    _check_code_verifier(code.code_challenge, form.get("code_verifier"))

    grant = code.grant
    if grant.revoked_at is not None:
        raise InvalidGrantError("the authorization has been revoked")
    denial = await authorization.sign_in_denial(
        code.account, client, dashboard_client_id=provider.settings.dashboard_client_id
    )
    if denial is not None:
        logger.info("code exchange for client %s denied: %s", client.client_id, denial)
        raise InvalidGrantError("the user may no longer sign in to this client")

    # The code's account and tenant are the grant's; reuse the loaded rows.
    grant.account = code.account
    grant.tenant = code.tenant
    return await token_response(provider, client, grant, code.scopes, nonce=code.nonce)


async def _revoke_replayed(client: OAuthClient, code: AuthorizationCode) -> None:
    """Revoke what the first redemption issued (RFC 6749 section 4.1.2)."""
    await authorization.revoke_grant(code.grant_id, "code_replayed")
    await audit.record(
        "oauth.code_replayed",
        tenant_id=code.tenant_id,
        actor_type="client",
        actor_id=client.client_id,
        target_type="grant",
        target_id=str(code.grant_id),
    )
    logger.warning(
        "authorization code replayed by client %s; revoked grant %s",
        client.client_id,
        code.grant_id,
    )


def _check_code_verifier(challenge: str | None, verifier: str | None) -> None:
    if challenge is None:
        if verifier is not None:
            # A verifier without a challenge suggests a stripped challenge.
            raise InvalidGrantError("code_verifier sent but the request had no challenge")
        return
    if verifier is None:
        raise InvalidGrantError("code_verifier is required")
    if not pkce.verify(verifier, challenge):
        raise InvalidGrantError("code_verifier does not match the code challenge")
