"""The consent form that the authorization endpoint shows (OIDC Core 1.0 section 3.1.2.4)."""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.datastructures import ImmutableMultiDict
from starlette.responses import Response

from app.oidc import authorize, pages
from app.oidc.errors import AccessDeniedError, OAuth2Error
from app.oidc.provider import get_provider
from app.security.tokens import constant_time_equals
from app.services import audit, consents, sessions

logger = logging.getLogger(__name__)
router = APIRouter()

MAX_FIELD_LENGTH = 16384
EXPIRED_TITLE = "Consent form expired"
EXPIRED_MESSAGE = (
    "The consent form expired or was sent from another site. "
    "Go back to the application and start the sign-in again."
)


@router.post("/oauth/authorize/consent")
async def consent_submit(request: Request) -> Response:
    provider = get_provider(request)
    form = await pages.read_form(request)
    if form is None:
        return pages.error_page(
            provider, request, "Consent failed", "The consent form was malformed."
        )
    fields = {
        key: value
        for key, value in form.items()
        if isinstance(value, str) and len(value) <= MAX_FIELD_LENGTH
    }
    if not await pages.csrf_valid(request, fields.get("csrf_token")):
        logger.info("consent form rejected: missing or invalid CSRF token")
        return pages.error_page(
            provider, request, EXPIRED_TITLE, EXPIRED_MESSAGE, status_code=403
        )
    encoded = fields.get("authorization_request", "")
    params = ImmutableMultiDict(parse_qsl(encoded, keep_blank_values=True))
    try:
        areq = await authorize.parse_request(provider, params)
    except authorize.UntrustedRedirectError as exc:
        return pages.error_page(
            provider, request, "Sign-in request rejected", exc.message
        )
    except OAuth2Error as exc:
        return authorize.error_response(provider, request, exc, 303)

    session = await sessions.load_session(request.cookies.get(pages.SESSION_COOKIE))
    if session is None:
        # The session ended or expired while the consent page was open.
        return await authorize.login_page(provider, request, areq)
    expected = await authorize.consent_binding(session, encoded)
    if not constant_time_equals(expected, fields.get("consent_binding", "")):
        logger.info(
            "consent form for client %s rejected: binding mismatch",
            areq.client.client_id,
        )
        return pages.error_page(
            provider, request, EXPIRED_TITLE, EXPIRED_MESSAGE, status_code=403
        )

    account = session.account
    decision = fields.get("decision")
    audit_fields = {
        "tenant_id": areq.client.tenant_id,
        "actor_type": "account",
        "actor_id": str(account.id),
        "target_type": "client",
        "target_id": areq.client.client_id,
        "details": {"scopes": areq.scopes},
    }
    if decision != "allow":
        await audit.record("auth.consent_denied", **audit_fields)
        logger.info(
            "account %s denied consent to client %s", account.id, areq.client.client_id
        )
        exc = AccessDeniedError(
            "the user denied the request",
            redirect_uri=areq.redirect_uri,
            state=areq.state,
        )
        exc.response_mode = areq.response_mode
        return authorize.error_response(provider, request, exc, 303)

    await consents.record_consent(account, areq.client, areq.scopes)
    await audit.record("auth.consent_granted", **audit_fields)
    try:
        return await authorize.complete(
            provider, request, areq, session, consent_given=True, status_code=303
        )
    except OAuth2Error as exc:
        return authorize.error_response(provider, request, exc, 303)
