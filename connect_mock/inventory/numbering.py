"""E.164 number spaces per (country, number type), enumerable without listing them.

The spaces come from ``connect_mock/data/numbering_plan.json.gz``, generated
from libphonenumber metadata by ``python -m scripts.numbering_plan``.  This
module deliberately never imports phonenumbers: inventories must depend on the
shipped data only, not on whichever phonenumbers version happens to be
installed.

Each space is an acyclic DFA over the digits of the E.164 number (calling code
included), stored in a pool of states shared by all spaces.  Every state knows
how many accepted strings are reachable from it, which gives the size of the
sub-space under any prefix and the k-th number in lexicographic order in
O(length x 10) steps.  The data file is read on first use only.
"""

from __future__ import annotations

import operator
import threading
from array import array
from typing import Any

__all__ = ["NumberSpace", "calling_code", "number_space", "plan_source"]

_DATA_PACKAGE = "connect_mock.data"
_DATA_FILE = "numbering_plan.json.gz"
_DIGITS = "0123456789"


class _Plan:
    """The decoded data file (one per process)."""

    __slots__ = ("accept", "calling_codes", "count", "kids", "source", "spaces", "trans")

    def __init__(self, doc: dict[str, Any]) -> None:
        import base64
        import sys

        if doc.get("format") != 1:
            raise ValueError(f"unsupported numbering plan format {doc.get('format')!r}")
        n = int(doc["states"])
        self.source: str = doc["source"]
        self.accept: bytes = base64.b64decode(doc["accept"])
        trans = array("i")
        trans.frombytes(base64.b64decode(doc["trans"]))
        count = array("q")
        count.frombytes(base64.b64decode(doc["count"]))
        if sys.byteorder != "little":  # the file is little-endian
            trans.byteswap()
            count.byteswap()
        if len(self.accept) != n or len(trans) != 10 * n or len(count) != n:
            raise ValueError("corrupt numbering plan")
        self.trans = trans
        self.count = count
        self.calling_codes: dict[str, str] = doc["calling_codes"]
        self.spaces: dict[str, dict[str, int]] = doc["spaces"]
        # Per-state children for unranking, built lazily: tuples of
        # (digit, child, count) for live transitions only, or an int count
        # when all ten digits lead to the same child (a "\d" step, the common
        # tail of every number), which unranks with one divmod.
        self.kids: list[tuple[tuple[str, int, int], ...] | int | None] = [None] * n

    def children(self, state: int) -> tuple[tuple[str, int, int], ...] | int:
        kids = self.kids[state]
        if kids is None:
            base = 10 * state
            row = self.trans[base : base + 10]
            if row[0] >= 0 and all(t == row[0] for t in row):
                kids = self.count[row[0]]
            else:
                kids = tuple((_DIGITS[d], t, self.count[t]) for d, t in enumerate(row) if t >= 0)
            self.kids[state] = kids
        return kids


_plan: _Plan | None = None
_lock = threading.Lock()
_spaces: dict[tuple[str, str], NumberSpace | None] = {}


def _load() -> _Plan:
    global _plan
    plan = _plan
    if plan is not None:
        return plan
    with _lock:
        if _plan is None:
            import gzip
            import json
            from importlib import resources

            raw = resources.files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_bytes()
            _plan = _Plan(json.loads(gzip.decompress(raw)))
        return _plan


def plan_source() -> str:
    """Where the shipped plan came from, e.g. ``"phonenumbers 9.0.43"``."""
    return _load().source


def calling_code(country: str) -> str | None:
    """The calling code of an ISO country ("1" for "US"); None without a plan."""
    return _load().calling_codes.get(country)


def number_space(country: str, number_type: str) -> NumberSpace | None:
    """The space of generated numbers of a country and Connect number type.

    None when there is no generated plan (no metadata, a type that is never
    generated, or a type the country does not have).  Cached per argument pair.
    """
    key = (country, number_type)
    try:
        return _spaces[key]
    except KeyError:
        pass
    plan = _load()
    start = plan.spaces.get(country, {}).get(number_type)
    space = None if start is None else NumberSpace(plan, country, number_type, start)
    with _lock:
        # setdefault keeps the first object if two threads raced here.
        return _spaces.setdefault(key, space)


class NumberSpace:
    """The E.164 numbers of one (country, number type), in lexicographic order."""

    __slots__ = ("_plan", "_start", "country", "number_type")

    def __init__(self, plan: _Plan, country: str, number_type: str, start: int) -> None:
        self.country = country
        self.number_type = number_type
        self._plan = plan
        self._start = start

    def _walk(self, digits: str) -> int:
        """State reached by ``digits`` (ASCII digits only), -1 if none."""
        trans = self._plan.trans
        state = self._start
        for ch in digits:
            d = _DIGITS.find(ch)
            if d < 0:
                return -1
            state = trans[10 * state + d]
            if state < 0:
                return -1
        return state

    def size(self, prefix: str = "") -> int:
        """How many numbers start with ``prefix`` (digits after "+"); 0 if none.

        A single leading "+" is tolerated; any other non-digit gives 0.
        """
        state = self._walk(prefix[1:] if prefix.startswith("+") else prefix)
        return 0 if state < 0 else self._plan.count[state]

    def __len__(self) -> int:
        return self._plan.count[self._start]

    def number_at(self, index: int, prefix: str = "") -> str:
        """The ``index``-th number (lexicographic) among those starting with ``prefix``."""
        index = operator.index(index)  # reject floats, which divmod would accept
        plan = self._plan
        digits = prefix[1:] if prefix.startswith("+") else prefix
        state = self._walk(digits)
        if state < 0 or not 0 <= index < plan.count[state]:
            raise IndexError("number index out of range")
        out = ["+", digits]
        k = index
        accept = plan.accept
        children = plan.children
        while True:
            # A complete number sorts before its own extensions.
            if accept[state]:
                if k == 0:
                    return "".join(out)
                k -= 1
            kids = children(state)
            if isinstance(kids, int):
                d, k = divmod(k, kids)
                out.append(_DIGITS[d])
                state = plan.trans[10 * state]
                continue
            for digit, child, c in kids:
                if k < c:
                    out.append(digit)
                    state = child
                    break
                k -= c

    def __contains__(self, e164: object) -> bool:
        if not isinstance(e164, str) or not e164.startswith("+") or len(e164) < 2:
            return False
        state = self._walk(e164[1:])
        return state >= 0 and bool(self._plan.accept[state])

    def __repr__(self) -> str:
        return f"<NumberSpace {self.country} {self.number_type} size={len(self)}>"
