"""Ending provider sessions, and OIDC Back-Channel Logout 1.0 notices to clients."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from app.models import Grant, LoginSession
from app.security import jose
from app.services import clock, sessions
from app.services.keys import KeyStore

logger = logging.getLogger(__name__)

BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"
LOGOUT_TOKEN_TYP = "logout+jwt"
LOGOUT_TOKEN_TTL_SECONDS = 120
DELIVERY_TIMEOUT_SECONDS = 5.0


@dataclass
class LogoutNotice:
    """A signed logout token and the client's back-channel logout URI to post it to."""

    client_id: str
    uri: str
    logout_token: str


async def end_session(
    session: LoginSession, issuer: str, keys: KeyStore
) -> list[LogoutNotice]:
    """End the session and revoke its grants; return the notices to deliver.

    Every client that has a grant from this session and registered a
    ``backchannel_logout_uri`` gets one notice, even if the grant was
    revoked earlier, because its ID tokens still carry this ``sid``.
    """
    await sessions.end_session(session)
    grants = await Grant.filter(session_sid=session.sid).select_related("client")
    revoked = await Grant.filter(
        session_sid=session.sid, revoked_at__isnull=True
    ).update(revoked_at=clock.now(), revoked_reason="logout")
    logger.info(
        "ended session of account %s, revoked %s grant(s)", session.account_id, revoked
    )
    notified = {}
    for grant in grants:
        client = grant.client
        if client.enabled and client.backchannel_logout_uri:
            notified[client.client_id] = client
    signing_jwk = await keys.signing_jwk() if notified else None
    notices = []
    for client in notified.values():
        token = _logout_token(issuer, client.client_id, session, signing_jwk)
        notices.append(
            LogoutNotice(client.client_id, client.backchannel_logout_uri, token)
        )
    return notices


def _logout_token(
    issuer: str, client_id: str, session: LoginSession, signing_jwk
) -> str:
    now = int(clock.now().timestamp())
    claims = {
        "iss": issuer,
        "aud": client_id,
        "iat": now,
        "exp": now + LOGOUT_TOKEN_TTL_SECONDS,
        "jti": uuid.uuid4().hex,
        "sub": str(session.account_id),
        "sid": session.sid,
        "events": {BACKCHANNEL_LOGOUT_EVENT: {}},
    }
    return jose.encode_jwt(claims, signing_jwk, typ=LOGOUT_TOKEN_TYP)


async def deliver(notices: list[LogoutNotice], *, allow_private_networks: bool) -> None:
    """POST each logout token to its client; failures are logged, not raised.

    Client administrators register these URIs and this server posts from
    inside its network, so unless ``allow_private_networks`` is set, a URI
    whose host resolves to a loopback, private, link-local or otherwise
    non-public address is skipped.
    """
    if not notices:
        return
    if not allow_private_networks:
        notices = [notice for notice in notices if await _public_destination(notice)]
    # NOTE: the address check and the POST resolve the host separately, so a
    # DNS answer that changes in between (DNS rebinding) is not caught here.
    # Where that matters, restrict egress at the network too.
    async with httpx.AsyncClient(
        timeout=DELIVERY_TIMEOUT_SECONDS, follow_redirects=False
    ) as http:
        results = await asyncio.gather(
            *(_deliver_one(http, notice) for notice in notices), return_exceptions=True
        )
    for notice, result in zip(notices, results, strict=True):
        if isinstance(result, Exception):
            logger.error(
                "back-channel logout to client %s failed with an unexpected %s",
                notice.client_id,
                type(result).__name__,
            )


async def _public_destination(notice: LogoutNotice) -> bool:
    host = urlsplit(notice.uri).hostname
    if not host:
        return False
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except OSError:
        logger.warning(
            "back-channel logout to client %s skipped: its host does not resolve",
            notice.client_id,
        )
        return False
    addresses = {ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos}
    if all(address.is_global for address in addresses):
        return True
    logger.warning(
        "back-channel logout to client %s skipped: its host is not a public address",
        notice.client_id,
    )
    return False


async def _deliver_one(http: httpx.AsyncClient, notice: LogoutNotice) -> None:
    try:
        response = await http.post(
            notice.uri, data={"logout_token": notice.logout_token}
        )
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        logger.warning(
            "back-channel logout to client %s failed: %s",
            notice.client_id,
            type(exc).__name__,
        )
        return
    if response.status_code not in (200, 204):
        logger.warning(
            "back-channel logout to client %s failed: HTTP %s",
            notice.client_id,
            response.status_code,
        )
        return
    logger.info("back-channel logout delivered to client %s", notice.client_id)
