"""CORS (the WHATWG Fetch standard) for the endpoints that browser apps call.

Discovery and the JWK Set are public, so any origin may read them. The
token, userinfo, revocation and introspection responses are readable only
by the origins registered on the client involved. The endpoint passes
them to ``allow_client_origins`` once it has identified the client. Every
other path, ``/oauth/authorize`` included, gets no CORS headers.

A preflight of a client endpoint succeeds for any origin, because the
client is not identified before the actual request, and a cross-origin
form POST needs no preflight anyway. The actual response stays unreadable
to an unregistered origin, and credentials (cookies) are never allowed.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.cors import is_preflight, preflight_response

PUBLIC_PATHS = {
    "/.well-known/openid-configuration": "GET",
    "/.well-known/oauth-authorization-server": "GET",
    "/oauth/jwks.json": "GET",
}
CLIENT_PATHS = {
    "/oauth/token": "POST",
    "/oauth/userinfo": "GET, POST",
    "/oauth/revoke": "POST",
    "/oauth/introspect": "POST",
}
_STATE_KEY = "cors_allowed_origins"


def allow_client_origins(request: Request, origins: list[str]) -> None:
    """Let the client's registered origins read the response to ``request``."""
    setattr(request.state, _STATE_KEY, list(origins))


class CorsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        methods = PUBLIC_PATHS.get(path) or CLIENT_PATHS.get(path)
        request_headers = Headers(scope=scope)
        origin = request_headers.get("origin")
        is_public = path in PUBLIC_PATHS
        # Public documents get the header even without Origin, so a shared
        # cache never stores a copy that CORS requests cannot read.
        if methods is None or (origin is None and not is_public):
            await self.app(scope, receive, send)
            return
        if origin is not None and is_preflight(scope, request_headers):
            await _preflight(origin, methods, is_public)(scope, receive, send)
            return

        state = scope.setdefault("state", {})

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if is_public:
                    headers["Access-Control-Allow-Origin"] = "*"
                else:
                    headers.add_vary_header("Origin")
                    if origin in state.get(_STATE_KEY, ()):
                        headers["Access-Control-Allow-Origin"] = origin
                        headers["Access-Control-Expose-Headers"] = "WWW-Authenticate"
            await send(message)

        await self.app(scope, receive, send_with_cors)


def _preflight(origin: str, methods: str, is_public: bool) -> Response:
    allow_origin = "*" if is_public else origin
    return preflight_response(allow_origin, methods, vary_origin=not is_public)
