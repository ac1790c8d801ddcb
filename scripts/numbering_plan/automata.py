"""Stage 2: finite automata over the digits 0-9.

Thompson NFAs built from ``regex.Node`` trees, subset construction, and the
DFA algebra the generator needs: trimming, products (intersection,
difference, union), concatenation, left quotients, prefix closure and a few
elementary languages.  Everything here is independent of phonenumbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .regex import Node, Parser, RegexPath, contains_end


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
    ast = Parser(pattern).parse()
    nfa = NFA()
    s, e = nfa.build(ast)
    return determinise(nfa, s, {e})


def prefix_match_language(pattern: str, nonempty: bool = False) -> DFA:
    """Strings ``w`` on which ``re.match(pattern, w)`` succeeds: L·Σ*.

    A trailing ``$`` on a top-level alternative anchors that alternative to
    the end of the string.  With ``nonempty`` only matches that consume at
    least one digit count (an empty match strips nothing).
    """
    ast = Parser(pattern).parse()
    branches = ast[1] if ast[0] == "alt" else [ast]
    result = EMPTY
    for br in branches:
        items = list(br[1]) if br[0] == "cat" else [br]
        anchored = bool(items) and items[-1] == ("end",)
        if anchored:
            items = items[:-1]
        if any(contains_end(x) for x in items):
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
