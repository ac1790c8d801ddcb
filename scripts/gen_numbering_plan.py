#!/usr/bin/env python3
"""Generate ``connect_mock/data/numbering_plan.json.gz`` from phonenumbers' metadata.

Run by hand from the repository root whenever the bundled plan should follow a
new phonenumbers release (the runtime never imports phonenumbers, so the
inventories only change when this file is regenerated and committed)::

    .venv/bin/python scripts/gen_numbering_plan.py          # write the data file
    .venv/bin/python scripts/gen_numbering_plan.py --check  # verify only, write nothing

What it does
------------
libphonenumber's national-number patterns use a tiny regex dialect (digits,
``\\d``, classes, ``(?:...)``, ``|``, ``?``, ``{n}``, ``{n,m}``).  We parse them,
build NFAs, determinise them over the alphabet 0-9, and combine the resulting
DFAs with product constructions so that, for each (country, type), we get the
exact set of national significant numbers (NSNs) that

* are valid for the country and whose type under the country's own metadata
  is the wanted one (``phonenumberutil._number_type_helper`` order: a number
  matched by a higher-priority desc is that type, never the lower one);
* keep that type when ``phonenumbers.number_type`` is asked: for calling codes
  shared by several regions it classifies with the metadata of the *first*
  region of ``COUNTRY_CODE_TO_REGION_CODE[cc]`` that claims the number (by
  ``leading_digits`` when the region has them, else by validity), so we keep
  only numbers whose first claimer gives a wanted type;
* survive ``phonenumbers.parse("+" + digits)`` unchanged: parse strips a
  national prefix (``national_prefix_for_parsing``) even from international
  numbers when what remains still looks like a number, which would change the
  NSN; such numbers are removed (see ``strip_language``);
* are valid E.164: at most 15 digits after the "+", calling code included
  (``E164_MAX_DIGITS``).  libphonenumber accepts longer national numbers for a
  few countries (with 9.0.43: DE DID/SHARED/TOLL_FREE and ID/JP/KR/NG/UY
  TOLL_FREE reach 16-19 digits with the calling code), but Amazon Connect
  models PhoneNumber as ``\\+[1-9]\\d{1,14}``, so ClaimPhoneNumber would refuse
  a number that search offered.  Each NSN language is intersected with the
  lengths ``<= 15 - len(cc)`` before anything else (see ``e164_cap``); the
  cap shrinks those eight spaces (DE DID from 764,602,334,267,000 to
  7,802,334,267,000 numbers) and empties none.

The calling code digits are prepended, every DFA is minimised into one shared
pool of states (identical suffix languages, e.g. ``\\d{7}`` tails or the NANP
toll-free plan, are stored once) and each state gets the number of accepted
strings reachable from it, which the runtime uses to count and unrank.

Verification (always run): all DFAs are acyclic, no space holds a number
longer than 15 digits, 2,000 random numbers per non-empty space
(``random.Random(0)``) pass the phonenumbers checks, and the DFA counts equal
brute-force enumeration on a few small spaces and prefixes.
A full run takes about three minutes; the output is byte-for-byte reproducible.

Rules that matter with phonenumbers 9.0.43 (all exact, no exceptions needed):

* Shared calling codes: e.g. CA toll-free numbers are claimed by US first but
  are TOLL_FREE there too, so they stay; RU numbers outside RU's
  ``leading_digits`` "[3489]" are claimed by nobody (number_type UNKNOWN) and
  are dropped.
* parse() stripping: JP TOLL_FREE would lose 13,900,000,000 numbers of the
  form ``+81 003768`` + 9..11 digits whose remainder matches JP's general
  pattern, because parse strips "003768" from them; all of them are longer
  than 15 digits, so with the E.164 cap nothing is left to remove (AR's
  transform rule is modelled exactly and removes nothing either).
* No region lacks a fixed-line plan, so DID never falls back to mobile.
* Spaces smaller than 10,000 (plans that are that small): AL SHARED 900,
  FO TOLL_FREE 5000, MO/NC/TO/WS TOLL_FREE 1000, NU DID 2000, SB/SC TOLL_FREE
  2000, SH DID 9600, TV DID 9000, VU TOLL_FREE 200.

Data format (``format`` 1, gzipped JSON): ``states`` n; ``accept`` n bytes,
``trans`` 10n little-endian int32 (-1 = no transition), ``count`` n int64,
all base64; ``spaces`` {country: {type: start state}}; ``calling_codes``
{country: "cc"}; ``source`` "phonenumbers X.Y.Z".
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import random
import re
import sys
import time
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import botocore.session
import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

OUT = Path(__file__).resolve().parent.parent / "connect_mock" / "data" / "numbering_plan.json.gz"

ALL_DIGITS = (1 << 10) - 1
GENERATED_TYPES = ("DID", "TOLL_FREE", "UIFN", "SHARED")
# E.164: at most 15 digits after "+", calling code included (Connect's model
# pattern for PhoneNumber is \+[1-9]\d{1,14}).
E164_MAX_DIGITS = 15

# ---------------------------------------------------------------------------
# Regex dialect -> AST
# ---------------------------------------------------------------------------
# AST nodes: ("set", mask) | ("cat", [nodes]) | ("alt", [nodes])
#          | ("rep", node, lo, hi)  (hi None = unbounded) | ("end",) for "$"
#          | ("group", n, node) for the n-th capturing group
Node = tuple[Any, ...]


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.s = pattern
        self.i = 0
        self.groups = 0

    def parse(self) -> Node:
        node = self.alt()
        if self.i != len(self.s):
            raise ValueError(f"unexpected {self.s[self.i :]!r} in {self.s!r}")
        return node

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def alt(self) -> Node:
        branches = [self.seq()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.seq())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def seq(self) -> Node:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            items.append(self.quant(atom))
        return ("cat", items)

    def atom(self) -> Node:
        c = self.peek()
        if c.isdigit():
            self.i += 1
            return ("set", 1 << int(c))
        if c == "\\":
            if self.s[self.i + 1] != "d":
                raise ValueError(f"unsupported escape in {self.s!r}")
            self.i += 2
            return ("set", ALL_DIGITS)
        if c == "[":
            return self.charclass()
        if c == "(":
            self.i += 1
            capture = 0
            if self.s.startswith("?:", self.i):
                self.i += 2
            else:
                self.groups += 1
                capture = self.groups
            node = self.alt()
            if self.peek() != ")":
                raise ValueError(f"unbalanced group in {self.s!r}")
            self.i += 1
            # Capturing groups only matter for national-prefix transform rules.
            return ("group", capture, node) if capture else node
        if c == "$":
            self.i += 1
            return ("end",)
        raise ValueError(f"unsupported {c!r} in {self.s!r}")

    def charclass(self) -> Node:
        self.i += 1
        mask = 0
        while self.peek() != "]":
            if self.s.startswith("\\d", self.i):
                mask |= ALL_DIGITS
                self.i += 2
                continue
            lo = int(self.s[self.i])
            self.i += 1
            if self.peek() == "-":
                hi = int(self.s[self.i + 1])
                self.i += 2
            else:
                hi = lo
            for d in range(lo, hi + 1):
                mask |= 1 << d
        self.i += 1
        return ("set", mask)

    def quant(self, atom: Node) -> Node:
        c = self.peek()
        if c == "?":
            self.i += 1
            return ("rep", atom, 0, 1)
        if c == "*":
            self.i += 1
            return ("rep", atom, 0, None)
        if c == "+":
            self.i += 1
            return ("rep", atom, 1, None)
        if c == "{":
            j = self.s.index("}", self.i)
            body = self.s[self.i + 1 : j]
            self.i = j + 1
            if "," in body:
                a, b = body.split(",")
                return ("rep", atom, int(a), int(b) if b else None)
            return ("rep", atom, int(body), int(body))
        return atom


# ---------------------------------------------------------------------------
# NFA (Thompson) and subset construction
# ---------------------------------------------------------------------------
class NFA:
    """Epsilon-NFA over digits; edges carry a 10-bit digit mask."""

    def __init__(self) -> None:
        self.eps: list[list[int]] = []
        self.edges: list[list[tuple[int, int]]] = []

    def new(self) -> int:
        self.eps.append([])
        self.edges.append([])
        return len(self.eps) - 1

    def build(self, node: Node) -> tuple[int, int]:
        kind = node[0]
        s = self.new()
        if kind == "set":
            e = self.new()
            self.edges[s].append((node[1], e))
            return s, e
        if kind == "cat":
            cur = s
            for child in node[1]:
                a, b = self.build(child)
                self.eps[cur].append(a)
                cur = b
            return s, cur
        if kind == "alt":
            e = self.new()
            for child in node[1]:
                a, b = self.build(child)
                self.eps[s].append(a)
                self.eps[b].append(e)
            return s, e
        if kind == "group":
            a, b = self.build(node[2])
            self.eps[s].append(a)
            return s, b
        if kind == "rep":
            _, child, lo, hi = node
            cur = s
            for _ in range(lo):
                a, b = self.build(child)
                self.eps[cur].append(a)
                cur = b
            if hi is None:
                a, b = self.build(child)
                self.eps[cur].append(a)
                self.eps[b].append(cur)
                return s, cur
            end = self.new()
            self.eps[cur].append(end)
            for _ in range(hi - lo):
                a, b = self.build(child)
                self.eps[cur].append(a)
                self.eps[b].append(end)
                cur = b
            return s, end
        raise ValueError(f"cannot build {kind}")


class DFA:
    """Complete-ish DFA over digits: ``trans[s][d]`` is a state or -1 (dead).

    ``start == -1`` is the empty language.  Cycles are allowed here (prefix
    closures), the final per-space DFAs are acyclic.
    """

    def __init__(self, start: int, accept: list[bool], trans: list[list[int]]) -> None:
        self.start = start
        self.accept = accept
        self.trans = trans

    @property
    def empty(self) -> bool:
        return self.start < 0


EMPTY = DFA(-1, [], [])
UNIVERSAL = DFA(0, [True], [[0] * 10])


def determinise(nfa: NFA, start: int, finals: set[int]) -> DFA:
    closure_cache: dict[int, frozenset[int]] = {}

    def closure(states: Iterable[int]) -> frozenset[int]:
        out: set[int] = set()
        stack = list(states)
        while stack:
            q = stack.pop()
            if q in out:
                continue
            out.add(q)
            stack.extend(nfa.eps[q])
        return frozenset(out)

    def closure1(q: int) -> frozenset[int]:
        c = closure_cache.get(q)
        if c is None:
            c = closure_cache[q] = closure([q])
        return c

    s0 = closure1(start)
    index = {s0: 0}
    order = [s0]
    accept: list[bool] = []
    trans: list[list[int]] = []
    i = 0
    while i < len(order):
        cur = order[i]
        i += 1
        accept.append(bool(cur & finals))
        row = [-1] * 10
        targets: list[set[int]] = [set() for _ in range(10)]
        for q in cur:
            for mask, t in nfa.edges[q]:
                for d in range(10):
                    if mask >> d & 1:
                        targets[d].add(t)
        for d in range(10):
            if targets[d]:
                nxt: frozenset[int] = frozenset().union(*(closure1(t) for t in targets[d]))
                j = index.get(nxt)
                if j is None:
                    j = index[nxt] = len(order)
                    order.append(nxt)
                row[d] = j
        trans.append(row)
    return trim(DFA(0, accept, trans))


def trim(d: DFA) -> DFA:
    """Drop states that cannot reach an accepting state and renumber."""
    if d.empty:
        return d
    n = len(d.accept)
    rev: list[list[int]] = [[] for _ in range(n)]
    reach_fwd = [False] * n
    stack = [d.start]
    reach_fwd[d.start] = True
    while stack:
        q = stack.pop()
        for t in d.trans[q]:
            if t >= 0:
                rev[t].append(q)
                if not reach_fwd[t]:
                    reach_fwd[t] = True
                    stack.append(t)
    live = [False] * n
    stack = [q for q in range(n) if d.accept[q] and reach_fwd[q]]
    for q in stack:
        live[q] = True
    while stack:
        q = stack.pop()
        for p in rev[q]:
            if not live[p]:
                live[p] = True
                stack.append(p)
    if not live[d.start]:
        return EMPTY
    new_id: dict[int, int] = {}
    order = [d.start]
    new_id[d.start] = 0
    i = 0
    while i < len(order):
        q = order[i]
        i += 1
        for t in d.trans[q]:
            if t >= 0 and live[t] and t not in new_id:
                new_id[t] = len(order)
                order.append(t)
    accept = [d.accept[q] for q in order]
    trans = [[new_id[t] if t >= 0 and live[t] else -1 for t in d.trans[q]] for q in order]
    return DFA(0, accept, trans)


def from_regex(pattern: str) -> DFA:
    """Full-match language of a libphonenumber pattern (no anchors allowed)."""
    ast = _Parser(pattern).parse()
    nfa = NFA()
    s, e = nfa.build(ast)
    return determinise(nfa, s, {e})


def prefix_match_language(pattern: str, nonempty: bool = False) -> DFA:
    """Strings ``w`` on which ``re.match(pattern, w)`` succeeds: L·Σ*.

    A trailing ``$`` on a top-level alternative anchors that alternative to
    the end of the string.  With ``nonempty`` only matches that consume at
    least one digit count (an empty match strips nothing).
    """
    ast = _Parser(pattern).parse()
    branches = ast[1] if ast[0] == "alt" else [ast]
    result = EMPTY
    for br in branches:
        items = list(br[1]) if br[0] == "cat" else [br]
        anchored = bool(items) and items[-1] == ("end",)
        if anchored:
            items = items[:-1]
        if any(_contains_end(x) for x in items):
            raise ValueError(f"unsupported '$' position in {pattern!r}")
        nfa = NFA()
        s, e = nfa.build(("cat", items))
        lang = determinise(nfa, s, {e})
        if nonempty:
            lang = difference(lang, length_language({0}))
        if not anchored:
            lang = prefix_closure(lang)
        result = union(result, lang)
    return result


def _contains_end(node: Node) -> bool:
    if node[0] == "end":
        return True
    if node[0] in ("cat", "alt"):
        return any(_contains_end(x) for x in node[1])
    if node[0] == "rep":
        return _contains_end(node[1])
    if node[0] == "group":
        return _contains_end(node[2])
    return False


def prefix_closure(d: DFA) -> DFA:
    """L·Σ*: once an accepting state is reached everything is accepted."""
    if d.empty:
        return d
    n = len(d.accept)
    sink = n
    trans = [[sink] * 10 if d.accept[q] else list(d.trans[q]) for q in range(n)]
    trans.append([sink] * 10)
    return trim(DFA(d.start, [*d.accept, True], trans))


def length_language(lengths: Iterable[int], at_least: int | None = None) -> DFA:
    """Σ^n for n in ``lengths`` (plus every n >= ``at_least`` if given)."""
    ls = set(lengths)
    top = max(ls | ({at_least} if at_least is not None else set()) | {0})
    accept = [n in ls or (at_least is not None and n >= at_least) for n in range(top + 1)]
    trans = [[n + 1] * 10 for n in range(top)]
    trans.append([top] * 10 if at_least is not None else [-1] * 10)
    return trim(DFA(0, accept, trans))


def product(a: DFA, b: DFA, op: Callable[[bool, bool], bool], keep: str) -> DFA:
    """Product construction; ``keep`` says which dead components end a path:
    "and" (either dead), "left" (left dead), "or" (both dead)."""
    if keep == "and" and (a.empty or b.empty):
        return EMPTY
    if keep == "left" and a.empty:
        return EMPTY
    if keep == "or" and a.empty and b.empty:
        return EMPTY
    start = (a.start, b.start)
    index = {start: 0}
    order = [start]
    accept: list[bool] = []
    trans: list[list[int]] = []
    i = 0
    while i < len(order):
        p, q = order[i]
        i += 1
        accept.append(op(p >= 0 and a.accept[p], q >= 0 and b.accept[q]))
        row = [-1] * 10
        for dgt in range(10):
            np_ = a.trans[p][dgt] if p >= 0 else -1
            nq = b.trans[q][dgt] if q >= 0 else -1
            if keep == "and" and (np_ < 0 or nq < 0):
                continue
            if keep == "left" and np_ < 0:
                continue
            if np_ < 0 and nq < 0:
                continue
            key = (np_, nq)
            j = index.get(key)
            if j is None:
                j = index[key] = len(order)
                order.append(key)
            row[dgt] = j
        trans.append(row)
    return trim(DFA(0, accept, trans))


def intersect(a: DFA, b: DFA) -> DFA:
    return product(a, b, lambda x, y: x and y, "and")


def difference(a: DFA, b: DFA) -> DFA:
    if b.empty:
        return a
    return product(a, b, lambda x, y: x and not y, "left")


def union(a: DFA, b: DFA) -> DFA:
    if a.empty:
        return b
    if b.empty:
        return a
    return product(a, b, lambda x, y: x or y, "or")


def union_all(ds: Iterable[DFA]) -> DFA:
    out = EMPTY
    for d in ds:
        out = union(out, d)
    return out


def concat(a: DFA, b: DFA) -> DFA:
    """L(a)·L(b) via an epsilon-NFA."""
    if a.empty or b.empty:
        return EMPTY
    nfa = NFA()
    na, nb = len(a.accept), len(b.accept)
    for _ in range(na + nb):
        nfa.new()
    for q in range(na):
        for dgt, t in enumerate(a.trans[q]):
            if t >= 0:
                nfa.edges[q].append((1 << dgt, t))
        if a.accept[q]:
            nfa.eps[q].append(na + b.start)
    for q in range(nb):
        for dgt, t in enumerate(b.trans[q]):
            if t >= 0:
                nfa.edges[na + q].append((1 << dgt, na + t))
    return determinise(nfa, a.start, {na + q for q in range(nb) if b.accept[q]})


def is_acyclic(d: DFA) -> bool:
    if d.empty:
        return True
    color = [0] * len(d.accept)
    stack: list[tuple[int, int]] = [(d.start, 0)]
    color[d.start] = 1
    while stack:
        q, k = stack.pop()
        if k < 10:
            stack.append((q, k + 1))
            t = d.trans[q][k]
            if t >= 0:
                if color[t] == 1:
                    return False
                if color[t] == 0:
                    color[t] = 1
                    stack.append((t, 0))
        else:
            color[q] = 2
    return True


# ---------------------------------------------------------------------------
# libphonenumber semantics as languages of national significant numbers
# ---------------------------------------------------------------------------
HIGHER_DESCS = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)

_regex_cache: dict[str, DFA] = {}


def regex_language(pattern: str) -> DFA:
    d = _regex_cache.get(pattern)
    if d is None:
        d = _regex_cache[pattern] = from_regex(pattern)
    return d


def desc_language(desc: Any) -> DFA:
    """Mirror of ``_is_number_matching_desc``: the desc's possible lengths (if
    any; (-1,) matches nothing) and a full match of its pattern."""
    if desc is None or not desc.national_number_pattern:
        return EMPTY
    lang = regex_language(desc.national_number_pattern)
    if len(desc.possible_length) > 0:
        lang = intersect(lang, length_language(x for x in desc.possible_length if x >= 0))
    return lang


class RegionLanguages:
    """Per-type NSN languages of one metadata object (``_number_type_helper``)."""

    def __init__(self, meta: Any) -> None:
        self.meta = meta
        general = desc_language(meta.general_desc)
        self.general = general
        self.types: dict[int, DFA] = {}
        higher = EMPTY
        for attr, ptype in HIGHER_DESCS:
            lang = difference(intersect(general, desc_language(getattr(meta, attr))), higher)
            self.types[ptype] = lang
            higher = union(higher, lang)
        fixed = difference(intersect(general, desc_language(meta.fixed_line)), higher)
        mobile_raw = intersect(general, desc_language(meta.mobile))
        self.fixed_plan = not intersect(general, desc_language(meta.fixed_line)).empty
        if meta.same_mobile_and_fixed_line_pattern:
            self.types[PhoneNumberType.FIXED_LINE_OR_MOBILE] = fixed
            self.types[PhoneNumberType.FIXED_LINE] = EMPTY
            self.types[PhoneNumberType.MOBILE] = EMPTY
        else:
            self.types[PhoneNumberType.FIXED_LINE_OR_MOBILE] = intersect(fixed, mobile_raw)
            self.types[PhoneNumberType.FIXED_LINE] = difference(fixed, mobile_raw)
            self.types[PhoneNumberType.MOBILE] = difference(difference(mobile_raw, higher), fixed)
        self.valid = union_all(self.types.values())

    def of_types(self, wanted: Iterable[int]) -> DFA:
        return union_all(self.types[t] for t in wanted)


_region_cache: dict[str, RegionLanguages] = {}


def region_languages(region: str) -> RegionLanguages:
    rl = _region_cache.get(region)
    if rl is None:
        if region == "001":
            raise ValueError("use nongeo metadata directly")
        rl = _region_cache[region] = RegionLanguages(PhoneMetadata.metadata_for_region(region))
    return rl


def number_type_language(cc: int, wanted: Iterable[int]) -> DFA:
    """NSNs that ``phonenumbers.number_type`` puts in ``wanted`` for calling
    code ``cc`` (first claiming region of the calling code decides)."""
    wanted = tuple(wanted)
    regions = COUNTRY_CODE_TO_REGION_CODE[cc]
    if len(regions) == 1:
        return region_languages(regions[0]).of_types(wanted)
    out = EMPTY
    claimed = EMPTY
    for region in regions:
        rl = region_languages(region)
        if rl.meta.leading_digits is not None:
            claim = prefix_match_language(rl.meta.leading_digits)
        else:
            claim = rl.valid
        mine = difference(claim, claimed)
        out = union(out, intersect(mine, rl.of_types(wanted)))
        claimed = union(claimed, claim)
    return out


# A regex "path": one way through the pattern, as the engine tries them.
# elements: per matched position (digit mask, capturing groups covering it);
# groups: capturing groups the path goes through; anchored: ends with "$".
RegexPath = tuple[tuple[tuple[int, frozenset[int]], ...], frozenset[int], bool]


def regex_paths(node: Node, limit: int = 20_000) -> list[RegexPath]:
    """All paths of a bounded pattern in backtracking priority order.

    Python's ``re`` returns the first path (alternatives left to right,
    greedy quantifiers longest first) that matches, so "path i is the match"
    is "path i matches and no earlier path does".
    """
    kind = node[0]
    out: list[RegexPath]
    if kind == "set":
        out = [(((node[1], frozenset()),), frozenset(), False)]
    elif kind == "end":
        out = [((), frozenset(), True)]
    elif kind == "group":
        g = node[1]
        out = [
            (tuple((m, gs | {g}) for m, gs in el), grp | {g}, anch)
            for el, grp, anch in regex_paths(node[2], limit)
        ]
    elif kind == "alt":
        out = [p for child in node[1] for p in regex_paths(child, limit)]
    elif kind == "cat":
        out = [((), frozenset(), False)]
        for child in node[1]:
            child_paths = regex_paths(child, limit)
            out = [
                (e1 + e2, g1 | g2, a2)
                for e1, g1, a1 in out
                for e2, g2, a2 in child_paths
                if not a1 or not e2  # nothing can follow "$"
            ]
            if len(out) > limit:
                raise ValueError("pattern has too many paths")
    elif kind == "rep":
        _, child, lo, hi = node
        if hi is None:
            raise ValueError("unbounded repetition in a national prefix pattern")
        child_paths = regex_paths(child, limit)
        if any(g for _, g, _ in child_paths) and hi > 1:
            raise ValueError("capturing group inside a repetition")
        out = []
        if hi > 0:
            rest = regex_paths(("rep", child, max(lo - 1, 0), hi - 1), limit)
            out = [
                (e1 + e2, g1 | g2, a2)
                for e1, g1, a1 in child_paths
                for e2, g2, a2 in rest
                if not a1 or not e2
            ]
        if lo == 0:
            out.append(((), frozenset(), False))
    else:
        raise ValueError(kind)
    if len(out) > limit:
        raise ValueError("pattern has too many paths")
    return out


def path_language(path: RegexPath) -> DFA:
    """Strings whose prefix the path matches (the whole string if anchored)."""
    elements, _, anchored = path
    n = len(elements)
    accept = [False] * n + [True]
    trans = [[i + 1 if m >> d & 1 else -1 for d in range(10)] for i, (m, _) in enumerate(elements)]
    trans.append([-1] * 10 if anchored else [n] * 10)
    return trim(DFA(0, accept, trans))


def quotient(d: DFA, word: str) -> DFA:
    """{y : word·y ∈ L(d)}."""
    q = d.start
    for ch in word:
        if q < 0:
            return EMPTY
        q = d.trans[q][int(ch)]
    if q < 0:
        return EMPTY
    return trim(DFA(q, d.accept, d.trans))


def word_language(word: str) -> DFA:
    n = len(word)
    trans = [[i + 1 if d == int(word[i]) else -1 for d in range(10)] for i in range(n)]
    trans.append([-1] * 10)
    return DFA(0, [False] * n + [True], trans)


def strip_language(meta: Any, lang: DFA) -> DFA:
    """The NSNs of ``lang`` that ``parse('+cc' + nsn)`` would alter.

    parse() runs ``_maybe_strip_national_prefix_carrier_code`` with the
    calling code's main-region metadata even on international input, and
    keeps the result unless ``_test_number_length`` says TOO_SHORT,
    IS_POSSIBLE_LOCAL_ONLY or INVALID_LENGTH.  We follow it path by path of
    ``national_prefix_for_parsing`` (exactly: see ``regex_paths``): without a
    transform rule (or when the rule's last group did not take part) the NSN
    becomes ``nsn[end:]``, with one it becomes ``rule(prefix) + nsn[end:]``;
    either is kept when the original is not viable (general pattern) or the
    result is.  Only paths that some number of ``lang`` takes are expanded.
    """
    npfp = meta.national_prefix_for_parsing
    if not npfp or lang.empty:
        return EMPTY
    parser = _Parser(npfp)
    ast = parser.parse()
    last_group = parser.groups
    rule = meta.national_prefix_transform_rule or ""
    gd = meta.general_desc
    pls = [x for x in gd.possible_length if x >= 0]
    local = set(gd.possible_length_local_only)
    # TOO_LONG is accepted by parse, so every length above the maximum is OK.
    ok_len = length_language([x for x in pls if x not in local], at_least=max(pls) + 1)
    gpat = regex_language(gd.national_number_pattern)
    ok_result = intersect(ok_len, gpat)

    out = EMPTY
    earlier = EMPTY  # union of the languages of earlier paths that matter
    for path in regex_paths(ast):
        elements, groups, _ = path
        mine = intersect(lang, path_language(path))
        if mine.empty:
            continue
        taken = difference(mine, earlier)
        earlier = union(earlier, path_language(path))
        if taken.empty:
            continue
        k = len(elements)
        if not rule or last_group not in groups:
            if k == 0:
                continue  # an empty match strips nothing
            prefix = path_language((elements, groups, True))
            part = union(
                difference(concat(prefix, ok_len), gpat),  # original not viable
                concat(prefix, ok_result),
            )
            out = union(out, intersect(taken, part))
            continue
        # Transform rule: enumerate the concrete prefixes (few in practice).
        sizes = 1
        for m, _ in elements:
            sizes *= bin(m).count("1")
        if _rule_is_identity(rule, elements):
            continue
        if sizes > 100_000:
            raise ValueError(f"too many prefixes to enumerate for {npfp!r}")
        for x in _words(elements):
            spans: dict[int, str] = {}
            for i, (_, gs) in enumerate(elements):
                for g in gs:
                    spans[g] = spans.get(g, "") + x[i]
            tx = _expand_rule(rule, spans)
            if tx == x:
                continue
            xw = word_language(x)
            part = union(
                difference(concat(xw, quotient(ok_len, tx)), gpat),
                concat(xw, quotient(ok_result, tx)),
            )
            out = union(out, intersect(taken, part))
    return out


def _expand_rule(rule: str, spans: dict[int, str]) -> str:
    """What ``re.sub`` makes of the rule (``\\n`` group references only)."""
    return re.sub(r"\\(\d)", lambda mm: spans.get(int(mm[1]), ""), rule)


def _rule_is_identity(rule: str, elements: tuple[tuple[int, frozenset[int]], ...]) -> bool:
    """True when the rule is a single ``\\n`` whose group covers the whole match."""
    m = re.fullmatch(r"\\(\d)", rule)
    return bool(m) and all(int(m[1]) in gs for _, gs in elements)  # type: ignore[index]


def _words(elements: tuple[tuple[int, frozenset[int]], ...]) -> Iterable[str]:
    words = [""]
    for m, _ in elements:
        words = [w + str(d) for w in words for d in range(10) if m >> d & 1]
    return words


# ---------------------------------------------------------------------------
# Spaces
# ---------------------------------------------------------------------------
FIXED_WANTED = (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
MOBILE_WANTED = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def expected_types(country: str, number_type: str) -> tuple[int, ...]:
    """The phonenumbers types a generated number of this space must have."""
    if number_type == "DID":
        return FIXED_WANTED if region_languages(country).fixed_plan else MOBILE_WANTED
    if number_type in ("TOLL_FREE", "UIFN"):
        return (PhoneNumberType.TOLL_FREE,)
    if number_type == "SHARED":
        return (PhoneNumberType.SHARED_COST,)
    raise ValueError(number_type)


def e164_cap(cc: int, lang: DFA) -> DFA:
    """The NSNs of ``lang`` that fit E.164 after calling code ``cc``."""
    return intersect(lang, length_language(range(E164_MAX_DIGITS - len(str(cc)) + 1)))


def nsn_language(country: str, number_type: str) -> tuple[int, DFA]:
    """(calling code, NSN language) of a space, capped to E.164 lengths."""
    if number_type == "UIFN":
        meta = PhoneMetadata.metadata_for_nongeo_region(800)
        rl = RegionLanguages(meta)
        lang = e164_cap(800, rl.types[PhoneNumberType.TOLL_FREE])
        return 800, difference(lang, strip_language(meta, lang))
    rl = region_languages(country)
    cc = rl.meta.country_code
    wanted = expected_types(country, number_type)
    base = e164_cap(cc, rl.of_types(wanted))
    lang = intersect(base, number_type_language(cc, wanted))
    main = COUNTRY_CODE_TO_REGION_CODE[cc][0]
    removed = strip_language(region_languages(main).meta, lang)
    if not removed.empty:
        print(
            f"  note: {country} {number_type}: {count_dfa(removed)} numbers removed"
            " (parse would strip a national prefix)"
        )
    return cc, difference(lang, removed)


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


# ---------------------------------------------------------------------------
# Shared pool of minimal acyclic states
# ---------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------
# Verification with the real library
# ---------------------------------------------------------------------------
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


def number_ok(country: str, number_type: str, digits: str) -> bool:
    """The product requirement, checked with the installed phonenumbers."""
    if not 1 <= len(digits) <= E164_MAX_DIGITS:
        return False
    try:
        p = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.E164) != "+" + digits:
        return False
    if number_type == "UIFN":
        return (
            phonenumbers.is_valid_number_for_region(p, "001")
            and phonenumbers.region_code_for_number(p) == "001"
            and phonenumbers.number_type(p) == PhoneNumberType.TOLL_FREE
        )
    if not phonenumbers.is_valid_number_for_region(p, country):
        return False
    return phonenumbers.number_type(p) in expected_types(country, number_type)


def brute_force_ok(country: str, number_type: str, digits: str) -> bool:
    """number_ok plus "the country's own metadata gives a wanted type" (the
    DID/TOLL_FREE/SHARED definition), i.e. exactly the generated language."""
    if not number_ok(country, number_type, digits):
        return False
    if number_type == "UIFN":
        return True
    from phonenumbers.phonenumberutil import _number_type_helper

    p = phonenumbers.parse("+" + digits)
    nsn = phonenumbers.national_significant_number(p)
    meta = PhoneMetadata.metadata_for_region(country)
    assert meta is not None
    return bool(_number_type_helper(nsn, meta) in expected_types(country, number_type))


def brute_force_count(country: str, number_type: str, prefix: str, lengths: Iterable[int]) -> int:
    n = 0
    for total in lengths:
        free = total - len(prefix)
        if free < 0:
            continue
        for i in range(10**free):
            s = prefix + (str(i).zfill(free) if free else "")
            if brute_force_ok(country, number_type, s):
                n += 1
    return n


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
    """Accepted strings starting with ``prefix`` whose total length is in ``lengths``."""
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


# Small spaces / prefixes where brute force over every digit string is cheap
# (country, type, prefix, total E.164 lengths to enumerate).
BRUTE_FORCE_CASES = (
    ("NU", "DID", "683", (7, 8)),
    ("TK", "DID", "690", (7, 8)),
    ("US", "DID", "1206555", (11,)),
    ("US", "TOLL_FREE", "1800555", (11,)),
    ("CA", "TOLL_FREE", "1888555", (11,)),
    ("CA", "DID", "1416555", (11,)),
    ("GB", "DID", "4420790", (12,)),
    ("GG", "DID", "4414812", (12,)),
    ("DE", "DID", "4930123", (7, 8, 9, 10, 11)),
    ("IT", "DID", "390612", (7, 8, 9, 10)),
    ("VA", "DID", "3906698", (10, 11)),
    ("BR", "TOLL_FREE", "558001234", (12, 13)),
    ("RU", "DID", "749555", (11,)),
    ("DO", "DID", "1809555", (11,)),
    ("PR", "TOLL_FREE", "1877555", (11,)),
    ("IM", "DID", "44162480", (12,)),
    ("SJ", "DID", "477912", (10,)),
    ("KZ", "DID", "77172", (11,)),
    ("FR", "SHARED", "33810", (10, 11)),
    ("AU", "DID", "6128912", (11,)),
    ("CX", "DID", "6189164", (11,)),
    ("AR", "DID", "5411154", (12,)),
    ("JP", "TOLL_FREE", "8100376", (11, 12)),
    # +81 00 3768 …: parse strips the "003768" prefix when 9 digits remain,
    # which only happens beyond the E.164 cap; at 14/15 digits nothing is stripped.
    ("JP", "TOLL_FREE", "8100376812345", (14, 15)),
    # The E.164 cap: DE has 16/17-digit fixed lines, none may be generated.
    ("DE", "DID", "49301234567890", (15, 16)),
    ("DE", "TOLL_FREE", "4980012345678", (15, 16, 17)),
    ("US", "UIFN", "8001234", (11,)),
)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
def connect_countries() -> list[str]:
    model = botocore.session.get_session().get_service_model("connect")
    shape: Any = model.shape_for("PhoneNumberCountryCode")  # a StringShape, which has .enum
    return list(shape.enum)


def encode(arr: array[Any]) -> str:
    if sys.byteorder != "little":
        arr = array(arr.typecode, arr)
        arr.byteswap()
    return base64.b64encode(arr.tobytes()).decode("ascii")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="verify only, do not write the data file")
    ap.add_argument("--samples", type=int, default=2000, help="random numbers checked per space")
    args = ap.parse_args()

    t0 = time.time()
    countries = connect_countries()
    assert len(countries) == 237, len(countries)
    pool = Pool()
    spaces: dict[str, dict[str, int]] = {}
    calling_codes: dict[str, str] = {}
    fallback_mobile: list[str] = []
    for country in countries:
        if PhoneMetadata.metadata_for_region(country) is None:
            continue  # AQ, AN, PN: no metadata, no plan at all
        cc = region_languages(country).meta.country_code
        calling_codes[country] = str(cc)
        if not region_languages(country).fixed_plan:
            fallback_mobile.append(country)
        for ntype in GENERATED_TYPES:
            code, lang = nsn_language(country, ntype)
            if lang.empty:
                continue
            if not is_acyclic(lang):
                raise AssertionError(f"{country} {ntype}: cyclic DFA")
            spaces.setdefault(country, {})[ntype] = pool.add(lang, str(code))
    n_spaces = sum(len(v) for v in spaces.values())
    print(f"built {n_spaces} spaces, {len(pool.accept)} pooled states in {time.time() - t0:.1f}s")
    print(f"DID falls back to mobile for: {fallback_mobile}")

    # --- verification -------------------------------------------------------
    rng = random.Random(0)
    bad = 0
    small = []
    for country, by_type in spaces.items():
        for ntype, sid in by_type.items():
            size = pool.count[sid]
            longest = max_length(pool, sid)
            if longest > E164_MAX_DIGITS:
                bad += 1
                print(f"  FAIL {country} {ntype}: numbers of {longest} digits")
            if size < 10_000:
                small.append((country, ntype, size))
            n = min(args.samples, size)
            idx = rng.sample(range(size), n) if size > n else range(size)
            for k in idx:
                digits = unrank(pool, sid, k)
                if not number_ok(country, ntype, digits):
                    bad += 1
                    if bad < 20:
                        print(f"  FAIL {country} {ntype} +{digits}")
    print(f"sampling done, {bad} failures; small spaces: {small}")
    for country, ntype, prefix, lengths in BRUTE_FORCE_CASES:
        sid = spaces[country][ntype]
        want = brute_force_count(country, ntype, prefix, lengths)
        got = count_with_prefix(pool, sid, prefix, lengths)
        print(f"  brute force {country} {ntype} {prefix}: dfa {got} brute {want}")
        if got != want:
            bad += 1
    if bad:
        print("VERIFICATION FAILED")
        return 1

    # --- write -----------------------------------------------------------------
    n = len(pool.accept)
    trans = array("i", [t for row in pool.trans for t in row])
    count = array("q", pool.count)
    assert max(pool.count) < 2**63
    accept = bytes(int(a) for a in pool.accept)
    doc = {
        "format": 1,
        "source": f"phonenumbers {phonenumbers.__version__}",
        "states": n,
        "accept": base64.b64encode(accept).decode("ascii"),
        "trans": encode(trans),
        "count": encode(count),
        "calling_codes": calling_codes,
        "spaces": spaces,
    }
    raw = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
    data = gzip.compress(raw, compresslevel=9, mtime=0)
    print(f"data: {len(raw)} bytes json, {len(data)} bytes gzipped")
    if not args.check:
        OUT.write_bytes(data)
        print(f"wrote {OUT}")
    print(f"total {time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
