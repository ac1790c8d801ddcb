"""The ``pattern`` constraints of botocore's Connect model, compiled as the service means them.

The model's patterns are Java regular expressions (``\\p{L}``, ``\\P{C}``...), which Python's
``re`` cannot compile; the ``regex`` package speaks that syntax. Java's ``matches()`` is what the
service applies: use ``fullmatch``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TypeAlias

import regex

__all__ = ["ModelPattern", "compile_model_pattern"]

# A string at run time: whether regex's Pattern takes a subscript differs between its releases.
ModelPattern: TypeAlias = "re.Pattern[str] | regex.Pattern[str]"


@cache
def compile_model_pattern(pattern: str) -> ModelPattern:
    """The model's ``pattern`` compiled (use ``fullmatch``; ``.pattern`` is the text compiled).

    The Connect model writes some backslashes doubled (``\\\\p{L}`` for ``\\p{L}``, ``\\\\+``
    for ``\\+``); read literally such a pattern would demand a backslash, so the doubling is
    undone first. A pattern ``re`` reads is compiled with ``re`` (it matches faster, and means the
    same for the syntax both read); one with Java-only syntax with ``regex``. Raises
    ``regex.error`` for a pattern neither can compile (none in the models connect_mock supports:
    a test compiles them all).
    """
    text = pattern.replace("\\\\", "\\")
    try:
        return re.compile(text)
    except re.error:
        return regex.compile(text)
