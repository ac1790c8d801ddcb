"""The ordered list of available numbers for one query: fixture numbers first (ascending), then
the generated numbering-plan space in a fixed pseudo-random order.

Nothing is materialised: position ``i`` of the generated part is ``space.number_at(perm[i])``,
so memory is O(page) however large the plan, and the order depends only on (seed, country,
type, prefix). The fixture numbers with the prefix are one range of the sorted fixture, found by
bisection, so a page costs O(page + log n) however large the fixture.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import numbering
from .fixtures import Group
from .permute import Permutation

Unavailable = Callable[[str], bool]


# Numbers of a query's generated order remembered once computed, per query: the pages tests ask
# for again and again (the first, or the first after the claimed head of the order) cost no
# Feistel or DFA work the second time. Bounded: at most ~25 KB per query, 4,096 queries.
_REMEMBERED = 256


class _Generated:
    """The generated part of one query's order: position ``i`` is
    ``space.number_at(perm[i], prefix)``, remembered once computed (up to ``_REMEMBERED``
    positions, then forgotten all at once: a long walk costs one dict insert per number)."""

    __slots__ = ("_known", "_perm", "_prefix", "_space")

    def __init__(self, space: numbering.NumberSpace, perm: Permutation, prefix: str) -> None:
        self._space = space
        self._perm = perm
        self._prefix = prefix
        self._known: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._perm)

    def number(self, position: int) -> str:
        number = self._known.get(position)
        if number is None:
            number = self._space.number_at(self._perm[position], self._prefix)
            if len(self._known) >= _REMEMBERED:
                self._known = {}  # replaced, not cleared: a reader on another thread keeps its own
            self._known[position] = number
        return number


@lru_cache(maxsize=4096)
def _generated_order(seed: int, country: str, number_type: str, prefix: str) -> _Generated | None:
    space = numbering.number_space(country, number_type)
    if space is None:
        return None
    size = space.size(prefix)
    if size == 0:
        return None
    key = hashlib.blake2b(
        f"{seed}|{country}|{number_type}|{prefix}".encode(),
        key=b"connect-mock/inventory-order",
        digest_size=32,
    ).digest()
    return _Generated(space, Permutation(size, key), prefix)


@dataclass(frozen=True)
class OrderedInventory:
    seed: int
    country: str
    number_type: str
    prefix: str  # E.164 digits after "+", "" for none
    fixture: Group | None

    def _fixed(self) -> tuple[tuple[str, ...], int, int]:
        """The fixture's numbers and the range of them this query offers (a bisection)."""
        if self.fixture is None:
            return (), 0, 0
        return self.fixture.numbers, *self.fixture.prefixed("+" + self.prefix)

    def scan(
        self,
        start: int,
        want: int,
        unavailable: Unavailable | None = None,
        skips: dict[int, int] | None = None,
    ) -> tuple[list[str], int | None]:
        """Up to ``want`` available numbers from ``start`` on, and where the next page starts
        (None when nothing available is left).

        ``skips`` remembers runs of unavailable positions (start -> first position after), so
        that thousands of claimed numbers at the head of a list are walked once, not on every
        search; the caller must drop it when a number becomes available again.
        """
        numbers, first, stop = self._fixed()
        fixed = stop - first  # positions [0, fixed) are fixture numbers, in order
        generated = None
        if self.fixture is None or not self.fixture.replace:
            generated = _generated_order(self.seed, self.country, self.number_type, self.prefix)
        end = fixed + (len(generated) if generated is not None else 0)
        found: list[str] = []
        position = start
        run_start: int | None = None  # first position of the run of holes we are in
        while position < end:
            jump = skips.get(position) if skips is not None else None
            if jump is not None:
                run_start = position if run_start is None else run_start
                position = jump
                continue
            if position < fixed:
                number = numbers[first + position]
            else:
                assert generated is not None
                number = generated.number(position - fixed)
            hole = (
                position >= fixed and self.fixture is not None and number in self.fixture.members
            ) or (unavailable is not None and unavailable(number))
            if hole:
                run_start = position if run_start is None else run_start
                position += 1
                continue
            if run_start is not None and skips is not None:
                skips[run_start] = position
            run_start = None
            if len(found) == want:
                # One more exists: the next page starts with it.
                return found, position
            found.append(number)
            position += 1
        if run_start is not None and skips is not None:
            skips[run_start] = end
        return found, None
