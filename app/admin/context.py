"""The per-request context: the principal, the request id and the DataLoaders."""

from __future__ import annotations

import re
import uuid

from starlette.requests import Request
from starlette.responses import Response
from strawberry.fastapi import BaseContext

from app.admin.errors import unauthenticated
from app.admin.loaders import Loaders
from app.services import authentication
from app.services.principals import Principal
from app.settings import Settings

REQUEST_ID_HEADER = "X-Request-ID"
# A caller's request id is kept when it is short and plain, so it can be
# logged and stored as is. Otherwise the server makes one.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


def request_id_of(request: Request) -> str:
    presented = request.headers.get(REQUEST_ID_HEADER)
    if presented and _REQUEST_ID.match(presented):
        return presented
    return uuid.uuid4().hex


def bearer_credential(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


class AdminContext(BaseContext):
    def __init__(
        self, principal: Principal | None, request_id: str, settings: Settings
    ) -> None:
        super().__init__()
        self._principal = principal
        self.request_id = request_id
        self.settings = settings
        self.loaders = Loaders()

    @property
    def authenticated(self) -> bool:
        return self._principal is not None

    @property
    def principal(self) -> Principal:
        if self._principal is None:
            raise unauthenticated()
        return self._principal


def context_getter(settings: Settings):
    """Return the FastAPI dependency that builds an ``AdminContext``."""

    async def get_context(request: Request, response: Response) -> AdminContext:
        request_id = request_id_of(request)
        response.headers[REQUEST_ID_HEADER] = request_id
        response.headers["Cache-Control"] = "no-store"
        # The router sends this response object (see AdminRouter).
        request.state.graphql_response = response
        principal = await authentication.authenticate(
            bearer_credential(request),
            dashboard_client_id=settings.dashboard_client_id,
            request_id=request_id,
        )
        return AdminContext(principal, request_id, settings)

    return get_context
