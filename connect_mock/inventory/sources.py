"""Source numbers: phone numbers of AWS End User Messaging SMS (the ``sms-voice`` service) that
ImportPhoneNumber brings into Connect. moto has no such service, so a test declares them:
``cm.source_numbers.add("+18005550100", region="us-east-1")``, the ``source_numbers=`` option
(files or mappings), ``serve --source-numbers FILE`` or ``POST
/moto-api/connect-mock/source-numbers``.

An entry is written with the member names of End User Messaging SMS's own ``DescribePhoneNumbers``
answer, so its output can be saved as a file as it is::

    {"PhoneNumbers": [
      {"PhoneNumberArn": "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123...",
       "PhoneNumber": "+18005550100", "IsoCountryCode": "US", "NumberType": "TOLL_FREE"}
    ]}

Instead of ``PhoneNumberArn``, an entry may give ``Region`` (and ``AccountId``, default moto's
123456789012): its ARN is then made from them and the number. ``IsoCountryCode`` defaults to
the number's country; ``NumberType`` to ``TOLL_FREE``. Other ``DescribePhoneNumbers`` members
(``Status``, ``MessageType``...) are allowed and ignored.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Union

from .._http import DEFAULT_ACCOUNT_ID
from .._moto import model_enum, service_model
from ..core.files import read_documents

__all__ = [
    "CONNECT_TYPES",
    "SourceNumber",
    "SourceNumberSource",
    "SourceNumbers",
    "read_source_numbers",
]

SourceNumberSource = Union[str, "os.PathLike[str]", Mapping[str, Any], Sequence[Any]]

_ARN = re.compile(
    r"arn:aws[a-z-]*:sms-voice:(?P<region>[a-z]{2}(?:-[a-z]+)+-[0-9]):(?P<account>[0-9]{12}):"
    r"phone-number/(?P<id>phone-[0-9a-f]{32})"
)
_REGION = re.compile(r"[a-z]{2}(?:-[a-z]+)+-[0-9]")
_ACCOUNT = re.compile(r"[0-9]{12}")
# End User Messaging SMS's PhoneNumber pattern (short codes come without the "+").
_NUMBER = re.compile(r"\+?[1-9][0-9]{1,18}")
# What each End User Messaging SMS number type becomes in Connect. "You can request short codes,
# 10-digit long codes (10DLC), and toll-free numbers" (admin guide, "Request an SMS-enabled
# phone number through AWS End User Messaging SMS"); FACTS: SHORT_CODE numbers are imported.
# 10DLC and long codes are ordinary geographic numbers: Connect's DID (our reading). SIMULATOR
# numbers only exist for testing End User Messaging SMS: ImportPhoneNumber refuses them.
CONNECT_TYPES = {
    "SHORT_CODE": "SHORT_CODE",
    "TOLL_FREE": "TOLL_FREE",
    "TEN_DLC": "DID",
    "LONG_CODE": "DID",
}
_OWN_KEYS = ("Region", "AccountId")


SMS_SERVICE = "pinpoint-sms-voice-v2"  # AWS End User Messaging SMS


@lru_cache(maxsize=1)
def _entry_keys() -> frozenset[str]:
    return frozenset(service_model(SMS_SERVICE).shape_for("PhoneNumberInformation").members) | set(
        _OWN_KEYS
    )


@dataclass(frozen=True)
class SourceNumber:
    """A phone number of AWS End User Messaging SMS, as ImportPhoneNumber finds it."""

    arn: str
    phone_number: str
    country: str
    number_type: str  # End User Messaging SMS's NumberType

    @property
    def region(self) -> str:
        return self.arn.split(":")[3]

    @property
    def account_id(self) -> str:
        return self.arn.split(":")[4]

    @property
    def id(self) -> str:
        return self.arn.rpartition("/")[2]

    @property
    def connect_type(self) -> str | None:
        """Connect's PhoneNumberType for it (None: a SIMULATOR number, not importable)."""
        return CONNECT_TYPES.get(self.number_type)

    def to_json(self) -> dict[str, str]:
        """The entry with DescribePhoneNumbers' member names (what a file holds)."""
        return {
            "PhoneNumberArn": self.arn,
            "PhoneNumberId": self.id,
            "PhoneNumber": self.phone_number,
            "IsoCountryCode": self.country,
            "NumberType": self.number_type,
        }


def source_arn(phone_number: str, region: str, account_id: str) -> str:
    """The ARN the mock gives a number declared without one: the same for the same number,
    Region and account in every run and process (End User Messaging SMS's form,
    ``phone-`` and 32 hex digits)."""
    key = f"{account_id}|{region}|{phone_number}".encode()
    digest = hashlib.blake2b(key, digest_size=16).hexdigest()
    return f"arn:aws:sms-voice:{region}:{account_id}:phone-number/phone-{digest}"


def _country_of(phone_number: str) -> str | None:
    if not phone_number.startswith("+"):
        return None
    import phonenumbers  # only for numbers declared without IsoCountryCode

    try:
        parsed = phonenumbers.parse(phone_number)
    except phonenumbers.NumberParseException:
        return None
    # A valid number's own region, else the calling code's main one (+44: GB).
    code = phonenumbers.region_code_for_number(parsed) or phonenumbers.region_code_for_country_code(
        parsed.country_code or 0
    )
    return None if code in (None, "ZZ", "001") else str(code)


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    return value


def make_source_number(
    phone_number: object,
    *,
    region: object = None,
    number_type: object = "TOLL_FREE",
    country: object = None,
    account_id: object = None,
    arn: object = None,
) -> SourceNumber:
    """A checked SourceNumber (TypeError or ValueError naming the field otherwise)."""
    number = _text("phone_number", phone_number)
    if not _NUMBER.fullmatch(number):
        raise ValueError(
            f"phone_number {number!r} is not a phone number as End User Messaging SMS writes "
            "them: E.164 (+ and up to 19 digits), or the digits of a short code"
        )
    kind = _text("number_type", number_type)
    kinds = model_enum("NumberType", SMS_SERVICE)
    if kind not in kinds:
        raise ValueError(f"number_type must be one of {', '.join(kinds)}, got {kind!r}")
    if arn is None:
        where = _text("region", "us-east-1" if region is None else region)
        owner = _text("account_id", DEFAULT_ACCOUNT_ID if account_id is None else account_id)
        if not _REGION.fullmatch(where):
            raise ValueError(f"region {where!r} is not an AWS Region code like 'us-east-1'")
        if not _ACCOUNT.fullmatch(owner):
            raise ValueError(f"account_id {owner!r} is not a 12-digit AWS account ID")
        arn = source_arn(number, where, owner)
    else:
        arn = _text("arn", arn)
        found = _ARN.fullmatch(arn)
        if found is None:
            raise ValueError(
                f"arn {arn!r} is not an End User Messaging SMS phone number ARN "
                "(arn:aws:sms-voice:REGION:ACCOUNT:phone-number/phone-<32 hex digits>)"
            )
        for name, given, actual in (
            ("region", region, found["region"]),
            ("account_id", account_id, found["account"]),
        ):
            if given is not None and given != actual:
                raise ValueError(f"{name} {given!r} differs from the arn's, {actual!r}")
    code = _country_of(number) if country is None else _text("country", country)
    if code is None:
        raise ValueError(
            f"cannot tell the country of {number!r}: give its ISO country code (IsoCountryCode)"
        )
    if code not in model_enum("PhoneNumberCountryCode"):
        raise ValueError(f"country {code!r} is not one of Connect's PhoneNumberCountryCode codes")
    return SourceNumber(arn, number, code, kind)


class SourceNumbers:
    """The source numbers a running mock knows, by ARN (``cm.source_numbers``)."""

    def __init__(self) -> None:
        self._by_arn: dict[str, SourceNumber] = {}
        # (account, Region, number) -> ARN: one declaration per number where it is leased.
        self._by_number: dict[tuple[str, str, str], str] = {}

    def add(
        self,
        phone_number: str,
        *,
        region: str = "us-east-1",
        number_type: str = "TOLL_FREE",
        country: str | None = None,
        account_id: str | None = None,
        arn: str | None = None,
    ) -> SourceNumber:
        """Declare a number of End User Messaging SMS; returns it (``.arn`` is what
        ImportPhoneNumber takes as SourcePhoneNumberArn). Declaring the same number again is
        a no-op; the same ARN or the same number with other details is a ValueError."""
        source = make_source_number(
            phone_number,
            region=region,
            number_type=number_type,
            country=country,
            account_id=account_id,
            arn=arn,
        )
        return self._put(source)

    def _put(self, source: SourceNumber) -> SourceNumber:
        existing = self._by_arn.get(source.arn)
        if existing is not None and existing != source:
            raise ValueError(f"source number {source.arn} is already declared as {existing}")
        key = (source.account_id, source.region, source.phone_number)
        other = self._by_number.get(key, source.arn)
        if other != source.arn:
            raise ValueError(
                f"{source.phone_number} is already declared in account {source.account_id}, "
                f"Region {source.region}, as {other}"
            )
        self._by_arn[source.arn] = source
        self._by_number[key] = source.arn
        return source

    def load(self, document: Any, name: str = "<source numbers>") -> list[SourceNumber]:
        """Declare the entries of a document (``{"PhoneNumbers": [...]}``, a list of entries
        or one entry); all or nothing: ValueError naming the entry of the first problem."""
        entries = _entries(document, name)
        checked = [_from_entry(entry, f"{name}, entry {index}") for index, entry in entries]
        trial = SourceNumbers()
        trial._by_arn, trial._by_number = dict(self._by_arn), dict(self._by_number)
        for source in checked:
            trial._put(source)
        self._by_arn, self._by_number = trial._by_arn, trial._by_number
        return checked

    def get(self, arn: str) -> SourceNumber | None:
        return self._by_arn.get(arn)

    def clear(self) -> None:
        self._by_arn.clear()
        self._by_number.clear()

    def specs(self) -> tuple[dict[str, str], ...]:
        """Every entry in its JSON form, in declaration order."""
        return tuple(source.to_json() for source in self)

    def __iter__(self) -> Iterator[SourceNumber]:
        return iter(list(self._by_arn.values()))

    def __len__(self) -> int:
        return len(self._by_arn)


def _entries(document: Any, name: str) -> list[tuple[int, Mapping[str, Any]]]:
    if isinstance(document, Mapping) and "PhoneNumbers" in document:
        document = document["PhoneNumbers"]
        if not isinstance(document, list):
            raise ValueError(f"{name}: PhoneNumbers must be a list of entries")
    elif isinstance(document, Mapping):
        document = [document]
    if not isinstance(document, list | tuple):
        raise ValueError(
            f'{name}: expected {{"PhoneNumbers": [...]}}, a list of entries or one entry, '
            f"not {type(document).__name__}"
        )
    for index, entry in enumerate(document):
        if not isinstance(entry, Mapping):
            raise ValueError(f"{name}, entry {index}: expected an object, not {entry!r:.60}")
    return list(enumerate(document))


def _from_entry(entry: Mapping[str, Any], where: str) -> SourceNumber:
    unknown = sorted(str(key) for key in entry if key not in _entry_keys())
    if unknown:
        raise ValueError(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; an entry has "
            "DescribePhoneNumbers' members (PhoneNumberArn, PhoneNumber, IsoCountryCode, "
            "NumberType...) or Region and AccountId"
        )
    if "PhoneNumber" not in entry:
        raise ValueError(f"{where}: PhoneNumber is missing")
    try:
        source = make_source_number(
            entry["PhoneNumber"],
            region=entry.get("Region"),
            number_type=entry.get("NumberType", "TOLL_FREE"),
            country=entry.get("IsoCountryCode"),
            account_id=entry.get("AccountId"),
            arn=entry.get("PhoneNumberArn"),
        )
    except (TypeError, ValueError) as error:
        raise ValueError(f"{where}: {error}") from None
    given_id = entry.get("PhoneNumberId")
    if given_id is not None and given_id != source.id:
        raise ValueError(f"{where}: PhoneNumberId {given_id!r} is not the ARN's, {source.id!r}")
    return source


def read_source_numbers(source: SourceNumberSource | None) -> tuple[Mapping[str, Any], ...]:
    """The entries of a source-number option: a JSON file, a mapping, or a list of entries
    and files (``serve --source-numbers A --source-numbers B``), checked (ValueError naming the
    file and the entry of the first problem)."""
    return read_documents(source, "source-number", "<source numbers>", _checked_entries)


def _checked_entries(document: Any, name: str) -> tuple[Mapping[str, Any], ...]:
    declared = SourceNumbers().load(document, name)  # checks every entry
    return tuple(entry.to_json() for entry in declared)
