"""Stage 3 of scripts/numbering_plan: counting, the shared pool and unranking."""

from __future__ import annotations

import itertools
import re

import pytest

from scripts.numbering_plan.automata import EMPTY, from_regex
from scripts.numbering_plan.counting import (
    Pool,
    count_dfa,
    count_with_prefix,
    max_length,
    unrank,
)

# Small acyclic languages (at most four digits) and their brute-force members.
PATTERNS = [r"[1-3]\d{0,2}|9", r"0(?:1|23)?\d", r"\d{2}|\d{4}", r"7"]


def members(pattern: str) -> list[str]:
    compiled = re.compile(pattern)
    words = ("".join(w) for n in range(5) for w in itertools.product("0123456789", repeat=n))
    return sorted(w for w in words if compiled.fullmatch(w))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_count_dfa_is_brute_force_count(pattern: str) -> None:
    assert count_dfa(from_regex(pattern)) == len(members(pattern))


def test_count_dfa_of_known_sizes() -> None:
    assert count_dfa(from_regex(r"[1-3]\d{0,2}|9")) == 3 * (1 + 10 + 100) + 1
    assert count_dfa(EMPTY) == 0


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("prefix", ["", "44"])
def test_unrank_is_a_bijection_onto_the_sorted_language(pattern: str, prefix: str) -> None:
    pool = Pool()
    sid = pool.add(from_regex(pattern), prefix)
    expected = [prefix + w for w in members(pattern)]
    assert pool.count[sid] == len(expected)
    assert [unrank(pool, sid, k) for k in range(pool.count[sid])] == expected
    with pytest.raises(IndexError):
        unrank(pool, sid, pool.count[sid])


def test_pool_shares_equal_suffix_languages() -> None:
    pool = Pool()
    a = pool.add(from_regex(r"1\d{3}"), "")
    size = len(pool.accept)
    assert pool.add(from_regex(r"1\d{3}"), "") == a
    assert len(pool.accept) == size
    # "2\d{3}" only needs a new start state: the \d{3} tail is shared.
    b = pool.add(from_regex(r"2\d{3}"), "")
    assert b != a
    assert len(pool.accept) == size + 1
    # A prefix costs one state per digit.
    c = pool.add(from_regex(r"1\d{3}"), "99")
    assert len(pool.accept) == size + 3
    assert unrank(pool, c, 0) == "991000"
    assert pool.count[c] == pool.count[a] == 1000


def test_pool_refuses_cyclic_and_empty_languages() -> None:
    with pytest.raises(AssertionError):
        Pool().add(from_regex(r"1\d*"), "")
    with pytest.raises(AssertionError):
        Pool().add(EMPTY, "1")


def test_max_length() -> None:
    pool = Pool()
    assert max_length(pool, pool.add(from_regex(r"\d{2}|\d{4}"), "1")) == 5
    assert max_length(pool, pool.add(from_regex(r"7"), "")) == 1


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("prefix", ["", "1", "23", "0", "9"])
def test_count_with_prefix_is_brute_force_count(pattern: str, prefix: str) -> None:
    pool = Pool()
    sid = pool.add(from_regex(pattern), "")
    words = members(pattern)
    for all_lengths in ([1], [2, 4], [0, 1, 2, 3, 4], [3]):
        lengths = [n for n in all_lengths if n >= len(prefix)]  # what callers pass
        expected = sum(1 for w in words if w.startswith(prefix) and len(w) in lengths)
        assert count_with_prefix(pool, sid, prefix, lengths) == expected, (prefix, lengths)
