"""Close matches for misspelt names (operations, error codes): a typo is refused with what was
probably meant, never silently matched against nothing."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["close_matches", "did_you_mean"]


def _key(name: str) -> str:
    # "claim_phone_number", "claimphonenumber" and "ClaimPhoneNumber" are the same name typed
    # three ways: compare without case and underscores.
    return name.replace("_", "").replace("-", "").lower()


def close_matches(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates ``name`` most likely misspells, best first (difflib's ratio, on names
    compared without case, underscores or hyphens)."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(_key(candidate), candidate)
    key = _key(name)
    if key in by_key:
        return [by_key[key]]
    return [by_key[match] for match in difflib.get_close_matches(key, by_key, n=limit, cutoff=0.6)]


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'X'?)`` or `` (did you mean 'X' or 'Y'?)``, or ``""``."""
    matches = close_matches(name, candidates)
    if not matches:
        return ""
    return f" (did you mean {' or '.join(repr(match) for match in matches)}?)"
