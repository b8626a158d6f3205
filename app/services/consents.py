"""Scopes that an account has approved for a client, and how to describe them."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from app.models import Account, CatalogScope, Consent, OAuthClient

# The consent page's plain-language line for each scope.
SCOPE_DESCRIPTIONS = {
    "openid": "Confirm that you are signed in with your Ringnity account",
    "profile": "See your name and basic profile details",
    "email": "See your email address",
    "tenant.read": "See which company account you are signing in with",
    "roles.read": "See the roles you hold in that company account",
}


async def consent_missing(
    account: Account, client: OAuthClient, scopes: list[str]
) -> bool:
    """Return True unless the account has approved every scope in ``scopes``."""
    consent = await Consent.get_or_none(account_id=account.id, client_id=client.id)
    if consent is None:
        return True
    return not set(scopes) <= set(consent.scopes)


async def record_consent(
    account: Account, client: OAuthClient, scopes: list[str]
) -> None:
    """Add ``scopes`` to the account's approvals for the client."""
    consent = await Consent.get_or_none(account_id=account.id, client_id=client.id)
    if consent is None:
        try:
            await Consent.create(account=account, client=client, scopes=list(scopes))
            return
        except IntegrityError:
            # A parallel approval created the row first.
            consent = await Consent.get(account_id=account.id, client_id=client.id)
    merged = list(dict.fromkeys([*consent.scopes, *scopes]))
    await Consent.filter(id=consent.id).update(scopes=merged)


async def describe_scopes(scopes: list[str]) -> list[str]:
    """Return one plain-language line per scope, in request order."""
    catalog = dict(
        await CatalogScope.filter(name__in=scopes).values_list("name", "description")
    )
    return [
        SCOPE_DESCRIPTIONS.get(scope) or catalog.get(scope) or scope for scope in scopes
    ]
