"""A Faker provider of valid Amazon Connect phone numbers, for test data (the ``faker`` extra).

::

    from faker import Faker
    from connect_mock.faker import ConnectPhoneNumberProvider

    fake = Faker()
    fake.add_provider(ConnectPhoneNumberProvider)
    fake.connect_phone_number("GB", "TOLL_FREE")  # an E.164 UK toll-free number

The numbers come from the numbering plans the mock's inventories come from (shipped in
``connect_mock/data/``, see ``inventory/numbering.py``), so each is valid for its country and type
according to libphonenumber. A draw is uniform over the plan (or over the part of it under
``prefix``) and uses only the Faker generator's own ``random.Random``: ``Faker.seed(n)``,
``fake.seed_instance(n)`` and the ``faker_seed`` of Faker's pytest fixture make it reproducible.

This is the only module that imports Faker; ``import connect_mock`` does not import it.
"""

from __future__ import annotations

import random
import re

from faker.providers import BaseProvider

from ._moto import model_enum
from .inventory.numbering import NumberSpace, number_space

__all__ = ["ConnectPhoneNumberProvider"]

_PREFIX = re.compile(r"\+[0-9]{1,15}")


def _check_str(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")


def _space(country_code: str, number_type: str) -> NumberSpace:
    """The plan of a country and type, or a ValueError saying which plans the country has."""
    _check_str("country_code", country_code)
    _check_str("number_type", number_type)
    countries = model_enum("PhoneNumberCountryCode")
    types = model_enum("PhoneNumberType")
    if country_code not in countries:
        hint = (
            f"; did you mean {country_code.upper()!r}?" if country_code.upper() in countries else ""
        )
        raise ValueError(
            f"country_code {country_code!r} is not an ISO code Amazon Connect accepts "
            f"(see the PhoneNumberCountryCode enum){hint}"
        )
    if number_type not in types:
        raise ValueError(f"number_type {number_type!r} is not one of {', '.join(types)}")
    space = number_space(country_code, number_type)
    if space is None:
        have = [kind for kind in types if number_space(country_code, kind) is not None]
        listed = f"has: {', '.join(have)}" if have else "has none"
        raise ValueError(
            f"{country_code} has no {number_type} numbering plan ({country_code} {listed})"
        )
    return space


def _common_start(first: str, last: str) -> str:
    """What the first and last numbers (lexicographic) start with: what every one starts with."""
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def _prefix_digits(space: NumberSpace, prefix: str | None) -> str:
    """The digits of ``prefix`` (after its "+"), checked to lead to at least one number."""
    if prefix is None:
        return ""
    if not isinstance(prefix, str):
        raise TypeError(f"prefix must be a str or None, not {type(prefix).__name__}")
    if _PREFIX.fullmatch(prefix) is None:
        raise ValueError(f"prefix {prefix!r} is not '+' followed by 1 to 15 digits (e.g. '+1206')")
    digits = prefix[1:]
    if space.size(digits) == 0:
        common = _common_start(space.number_at(0), space.number_at(len(space) - 1))
        hint = "" if prefix.startswith(common) else f" (every one starts with {common})"
        raise ValueError(
            f"no {space.country} {space.number_type} number starts with {prefix}{hint}"
        )
    return digits


class ConnectPhoneNumberProvider(BaseProvider):
    """Adds ``connect_phone_number`` to a ``Faker`` (``fake.add_provider(...)``)."""

    __provider__ = "connect_phone_number"

    def connect_phone_number(
        self, country_code: str = "US", number_type: str = "DID", prefix: str | None = None
    ) -> str:
        """An E.164 number Amazon Connect could offer for ``country_code`` and ``number_type``.

        ``country_code`` is an ISO code of Connect's ``PhoneNumberCountryCode`` enum and
        ``number_type`` one of its ``PhoneNumberType`` values that the country has a plan for
        (``DID``, ``TOLL_FREE``, ``UIFN``, ``SHARED``, as the mock's inventories); ``prefix`` is an
        E.164 prefix with its "+", e.g. ``"+1206"``. Raises ``TypeError`` for an argument of the
        wrong type and ``ValueError`` naming the problem otherwise: an unknown country or type, a
        type the country has no plan for (listing those it has), a malformed prefix or one no
        number of the plan starts with.
        """
        space = _space(country_code, number_type)
        digits = _prefix_digits(space, prefix)
        rnd: random.Random = self.generator.random
        return space.number_at(rnd.randrange(space.size(digits)), digits)
