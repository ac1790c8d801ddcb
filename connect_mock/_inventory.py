"""The ordered list of available numbers for one query: fixture numbers first, then the generated
numbering-plan space in a fixed pseudo-random order.

Nothing is materialised: position ``i`` of the generated part is ``space.number_at(perm[i])``,
so memory is O(page) however large the plan, and the order depends only on (seed, country,
type, prefix).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import _numbering
from ._permute import Permutation
from .fixtures import Group

Unavailable = Callable[[str], bool]


@lru_cache(maxsize=4096)
def _generated_order(
    seed: int, country: str, number_type: str, prefix: str
) -> tuple[_numbering.NumberSpace, Permutation] | None:
    space = _numbering.number_space(country, number_type)
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
    return space, Permutation(size, key)


@dataclass(frozen=True)
class OrderedInventory:
    seed: int
    country: str
    number_type: str
    prefix: str  # E.164 digits after "+", "" for none
    fixture: Group | None

    def _fixed(self) -> tuple[str, ...]:
        if self.fixture is None:
            return ()
        plus = "+" + self.prefix
        return tuple(n for n in self.fixture.numbers if n.startswith(plus))

    def scan(
        self, start: int, want: int, unavailable: Unavailable | None = None
    ) -> tuple[list[str], int | None]:
        """Up to ``want`` available numbers from ``start`` on, and where the next page starts
        (None when nothing available is left)."""
        fixed = self._fixed()
        generated = None
        if self.fixture is None or not self.fixture.replace:
            generated = _generated_order(self.seed, self.country, self.number_type, self.prefix)
        end = len(fixed) + (len(generated[1]) if generated is not None else 0)
        found: list[str] = []
        position = start
        while position < end:
            if position < len(fixed):
                number = fixed[position]
            else:
                assert generated is not None
                space, perm = generated
                number = space.number_at(perm[position - len(fixed)], self.prefix)
                if self.fixture is not None and number in self.fixture.members:
                    position += 1
                    continue
            if unavailable is None or not unavailable(number):
                if len(found) == want:
                    # One more exists: the next page starts with it.
                    return found, position
                found.append(number)
            position += 1
        return found, None
