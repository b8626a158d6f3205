"""Limit/offset pagination, the one list scheme of the admin API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tortoise.queryset import QuerySet

from app.services.errors import ValidationError

T = TypeVar("T")
U = TypeVar("U")

DEFAULT_LIMIT = 50
MAX_LIMIT = 100


@dataclass(frozen=True)
class PageRequest:
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise ValidationError(f"limit must be 1 to {MAX_LIMIT}", field="limit")
        if self.offset < 0:
            raise ValidationError("offset must not be negative", field="offset")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total_count: int
    limit: int
    offset: int

    def map(self, function: Callable[[T], U]) -> Page[U]:
        items = [function(item) for item in self.items]
        return Page(items, self.total_count, self.limit, self.offset)


async def paginate(
    queryset: QuerySet[Any], page: PageRequest, *order_by: str
) -> Page[Any]:
    """Return one page of ``queryset`` with the total count.

    ``order_by`` must end in a unique column so that pages never overlap.
    """
    total = await queryset.count()
    items = await queryset.order_by(*order_by).offset(page.offset).limit(page.limit)
    return Page(list(items), total, page.limit, page.offset)


MAX_SEARCH_LENGTH = 200


def check_search(search: str | None) -> str | None:
    """Return a search term fit for a LIKE query, or raise for an overlong one."""
    if search is None:
        return None
    if len(search) > MAX_SEARCH_LENGTH:
        raise ValidationError(
            f"search must be at most {MAX_SEARCH_LENGTH} characters", field="search"
        )
    return search
