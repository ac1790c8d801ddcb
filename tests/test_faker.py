"""The Faker provider (connect_mock.faker, the ``faker`` extra): valid numbers of the shipped
plans, honoured prefixes, Faker's own seeding, its pytest fixture, exact errors, and no Faker
import from ``import connect_mock``.

Validity is checked as tests/test_numbering.py checks the plans: E.164 round trip,
``is_valid_number_for_region`` and a libphonenumber type that matches the Connect type.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys

import phonenumbers
import pytest
from faker import Faker
from faker.exceptions import UniquenessException
from phonenumbers import PhoneNumberType

from connect_mock.faker import ConnectPhoneNumberProvider

COUNTRIES = ("US", "CA", "GB", "DE", "FR", "JP", "AU", "BR", "IN", "ZA")
DRAWS = 1000
# All ten have a fixed-line plan, so a DID is geographic (test_numbering.py's _expected_types).
EXPECTED = {
    "DID": {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE},
    "TOLL_FREE": {PhoneNumberType.TOLL_FREE},
    "SHARED": {PhoneNumberType.SHARED_COST},
    "UIFN": {PhoneNumberType.TOLL_FREE},
}


def fake(seed: int | None = None) -> Faker:
    f = Faker()
    f.add_provider(ConnectPhoneNumberProvider)
    if seed is not None:
        f.seed_instance(seed)
    return f


def draws(f: Faker, n: int = 20, *args: str) -> list[str]:
    return [f.connect_phone_number(*args) for _ in range(n)]


def check(country: str, number_type: str, e164: str) -> None:
    parsed = phonenumbers.parse(e164)
    assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == e164
    region = "001" if number_type == "UIFN" else country
    assert phonenumbers.is_valid_number_for_region(parsed, region), (country, number_type, e164)
    assert phonenumbers.number_type(parsed) in EXPECTED[number_type], (country, number_type, e164)


@pytest.mark.parametrize("number_type", ["DID", "TOLL_FREE"])
@pytest.mark.parametrize("country", COUNTRIES)
def test_every_draw_is_valid_for_its_country_and_type(country: str, number_type: str) -> None:
    f = fake(COUNTRIES.index(country))
    numbers = draws(f, DRAWS, country, number_type)
    for number in numbers:
        check(country, number_type, number)
    assert len(set(numbers)) >= DRAWS - 10  # drawn over the plan, not from a short list


@pytest.mark.parametrize(("country", "number_type"), [("FR", "SHARED"), ("GB", "UIFN")])
def test_the_other_generated_types_are_valid_too(country: str, number_type: str) -> None:
    for number in draws(fake(1), 100, country, number_type):
        check(country, number_type, number)


def test_the_defaults_are_a_us_did() -> None:
    for number in draws(fake(2), 50):
        check("US", "DID", number)


@pytest.mark.parametrize(
    ("country", "number_type", "prefix"),
    [
        ("US", "DID", "+1206"),
        ("GB", "TOLL_FREE", "+44800"),
        ("DE", "DID", "+4930"),
        ("US", "UIFN", "+8001"),
    ],
)
def test_the_prefix_is_honoured(country: str, number_type: str, prefix: str) -> None:
    f = fake(3)
    numbers = [f.connect_phone_number(country, number_type, prefix=prefix) for _ in range(200)]
    assert all(number.startswith(prefix) for number in numbers)
    assert len(set(numbers)) > 150
    for number in numbers:
        check(country, number_type, number)


def test_a_prefix_as_long_as_a_number_gives_that_number() -> None:
    assert fake(4).connect_phone_number("US", "TOLL_FREE", "+18005550100") == "+18005550100"


def test_unique_draws_exhaust_a_small_prefix() -> None:
    f = fake(5)
    numbers = {f.unique.connect_phone_number("US", "TOLL_FREE", "+1800555010") for _ in range(10)}
    assert numbers == {f"+1800555010{d}" for d in range(10)}
    with pytest.raises(UniquenessException):
        f.unique.connect_phone_number("US", "TOLL_FREE", "+1800555010")


def test_same_seed_same_sequence_with_seed_instance() -> None:
    first = draws(fake(7), 20, "GB", "DID")
    assert draws(fake(7), 20, "GB", "DID") == first
    f = fake(7)
    assert draws(f, 20, "GB", "DID") == first
    f.seed_instance(7)  # reseeding restarts the sequence
    assert draws(f, 20, "GB", "DID") == first
    assert draws(fake(8), 20, "GB", "DID") != first


def test_same_seed_same_sequence_with_faker_seed() -> None:
    Faker.seed(11)
    first = draws(fake(), 20, "JP", "TOLL_FREE")
    Faker.seed(11)
    assert draws(fake(), 20, "JP", "TOLL_FREE") == first
    Faker.seed(12)
    assert draws(fake(), 20, "JP", "TOLL_FREE") != first


def test_several_locales_take_the_provider_on_each_factory() -> None:
    f = Faker(["en_US", "de_DE"])  # Faker does not proxy add_provider with several locales
    for factory in f.factories:
        factory.add_provider(ConnectPhoneNumberProvider)
    # Not compared across seeds: Faker picks the answering locale reproducibly only from 40.13.
    for number in draws(f, 20, "DE"):
        check("DE", "DID", number)


def test_global_random_state_is_neither_used_nor_touched() -> None:
    random.seed(1)
    one = draws(fake(13))
    random.seed(2)
    state = random.getstate()
    assert draws(fake(13)) == one
    assert random.getstate() == state


def test_the_pytest_fixture_honours_faker_seed(pytester: pytest.Pytester) -> None:
    seeded, default = fake(42).connect_phone_number("GB"), fake(0).connect_phone_number("GB")
    pytester.makepyfile(
        test_seeded=f"""
        import pytest
        from connect_mock.faker import ConnectPhoneNumberProvider

        @pytest.fixture(autouse=True)  # Faker's fixture sees it only if autouse or requested
        def faker_seed():
            return 42

        def test_seeded(faker):
            faker.add_provider(ConnectPhoneNumberProvider)
            assert faker.connect_phone_number("GB") == {seeded!r}
        """,
        test_default=f"""
        import pytest
        from connect_mock.faker import ConnectPhoneNumberProvider

        @pytest.mark.parametrize("run", [1, 2])
        def test_default_seed_every_test(faker, run):
            faker.add_provider(ConnectPhoneNumberProvider)
            assert faker.connect_phone_number("GB") == {default!r}
        """,
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=3)


TYPES = "TOLL_FREE, DID, UIFN, SHARED, THIRD_PARTY_TF, THIRD_PARTY_DID, SHORT_CODE"


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("us",), ValueError, "country_code 'us' is not an ISO code Amazon Connect accepts "
         "(see the PhoneNumberCountryCode enum); did you mean 'US'?"),
        (("XX",), ValueError, "country_code 'XX' is not an ISO code Amazon Connect accepts "
         "(see the PhoneNumberCountryCode enum)"),
        (("US", "did"), ValueError, f"number_type 'did' is not one of {TYPES}"),
        (("US", "SHARED"), ValueError,
         "US has no SHARED numbering plan (US has: TOLL_FREE, DID, UIFN)"),
        (("US", "THIRD_PARTY_DID"), ValueError,
         "US has no THIRD_PARTY_DID numbering plan (US has: TOLL_FREE, DID, UIFN)"),
        (("AQ", "DID"), ValueError, "AQ has no DID numbering plan (AQ has none)"),
        (("US", "DID", "1206"), ValueError,
         "prefix '1206' is not '+' followed by 1 to 15 digits (e.g. '+1206')"),
        (("US", "DID", "+1 206"), ValueError,
         "prefix '+1 206' is not '+' followed by 1 to 15 digits (e.g. '+1206')"),
        (("US", "DID", "+"), ValueError,
         "prefix '+' is not '+' followed by 1 to 15 digits (e.g. '+1206')"),
        (("US", "DID", "+4420"), ValueError,
         "no US DID number starts with +4420 (every one starts with +1)"),
        (("US", "DID", "+1999"), ValueError, "no US DID number starts with +1999"),
        (("GB", "UIFN", "+44"), ValueError,
         "no GB UIFN number starts with +44 (every one starts with +800)"),
        ((1,), TypeError, "country_code must be a str, not int"),
        (("US", None), TypeError, "number_type must be a str, not NoneType"),
        (("US", "DID", 1206), TypeError, "prefix must be a str or None, not int"),
    ],
)  # fmt: skip
def test_errors_name_the_problem(
    args: tuple[object, ...], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        fake(0).connect_phone_number(*args)


def test_import_connect_mock_does_not_import_faker() -> None:
    code = (
        "import sys, connect_mock, connect_mock.plugin\n"
        "print('faker' in sys.modules)\n"
        "import connect_mock.faker\n"
        "print('faker' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
