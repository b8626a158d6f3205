"""Errors of the admin API.

Expected failures of a mutation are typed members of its result union, each
with a ``message`` a dashboard can show and the input ``field`` it concerns.
Queries report the same failures as GraphQL errors with ``extensions.code``.
Anything else is unexpected: it is logged and masked (see ``schema.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, ParamSpec, TypeVar, Union

import strawberry
from graphql import GraphQLError

from app.admin.enums import ReadinessItem
from app.services import errors

P = ParamSpec("P")
R = TypeVar("R")


@strawberry.interface(description="An expected failure that a dashboard can show.")
class UserError:
    message: str
    field: str | None = strawberry.field(
        default=None, description="The input field the error concerns, if any."
    )


@strawberry.type(description="The input is invalid.")
class ValidationError(UserError):
    pass


@strawberry.type(description="The object does not exist or the caller cannot reach it.")
class NotFoundError(UserError):
    pass


@strawberry.type(description="The caller lacks the permission for this change.")
class ForbiddenError(UserError):
    pass


@strawberry.type(
    description="The change conflicts with existing data, such as a taken name."
)
class ConflictError(UserError):
    pass


@strawberry.type(description="A scope group cannot be enabled before it is ready.")
class ScopeGroupNotReadyError(UserError):
    missing_items: list[ReadinessItem]


# Every result union lists these, so any expected failure fits any mutation.
USER_ERRORS = (ValidationError, NotFoundError, ForbiddenError, ConflictError)

_TYPED = {
    errors.ValidationError: ValidationError,
    errors.NotFoundError: NotFoundError,
    errors.PermissionDeniedError: ForbiddenError,
    errors.ConflictError: ConflictError,
}

CODES = {
    errors.ValidationError: "BAD_USER_INPUT",
    errors.NotFoundError: "NOT_FOUND",
    errors.PermissionDeniedError: "FORBIDDEN",
    errors.ConflictError: "CONFLICT",
    errors.NotReadyError: "BAD_USER_INPUT",
}


def user_error(exc: errors.ServiceError) -> UserError:
    if isinstance(exc, errors.NotReadyError):
        return ScopeGroupNotReadyError(
            message=exc.message,
            field=exc.field,
            missing_items=[ReadinessItem(item) for item in exc.missing],
        )
    for service_type, error_type in _TYPED.items():
        if isinstance(exc, service_type):
            return error_type(message=exc.message, field=exc.field)
    raise exc


def result_union(name: str, success: type, *extra: type) -> Any:
    """Return the union ``name`` of a success payload and the user errors."""
    members = (success, *USER_ERRORS, *extra)
    return Annotated[Union[members], strawberry.union(name)]  # noqa: UP007


def returns_user_errors(
    resolver: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[R]]:
    """Turn the service errors a mutation raises into typed results."""

    @functools.wraps(resolver)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await resolver(*args, **kwargs)
        except errors.ServiceError as exc:
            return user_error(exc)  # type: ignore[return-value]

    return wrapper


def query_error(exc: errors.ServiceError) -> GraphQLError:
    code = next(code for kind, code in CODES.items() if isinstance(exc, kind))
    extensions: dict[str, Any] = {"code": code}
    if exc.field:
        extensions["field"] = exc.field
    return GraphQLError(exc.message, extensions=extensions)


def raises_query_errors(
    resolver: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[R]]:
    """Turn the service errors a query raises into GraphQL errors with a code."""

    @functools.wraps(resolver)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await resolver(*args, **kwargs)
        except errors.ServiceError as exc:
            raise query_error(exc) from None

    return wrapper


def unauthenticated() -> GraphQLError:
    return GraphQLError(
        "a valid bearer credential is required", extensions={"code": "UNAUTHENTICATED"}
    )


def is_unexpected(error: GraphQLError) -> bool:
    """Return True when an error came from an exception the API did not expect."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)
