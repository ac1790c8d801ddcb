"""Stage 2 of scripts/numbering_plan: DFAs agree with brute force over short strings.

Every operation is checked on every digit string of up to four digits
(11,111 words) against Python's ``re`` or plain set logic.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest

from scripts.numbering_plan.automata import (
    DFA,
    EMPTY,
    UNIVERSAL,
    concat,
    difference,
    from_regex,
    intersect,
    is_acyclic,
    length_language,
    path_language,
    prefix_closure,
    prefix_match_language,
    quotient,
    trim,
    union,
    union_all,
    word_language,
)
from scripts.numbering_plan.regex import Parser, regex_paths

WORDS = ["".join(w) for n in range(5) for w in itertools.product("0123456789", repeat=n)]
PATTERNS = [
    r"1\d{2}",
    r"[1-3]\d?|4",
    r"(?:12|3)\d*",
    r"\d{2,4}",
    r"0(?:1|23)?",
    r"",
]


def language(d: DFA, max_len: int = 4) -> set[str]:
    """The accepted words of at most ``max_len`` digits, by walking the DFA."""
    out: set[str] = set()
    if d.empty:
        return out
    stack = [(d.start, "")]
    while stack:
        q, w = stack.pop()
        if d.accept[q]:
            out.add(w)
        if len(w) < max_len:
            stack.extend((t, w + str(dgt)) for dgt, t in enumerate(d.trans[q]) if t >= 0)
    return out


def full(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda w: compiled.fullmatch(w) is not None


def assert_trimmed(d: DFA) -> None:
    """Every state is reachable from the start and can reach an accepting state."""
    if d.empty:
        return
    n = len(d.accept)
    seen = {d.start}
    stack = [d.start]
    while stack:
        for t in d.trans[stack.pop()]:
            if t >= 0 and t not in seen:
                seen.add(t)
                stack.append(t)
    assert seen == set(range(n))
    live = {q for q in range(n) if d.accept[q]}
    changed = True
    while changed:
        changed = False
        for q in range(n):
            if q not in live and any(t in live for t in d.trans[q] if t >= 0):
                live.add(q)
                changed = True
    assert live == set(range(n))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_from_regex_is_the_full_match_language(pattern: str) -> None:
    d = from_regex(pattern)
    assert_trimmed(d)
    assert language(d) == set(filter(full(pattern), WORDS))


def test_constants_and_elementary_languages() -> None:
    assert EMPTY.empty
    assert language(EMPTY) == set()
    assert language(UNIVERSAL) == set(WORDS)
    assert language(length_language([1, 3])) == {w for w in WORDS if len(w) in (1, 3)}
    assert language(length_language([1], at_least=3)) == {w for w in WORDS if len(w) != 2 and w}
    assert language(word_language("042")) == {"042"}
    assert language(word_language("")) == {""}


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(PATTERNS, 2)))
def test_boolean_products_agree_with_set_operations(a: str, b: str) -> None:
    da, db = from_regex(a), from_regex(b)
    la, lb = language(da), language(db)
    for result, expected in (
        (intersect(da, db), la & lb),
        (union(da, db), la | lb),
        (difference(da, db), la - lb),
        (difference(db, da), lb - la),
    ):
        assert_trimmed(result)
        assert language(result) == expected


def test_products_with_the_empty_language() -> None:
    d = from_regex(r"1\d")
    assert intersect(d, EMPTY).empty
    assert language(union(EMPTY, d)) == language(d)
    assert language(difference(d, EMPTY)) == language(d)
    assert difference(EMPTY, d).empty
    assert difference(d, d).empty
    assert language(union_all([from_regex("1"), from_regex("2"), EMPTY])) == {"1", "2"}
    assert union_all([]).empty


@pytest.mark.parametrize(
    ("a", "b"), [("1?", r"\d2"), (r"[12]\d?", "0|12"), ("", "3"), (r"(?:12|3)\d*", "4")]
)
def test_concat_is_every_split(a: str, b: str) -> None:
    fa, fb = full(a), full(b)
    d = concat(from_regex(a), from_regex(b))
    assert_trimmed(d)
    expected = {w for w in WORDS if any(fa(w[:i]) and fb(w[i:]) for i in range(len(w) + 1))}
    assert expected
    assert language(d) == expected
    assert concat(from_regex(a), EMPTY).empty


@pytest.mark.parametrize("word", ["", "1", "12", "3", "9"])
def test_quotient_removes_a_prefix(word: str) -> None:
    pattern = r"(?:12|3)\d{0,2}|1"
    d = quotient(from_regex(pattern), word)
    expected = {w for w in WORDS if full(pattern)(word + w)}
    assert language(d) == expected
    assert d.empty == (not expected)


def test_prefix_closure_accepts_every_extension() -> None:
    pattern = r"1[23]|45"
    d = prefix_closure(from_regex(pattern))
    compiled = re.compile(pattern)
    assert language(d) == {w for w in WORDS if compiled.match(w)}
    assert not is_acyclic(d)


@pytest.mark.parametrize(
    "pattern", ["1[23]|45", "0?1|0?2$", r"\d?7", "(?:0|(1))?2?", "1|$", "(?:1?)$|3"]
)
@pytest.mark.parametrize("nonempty", [False, True])
def test_prefix_match_language_is_re_match(pattern: str, nonempty: bool) -> None:
    # The lookbehind forces the match to consume a digit (matches start at 0).
    compiled = re.compile(f"(?:{pattern})(?<=\\d)" if nonempty else pattern)
    d = prefix_match_language(pattern, nonempty=nonempty)
    assert language(d) == {w for w in WORDS if compiled.match(w)}


def test_prefix_match_language_refuses_an_inner_anchor() -> None:
    with pytest.raises(ValueError, match=r"'\$' position"):
        prefix_match_language("(?:1$)2")


def test_path_language_follows_one_path() -> None:
    paths = regex_paths(Parser("0(1)?|2$").parse())
    assert len(paths) == 3
    with_group, without_group, anchored = (path_language(p) for p in paths)
    assert language(with_group) == {w for w in WORDS if w.startswith("01")}
    assert language(without_group) == {w for w in WORDS if w.startswith("0")}
    assert language(anchored) == {"2"}


def test_trim_drops_dead_and_unreachable_states() -> None:
    # 0 -1-> 1 (accept); 0 -2-> 2 (dead end); 3 unreachable.
    row: list[int] = [-1] * 10
    trans = [[-1, 1, 2, *row[3:]], row[:], row[:], [1] * 10]
    d = trim(DFA(0, [False, True, False, True], trans))
    assert len(d.accept) == 2
    assert_trimmed(d)
    assert language(d) == {"1"}
    assert trim(DFA(0, [False, False], [[1] * 10, row[:]])).empty


def test_is_acyclic() -> None:
    assert is_acyclic(from_regex(r"\d{2,4}|1"))
    assert is_acyclic(EMPTY)
    assert not is_acyclic(from_regex(r"1\d*"))
    assert not is_acyclic(UNIVERSAL)
