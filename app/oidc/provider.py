"""Per-app provider state shared by the protocol endpoints."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from app.services.keys import KeyStore
from app.settings import Settings

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


@dataclass
class Provider:
    settings: Settings
    keys: KeyStore
    templates: Jinja2Templates

    @classmethod
    def build(cls, settings: Settings) -> Provider:
        return cls(
            settings=settings,
            keys=KeyStore(),
            templates=Jinja2Templates(directory=str(TEMPLATES_DIR)),
        )

    def url(self, path: str) -> str:
        return self.settings.issuer + path


def get_provider(request: Request) -> Provider:
    return request.app.state.provider
