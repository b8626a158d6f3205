"""The ``ringnity-login`` command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import sys
from typing import TYPE_CHECKING

from app import db, logging_setup
from app.settings import Settings

if TYPE_CHECKING:
    from app.services.keys import Rotation

logger = logging.getLogger(__name__)


def _settings_for_serve(args: argparse.Namespace) -> Settings:
    overrides = {"demo": args.demo}
    if "RINGNITY_ISSUER" not in os.environ:
        # Without an explicit issuer, the issuer is the address being served,
        # so discovery and the demo app's callback point at this process.
        host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
        overrides["issuer"] = f"http://{host}:{args.port}"
    return Settings(**overrides)


async def _prepare(settings: Settings) -> list[str]:
    await db.migrate(settings)
    if not settings.demo:
        return []
    from app.demo.setup import ensure_demo
    from app.services import keys

    await db.connect(settings)
    try:
        await keys.ensure_signing_key()
        return await ensure_demo(settings)
    finally:
        await db.disconnect()


def _port_in_use(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.main import create_app

    if _port_in_use(args.host, args.port):
        print(
            f"error: {args.host}:{args.port} is already in use; stop the other "
            "server or pick another port with --port",
            file=sys.stderr,
        )
        return 2
    settings = _settings_for_serve(args)
    lines = asyncio.run(_prepare(settings))
    if lines:
        print("\nDemo setup created. These values are shown only once:", flush=True)
        for line in lines:
            print("  " + line, flush=True)
    elif settings.demo:
        print(
            "\nThe demo setup exists; its credentials were printed when it was "
            f"created. Delete {settings.data_dir} to start over.",
            flush=True,
        )
    if settings.demo:
        print(f"\nOpen {settings.issuer}/demo in a browser to try the sign-in.\n", flush=True)
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_config=None,
        proxy_headers=False,
    )
    return 0


def migrate(args: argparse.Namespace) -> int:
    applied = asyncio.run(db.migrate(Settings()))
    print(f"applied {len(applied)} migration(s)")
    return 0


async def _create_admin_key(name: str) -> str:
    from app.services import admin_keys

    settings = Settings()
    await db.migrate(settings)
    await db.connect(settings)
    try:
        return await admin_keys.create_platform_key(name)
    finally:
        await db.disconnect()


def create_admin_key(args: argparse.Namespace) -> int:
    key = asyncio.run(_create_admin_key(args.name))
    print("Platform admin key (shown only once; only its digest is stored):")
    print(key)
    return 0


def export_schema(args: argparse.Namespace) -> int:
    from app.admin.schema import export_sdl

    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(export_sdl())
    print(f"wrote the admin API schema to {args.output}")


async def _rotate_keys(activation_delay: int) -> Rotation:
    from app.services import keys

    settings = Settings()
    await db.migrate(settings)
    await db.connect(settings)
    try:
        await keys.ensure_signing_key()
        return await keys.rotate_signing_key(
            settings.id_token_ttl, activation_delay=activation_delay
        )
    finally:
        await db.disconnect()


def rotate_keys(args: argparse.Namespace) -> int:
    if args.activation_delay < 0:
        print("--activation-delay must be 0 or more seconds", file=sys.stderr)
        return 2
    rotation = asyncio.run(_rotate_keys(args.activation_delay))
    print(
        f"New signing key {rotation.kid} is published now and signs from "
        f"{rotation.activates_at.isoformat()}."
    )
    for kid, expires_at in rotation.retired.items():
        print(f"Retired key {kid} stays published until {expires_at.isoformat()}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ringnity-login", description="Login with Ringnity, an OpenID Connect provider."
    )
    parser.add_argument("--log-level", default="INFO", help="logging level (default INFO)")
    commands = parser.add_subparsers(dest="command", required=True)

    serve_parser = commands.add_parser("serve", help="apply migrations and start the server")
    serve_parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)"
    )
    serve_parser.add_argument(
        "--port", type=int, default=8000, help="TCP port to bind (default 8000)"
    )
    serve_parser.add_argument(
        "--demo",
        action="store_true",
        help="create a demo tenant, user and client and serve the demo app at /demo",
    )
    serve_parser.set_defaults(handler=serve)

    migrate_parser = commands.add_parser("migrate", help="apply pending migrations")
    migrate_parser.set_defaults(handler=migrate)

    key_parser = commands.add_parser(
        "create-admin-key", help="create a platform admin key for the GraphQL admin API"
    )
    key_parser.add_argument("--name", default="platform admin", help="label for the key")
    key_parser.set_defaults(handler=create_admin_key)

    schema_parser = commands.add_parser(
        "export-schema", help="write the GraphQL admin API schema (SDL) to a file"
    )
    schema_parser.add_argument(
        "--output", default="schema.graphql", help="file to write (default schema.graphql)"
    )
    schema_parser.set_defaults(handler=export_schema)

    rotate_parser = commands.add_parser(
        "rotate-keys", help="publish a new signing key and retire the current one"
    )
    rotate_parser.add_argument(
        "--activation-delay",
        type=int,
        default=300,
        help="seconds the new key is published before it signs (default 300, "
        "the JWKS cache lifetime)",
    )
    rotate_parser.set_defaults(handler=rotate_keys)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging_setup.configure(args.log_level.upper())
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
