"""Typed settings, read from ``RINGNITY_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.origins import check_origin


def _default_database_url() -> str:
    data_dir = Path.cwd() / "data"
    return f"sqlite://{data_dir / 'ringnity-login.sqlite3'}"


class Settings(BaseSettings):
    """Configuration of one server instance.

    Build it once (``Settings()`` reads the environment) and pass it to
    ``create_app``; no module reads the environment at import time.
    """

    model_config = SettingsConfigDict(env_prefix="RINGNITY_", extra="ignore")

    issuer: str = "http://127.0.0.1:8000"
    database_url: str = Field(default_factory=_default_database_url)
    data_dir: Path = Field(default_factory=lambda: Path.cwd() / "data")

    # Lifetimes in seconds.
    authorization_code_ttl: int = 60
    access_token_ttl: int = 3600
    id_token_ttl: int = 3600
    refresh_token_ttl: int = 30 * 24 * 3600
    session_ttl: int = 14 * 24 * 3600

    # Automatic signing key rotation: days between rotations, 0 turns it off.
    # Instances sharing a database take turns through a lease, so only one
    # rotates. The check runs every key_rotation_check_seconds.
    key_rotation_interval_days: int = 0
    key_rotation_check_seconds: int = 3600

    demo: bool = False
    # Let back-channel logout reach loopback and private addresses, for
    # receivers on the provider's own network (and the test suite).
    backchannel_logout_private_networks: bool = False
    # The client_id of the first-party dashboard (a public client): its
    # access tokens are accepted by the admin API for tenant admins.
    dashboard_client_id: str | None = None
    # Origins (scheme://host[:port]) whose pages may call /graphql from a
    # browser. The environment variable lists them separated by commas.
    dashboard_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    graphql_introspection: bool = True
    graphql_max_depth: int = 10
    graphql_max_tokens: int = 2000
    graphql_max_aliases: int = 15

    @field_validator("issuer")
    @classmethod
    def _strip_trailing_slash(cls, value: str) -> str:
        # OpenID Connect Discovery 1.0 section 4.3: the issuer in the document
        # must equal the configured issuer exactly, so keep one spelling.
        return value.rstrip("/")

    @field_validator("dashboard_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("dashboard_origins")
    @classmethod
    def _check_origins(cls, value: list[str]) -> list[str]:
        for origin in value:
            check_origin(origin)
        return value

    @property
    def secure_cookies(self) -> bool:
        return self.issuer.startswith("https://")

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))
