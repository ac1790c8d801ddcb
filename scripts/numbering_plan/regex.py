"""Stage 1: libphonenumber's regex dialect -> syntax tree, and its match paths.

libphonenumber's national-number patterns use a tiny dialect: digits, ``\\d``,
classes, ``(?:...)``, capturing groups, ``|``, ``?``, ``*``, ``+``, ``{n}``,
``{n,m}`` and ``$``.  ``Parser`` turns one into a ``Node`` tree; ``regex_paths``
lists the ways through a bounded tree in the order Python's ``re`` tries them.
"""

from __future__ import annotations

from typing import Any

ALL_DIGITS = (1 << 10) - 1

# AST nodes: ("set", mask) | ("cat", [nodes]) | ("alt", [nodes])
#          | ("rep", node, lo, hi)  (hi None = unbounded) | ("end",) for "$"
#          | ("group", n, node) for the n-th capturing group
Node = tuple[Any, ...]

# A regex "path": one way through the pattern, as the engine tries them.
# elements: per matched position (digit mask, capturing groups covering it);
# groups: capturing groups the path goes through; anchored: ends with "$".
RegexPath = tuple[tuple[tuple[int, frozenset[int]], ...], frozenset[int], bool]


class Parser:
    """Recursive-descent parser; ``groups`` counts the capturing groups seen."""

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


def contains_end(node: Node) -> bool:
    """True when ``node`` has a ``$`` anywhere inside."""
    if node[0] == "end":
        return True
    if node[0] in ("cat", "alt"):
        return any(contains_end(x) for x in node[1])
    if node[0] == "rep":
        return contains_end(node[1])
    if node[0] == "group":
        return contains_end(node[2])
    return False


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
