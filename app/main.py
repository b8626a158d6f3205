"""The ASGI application: ``create_app(settings)``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.staticfiles import StaticFiles

from app import db
from app.admin.limits import BodySizeLimit
from app.admin.cors import DashboardCorsMiddleware
from app.admin.schema import create_router
from app.oidc import (
    authorize,
    consent,
    cors,
    discovery,
    introspection,
    login,
    logout,
    revocation,
    server_metadata,
    token,
    userinfo,
)
from app.oidc.errors import NO_STORE
from app.oidc.provider import STATIC_DIR, Provider
from app.services import keys
from app.settings import Settings

logger = logging.getLogger(__name__)


async def start(app: FastAPI) -> None:
    """Connect to the database and make sure a signing key exists."""
    settings: Settings = app.state.provider.settings
    await db.connect(settings)
    await keys.ensure_signing_key()
    if settings.key_rotation_interval_days > 0:
        app.state.rotation_task = asyncio.create_task(
            keys.run_rotation_schedule(
                uuid.uuid4().hex,
                settings.key_rotation_interval_days,
                settings.id_token_ttl,
                settings.key_rotation_check_seconds,
            )
        )
    logger.info("Login with Ringnity started, issuer %s", settings.issuer)


async def stop(app: FastAPI) -> None:
    task = getattr(app.state, "rotation_task", None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    await db.disconnect()
    logger.info("Login with Ringnity stopped")


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Render routing errors (404, 405) in the OAuth error format, never cached.

    FastAPI's default ``{"detail": ...}`` body is not what OAuth clients parse.
    """
    error = "invalid_request" if exc.status_code < 500 else "server_error"
    description = {404: "not found", 405: "method not allowed"}.get(
        exc.status_code, "the request could not be processed"
    )
    headers = dict(getattr(exc, "headers", None) or {})
    headers.update(NO_STORE)
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=exc.status_code,
        headers=headers,
    )


def create_app(settings: Settings, *, manage_database: bool = True) -> FastAPI:
    """Build the app; with ``manage_database`` False the caller connects the database."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if manage_database:
            await start(app)
        yield
        if manage_database:
            await stop(app)

    app = FastAPI(
        title="Login with Ringnity",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.provider = Provider.build(settings)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    protocol_modules = (
        discovery,
        server_metadata,
        authorize,
        login,
        consent,
        token,
        userinfo,
        revocation,
        introspection,
        logout,
    )
    for module in protocol_modules:
        app.include_router(module.router)
    app.add_middleware(cors.CorsMiddleware)
    app.add_middleware(BodySizeLimit)
    app.add_middleware(DashboardCorsMiddleware, origins=settings.dashboard_origins)
    app.include_router(create_router(settings))
    if settings.demo:
        from app.demo import routes as demo_routes

        app.include_router(demo_routes.router)
    return app
