"""Stage 3: counting accepted strings, the shared state pool, and unranking.

``Pool`` hash-conses acyclic DFAs into one store of minimal states (equal
suffix languages, e.g. ``\\d{7}`` tails, are kept once) with the number of
accepted strings below each state; ``unrank`` maps 0..count-1 onto the
language in sorted order, exactly as the runtime (``connect_mock._numbering``)
does with the shipped data.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from .automata import DFA, is_acyclic


def count_dfa(d: DFA) -> int:
    if d.empty:
        return 0
    memo: dict[int, int] = {}

    def go(q: int) -> int:
        if q in memo:
            return memo[q]
        c = int(d.accept[q]) + sum(go(t) for t in d.trans[q] if t >= 0)
        memo[q] = c
        return c

    sys.setrecursionlimit(10000)
    return go(d.start)


class Pool:
    """Hash-consed acyclic states: (accept, 10 children) -> id; children first."""

    def __init__(self) -> None:
        self.index: dict[tuple[bool, tuple[int, ...]], int] = {}
        self.accept: list[bool] = []
        self.trans: list[tuple[int, ...]] = []
        self.count: list[int] = []

    def intern(self, accept: bool, children: tuple[int, ...]) -> int:
        key = (accept, children)
        j = self.index.get(key)
        if j is None:
            j = self.index[key] = len(self.accept)
            self.accept.append(accept)
            self.trans.append(children)
            self.count.append(int(accept) + sum(self.count[c] for c in children if c >= 0))
        return j

    def add(self, d: DFA, prefix_digits: str) -> int:
        """Intern the language ``prefix_digits · L(d)``; return its start id."""
        assert is_acyclic(d)
        assert not d.empty
        ids: dict[int, int] = {}
        # Iterative post-order so children are interned before parents.
        stack: list[tuple[int, bool]] = [(d.start, False)]
        while stack:
            q, done = stack.pop()
            if q in ids:
                continue
            if done:
                kids = tuple(ids[t] if t >= 0 else -1 for t in d.trans[q])
                ids[q] = self.intern(d.accept[q], kids)
            else:
                stack.append((q, True))
                stack.extend((t, False) for t in d.trans[q] if t >= 0 and t not in ids)
        sid = ids[d.start]
        for ch in reversed(prefix_digits):
            row = [-1] * 10
            row[int(ch)] = sid
            sid = self.intern(False, tuple(row))
        return sid


def unrank(pool: Pool, sid: int, k: int) -> str:
    out: list[str] = []
    q = sid
    while True:
        if pool.accept[q]:
            if k == 0:
                return "".join(out)
            k -= 1
        for dgt, t in enumerate(pool.trans[q]):
            if t >= 0:
                c = pool.count[t]
                if k < c:
                    out.append(str(dgt))
                    q = t
                    break
                k -= c
        else:
            raise IndexError(k)


def max_length(pool: Pool, sid: int) -> int:
    """Digits of the longest accepted string from ``sid`` (-1 if none)."""
    memo: dict[int, int] = {}
    stack = [sid]
    while stack:
        q = stack[-1]
        if q in memo:
            stack.pop()
            continue
        todo = [t for t in pool.trans[q] if t >= 0 and t not in memo]
        if todo:
            stack.extend(todo)
            continue
        stack.pop()
        best = 0 if pool.accept[q] else -1
        for t in pool.trans[q]:
            if t >= 0 and memo[t] >= 0:
                best = max(best, memo[t] + 1)
        memo[q] = best
    return memo[sid]


def count_with_prefix(pool: Pool, sid: int, prefix: str, lengths: Iterable[int]) -> int:
    """Accepted strings starting with ``prefix`` whose total length is in ``lengths``.

    Every length must be at least ``len(prefix)``.
    """
    q = sid
    for ch in prefix:
        q = pool.trans[q][int(ch)]
        if q < 0:
            return 0
    total = 0
    for n in lengths:
        layer = {q: 1}
        for _ in range(n - len(prefix)):
            nxt: dict[int, int] = {}
            for st, c in layer.items():
                for t in pool.trans[st]:
                    if t >= 0:
                        nxt[t] = nxt.get(t, 0) + c
            layer = nxt
        total += sum(c for st, c in layer.items() if pool.accept[st])
    return total
