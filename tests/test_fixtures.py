"""Inventory fixtures: explicit numbers that add to or replace the generated inventory."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import botocore.session
import pytest

from connect_mock import FixtureError, mock_connect
from tests.helpers import client_error, connect_client, create_instance, numbers, search_numbers

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEATTLE = ["+12065550100", "+12065550101", "+12065550102"]
# Connect's number types in the order of botocore's model (the order a bad type's message lists).
TYPES = (
    botocore.session.get_session().get_service_model("connect").shape_for("PhoneNumberType").enum
)


def _entry(number: str, country: str = "US", kind: str = "DID") -> dict[str, str]:
    return {"PhoneNumber": number, "PhoneNumberCountryCode": country, "PhoneNumberType": kind}


def _all(country: str, kind: str, **params: Any) -> list[str]:
    """Every number a paginated search yields inside the active mock."""
    client = connect_client()
    instance_id, _ = create_instance(client, "fixtures")
    result = (
        client.get_paginator("search_available_phone_numbers")
        .paginate(
            InstanceId=instance_id,
            PhoneNumberCountryCode=country,
            PhoneNumberType=kind,
            PaginationConfig={"PageSize": 2},
            **params,
        )
        .build_full_result()
    )
    return numbers(result)


def test_added_numbers_come_first_then_the_generated_ones() -> None:
    with mock_connect(seed=4, search_limit=20):
        generated = _all("US", "DID")
    with mock_connect(seed=4, search_limit=20, fixtures=FIXTURES / "seattle_did.json"):
        found = _all("US", "DID")
    assert found[:3] == SEATTLE
    assert found[3:] == generated[:17]


def test_replace_offers_exactly_the_fixture_numbers() -> None:
    with mock_connect(fixtures=FIXTURES / "partner_numbers.json"):
        assert _all("GB", "DID") == ["+442079460000", "+442079460001"]
        assert _all("US", "THIRD_PARTY_TF") == ["+18885550100", "+18885550101"]
        assert _all("US", "THIRD_PARTY_DID") == ["+12125550100"]
        # Country/types the file does not name keep their generated inventory.
        assert len(_all("GB", "TOLL_FREE")) == 100


def test_a_pasted_response_is_a_fixture() -> None:
    with mock_connect(fixtures=str(FIXTURES / "pasted_response.json")):
        # Fixture numbers come first in ascending order, not in the order of the file.
        assert _all("JP", "DID")[:2] == ["+81312345678", "+815012345678"]
        assert _all("JP", "TOLL_FREE")[0] == "+81120123456"


def test_the_prefix_filters_fixture_numbers_too() -> None:
    fixture = {
        "Mode": "replace",
        "AvailableNumbersList": [_entry("+12065550100"), _entry("+13125550100")],
    }
    with mock_connect(fixtures=fixture):
        assert _all("US", "DID", PhoneNumberPrefix="+1312") == ["+13125550100"]


def test_a_generated_number_listed_in_a_fixture_is_offered_once() -> None:
    with mock_connect(seed=9, search_limit=6):
        generated = _all("GB", "DID")
    fixture = {"AvailableNumbersList": [_entry(generated[2], "GB")]}
    with mock_connect(seed=9, search_limit=6, fixtures=fixture):
        found = _all("GB", "DID")
    assert found == [generated[2], generated[0], generated[1], *generated[3:6]]


def test_later_sources_apply_over_earlier_ones() -> None:
    first = {"Mode": "replace", "AvailableNumbersList": [_entry("+12065550100")]}
    second = {"AvailableNumbersList": [_entry("+12065550101"), _entry("+12065550100")]}
    third = {"Mode": "replace", "AvailableNumbersList": [_entry("+13125550100", kind="TOLL_FREE")]}
    with mock_connect(fixtures=[first, second, third]) as cm:
        assert _all("US", "DID") == ["+12065550100", "+12065550101"]
        assert _all("US", "TOLL_FREE") == ["+13125550100"]
        assert set(cm.inventories) == {("US", "DID"), ("US", "TOLL_FREE")}


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "inventory.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            "{not json",
            "not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2",
        ),
        ("[]", "the top level must be a JSON object with AvailableNumbersList"),
        (
            {"AvailableNumberList": [], "Token": None},
            "unknown top-level field(s) 'AvailableNumberList', 'Token'; "
            "expected AvailableNumbersList, Mode, NextToken",
        ),
        ({"AvailableNumbersList": {}}, "AvailableNumbersList: expected a list of entries"),
        (
            {"Mode": "merge", "AvailableNumbersList": []},
            "Mode: 'merge' is not one of 'add', 'replace'",
        ),
        (
            {"AvailableNumbersList": ["+12065550100"]},
            "AvailableNumbersList[0]: expected an object with PhoneNumber, "
            "PhoneNumberCountryCode, PhoneNumberType",
        ),
        (
            {"AvailableNumbersList": [_entry("+12065550100"), {"PhoneNumber": "+12065550101"}]},
            "AvailableNumbersList[1].PhoneNumberCountryCode: missing or not a string",
        ),
        (
            {"AvailableNumbersList": [{**_entry("+12065550100"), "Type": "x", "Phone": "x"}]},
            "AvailableNumbersList[0]: unknown field(s) 'Phone', 'Type'; "
            "expected PhoneNumber, PhoneNumberCountryCode, PhoneNumberType",
        ),
        (
            {"AvailableNumbersList": [_entry("2065550100")]},
            "AvailableNumbersList[0].PhoneNumber: '2065550100' is not an E.164 number "
            "('+' then 2 to 15 digits, e.g. +12065550100)",
        ),
        (
            {"AvailableNumbersList": [_entry("+12065550100", country="XX")]},
            "AvailableNumbersList[0].PhoneNumberCountryCode: 'XX' is not an ISO code Amazon "
            "Connect accepts (see the PhoneNumberCountryCode enum)",
        ),
        (
            {"AvailableNumbersList": [_entry("+12065550100", kind="MOBILE")]},
            f"AvailableNumbersList[0].PhoneNumberType: 'MOBILE' is not one of {', '.join(TYPES)}",
        ),
        (
            {"AvailableNumbersList": [_entry("+442079460000", country="US")]},
            "AvailableNumbersList[0].PhoneNumber: '+442079460000' does not start with +1, the "
            "calling code of DID numbers in US",
        ),
        (
            {"AvailableNumbersList": [_entry("+12065550100", kind="UIFN")]},
            "AvailableNumbersList[0].PhoneNumber: '+12065550100' does not start with +800, "
            "the calling code of UIFN numbers in US",
        ),
        (
            {"AvailableNumbersList": [_entry("+12065550100"), _entry("+12065550100")]},
            "AvailableNumbersList[1].PhoneNumber: +12065550100 is listed twice "
            "(also AvailableNumbersList[0])",
        ),
    ],
)
def test_a_bad_file_names_the_file_the_entry_and_the_field(
    tmp_path: Path, document: Any, message: str
) -> None:
    path = _write(tmp_path, document)
    with pytest.raises(FixtureError) as excinfo:
        mock_connect(fixtures=path)
    assert str(excinfo.value) == f"{path}: {message}"


def test_a_missing_file_is_a_fixture_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    with pytest.raises(FixtureError, match=r"absent\.json: cannot read fixture file"):
        mock_connect(fixtures=path)


def test_a_bad_mapping_is_named_as_a_mapping() -> None:
    with pytest.raises(FixtureError, match=r"^<fixture mapping>: AvailableNumbersList\[0\]"):
        mock_connect(fixtures={"AvailableNumbersList": [{"PhoneNumber": 1}]})


def test_a_fixture_of_the_wrong_kind_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="a fixture is a path to a JSON file or a mapping, not int"):
        mock_connect(fixtures=[42])  # type: ignore[list-item]


@pytest.mark.parametrize(("fixtures", "kind"), [(42, "int"), (b"numbers.json", "bytes")])
def test_fixtures_that_are_neither_a_source_nor_a_list_are_a_type_error(
    fixtures: Any, kind: str
) -> None:
    with pytest.raises(TypeError) as excinfo:
        mock_connect(fixtures=fixtures)
    assert str(excinfo.value) == (
        f"fixtures must be a path to a JSON file, a mapping, or a list of them, not {kind}"
    )


@pytest.mark.parametrize(
    "kind", ["DID", "TOLL_FREE", "SHARED", "THIRD_PARTY_DID", "THIRD_PARTY_TF"]
)
def test_a_national_number_must_carry_its_countrys_calling_code(tmp_path: Path, kind: str) -> None:
    path = _write(tmp_path, {"AvailableNumbersList": [_entry("+442079460000", "US", kind)]})
    with pytest.raises(FixtureError) as excinfo:
        mock_connect(fixtures=path)
    assert str(excinfo.value) == (
        f"{path}: AvailableNumbersList[0].PhoneNumber: '+442079460000' does not start with +1, "
        f"the calling code of {kind} numbers in US"
    )


def test_the_fixture_groups_a_mock_shows_are_frozen_values() -> None:
    """cm.inventories shows each (country, type)'s mode and sorted numbers; they cannot be
    changed through it behind the mock's back."""
    fixture = {
        "Mode": "replace",
        "AvailableNumbersList": [_entry("+12065550101"), _entry("+12065550100")],
    }
    with mock_connect(fixtures=fixture) as cm:
        group = cm.inventories[("US", "DID")]
        assert repr(group) == "Group(replace=True, numbers=('+12065550100', '+12065550101'))"
        with pytest.raises(dataclasses.FrozenInstanceError):
            group.numbers = ("+12065550102",)  # type: ignore[misc]
        assert _all("US", "DID") == ["+12065550100", "+12065550101"]


def test_short_codes_need_no_calling_code() -> None:
    fixture = {"AvailableNumbersList": [_entry("+12345", kind="SHORT_CODE")]}
    with mock_connect(fixtures=fixture):
        assert _all("US", "SHORT_CODE") == ["+12345"]


def test_a_claim_that_names_only_the_number_finds_it_in_the_replacing_fixture() -> None:
    """Claimed without a search first, a number is looked up where searches would offer it: a
    replacing fixture is its country and type's whole inventory, so the generated number it
    replaced is not available, and its own numbers are, as the fixture types them."""
    with mock_connect():
        client = connect_client()
        instance_id, _ = create_instance(client)
        (generated,) = search_numbers(
            client, instance_id, PhoneNumberCountryCode="GB", PhoneNumberType="DID", MaxResults=1
        )
    with mock_connect(fixtures=FIXTURES / "partner_numbers.json"):
        client = connect_client()
        _, instance_arn = create_instance(client)
        with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
            client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=generated)
        assert client_error(excinfo) == (
            400,
            "InvalidParameterException",
            f"Phone number not available: {generated}",
        )
        assert client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
        claimed = client.claim_phone_number(TargetArn=instance_arn, PhoneNumber="+442079460000")
        summary = client.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        found = summary["ClaimedPhoneNumberSummary"]
        assert (found["PhoneNumberCountryCode"], found["PhoneNumberType"]) == ("GB", "DID")


def test_a_searched_fixture_number_is_claimed_as_its_fixture_types_it() -> None:
    """A number a search offered from a fixture keeps the fixture's country and type."""
    with mock_connect(fixtures=FIXTURES / "partner_numbers.json"):
        client = connect_client()
        instance_id, instance_arn = create_instance(client)
        offered = search_numbers(
            client, instance_id, PhoneNumberCountryCode="US", PhoneNumberType="THIRD_PARTY_TF"
        )
        assert offered == ["+18885550100", "+18885550101"]
        claimed = client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=offered[1])
        summary = client.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        found = summary["ClaimedPhoneNumberSummary"]
        assert (found["PhoneNumberCountryCode"], found["PhoneNumberType"]) == (
            "US",
            "THIRD_PARTY_TF",
        )


def test_a_number_two_fixtures_list_under_two_types_is_claimed_as_the_search_offered_it() -> None:
    """Fixtures applied one over another may list one number under two types: a claim naming
    only the number takes the type the search offered it as, not the first fixture's."""
    number = "+18885550177"
    as_type = [
        {"AvailableNumbersList": [entry]}
        for entry in (
            {"PhoneNumber": number, "PhoneNumberCountryCode": "US", "PhoneNumberType": kind}
            for kind in ("THIRD_PARTY_TF", "TOLL_FREE")
        )
    ]
    with mock_connect(fixtures=as_type):
        client = connect_client()
        instance_id, instance_arn = create_instance(client)
        offered = search_numbers(
            client,
            instance_id,
            PhoneNumberCountryCode="US",
            PhoneNumberType="TOLL_FREE",
            PhoneNumberPrefix=number,
        )
        assert offered == [number]
        claimed = client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)
        summary = client.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        found = summary["ClaimedPhoneNumberSummary"]
        assert (found["PhoneNumberCountryCode"], found["PhoneNumberType"]) == ("US", "TOLL_FREE")
