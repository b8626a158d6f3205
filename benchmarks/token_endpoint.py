"""Time code exchanges and userinfo calls on a live server, and JWT signing.

Usage: python benchmarks/token_endpoint.py [-n N] [--postgres URL]

The script starts ``ringnity-login serve`` on a free 127.0.0.1 port against
a scratch database (a temporary SQLite file, or with ``--postgres`` a new
database on that server, dropped at the end). It creates a tenant, a user
and a confidential client, writes N authorization codes straight into the
database, and then times, one request at a time over HTTP:

* N code exchanges at ``/oauth/token`` (client_secret_basic, PKCE, openid
  scope, so each response also carries an RS256 ID token), and
* N ``/oauth/userinfo`` calls with the access tokens received.

It also times, in this process, three costs per token: issuing one opaque
access token (random value plus SHA-256 digest), signing one access-token
JWT with RS256 through joserfc, and verifying that JWT. Signing is the
extra cost that a JWT access token would add to each token response.

This is not a test. It prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import db  # noqa: E402  (needs the repository root on sys.path)
from app.security import jose  # noqa: E402
from app.security.tokens import ACCESS_TOKEN_PREFIX, digest, generate_token  # noqa: E402
from app.services import accounts, authorization, clients, keys, tenants  # noqa: E402
from app.settings import Settings  # noqa: E402

REDIRECT_URI = "https://rp.example.com/callback"
SCOPES = ["openid", "profile", "email", "tenant.read", "roles.read"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _summary(label: str, durations: list[float]) -> str:
    """Format one Markdown table row from durations in seconds."""
    ordered = sorted(durations)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    mean = statistics.fmean(durations)
    return (
        f"| {label} | {len(durations)} | {mean * 1000:.3f} | "
        f"{statistics.median(durations) * 1000:.3f} | {p95 * 1000:.3f} | {1 / mean:.0f} |"
    )


async def _create_fixtures(count: int) -> tuple[str, str, list[tuple[str, str]]]:
    """Create a client and ``count`` codes.

    Return the client_id, the client secret and (code, verifier) pairs.
    """
    tenant = await tenants.create_tenant("bench-" + secrets.token_hex(4), "Bench Corp")
    account = await accounts.create_account(
        f"bench-{secrets.token_hex(4)}@example.com", None, name="Bench User"
    )
    await tenants.add_member(tenant, account)
    client, secret = await clients.create_client(
        tenant,
        clients.ClientRegistration(
            name="Bench App", redirect_uris=[REDIRECT_URI], allowed_scopes=SCOPES
        ),
    )
    await client.fetch_related("tenant")
    codes = []
    for _ in range(count):
        verifier = secrets.token_urlsafe(48)
        code = await authorization.issue_code(
            authorization.CodeRequest(
                client=client,
                account=account,
                redirect_uri=REDIRECT_URI,
                scopes=SCOPES,
                nonce=secrets.token_urlsafe(8),
                code_challenge=create_s256_code_challenge(verifier),
                code_challenge_method="S256",
                auth_time=datetime.now(UTC),
                session_sid=None,
            ),
            # Long enough that no code expires before its exchange.
            ttl_seconds=3600,
        )
        codes.append((code, verifier))
    assert secret is not None
    return client.client_id, secret, codes


def _start_server(settings: Settings, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "RINGNITY_DATABASE_URL": settings.database_url,
        "RINGNITY_ISSUER": base_url,
        "RINGNITY_DATA_DIR": str(settings.data_dir),
    }
    command = [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early; see {log_path}")
        try:
            httpx.get(base_url + "/.well-known/openid-configuration", timeout=1)
            return process, base_url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit(f"server did not start within 30 s; see {log_path}")


def _time_http(base_url: str, client_id: str, secret: str, codes) -> list[str]:
    rows = []
    access_tokens = []
    with httpx.Client(base_url=base_url) as http:
        exchange_durations = []
        for code, verifier in codes:
            form = {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT_URI,
                "code_verifier": verifier,
            }
            started = time.perf_counter()
            response = http.post("/oauth/token", data=form, auth=(client_id, secret))
            exchange_durations.append(time.perf_counter() - started)
            response.raise_for_status()
            access_tokens.append(response.json()["access_token"])
        # The first request of each kind is a warm-up and is not counted.
        rows.append(_summary("code exchange (HTTP)", exchange_durations[1:]))

        userinfo_durations = []
        for token in access_tokens:
            started = time.perf_counter()
            response = http.get("/oauth/userinfo", headers={"Authorization": f"Bearer {token}"})
            userinfo_durations.append(time.perf_counter() - started)
            response.raise_for_status()
        rows.append(_summary("userinfo (HTTP)", userinfo_durations[1:]))
    return rows


def _time_token_forms(count: int) -> list[str]:
    _, private_jwk, public_jwk = jose.generate_signing_key()
    now = int(time.time())
    claims = {
        "iss": "https://api.ringnity.com",
        "sub": "0b8c2f0e-8f5e-4a4e-9d1c-2f0f9a9b8c7d",
        "aud": "rgn_0123456789abcdef01234567",
        "client_id": "rgn_0123456789abcdef01234567",
        "scope": " ".join(SCOPES),
        "tenant_id": "5f0c8a9e-1d2b-4c3a-8e7f-6a5b4c3d2e1f",
        "iat": now,
        "exp": now + 3600,
        "jti": "",
    }

    opaque = []
    for _ in range(count):
        started = time.perf_counter()
        digest(generate_token(ACCESS_TOKEN_PREFIX))
        opaque.append(time.perf_counter() - started)

    # Importing a private JWK validates the key and dominates signing, which
    # is why jose.encode_jwt keeps imported keys; time both paths.
    signed_with_import = []
    for _ in range(count):
        claims["jti"] = secrets.token_urlsafe(16)
        header = {"alg": jose.SIGNING_ALG, "kid": private_jwk["kid"], "typ": "at+jwt"}
        started = time.perf_counter()
        jwt.encode(header, claims, jose.import_key(private_jwk))
        signed_with_import.append(time.perf_counter() - started)

    key = jose.import_key(private_jwk)
    header = {"alg": jose.SIGNING_ALG, "kid": private_jwk["kid"], "typ": "at+jwt"}
    signed = []
    tokens = []
    for _ in range(count):
        claims["jti"] = secrets.token_urlsafe(16)
        started = time.perf_counter()
        tokens.append(jwt.encode(header, claims, key))
        signed.append(time.perf_counter() - started)

    verified = []
    for token in tokens:
        started = time.perf_counter()
        jose.decode_jwt(token, [public_jwk])
        verified.append(time.perf_counter() - started)

    return [
        _summary("opaque access token: random value + SHA-256", opaque),
        _summary("JWT access token: import private JWK + RS256 sign", signed_with_import),
        _summary("JWT access token: RS256 sign, key imported once", signed),
        _summary("JWT access token: RS256 verify (joserfc)", verified),
    ]


async def _prepare(settings: Settings, count: int):
    await db.migrate(settings)
    await db.connect(settings)
    try:
        await keys.ensure_signing_key()
        return await _create_fixtures(count + 1)
    finally:
        await db.disconnect()


async def _create_postgres_database(server_url: str) -> str:
    name = "ringnity_bench_" + secrets.token_hex(4)
    connection = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return server_url.rsplit("/", 1)[0] + "/" + name


async def _drop_postgres_database(server_url: str, database_url: str) -> None:
    name = database_url.rsplit("/", 1)[1]
    connection = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def _hardware() -> str:
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    usable = len(os.sched_getaffinity(0))
    python = platform.python_version()
    return f"{os.cpu_count()} CPUs (nproc {usable}), {model}, Python {python}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-n", type=int, default=300, help="number of requests per endpoint (default 300)"
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="URL of a PostgreSQL server, such as "
        "postgres://postgres@127.0.0.1:5432/postgres, on which a scratch database "
        "is created (default: a temporary SQLite file)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        if args.postgres:
            database_url = asyncio.run(_create_postgres_database(args.postgres))
            engine = "PostgreSQL"
        else:
            database_url = f"sqlite://{scratch_dir / 'bench.sqlite3'}"
            engine = "SQLite"
        settings = Settings(database_url=database_url, data_dir=scratch_dir)
        try:
            client_id, secret, codes = asyncio.run(_prepare(settings, args.n))
            process, base_url = _start_server(settings, scratch_dir / "server.log")
            try:
                http_rows = _time_http(base_url, client_id, secret, codes)
            finally:
                process.terminate()
                process.wait(timeout=10)
        finally:
            if args.postgres:
                asyncio.run(_drop_postgres_database(args.postgres, database_url))

    print(f"Hardware: {_hardware()}")
    print(f"Database: {engine}; one request at a time over 127.0.0.1\n")
    print("| operation | n | mean ms | median ms | p95 ms | per second |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in http_rows + _time_token_forms(args.n):
        print(row)


if __name__ == "__main__":
    main()
