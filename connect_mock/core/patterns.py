"""The ``pattern`` constraints of botocore's Connect model, compiled as the service means them.

The model's patterns are Java regular expressions (``\\p{L}``, ``\\P{C}``...), which Python's
``re`` cannot compile; the ``regex`` package speaks that syntax. Java's ``matches()`` is what the
service applies: use ``fullmatch``.
"""

from __future__ import annotations

from functools import cache

import regex

__all__ = ["compile_model_pattern"]


@cache
def compile_model_pattern(pattern: str) -> regex.Pattern[str]:
    """The model's ``pattern`` as a compiled ``regex`` pattern (use ``fullmatch``).

    The Connect model writes some backslashes doubled (``\\\\p{L}`` for ``\\p{L}``, ``\\\\+``
    for ``\\+``); read literally such a pattern would demand a backslash, so the doubling is
    undone first. Raises ``regex.error`` for a pattern ``regex`` cannot compile (none in the
    models connect_mock supports: a test compiles them all).
    """
    return regex.compile(pattern.replace("\\\\", "\\"))
