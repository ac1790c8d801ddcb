"""Inventory fixtures: explicit numbers, written with AWS's field names, that replace or add to the
generated inventory of a country and type.

A fixture is a JSON file (or the same structure as a Python mapping)::

    {
      "Mode": "add",
      "AvailableNumbersList": [
        {"PhoneNumber": "+12065550100", "PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"}
      ]
    }

``AvailableNumbersList`` entries are exactly those of a SearchAvailablePhoneNumbers response, so a
real response can be pasted in whole (its ``NextToken`` is ignored). ``Mode`` is ``"add"`` (the
default: these numbers come first, then the generated ones) or ``"replace"`` (only these numbers,
for every country and type the file names). Searches hand fixture numbers out in ascending order,
whatever the order of the file.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from .._moto import model_enum
from ..core.errors import FixtureError
from ..core.files import read_json_file
from . import numbering

__all__ = ["FixtureSource", "Inventories", "load_fixtures"]

FixtureSource = Union[str, "os.PathLike[str]", Mapping[str, Any]]

_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
_MODES = ("add", "replace")
_TOP_KEYS = {"Mode", "AvailableNumbersList", "NextToken"}
_ENTRY_KEYS = ("PhoneNumber", "PhoneNumberCountryCode", "PhoneNumberType")
# Types whose numbers carry the country's own calling code; UIFN numbers are +800 everywhere and
# short codes are not E.164 numbers of any country.
_NATIONAL_TYPES = {"DID", "TOLL_FREE", "SHARED", "THIRD_PARTY_DID", "THIRD_PARTY_TF"}


@dataclass(frozen=True)
class Group:
    """The fixture numbers of one country and type, sorted once here (as text, the order of the
    generated inventories too): the numbers with a prefix are one range, found by bisection."""

    replace: bool
    numbers: tuple[str, ...]
    members: frozenset[str] = field(init=False, repr=False, compare=False)  # from numbers

    def __post_init__(self) -> None:
        members = frozenset(self.numbers)
        object.__setattr__(self, "numbers", tuple(sorted(members)))
        object.__setattr__(self, "members", members)

    def prefixed(self, prefix: str) -> tuple[int, int]:
        """The range ``numbers[start:stop]`` of the numbers starting with ``prefix``."""
        start = bisect_left(self.numbers, prefix)
        # Every string that starts with the prefix sorts before prefix + the last code point.
        return start, bisect_left(self.numbers, prefix + "\U0010ffff", start)


Inventories = dict[tuple[str, str], Group]


def load_fixtures(sources: FixtureSource | Iterable[FixtureSource] | None) -> Inventories:
    """Read fixture files or mappings, later ones applied over earlier ones.

    Raises FixtureError naming the file, the entry and the field of the first problem.
    """
    if sources is None:
        return {}
    if isinstance(sources, str | os.PathLike | Mapping):
        sources = [sources]
    elif isinstance(sources, bytes | bytearray) or not isinstance(sources, Iterable):
        raise TypeError(
            "fixtures must be a path to a JSON file, a mapping, or a list of them, "
            f"not {type(sources).__name__}"
        )
    result: Inventories = {}
    for source in sources:
        name, document = _read(source)
        for key, group in _parse(name, document).items():
            previous = result.get(key)
            if previous is not None and not group.replace:
                group = Group(previous.replace, previous.numbers + group.numbers)
            result[key] = group
    return result


def _read(source: FixtureSource) -> tuple[str, Any]:
    if isinstance(source, Mapping):
        return "<fixture mapping>", source
    if not isinstance(source, str | os.PathLike):
        raise TypeError(
            f"a fixture is a path to a JSON file or a mapping, not {type(source).__name__}"
        )
    return str(Path(source)), read_json_file(source, "fixture", FixtureError)


def _parse(name: str, document: Any) -> Inventories:
    if not isinstance(document, Mapping):
        raise FixtureError(f"{name}: the top level must be a JSON object with AvailableNumbersList")
    unknown = sorted(set(document) - _TOP_KEYS)
    if unknown:
        raise FixtureError(
            f"{name}: unknown top-level field(s) {', '.join(map(repr, unknown))}; "
            f"expected {', '.join(sorted(_TOP_KEYS))}"
        )
    mode = document.get("Mode", "add")
    if mode not in _MODES:
        raise FixtureError(f"{name}: Mode: {mode!r} is not one of 'add', 'replace'")
    entries = document.get("AvailableNumbersList")
    if not isinstance(entries, list):
        raise FixtureError(f"{name}: AvailableNumbersList: expected a list of entries")
    countries = model_enum("PhoneNumberCountryCode")
    types = model_enum("PhoneNumberType")
    seen: dict[str, int] = {}
    groups: dict[tuple[str, str], list[str]] = {}
    for index, entry in enumerate(entries):
        where = f"{name}: AvailableNumbersList[{index}]"
        if not isinstance(entry, Mapping):
            raise FixtureError(f"{where}: expected an object with {', '.join(_ENTRY_KEYS)}")
        extra = sorted(set(entry) - set(_ENTRY_KEYS))
        if extra:
            raise FixtureError(
                f"{where}: unknown field(s) {', '.join(map(repr, extra))}; "
                f"expected {', '.join(_ENTRY_KEYS)}"
            )
        for key in _ENTRY_KEYS:
            if not isinstance(entry.get(key), str):
                raise FixtureError(f"{where}.{key}: missing or not a string")
        number, country, kind = (entry[key] for key in _ENTRY_KEYS)
        if country not in countries:
            raise FixtureError(
                f"{where}.PhoneNumberCountryCode: {country!r} is not an ISO code Amazon Connect "
                "accepts (see the PhoneNumberCountryCode enum)"
            )
        if kind not in types:
            raise FixtureError(
                f"{where}.PhoneNumberType: {kind!r} is not one of {', '.join(types)}"
            )
        if _E164.fullmatch(number) is None:
            raise FixtureError(
                f"{where}.PhoneNumber: {number!r} is not an E.164 number "
                "('+' then 2 to 15 digits, e.g. +12065550100)"
            )
        expected = _expected_calling_code(country, kind)
        if expected is not None and not number.startswith("+" + expected):
            raise FixtureError(
                f"{where}.PhoneNumber: {number!r} does not start with +{expected}, the calling "
                f"code of {kind} numbers in {country}"
            )
        if number in seen:
            raise FixtureError(
                f"{where}.PhoneNumber: {number} is listed twice "
                f"(also AvailableNumbersList[{seen[number]}])"
            )
        seen[number] = index
        groups.setdefault((country, kind), []).append(number)
    replace = mode == "replace"
    return {key: Group(replace, tuple(numbers)) for key, numbers in groups.items()}


def _expected_calling_code(country: str, kind: str) -> str | None:
    if kind == "UIFN":
        return "800"
    if kind in _NATIONAL_TYPES:
        return numbering.calling_code(country)
    return None
