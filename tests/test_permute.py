"""Tests for the keyed pseudo-random permutation."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest

from connect_mock.inventory.permute import Permutation


@pytest.mark.parametrize("key", [b"", b"k", b"another key"])
def test_bijection_exhaustive_small_sizes(key: bytes) -> None:
    for size in range(301):
        perm = Permutation(size, key)
        assert len(perm) == size
        assert sorted(perm[i] for i in range(size)) == list(range(size))


def test_golden_values() -> None:
    # Pinned: a change here changes every inventory order built on top.
    perm = Permutation(10**9, b"golden")
    assert [perm[i] for i in range(5)] == [313119890, 517844855, 187181827, 10306132, 122704819]
    assert [Permutation(10, b"golden")[i] for i in range(10)] == [0, 3, 1, 4, 2, 9, 5, 8, 7, 6]
    # Sizes of an odd bit length (99 has 7, 21_000_000 has 25, as GB's toll-free inventory) are
    # permuted over the next even width.
    hundred = Permutation(100, b"golden")
    assert [hundred[i] for i in range(10)] == [69, 82, 3, 80, 83, 56, 14, 92, 47, 62]
    # The smallest sizes use the smallest width, 2 bits.
    assert [Permutation(3, b"golden")[i] for i in range(3)] == [2, 1, 0]
    assert [Permutation(4, b"golden")[i] for i in range(4)] == [2, 1, 3, 0]
    odd = Permutation(21_000_001, b"golden")
    assert [odd[i] for i in range(5)] == [1116271, 10735934, 10476283, 4028880, 526439]


def test_same_key_same_order_and_different_keys_differ() -> None:
    a = [Permutation(1000, b"alpha")[i] for i in range(1000)]
    b = [Permutation(1000, b"alpha")[i] for i in range(1000)]
    c = [Permutation(1000, b"beta")[i] for i in range(1000)]
    assert a == b
    assert a != c
    # Not merely a rotation or a few swaps apart.
    assert sum(x == y for x, y in zip(a, c, strict=True)) < 20


def test_deterministic_across_processes_and_hash_seeds() -> None:
    code = (
        "from connect_mock.inventory.permute import Permutation as P\n"
        "p = P(10**12, b'x')\n"
        "print([p[i] for i in range(50)])"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(out.stdout)
    perm = Permutation(10**12, b"x")
    assert outputs == {f"{[perm[i] for i in range(50)]}\n"}


@pytest.mark.parametrize("size", [0, 1, 7, 10**10])
def test_index_error_outside_range(size: int) -> None:
    perm = Permutation(size, b"k")
    with pytest.raises(IndexError, match=r"^permutation index out of range$"):
        perm[size]
    with pytest.raises(IndexError, match=r"^permutation index out of range$"):
        perm[-1]
    if size:
        assert 0 <= perm[size - 1] < size


def test_size_one_and_zero() -> None:
    assert Permutation(1, b"k")[0] == 0
    assert [Permutation(0, b"k")[i] for i in range(0)] == []
    assert len(Permutation(0, b"k")) == 0
    perm = Permutation(5, b"k")
    # Iteration (the sequence protocol, ended by IndexError) yields perm[0..4].
    assert list(perm) == [perm[i] for i in range(5)]  # type: ignore[call-overload]


def test_bad_sizes() -> None:
    with pytest.raises(ValueError, match=r"^size must be >= 0$"):
        Permutation(-1, b"k")
    with pytest.raises(ValueError, match=r"^size too large \(at most 2\*\*128\)$"):
        Permutation(2**130, b"k")


def test_looks_random_on_large_size() -> None:
    n = 10**9
    perm = Permutation(n, b"spread")
    xs = [perm[i] for i in range(1000)]
    assert len(set(xs)) == 1000
    assert all(0 <= x < n for x in xs)
    # Spread over the whole range: every tenth of it is hit, mean near n/2.
    deciles = {x * 10 // n for x in xs}
    assert deciles == set(range(10))
    assert abs(sum(xs) / len(xs) - n / 2) < n * 0.05
    # No arithmetic progressions between consecutive indices.
    diffs = [b - a for a, b in itertools.pairwise(xs)]
    assert len(set(diffs)) > 990


def test_huge_size() -> None:
    n = 10**15
    perm = Permutation(n, b"huge")
    xs = [perm[i] for i in (0, 1, 2, n - 2, n - 1)]
    assert len(set(xs)) == 5
    assert all(0 <= x < n for x in xs)


def test_a_permutation_shows_its_size() -> None:
    assert repr(Permutation(10**9, b"k")) == "Permutation(size=1000000000)"
    assert repr(Permutation(0, b"k")) == "Permutation(size=0)"


def test_sizes_up_to_two_to_the_128_are_permuted() -> None:
    """The round function mixes 64-bit halves: 2**128 is the largest size it can permute."""
    largest = Permutation(2**128, b"k")
    picks = [largest[i] for i in (0, 1, 2**127, 2**128 - 1)]
    assert len(set(picks)) == 4
    assert all(0 <= x < 2**128 for x in picks)
    with pytest.raises(ValueError, match=r"^size too large \(at most 2\*\*128\)$"):
        Permutation(2**128 + 1, b"k")
