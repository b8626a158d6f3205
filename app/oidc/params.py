"""Reading protocol parameters from query strings and form bodies."""

from __future__ import annotations

from starlette.datastructures import ImmutableMultiDict
from starlette.exceptions import HTTPException
from starlette.requests import Request

from app.oidc.errors import InvalidRequestError, printable
from app.services import tokens

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


MAX_PARAMETER_LENGTH = 2048
# ID tokens with many claims are longer than other parameters.
MAX_PARAMETER_LENGTHS = {"id_token_hint": tokens.MAX_ID_TOKEN_LENGTH}


def single_values(
    params: ImmutableMultiDict,
    *,
    allow_repeated: tuple[str, ...] = (),
    limit_lengths: bool = False,
) -> dict[str, str]:
    """Return one value per parameter; repeated ones are ``invalid_request``.

    RFC 6749 section 3.1: request parameters must not be included more than
    once. Empty values count as absent. With ``limit_lengths``, a value over
    ``MAX_PARAMETER_LENGTHS`` (default ``MAX_PARAMETER_LENGTH``) is
    ``invalid_request`` too.
    """
    values: dict[str, str] = {}
    for key in params.keys():
        items = params.getlist(key)
        if len(items) > 1 and key not in allow_repeated:
            raise InvalidRequestError(
                f"parameter {printable(key)} is included more than once"
            )
        value = items[0]
        limit = MAX_PARAMETER_LENGTHS.get(key, MAX_PARAMETER_LENGTH)
        if limit_lengths and len(value) > limit:
            raise InvalidRequestError(f"parameter {printable(key)} is too long")
        if isinstance(value, str) and value != "":
            values[key] = value
    return values


async def read_form(request: Request) -> ImmutableMultiDict:
    """Return the urlencoded form body; other content types are rejected."""
    content_type = request.headers.get("content-type", "")
    if content_type.split(";", 1)[0].strip().lower() != FORM_CONTENT_TYPE:
        raise InvalidRequestError(f"the request body must be {FORM_CONTENT_TYPE}")
    try:
        form = await request.form()
    except HTTPException as exc:
        # Starlette rejects bodies over its size and field-count limits.
        raise InvalidRequestError("the request body is too large") from exc
    for value in form.values():
        if not isinstance(value, str):
            raise InvalidRequestError("file uploads are not accepted")
    return form
