"""The ASGI application: ``create_app(settings)``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from app import db
from app.oidc import authorize, consent, discovery, login, logout, token, userinfo
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
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for module in (discovery, authorize, login, token, userinfo, consent, logout):
        app.include_router(module.router)
    if settings.demo:
        from app.demo import routes as demo_routes

        app.include_router(demo_routes.router)
    return app
