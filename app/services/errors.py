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
