"""Pages of a list and their NextTokens, signed and bound to the query that issued them.

A NextToken holds the sequence number of the last item it returned, not an offset: items
released or added between pages neither shift the next page nor repeat on it."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Generic, Protocol, TypeVar

from .._moto import connect_model
from ..core.tokens import TokenCodec

__all__ = ["CreationIndex", "CreationOrder", "Page", "Sequenced", "next_sequence", "page_of"]

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


class CreationOrder(Generic[S]):
    """Records sorted by creation (their ``seq``), so that a page starts with a bisection.

    New records append; a record moved in from another key is inserted at its place. Callers
    serialise changes (the backend's lifecycle lock)."""

    __slots__ = ("_items", "_seqs")

    def __init__(self) -> None:
        self._seqs: list[int] = []
        self._items: list[S] = []

    def __len__(self) -> int:
        return len(self._seqs)

    def __iter__(self) -> Iterator[S]:
        return iter(list(self._items))

    def add(self, item: S) -> None:
        seqs = self._seqs
        if not seqs or item.seq > seqs[-1]:
            seqs.append(item.seq)
            self._items.append(item)
            return
        at = bisect.bisect_left(seqs, item.seq)
        if at < len(seqs) and seqs[at] == item.seq:
            return  # already here
        seqs.insert(at, item.seq)
        self._items.insert(at, item)

    def discard(self, item: S) -> None:
        at = bisect.bisect_left(self._seqs, item.seq)
        if at < len(self._seqs) and self._seqs[at] == item.seq:
            del self._seqs[at]
            del self._items[at]

    def after(self, seq: int) -> Iterator[S]:
        """The records created after the record ``seq``, oldest first."""
        items = self._items
        for at in range(bisect.bisect_right(self._seqs, seq), len(items)):
            yield items[at]


class CreationIndex(Generic[S]):
    """Records in creation order, all of them and per key (a claim's target, a group's
    instance), so that a list page, filtered by key or not, costs O(page + log n)."""

    __slots__ = ("_all", "_by_key")

    def __init__(self) -> None:
        self._all: CreationOrder[S] = CreationOrder()
        self._by_key: dict[str, CreationOrder[S]] = {}

    def add(self, item: S, key: str) -> None:
        self._all.add(item)
        self._by_key.setdefault(key, CreationOrder()).add(item)

    def discard(self, item: S, key: str) -> None:
        self._all.discard(item)
        order = self._by_key.get(key)
        if order is not None:
            order.discard(item)
            if not order:
                del self._by_key[key]

    def move(self, item: S, old: str, new: str) -> None:
        """``item``'s key changes from ``old`` to ``new``; its place in the order does not."""
        if old == new:
            return
        order = self._by_key.get(old)
        if order is not None:
            order.discard(item)
            if not order:
                del self._by_key[old]
        self._by_key.setdefault(new, CreationOrder()).add(item)

    def order(self, key: str | None = None) -> CreationOrder[S]:
        """Every record (``key`` None), or those of one key."""
        if key is None:
            return self._all
        return self._by_key.get(key) or CreationOrder()


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
    items: CreationOrder[S],
    next_token: str | None,
    size: int,
    keep: Callable[[S], bool] | None = None,
) -> Page[S]:
    """The page of the ``items`` that ``keep`` keeps, after the item a NextToken names.

    Walks from a bisection to one kept item past the page: O(page + log n) when most items are
    kept."""
    after = 0
    if next_token is not None:
        after, _ = tokens.decode(binding, next_token, _query_fields(operation))
    page: list[S] = []
    more = False
    for item in items.after(after):
        if keep is not None and not keep(item):
            continue
        if len(page) == size:
            more = True
            break
        page.append(item)
    return Page(page, tokens.encode(binding, page[-1].seq, 0) if more else None)
