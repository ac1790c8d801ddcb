"""SearchAvailablePhoneNumbers end to end through boto3, as a user's code calls it."""

from __future__ import annotations

import re
from typing import Any

import botocore.exceptions
import botocore.session
import phonenumbers
import pytest
from moto import mock_aws

from connect_mock import mock_connect
from connect_mock.plugin import ConnectInstance
from tests.helpers import (
    client_error,
    connect_client,
    create_instance,
    expected_numbers,
    numbers,
    search_numbers,
)

E164 = re.compile(r"\+[1-9][0-9]{1,14}")
COUNTRIES: list[str] = list(
    botocore.session.get_session()
    .get_service_model("connect")
    .shape_for("PhoneNumberCountryCode")
    .enum
)
TYPES = ["TOLL_FREE", "DID", "UIFN", "SHARED", "THIRD_PARTY_TF", "THIRD_PARTY_DID", "SHORT_CODE"]
EXPECTED_TYPES = {
    "DID": {
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    },
    "TOLL_FREE": {phonenumbers.PhoneNumberType.TOLL_FREE},
    "SHARED": {phonenumbers.PhoneNumberType.SHARED_COST},
}


def test_a_page_has_the_shape_of_the_real_response(search: Any) -> None:
    page = search()
    assert set(page) == {"AvailableNumbersList", "NextToken", "ResponseMetadata"}
    assert len(page["AvailableNumbersList"]) == 10  # MaxResults omitted: a page of 10
    for entry in page["AvailableNumbersList"]:
        assert set(entry) == {"PhoneNumber", "PhoneNumberCountryCode", "PhoneNumberType"}
        assert E164.fullmatch(entry["PhoneNumber"])
        assert entry["PhoneNumberCountryCode"] == "US"
        assert entry["PhoneNumberType"] == "DID"
    assert len(set(numbers(page))) == 10


def test_max_results_sets_the_page_size(search: Any) -> None:
    """Every page size from 1 to 10, in one mock (searching changes nothing)."""
    sizes = {size: len(numbers(search(MaxResults=size))) for size in range(1, 11)}
    assert sizes == {size: size for size in range(1, 11)}


@pytest.mark.parametrize(
    ("country", "number_type", "region"),
    [
        ("US", "DID", "US"),
        ("GB", "DID", "GB"),
        ("DE", "DID", "DE"),
        ("JP", "DID", "JP"),
        ("AU", "DID", "AU"),
        ("CA", "DID", "CA"),
        ("US", "TOLL_FREE", "US"),
        ("GB", "TOLL_FREE", "GB"),
        ("FR", "TOLL_FREE", "FR"),
        ("FR", "SHARED", "FR"),
        ("ES", "SHARED", "ES"),
    ],
)
def test_numbers_are_valid_for_their_country_and_type(
    search: Any, country: str, number_type: str, region: str
) -> None:
    page = search(PhoneNumberCountryCode=country, PhoneNumberType=number_type)
    assert len(numbers(page)) == 10
    for number in numbers(page):
        parsed = phonenumbers.parse(number)
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number
        assert phonenumbers.is_valid_number_for_region(parsed, region), number
        assert phonenumbers.number_type(parsed) in EXPECTED_TYPES[number_type], number


@pytest.mark.parametrize("country", ["US", "GB", "JP", "BR"])
def test_uifn_numbers_are_plus_800_and_eight_digits(search: Any, country: str) -> None:
    page = search(PhoneNumberCountryCode=country, PhoneNumberType="UIFN")
    assert len(numbers(page)) == 10
    for number in numbers(page):
        assert re.fullmatch(r"\+800[0-9]{8}", number)
        parsed = phonenumbers.parse(number)
        assert phonenumbers.is_valid_number(parsed)
        assert phonenumbers.region_code_for_number(parsed) == "001"
    assert {e["PhoneNumberCountryCode"] for e in page["AvailableNumbersList"]} == {country}


@pytest.mark.parametrize(
    ("country", "number_type", "prefix"),
    [
        ("US", "DID", "+1206"),
        ("US", "TOLL_FREE", "+1800"),
        ("US", "TOLL_FREE", "+1888"),
        ("GB", "DID", "+4420"),
        ("DE", "DID", "+4930"),
        ("US", "DID", "+1"),
    ],
)
def test_a_feasible_prefix_fills_whole_pages(
    search: Any, country: str, number_type: str, prefix: str
) -> None:
    first = search(
        PhoneNumberCountryCode=country, PhoneNumberType=number_type, PhoneNumberPrefix=prefix
    )
    second = search(
        PhoneNumberCountryCode=country,
        PhoneNumberType=number_type,
        PhoneNumberPrefix=prefix,
        NextToken=first["NextToken"],
    )
    found = numbers(first) + numbers(second)
    assert len(found) == 20
    assert len(set(found)) == 20
    assert all(number.startswith(prefix) for number in found)


def test_an_impossible_prefix_gives_an_empty_list(search: Any) -> None:
    """Four impossible prefixes, in one mock (searching changes nothing)."""
    for country, prefix in [("US", "+44"), ("US", "+1999999"), ("GB", "+1206"), ("DE", "+4900")]:
        page = search(PhoneNumberCountryCode=country, PhoneNumberPrefix=prefix)
        assert page["AvailableNumbersList"] == [], (country, prefix)
        assert "NextToken" not in page, (country, prefix)


def test_the_prefix_filters_a_query_of_its_own(search: Any) -> None:
    plain = numbers(search(MaxResults=10))
    seattle = numbers(search(MaxResults=10, PhoneNumberPrefix="+1206"))
    assert plain != seattle
    assert all(n.startswith("+1206") for n in seattle)


@pytest.mark.parametrize("country", ["AQ", "AN", "PN"])
def test_countries_without_a_numbering_plan_answer_empty(search: Any, country: str) -> None:
    """Every type, in one mock per country (searching changes nothing)."""
    for number_type in TYPES:
        page = search(PhoneNumberCountryCode=country, PhoneNumberType=number_type)
        assert page["AvailableNumbersList"] == [], number_type
        assert "NextToken" not in page, number_type


def test_support_case_types_are_empty_without_fixtures(search: Any) -> None:
    for number_type in ["THIRD_PARTY_TF", "THIRD_PARTY_DID", "SHORT_CODE"]:
        assert search(PhoneNumberType=number_type)["AvailableNumbersList"] == [], number_type


def test_every_country_and_type_answers_without_error(connect_instance: ConnectInstance) -> None:
    client, instance_id = connect_instance.client, connect_instance.instance_id
    answered = 0
    with_numbers = dict.fromkeys(TYPES, 0)
    for country in COUNTRIES:
        for number_type in TYPES:
            page = client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode=country,
                PhoneNumberType=number_type,
                MaxResults=1,
            )
            answered += 1
            for entry in page["AvailableNumbersList"]:
                assert entry["PhoneNumberCountryCode"] == country
                assert entry["PhoneNumberType"] == number_type
                with_numbers[number_type] += 1
    assert len(COUNTRIES) == 237
    assert answered == 237 * 7
    # Plans exist for almost every country's fixed lines; UIFN for all known to phonenumbers.
    assert with_numbers["DID"] >= 230
    assert with_numbers["UIFN"] == 234
    assert with_numbers["TOLL_FREE"] >= 150
    assert with_numbers["SHARED"] >= 30
    assert with_numbers["THIRD_PARTY_TF"] == with_numbers["SHORT_CODE"] == 0


def test_pages_are_consecutive_slices_of_one_list(search: Any) -> None:
    nine = numbers(search(MaxResults=9))
    threes: list[str] = []
    token = None
    for _ in range(3):
        page = search(MaxResults=3, **({"NextToken": token} if token else {}))
        threes += numbers(page)
        token = page["NextToken"]
    assert threes == nine


def test_page_size_may_change_between_pages(search: Any) -> None:
    ten = numbers(search(MaxResults=10))
    first = search(MaxResults=4)
    rest = search(MaxResults=6, NextToken=first["NextToken"])
    assert numbers(first) + numbers(rest) == ten


def test_the_same_token_gives_the_same_page(search: Any) -> None:
    second_half = numbers(search(MaxResults=10))[5:]
    token = search(MaxResults=5)["NextToken"]
    assert numbers(search(MaxResults=5, NextToken=token)) == second_half
    assert numbers(search(MaxResults=5, NextToken=token)) == second_half


def test_botos_paginator_finishes_after_the_search_limit(connect_instance: ConnectInstance) -> None:
    paginator = connect_instance.client.get_paginator("search_available_phone_numbers")
    result = paginator.paginate(
        InstanceId=connect_instance.instance_id,
        PhoneNumberCountryCode="US",
        PhoneNumberType="DID",
    ).build_full_result()
    found = numbers(result)
    assert len(found) == 100  # the default search_limit
    assert len(set(found)) == 100
    assert "NextToken" not in result


@mock_connect(search_limit=25)
def test_the_search_limit_is_configurable() -> None:
    client = connect_client()
    instance_id, _ = create_instance(client, "search-test")
    paginator = client.get_paginator("search_available_phone_numbers")
    pages = list(
        paginator.paginate(
            InstanceId=instance_id,
            PhoneNumberCountryCode="GB",
            PhoneNumberType="DID",
            PaginationConfig={"PageSize": 10},
        )
    )
    assert [len(p["AvailableNumbersList"]) for p in pages] == [10, 10, 5]
    assert "NextToken" not in pages[-1]


def test_a_small_plan_ends_without_a_trailing_token() -> None:
    # Limit above the number of results of a narrow prefix: the last page carries no token.
    with mock_connect(search_limit=10_000):
        client = connect_client()
        instance_id, _ = create_instance(client, "search-test")
        paginator = client.get_paginator("search_available_phone_numbers")
        result = paginator.paginate(
            InstanceId=instance_id,
            PhoneNumberCountryCode="US",
            PhoneNumberType="DID",
            PhoneNumberPrefix="+1206555012",
        ).build_full_result()
        found = numbers(result)
        assert 0 < len(found) <= 10
        assert all(n.startswith("+1206555012") for n in found)
        assert len(set(found)) == len(found)


def _first_page(seed: int | None, **params: Any) -> list[str]:
    options: dict[str, Any] = {} if seed is None else {"seed": seed}
    with mock_connect(**options):
        client = connect_client()
        instance_id, _ = create_instance(client, "search-test")
        return search_numbers(client, instance_id, **params)


def test_the_same_seed_gives_the_same_numbers() -> None:
    # Those of the ordered inventory for the seed, whatever mock serves them.
    assert _first_page(7) == _first_page(7) == expected_numbers(7, 10)
    assert _first_page(7, PhoneNumberPrefix="+1206") == expected_numbers(7, 10, prefix="+1206")


def test_another_seed_gives_other_numbers() -> None:
    assert _first_page(1) != _first_page(2)


def test_plain_mock_aws_uses_seed_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONNECT_MOCK_SEED", raising=False)
    with mock_aws():
        client = connect_client()
        instance_id, _ = create_instance(client, "search-test")
        plain = search_numbers(client, instance_id)
    assert plain == expected_numbers(0, 10)


def test_the_seed_environment_variable_sets_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONNECT_MOCK_SEED", "5")
    assert _first_page(None) == expected_numbers(5, 10)


def test_numbers_do_not_depend_on_account_region_or_instance() -> None:
    with mock_connect(seed=3):
        east, west = connect_client("us-east-1"), connect_client("us-west-2")
        other = connect_client(account="111111111111")
        query = {"PhoneNumberCountryCode": "GB", "PhoneNumberType": "TOLL_FREE"}
        a = search_numbers(east, create_instance(east)[0], **query)
        b = search_numbers(west, create_instance(west)[0], **query)
        c = search_numbers(east, create_instance(east, "other")[0], **query)
        d = search_numbers(other, create_instance(other)[0], **query)
    assert a == b == c == d == expected_numbers(3, 10, "GB", "TOLL_FREE")


# --- targets -------------------------------------------------------------------------------


def test_target_arn_works_like_instance_id(connect_instance: ConnectInstance, search: Any) -> None:
    by_id = numbers(search())
    by_arn = numbers(
        connect_instance.client.search_available_phone_numbers(
            TargetArn=connect_instance.instance_arn,
            PhoneNumberCountryCode="US",
            PhoneNumberType="DID",
        )
    )
    assert by_id == by_arn


def test_a_token_of_the_instance_id_query_is_good_for_its_arn(
    connect_instance: ConnectInstance, search: Any
) -> None:
    first = search(MaxResults=3)
    second = connect_instance.client.search_available_phone_numbers(
        TargetArn=connect_instance.instance_arn,
        PhoneNumberCountryCode="US",
        PhoneNumberType="DID",
        MaxResults=3,
        NextToken=first["NextToken"],
    )
    assert numbers(first) + numbers(second) == numbers(search(MaxResults=6))


def _refused(client: Any, **target: str) -> tuple[int, str, str]:
    """(status, code, message) of the error a US DID search for ``target`` gets."""
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        client.search_available_phone_numbers(
            PhoneNumberCountryCode="US", PhoneNumberType="DID", **target
        )
    return client_error(excinfo)


def test_no_target_is_an_invalid_parameter(connect_instance: ConnectInstance) -> None:
    assert _refused(connect_instance.client) == (
        400,
        "InvalidParameterException",
        "Missing target: you must enter InstanceId or TargetArn",
    )


def test_both_targets_is_an_invalid_parameter(connect_instance: ConnectInstance) -> None:
    instance_id, arn = connect_instance.instance_id, connect_instance.instance_arn
    assert _refused(connect_instance.client, InstanceId=instance_id, TargetArn=arn) == (
        400,
        "InvalidParameterException",
        "Specify either InstanceId or TargetArn, not both "
        f"(got InstanceId '{instance_id}' and TargetArn '{arn}')",
    )


def test_an_unknown_instance_id_is_an_invalid_parameter(connect_instance: ConnectInstance) -> None:
    unknown = "11111111-2222-3333-4444-555555555555"
    assert _refused(connect_instance.client, InstanceId=unknown) == (
        400,
        "InvalidParameterException",
        f"InstanceId '{unknown}' does not name an Amazon Connect instance in account "
        "123456789012, Region us-east-1",
    )


def test_an_arn_passed_as_instance_id_gets_a_hint(connect_instance: ConnectInstance) -> None:
    arn = connect_instance.instance_arn[:100]
    assert _refused(connect_instance.client, InstanceId=arn) == (
        400,
        "InvalidParameterException",
        f"InstanceId '{arn}' does not name an Amazon Connect instance in account 123456789012, "
        "Region us-east-1 (InstanceId takes the instance's ID; pass an ARN as TargetArn)",
    )


def test_an_instance_of_another_region_is_not_found_here() -> None:
    with mock_connect():
        west_id, west_arn = create_instance(connect_client("us-west-2"))
        east = connect_client()
        assert _refused(east, InstanceId=west_id) == (
            400,
            "InvalidParameterException",
            f"InstanceId '{west_id}' does not name an Amazon Connect instance in account "
            "123456789012, Region us-east-1",
        )
        assert _refused(east, TargetArn=west_arn) == (
            400,
            "InvalidParameterException",
            f"TargetArn '{west_arn}' is in Region us-west-2, but the request was sent to "
            "Region us-east-1",
        )


def test_a_target_of_another_account_is_access_denied(connect_instance: ConnectInstance) -> None:
    foreign = connect_instance.instance_arn.replace("123456789012", "210987654321")
    assert _refused(connect_instance.client, TargetArn=foreign) == (
        403,
        "AccessDeniedException",
        f"Account 123456789012 is not authorized to access TargetArn '{foreign}', which "
        "belongs to account 210987654321",
    )


@pytest.mark.parametrize(
    "arn",
    [
        "not-an-arn",
        "arn:aws:connect:us-east-1:123456789012:instance",
        "arn:aws:s3:::bucket",
    ],
)
def test_a_malformed_target_arn_is_an_invalid_parameter(
    connect_instance: ConnectInstance, arn: str
) -> None:
    assert _refused(connect_instance.client, TargetArn=arn) == (
        400,
        "InvalidParameterException",
        f"TargetArn '{arn}' is not the ARN of an Amazon Connect instance "
        "(arn:aws:connect:REGION:ACCOUNT:instance/ID) or traffic distribution group",
    )


def test_an_unknown_instance_arn_is_an_invalid_parameter(connect_instance: ConnectInstance) -> None:
    arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    assert _refused(connect_instance.client, TargetArn=arn) == (
        400,
        "InvalidParameterException",
        f"TargetArn '{arn}' does not name an Amazon Connect instance in account 123456789012, "
        "Region us-east-1",
    )


def test_moto_reset_forgets_instances_between_mocks() -> None:
    with mock_connect():
        instance_id, _ = create_instance(connect_client())
    with mock_connect():
        client = connect_client()
        with pytest.raises(client.exceptions.InvalidParameterException):
            client.search_available_phone_numbers(
                InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID"
            )
