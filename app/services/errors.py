"""The service layer's error tree; callers map it to OAuth or GraphQL errors.

``message`` is safe to show to the caller; it never contains table or
constraint names, secrets or tokens.
"""

from __future__ import annotations


class ServiceError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFoundError(ServiceError):
    pass


class ConflictError(ServiceError):
    pass


class ValidationError(ServiceError):
    pass


class PermissionDeniedError(ServiceError):
    pass


class NotReadyError(ServiceError):
    """A scope group cannot be enabled before every readiness item is done."""

    def __init__(self, message: str, missing: list[str], field: str | None = None) -> None:
        super().__init__(message, field)
        self.missing = missing
