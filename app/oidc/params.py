"""Reading protocol parameters from query strings and form bodies."""

from __future__ import annotations

from starlette.datastructures import ImmutableMultiDict
from starlette.exceptions import HTTPException
from starlette.requests import Request

from app.oidc.errors import InvalidRequestError, printable

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def single_values(
    params: ImmutableMultiDict, *, allow_repeated: tuple[str, ...] = ()
) -> dict[str, str]:
    """Return one value per parameter; repeated ones are ``invalid_request``.

    RFC 6749 section 3.1: request parameters must not be included more than
    once. Empty values count as absent.
    """
    values: dict[str, str] = {}
    for key in params.keys():
        items = params.getlist(key)
        if len(items) > 1 and key not in allow_repeated:
            raise InvalidRequestError(
                f"parameter {printable(key)} is included more than once"
            )
        value = items[0]
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
