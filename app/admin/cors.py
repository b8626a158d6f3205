"""CORS for ``/graphql``, so the dashboard can call the admin API from a browser.

Only the origins in ``Settings.dashboard_origins`` get CORS headers, so a
page of any other origin cannot read a response. Credentials mode is never
allowed, because the API takes a Bearer header and no cookies.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.admin.context import REQUEST_ID_HEADER
from app.cors import ALLOWED_HEADERS, is_preflight, preflight_response

GRAPHQL_PATH = "/graphql"
# GET serves only the GraphiQL page, which runs on this server's own origin.
METHODS = "POST"
# The dashboard may send its own request id, and read the one the API used.
REQUEST_HEADERS = f"{ALLOWED_HEADERS}, {REQUEST_ID_HEADER}"
EXPOSED_HEADERS = f"WWW-Authenticate, {REQUEST_ID_HEADER}"


class DashboardCorsMiddleware:
    def __init__(self, app: ASGIApp, origins: Iterable[str]) -> None:
        self.app = app
        self.origins = frozenset(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != GRAPHQL_PATH:
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        origin = request_headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        allowed = origin in self.origins
        if allowed and is_preflight(scope, request_headers):
            response = preflight_response(
                origin, METHODS, allowed_headers=REQUEST_HEADERS, vary_origin=True
            )
            await response(scope, receive, send)
            return

        # A preflight from another origin reaches the router, which rejects
        # OPTIONS without CORS headers, so the browser stops there.
        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.add_vary_header("Origin")
                if allowed:
                    headers["Access-Control-Allow-Origin"] = origin
                    headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_cors)
