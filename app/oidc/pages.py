"""HTML pages of the provider: rendering, security headers and CSRF tokens."""

from __future__ import annotations

import logging
import re

import secrets
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import ImmutableMultiDict
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from app.oidc.provider import Provider
from app.security.tokens import constant_time_equals, sign
from app.services import keys

logger = logging.getLogger(__name__)

CSRF_COOKIE = "rgn_csrf"
SESSION_COOKIE = "rgn_session"
CSRF_SECRET_NAME = "csrf"


_HOST = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")


def origin_of(uri: str) -> str | None:
    """Return the CSP source for a redirect URI, or None if it is not safe to use.

    The source is rebuilt from the parsed scheme, host and port, never copied
    from the URI, so no character of it can end a CSP directive.
    """
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return None
    if not _SCHEME.match(parts.scheme or ""):
        return None
    if parts.scheme not in ("http", "https"):
        return f"{parts.scheme}:"
    host = parts.netloc.rsplit("@", 1)[-1]
    if port is not None:
        host = host[: -len(f":{port}")]
    if not _HOST.match(host):
        return None
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")


def security_headers(
    form_targets: tuple[str, ...] = (), *, scripts: bool = False
) -> dict[str, str]:
    """Return headers for every HTML page.

    Chromium applies ``form-action`` to the redirects that follow a form
    submission too, so a page whose form ends in a redirect to a client
    lists that client's origin in ``form_targets``. ``scripts`` allows
    script files from ``/static/``; inline scripts stay blocked.
    """
    form_action = " ".join(("'self'", *form_targets))
    script_src = "script-src 'self'; " if scripts else ""
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; {script_src}style-src 'self'; img-src 'self'; "
            f"form-action {form_action}; frame-ancestors 'none'; base-uri 'none'"
        ),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def render(
    provider: Provider,
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    form_targets: tuple[str, ...] = (),
    scripts: bool = False,
) -> HTMLResponse:
    response = provider.templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    response.headers.update(security_headers(form_targets, scripts=scripts))
    return response


def error_page(
    provider: Provider, request: Request, title: str, message: str, status_code: int = 400
) -> HTMLResponse:
    return render(
        provider,
        request,
        "error.html",
        {"title": title, "message": message},
        status_code=status_code,
    )


def set_cookie(
    provider: Provider, response: Response, name: str, value: str, max_age: int | None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        secure=provider.settings.secure_cookies,
        samesite="lax",
        path="/",
    )


async def csrf_token(request: Request, response_cookies: dict[str, str]) -> str:
    """Return the form token for this browser, minting its cookie if needed.

    The form token is an HMAC of the cookie value (a signed double-submit
    cookie), so a forged form without the cookie fails.
    """
    cookie_value = request.cookies.get(CSRF_COOKIE)
    if not cookie_value or len(cookie_value) > 64:
        cookie_value = secrets.token_urlsafe(32)
        response_cookies[CSRF_COOKIE] = cookie_value
    return sign(await keys.server_secret(CSRF_SECRET_NAME), cookie_value)


async def csrf_valid(request: Request, submitted: str | None) -> bool:
    cookie_value = request.cookies.get(CSRF_COOKIE)
    if not cookie_value or not submitted:
        return False
    expected = sign(await keys.server_secret(CSRF_SECRET_NAME), cookie_value)
    return constant_time_equals(expected, submitted)


async def read_form(request: Request) -> ImmutableMultiDict | None:
    """Return the text fields of an urlencoded form, or None when it is not one.

    None also covers bodies over Starlette's size or field-count limits, so
    every HTML form endpoint responds to them with its error page.
    """
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip()
    if content_type.lower() != "application/x-www-form-urlencoded":
        return None
    try:
        form = await request.form()
    except HTTPException:
        logger.info("form rejected: over the size or field-count limit")
        return None
    return ImmutableMultiDict(
        [(key, value) for key, value in form.multi_items() if isinstance(value, str)]
    )
