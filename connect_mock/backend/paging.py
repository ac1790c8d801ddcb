"""Pages of a list and their NextTokens, signed and bound to the query that issued them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..core.tokens import TokenCodec

T = TypeVar("T")

__all__ = ["Page", "page_of"]


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_token: str | None


def page_of(
    tokens: TokenCodec, binding: str, items: Sequence[T], next_token: str | None, size: int
) -> Page[T]:
    """The page of ``items`` a NextToken (None: the first page) points at."""
    start = 0
    if next_token is not None:
        start, _ = tokens.decode(binding, next_token)
    token = tokens.encode(binding, start + size, 0) if start + size < len(items) else None
    return Page(list(items[start : start + size]), token)
