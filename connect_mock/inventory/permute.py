"""Keyed pseudo-random permutations of ``range(n)`` (format-preserving shuffle).

Used to hand out numbers of a huge space in an order that looks random but is
fully determined by a key, without materialising the space: ``perm[i]`` is
computed on demand.
"""

from __future__ import annotations

import hashlib
import operator
import struct

__all__ = ["Permutation"]

_ROUNDS = 6
_M64 = (1 << 64) - 1
# Odd 64-bit multipliers of the splitmix64 / murmur3 finalisers: well studied
# constants with good avalanche behaviour.
_MUL1 = 0xBF58476D1CE4E5B9
_MUL2 = 0x94D049BB133111EB
_PERSON = b"connect-mock-prp"  # domain separation for the key derivation


class Permutation:
    """A bijection on ``range(size)`` chosen pseudo-randomly by ``key``.

    A balanced Feistel network over the smallest even bit-width ``2h`` with
    ``2**(2h) >= size`` permutes ``range(2**(2h))``; cycle-walking (apply it
    again until the value falls below ``size``) restricts it to ``range(size)``
    while staying a bijection.  Because ``2**(2h) < 4 * size`` (for size >= 2)
    fewer than four walks are needed on average.  The round keys are derived
    once with BLAKE2b; the round function is plain integer arithmetic, so the
    result is identical across processes, platforms and ``PYTHONHASHSEED``.
    """

    __slots__ = ("_half", "_keys", "_mask", "_size")

    def __init__(self, size: int, key: bytes) -> None:
        size = operator.index(size)
        if size < 0:
            raise ValueError("size must be >= 0")
        bits = max(2, (size - 1).bit_length())
        bits += bits & 1
        half = bits // 2
        if half > 64:
            # The round function mixes 64-bit words; larger halves would leave
            # high bits unmixed.
            raise ValueError("size too large (at most 2**128)")
        digest = hashlib.blake2b(bytes(key), digest_size=8 * _ROUNDS, person=_PERSON).digest()
        self._size = size
        self._half = half
        self._mask = (1 << half) - 1
        self._keys: tuple[int, ...] = struct.unpack(f"<{_ROUNDS}Q", digest)  # little-endian words

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index: int) -> int:
        index = operator.index(index)
        size = self._size
        if not 0 <= index < size:
            raise IndexError("permutation index out of range")
        half = self._half
        mask = self._mask
        keys = self._keys
        x = index
        while True:
            left = x >> half
            right = x & mask
            for k in keys:
                # splitmix64-style finaliser of (right xor round key); inlined
                # because a function call per round would double the cost.
                z = ((right ^ k) * _MUL1) & _M64
                z ^= z >> 31
                z = (z * _MUL2) & _M64
                z ^= z >> 29
                left, right = right, left ^ (z & mask)
            x = (left << half) | right
            if x < size:
                return x

    def __repr__(self) -> str:
        return f"Permutation(size={self._size})"
