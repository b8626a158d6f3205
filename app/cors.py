"""CORS pieces (the WHATWG Fetch standard) shared by the protocol endpoints and
the admin API, which each decide which origins may read their responses.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Scope

ALLOWED_HEADERS = "Authorization, Content-Type"
# Browsers may cache a preflight result for this many seconds.
PREFLIGHT_MAX_AGE = "600"


def is_preflight(scope: Scope, headers: Headers) -> bool:
    """Tell whether a request is a CORS preflight, not a plain OPTIONS request."""
    return (
        scope["method"] == "OPTIONS"
        and "origin" in headers
        and "access-control-request-method" in headers
    )


def preflight_response(
    allow_origin: str,
    methods: str,
    *,
    allowed_headers: str = ALLOWED_HEADERS,
    vary_origin: bool,
) -> Response:
    """Return a 204 preflight response that lets ``allow_origin`` send the request."""
    headers = {
        "Access-Control-Allow-Origin": allow_origin,
        "Access-Control-Allow-Methods": methods,
        "Access-Control-Allow-Headers": allowed_headers,
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
    }
    if vary_origin:
        headers["Vary"] = "Origin"
    return Response(status_code=204, headers=headers)
