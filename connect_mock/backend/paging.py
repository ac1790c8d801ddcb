"""Pages of a list and their NextTokens, signed and bound to the query that issued them.

A NextToken holds the sequence number of the last item it returned, not an offset: items
released or added between pages neither shift the next page nor repeat on it."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, Protocol, TypeVar

from .._moto import connect_model
from ..core.tokens import TokenCodec

__all__ = ["Page", "Sequenced", "next_sequence", "page_of"]

# One process-wide order of creation: every listed record takes the next number.
_SEQUENCE = itertools.count(1)


def next_sequence() -> int:
    return next(_SEQUENCE)


class Sequenced(Protocol):
    @property
    def seq(self) -> int: ...


T = TypeVar("T")
S = TypeVar("S", bound=Sequenced)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_token: str | None


@cache
def _query_fields(operation: str) -> str:
    """The request fields a NextToken of ``operation`` is bound to, for its error message."""
    members = connect_model().operation_model(operation).input_shape.members
    names = [name for name in members if name not in ("NextToken", "MaxResults")]
    return ", ".join(names)


def page_of(
    tokens: TokenCodec,
    operation: str,
    binding: str,
    items: Sequence[S],
    next_token: str | None,
    size: int,
) -> Page[S]:
    """The page of ``items`` (in creation order) after the item a NextToken names."""
    after = 0
    if next_token is not None:
        after, _ = tokens.decode(binding, next_token, _query_fields(operation))
    start = bisect.bisect_right([item.seq for item in items], after)
    page = list(items[start : start + size])
    more = start + size < len(items)
    return Page(page, tokens.encode(binding, page[-1].seq, 0) if more else None)
