"""A request body limit for the admin API, applied before strawberry reads the body."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

# The dashboard's largest operation (a client registration) is a few
# kilobytes; 256 KiB leaves ample room while keeping parse costs bounded.
MAX_BODY_BYTES = 256 * 1024


class BodySizeLimit:
    """Reject ``POST /graphql`` bodies over ``MAX_BODY_BYTES`` with 413.

    A body without Content-Length is rejected with 411, so the limit cannot
    be bypassed with chunked transfer encoding.
    """

    def __init__(self, app: ASGIApp, path: str = "/graphql") -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is None:
            await _reject(send, 411, "a Content-Length header is required")
            return
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            await _reject(send, 413, f"the request body exceeds {MAX_BODY_BYTES} bytes")
            return
        await self.app(scope, receive, send)


async def _reject(send: Send, status: int, message: str) -> None:
    body = json.dumps({"data": None, "errors": [{"message": message}]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
