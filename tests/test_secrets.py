"""Random secrets and their stored forms."""

from __future__ import annotations

import re

from app.models import ClientSecret
from app.security import passwords
from app.security.tokens import digest, generate_token
from tests.support import factories

UNRESERVED = re.compile(r"^[A-Za-z0-9._~-]+$")


def test_generated_token_has_256_bits():
    token = generate_token()
    # 43 base64url characters carry 258 bits, of which 256 are random.
    assert len(token) == 43
    assert UNRESERVED.match(token)


def test_password_hash_is_argon2id():
    hashed = passwords.hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert passwords.verify_password(hashed, "correct horse battery")
    assert not passwords.verify_password(hashed, "wrong horse battery")


def test_missing_hash_never_verifies():
    assert not passwords.verify_password(None, "anything")


async def test_client_secret_stored_as_digest(database):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant)
    assert client.secret.startswith("rgn_cs_")
    assert UNRESERVED.match(client.secret)
    assert len(client.secret) == len("rgn_cs_") + 43
    rows = await ClientSecret.filter(client_id=client.client.id).values_list("digest", flat=True)
    assert rows == [digest(client.secret)]


async def test_public_client_has_no_secret(database):
    tenant = await factories.make_tenant()
    client = await factories.make_client(tenant, client_type="public")
    assert client.secret is None
    assert await ClientSecret.filter(client_id=client.client.id).count() == 0
