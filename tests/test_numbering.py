"""Tests for the shipped numbering plan and its lazily enumerable number spaces.

The data file is generated from phonenumbers 9.0.43 (python -m scripts.numbering_plan);
these tests check it against the installed phonenumbers, so upgrading
phonenumbers without regenerating can make them fail on purpose.
"""

from __future__ import annotations

import base64
import struct
import subprocess
import sys
from typing import Any

import botocore.session
import phonenumbers
import pytest
from phonenumbers import PhoneMetadata, PhoneNumberType

from connect_mock.inventory import numbering as _numbering
from connect_mock.inventory.numbering import NumberSpace, calling_code, number_space

COUNTRIES: list[str] = list(
    botocore.session.get_session()
    .get_service_model("connect")
    .shape_for("PhoneNumberCountryCode")
    .enum
)
TYPES = ("DID", "TOLL_FREE", "SHARED", "UIFN")
NO_METADATA = {"AQ", "AN", "PN"}

# Non-empty spaces with fewer than 10,000 numbers (phonenumbers 9.0.43): these
# plans are simply that small.  The 15-digit E.164 cap shrinks a few large
# spaces (DE, ID, JP, KR, NG, UY) but adds none here and empties none.
KNOWN_SMALL = {
    ("AL", "SHARED"): 900,
    ("FO", "TOLL_FREE"): 5000,
    ("MO", "TOLL_FREE"): 1000,
    ("NC", "TOLL_FREE"): 1000,
    ("NU", "DID"): 2000,
    ("SB", "TOLL_FREE"): 2000,
    ("SC", "TOLL_FREE"): 2000,
    ("SH", "DID"): 9600,
    ("TO", "TOLL_FREE"): 1000,
    ("TV", "DID"): 9000,
    ("VU", "TOLL_FREE"): 200,
    ("WS", "TOLL_FREE"): 1000,
}


def _has_desc(desc: Any) -> bool:
    """A metadata desc that describes at least one number."""
    return (
        desc is not None
        and bool(desc.national_number_pattern)
        and tuple(desc.possible_length) != (-1,)
    )


def _expected_present(country: str, number_type: str) -> bool:
    meta = PhoneMetadata.metadata_for_region(country)
    if meta is None:
        return False
    if number_type == "DID":
        return _has_desc(meta.fixed_line) or _has_desc(meta.mobile)
    if number_type == "TOLL_FREE":
        return _has_desc(meta.toll_free)
    if number_type == "SHARED":
        return _has_desc(meta.shared_cost)
    return True  # UIFN: the +800 plan, for every country with metadata


def _expected_types(country: str, number_type: str) -> set[int]:
    if number_type == "DID":
        meta = PhoneMetadata.metadata_for_region(country)
        assert meta is not None
        if _has_desc(meta.fixed_line):
            return {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
        return {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
    if number_type == "SHARED":
        return {PhoneNumberType.SHARED_COST}
    return {PhoneNumberType.TOLL_FREE}


def _check_number(country: str, number_type: str, e164: str) -> None:
    p = phonenumbers.parse(e164)
    # parse() must not reinterpret the digits (e.g. strip a national prefix).
    assert phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.E164) == e164
    region = "001" if number_type == "UIFN" else country
    assert phonenumbers.is_valid_number_for_region(p, region), (country, number_type, e164)
    assert phonenumbers.number_type(p) in _expected_types(country, number_type), (
        country,
        number_type,
        e164,
    )
    if number_type == "UIFN":
        assert e164.startswith("+800")
        assert len(e164) == 12
        assert phonenumbers.region_code_for_number(p) == "001"


def _spread(size: int, n: int = 20) -> list[int]:
    """n deterministic indices spread over range(size), ends included."""
    if size <= n:
        return list(range(size))
    picks = {i * (size - 1) // (n - 1) for i in range(n)}
    # Plus a few "odd" offsets so that not only round indices are tested.
    picks |= {(size * 7919 // 10007 + i * 104729) % size for i in range(5)}
    return sorted(picks)


def test_country_list() -> None:
    assert len(COUNTRIES) == 237
    assert set(COUNTRIES) >= NO_METADATA


@pytest.mark.parametrize("country", COUNTRIES)
def test_spaces_present_exactly_where_expected_and_valid(country: str) -> None:
    for number_type in TYPES:
        space = number_space(country, number_type)
        assert (space is not None) == _expected_present(country, number_type), (
            country,
            number_type,
        )
        if space is None:
            continue
        assert space.country == country
        assert space.number_type == number_type
        size = space.size()
        assert size > 0
        previous = ""
        for index in _spread(size):
            e164 = space.number_at(index)
            _check_number(country, number_type, e164)
            assert e164 in space
            assert e164 > previous  # lexicographic order
            previous = e164


@pytest.mark.parametrize("country", sorted(NO_METADATA))
def test_no_plan_without_metadata(country: str) -> None:
    assert calling_code(country) is None
    assert all(number_space(country, t) is None for t in TYPES)


@pytest.mark.parametrize(
    "number_type", ["THIRD_PARTY_TF", "THIRD_PARTY_DID", "SHORT_CODE", "did", ""]
)
def test_never_generated_types(number_type: str) -> None:
    assert number_space("US", number_type) is None


def test_unknown_country() -> None:
    assert number_space("XX", "DID") is None
    assert calling_code("XX") is None


def test_calling_codes() -> None:
    assert calling_code("US") == "1"
    assert calling_code("CA") == "1"
    assert calling_code("GB") == "44"
    assert calling_code("JE") == "44"
    assert calling_code("CX") == "61"
    assert calling_code("DE") == "49"
    for country in COUNTRIES:
        if country in NO_METADATA:
            continue
        meta = PhoneMetadata.metadata_for_region(country)
        assert meta is not None
        assert calling_code(country) == str(meta.country_code)


def test_small_spaces_are_the_known_ones() -> None:
    small = {}
    for country in COUNTRIES:
        for number_type in TYPES:
            space = number_space(country, number_type)
            if space is not None and space.size() < 10_000:
                small[(country, number_type)] = space.size()
    assert small == KNOWN_SMALL


def _max_digits(space: NumberSpace) -> int:
    """Digits of the longest number of a space, by a longest-path walk of its DFA."""
    plan = space._plan
    memo: dict[int, int] = {}
    stack = [space._start]
    while stack:
        state = stack[-1]
        if state in memo:
            stack.pop()
            continue
        row = [t for t in plan.trans[10 * state : 10 * state + 10] if t >= 0]
        todo = [t for t in row if t not in memo]
        if todo:
            stack.extend(todo)
            continue
        stack.pop()
        best = 0 if plan.accept[state] else -1
        for t in row:
            if memo[t] >= 0:
                best = max(best, memo[t] + 1)
        memo[state] = best
    return memo[space._start]


def test_numbers_fit_e164() -> None:
    # E.164 allows at most 15 digits after "+" (Connect's PhoneNumber pattern
    # is \+[1-9]\d{1,14}); libphonenumber accepts longer ones for some countries.
    for country in COUNTRIES:
        for number_type in TYPES:
            space = number_space(country, number_type)
            if space is None:
                continue
            assert 1 <= _max_digits(space) <= 15, (country, number_type)
            for index in _spread(space.size()):
                e164 = space.number_at(index)
                assert 2 <= len(e164) <= 16, (country, number_type, e164)
                assert e164[1] != "0"


def test_longest_numbers_where_libphonenumber_allows_more() -> None:
    # These plans have longer numbers in phonenumbers 9.0.43 (up to 16-19
    # digits); capped, they keep their 15-digit numbers and shrink to these sizes.
    capped = {
        ("DE", "DID"): 7_802_334_267_000,  # was 764_602_334_267_000
        ("DE", "SHARED"): 11_117_110_000,  # was 111_117_110_000
        ("DE", "TOLL_FREE"): 11_110_000_000,  # was 1_111_110_000_000
        ("ID", "TOLL_FREE"): 143_200_000,  # was 111_243_200_000
        ("JP", "TOLL_FREE"): 3_344_051_200,  # was 33_319_444_051_200
        ("KR", "TOLL_FREE"): 151_000_000,  # was 1_151_000_000
        ("NG", "TOLL_FREE"): 1_110_000_000,  # was 111_110_000_000
        ("UY", "TOLL_FREE"): 111_141_100,  # was 1_111_141_100
    }
    for (country, number_type), size in capped.items():
        space = number_space(country, number_type)
        assert space is not None
        assert space.size() == size
        assert _max_digits(space) == 15
        assert len(space.number_at(size - 1)) <= 16
    de = number_space("DE", "DID")
    assert de is not None
    assert "+49300559721991929" not in de  # 17 digits: valid for phonenumbers, not E.164
    assert de.size("4930055972199192") == 0
    assert de.size("493005597219919") == 1  # the 15-digit number itself


def test_uifn_is_one_shared_plan() -> None:
    us = number_space("US", "UIFN")
    fr = number_space("FR", "UIFN")
    assert us is not None
    assert fr is not None
    assert us.size() == fr.size() == 91_000_000
    assert us.number_at(0) == fr.number_at(0) == "+80000000000"
    assert us.number_at(us.size() - 1) == "+80099999999"


@pytest.mark.parametrize(
    ("country", "number_type", "prefix"),
    [
        ("US", "DID", "1206"),
        ("US", "TOLL_FREE", "1800"),
        ("US", "TOLL_FREE", "1888"),
        ("GB", "DID", "4420"),
        ("DE", "DID", "4930"),
    ],
)
def test_feasible_prefixes(country: str, number_type: str, prefix: str) -> None:
    space = number_space(country, number_type)
    assert space is not None
    size = space.size(prefix)
    assert size >= 10_000
    assert space.size("+" + prefix) == size
    for index in _spread(size):
        e164 = space.number_at(index, prefix)
        assert e164.startswith("+" + prefix)
        assert e164 in space
        _check_number(country, number_type, e164)
    with pytest.raises(IndexError):
        space.number_at(size, prefix)
    with pytest.raises(IndexError):
        space.number_at(-1, prefix)


def test_prefix_block_is_contiguous() -> None:
    # Numbers under a prefix are the same numbers, in the same order, as the
    # corresponding slice of the whole space.
    space = number_space("GB", "DID")
    assert space is not None
    prefix = "4420"
    offset = space.size("440") + space.size("441")  # these sort before +4420…
    assert space.number_at(offset) == space.number_at(0, prefix)
    k = space.size(prefix) - 1
    assert space.number_at(offset + k) == space.number_at(k, prefix)


@pytest.mark.parametrize(
    ("country", "number_type", "prefix"),
    [
        ("US", "DID", "44"),
        ("US", "DID", "1999999"),
        ("US", "TOLL_FREE", "1206"),
        ("GB", "DID", "1"),
        ("US", "DID", "12x"),
        ("US", "DID", "++1"),
    ],
)
def test_impossible_prefixes(country: str, number_type: str, prefix: str) -> None:
    space = number_space(country, number_type)
    assert space is not None
    assert space.size(prefix) == 0
    with pytest.raises(IndexError):
        space.number_at(0, prefix)


def test_membership() -> None:
    us = number_space("US", "DID")
    assert us is not None
    assert "+18002345678" not in us  # toll-free, not a DID
    assert "+12062345678" in us
    assert "12062345678" not in us
    assert "+1206234567" not in us  # a prefix is not a number
    assert "+120623456789" not in us
    assert "+44201234567" not in us
    assert "+" not in us
    assert 12062345678 not in us


def test_golden_numbers() -> None:
    # Pinned so that any change of the shipped data is deliberate.
    assert _numbering.plan_source() == "phonenumbers 9.0.43"
    golden = {
        ("US", "DID"): (2_871_000_000, "+12012000000", "+16095500000", "+19899999999"),
        ("US", "TOLL_FREE"): (56_000_000, "+18002000000", "+18556000000", "+18889999999"),
        ("GB", "TOLL_FREE"): (21_000_001, "+44800000000", "+448009545453", "+448089999999"),
        ("GB", "DID"): (925_125_000, "+441130000000", "+441709552500", "+442929999999"),
        # Capped at 15 digits (was 764_602_334_267_000 numbers up to 17 digits).
        ("DE", "DID"): (
            7_802_334_267_000,
            "+49201000",
            "+495938949546537",
            "+499979999999999",
        ),
    }
    for (country, number_type), (size, first, middle, last) in golden.items():
        space = number_space(country, number_type)
        assert space is not None
        assert space.size() == size
        assert space.number_at(0) == first
        assert space.number_at(size // 2) == middle
        assert space.number_at(size - 1) == last
    prefix_sizes = {
        ("US", "DID", "1206"): 8_000_000,
        ("US", "TOLL_FREE", "1800"): 8_000_000,
        ("US", "TOLL_FREE", "1888"): 8_000_000,
        ("GB", "DID", "4420"): 60_000_000,
        ("DE", "DID", "4930"): 111_111_111_000,
    }
    for (country, number_type, prefix), size in prefix_sizes.items():
        space = number_space(country, number_type)
        assert space is not None
        assert space.size(prefix) == size


def test_cached_objects() -> None:
    a = number_space("US", "DID")
    assert isinstance(a, NumberSpace)
    assert number_space("US", "DID") is a
    assert number_space("AQ", "DID") is None


def test_index_errors() -> None:
    space = number_space("VU", "TOLL_FREE")
    assert space is not None
    assert [space.number_at(i) for i in range(space.size())] == sorted(
        space.number_at(i) for i in range(space.size())
    )
    with pytest.raises(IndexError, match=r"^number index out of range$"):
        space.number_at(space.size())
    with pytest.raises(IndexError, match=r"^number index out of range$"):
        space.number_at(-1)
    with pytest.raises(TypeError):
        space.number_at(1.0)  # type: ignore[arg-type]


def test_runtime_module_does_not_use_phonenumbers() -> None:
    """(import-linter's contract "numbering" in .importlinter holds its imports to it too.)"""
    # In a fresh interpreter: the package itself may have
    # imported it already, but the numbering module and its data must not.
    code = (
        "import sys, connect_mock\n"
        "before = 'phonenumbers' in sys.modules\n"
        "import connect_mock.inventory.numbering as n\n"
        "n.number_space('US', 'DID').number_at(0)\n"
        "print(before, 'phonenumbers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = out.stdout.split()
    assert after == before


def test_a_space_shows_its_country_type_and_size() -> None:
    assert repr(number_space("US", "DID")) == "<NumberSpace US DID size=2871000000>"
    assert repr(number_space("VU", "TOLL_FREE")) == "<NumberSpace VU TOLL_FREE size=200>"


def test_number_at_takes_the_prefix_with_or_without_its_plus() -> None:
    space = number_space("US", "DID")
    assert space is not None
    last = space.size("1206") - 1
    assert space.number_at(0, "+1206") == space.number_at(0, "1206") == "+12062000000"
    assert space.number_at(last, "+1206") == space.number_at(last, "1206") == "+12069999999"


def test_a_state_whose_digits_partly_lead_on_is_unranked_digit_by_digit() -> None:
    """A hand-made plan in the data file's format, one space: +10 to +14, then +2. The start
    leads on by "1" and "2", "1" by 0 to 4, all to the accepting leaf, state 0: no state has ten
    equal transitions, so every number is found digit by digit."""

    def words(kind: str, values: list[int]) -> str:
        return base64.b64encode(struct.pack(f"<{len(values)}{kind}", *values)).decode()

    trans = [*[-1] * 10, *[0] * 5, *[-1] * 5, -1, 1, 0, *[-1] * 7]
    doc = {
        "format": 1,
        "source": "hand-made",
        "states": 3,
        "accept": base64.b64encode(bytes([1, 0, 0])).decode(),
        "trans": words("i", trans),
        "count": words("q", [1, 5, 6]),
        "calling_codes": {},
        "spaces": {},
    }
    space = NumberSpace(_numbering._Plan(doc), "XX", "DID", 2)
    assert [space.number_at(k) for k in range(len(space))] == [
        "+10",
        "+11",
        "+12",
        "+13",
        "+14",
        "+2",
    ]
    assert (space.size("1"), "+2" in space, "+15" in space) == (5, True, False)
