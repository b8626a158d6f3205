"""Accounts, password sign-in and the identity claims of a member."""

from __future__ import annotations

import logging

from email_validator import EmailNotValidError, validate_email
from tortoise.exceptions import IntegrityError

from app.models import Account
from app.security import passwords
from app.services.errors import ConflictError, ValidationError

logger = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 8


def normalize_email(email: str) -> str:
    return email.strip().lower()


def check_email(email: str) -> str:
    """Return the normalized email, or raise ``ValidationError`` when it is invalid.

    email-validator checks the syntax (RFC 5322 and RFC 6531), without a DNS
    lookup, and rejects quoted local parts and control characters.
    """
    try:
        checked = validate_email(
            email.strip(), check_deliverability=False, allow_quoted_local=False
        )
    except EmailNotValidError as exc:
        raise ValidationError(
            f"{email!r} is not a valid email address", field="email"
        ) from exc
    return normalize_email(checked.normalized)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"password must be at least {MIN_PASSWORD_LENGTH} characters",
            field="password",
        )


async def create_account(
    email: str,
    password: str | None = None,
    *,
    name: str | None = None,
    given_name: str | None = None,
    family_name: str | None = None,
    preferred_username: str | None = None,
    locale: str | None = None,
    email_verified: bool = False,
) -> Account:
    email = check_email(email)
    password_hash = None
    if password is not None:
        check_password_strength(password)
        password_hash = passwords.hash_password(password)
    try:
        return await Account.create(
            email=email,
            password_hash=password_hash,
            name=name,
            given_name=given_name,
            family_name=family_name,
            preferred_username=preferred_username,
            locale=locale,
            email_verified=email_verified,
        )
    except IntegrityError as exc:
        raise ConflictError(
            "an account with this email already exists", field="email"
        ) from exc


async def set_password(account: Account, password: str) -> None:
    check_password_strength(password)
    account.password_hash = passwords.hash_password(password)
    await account.save(update_fields=["password_hash", "updated_at"])


async def authenticate(email: str, password: str) -> Account | None:
    """Return the account for a correct email and password, else None.

    Unknown emails cost one dummy argon2 verification, so timing does not
    tell which emails have accounts. Disabled accounts return None.
    """
    account = await Account.get_or_none(email=normalize_email(email))
    password_hash = account.password_hash if account else None
    if not passwords.verify_password(password_hash, password):
        return None
    assert account is not None and password_hash is not None
    if account.disabled_at is not None:
        return None
    if passwords.needs_rehash(password_hash):
        account.password_hash = passwords.hash_password(password)
        await account.save(update_fields=["password_hash"])
        logger.info("rehashed password of account %s", account.id)
    return account
