"""Claim, describe, list, update, release, cooldown and traffic distribution groups, end to end."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import boto3
import botocore.config
import botocore.exceptions
import pytest
from moto.moto_api import state_manager

from connect_mock import ConnectMock, mock_connect
from connect_mock.backend import shared_state
from tests.helpers import numbers

LAX = botocore.config.Config(parameter_validation=False)


def _client(region: str = "us-east-1", **kwargs: Any) -> Any:
    return boto3.client("connect", region_name=region, **kwargs)


def _client_of_account(account: str, region: str = "us-east-1") -> Any:
    """A client whose calls moto attributes to another account (moto's x-moto-account-id)."""
    client = _client(region)

    def stamp(request: Any, **_: Any) -> None:
        request.headers["x-moto-account-id"] = account

    client.meta.events.register("before-sign.connect.*", stamp)
    return client


def _instance(client: Any, alias: str = "life") -> tuple[str, str]:
    created = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=alias,
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return created["Id"], created["Arn"]


def _error(excinfo: pytest.ExceptionInfo[Any]) -> tuple[int, str, str]:
    response = excinfo.value.response
    return (
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Code"],
        response["Error"]["Message"],
    )


@pytest.fixture
def mock() -> Iterator[ConnectMock]:
    with mock_connect(seed=11) as cm:
        yield cm


@pytest.fixture
def env(mock: ConnectMock) -> dict[str, Any]:
    client = _client()
    instance_id, instance_arn = _instance(client)

    def search(**params: Any) -> list[str]:
        query = {
            "InstanceId": instance_id,
            "PhoneNumberCountryCode": "US",
            "PhoneNumberType": "DID",
        } | params
        return numbers(client.search_available_phone_numbers(**query))

    return {"client": client, "id": instance_id, "arn": instance_arn, "search": search}


def test_the_whole_lifecycle(mock: ConnectMock, env: dict[str, Any]) -> None:
    client, search = env["client"], env["search"]
    offered = search(MaxResults=5)
    number = offered[2]
    claimed = client.claim_phone_number(
        InstanceId=env["id"],
        PhoneNumber=number,
        PhoneNumberDescription="support line",
        Tags={"team": "support"},
    )
    phone_id, phone_arn = claimed["PhoneNumberId"], claimed["PhoneNumberArn"]
    assert phone_arn == f"arn:aws:connect:us-east-1:123456789012:phone-number/{phone_id}"

    summary = client.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
    assert summary == {
        "PhoneNumberId": phone_id,
        "PhoneNumberArn": phone_arn,
        "PhoneNumber": number,
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "DID",
        "PhoneNumberDescription": "support line",
        "TargetArn": env["arn"],
        "InstanceId": env["id"],
        "Tags": {"team": "support"},
        "PhoneNumberStatus": {"Status": "CLAIMED"},
    }
    # Gone from every search; the rest of the list keeps its order.
    assert search(MaxResults=4) == [n for n in offered if n != number]
    listed = client.list_phone_numbers_v2(InstanceId=env["id"])["ListPhoneNumbersSummaryList"]
    assert [e["PhoneNumber"] for e in listed] == [number]
    legacy = client.list_phone_numbers(InstanceId=env["id"])["PhoneNumberSummaryList"]
    assert legacy == [
        {
            "Id": phone_id,
            "Arn": f"{env['arn']}/phone-number/{phone_id}",
            "PhoneNumber": number,
            "PhoneNumberType": "DID",
            "PhoneNumberCountryCode": "US",
        }
    ]

    other_id, other_arn = _instance(client, "other")
    moved = client.update_phone_number(PhoneNumberId=phone_id, TargetArn=other_arn)
    assert moved["PhoneNumberId"] == phone_id
    client.update_phone_number_metadata(PhoneNumberId=phone_arn, PhoneNumberDescription="sales")
    summary = client.describe_phone_number(PhoneNumberId=phone_arn)["ClaimedPhoneNumberSummary"]
    assert (summary["TargetArn"], summary["InstanceId"]) == (other_arn, other_id)
    assert summary["PhoneNumberDescription"] == "sales"
    assert client.list_phone_numbers_v2(InstanceId=env["id"])["ListPhoneNumbersSummaryList"] == []

    client.release_phone_number(PhoneNumberId=phone_id)
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.describe_phone_number(PhoneNumberId=phone_id)
    assert _error(excinfo)[:2] == (404, "ResourceNotFoundException")

    # Cooling down: neither searchable nor claimable.
    assert number not in search(MaxResults=10)
    mock.clock.advance(timedelta(days=179))
    with pytest.raises(client.exceptions.InvalidParameterException) as refused:
        client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)
    assert _error(refused) == (
        400,
        "InvalidParameterException",
        f"Phone number not available: {number}",
    )
    mock.clock.advance(timedelta(days=1))
    assert search(MaxResults=5) == offered  # back at its old place
    again = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)
    assert again["PhoneNumberId"] != phone_id


def test_a_number_taken_between_search_and_claim(env: dict[str, Any]) -> None:
    client = env["client"]
    number = env["search"](MaxResults=1)[0]
    # Someone else, in another account, gets there first.
    rival = _client_of_account("111111111111")
    rival_instance, _ = _instance(rival, "rival")
    rival.claim_phone_number(InstanceId=rival_instance, PhoneNumber=number)
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)
    assert _error(excinfo) == (
        400,
        "InvalidParameterException",
        f"Phone number not available: {number}",
    )
    # The rival's claim is the rival's alone to see.
    assert client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    assert [
        e["PhoneNumber"] for e in rival.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    ] == [number]


def test_a_claimed_number_is_in_no_search_any_prefix_any_page(env: dict[str, Any]) -> None:
    client, search = env["client"], env["search"]
    first = client.search_available_phone_numbers(
        InstanceId=env["id"],
        PhoneNumberCountryCode="US",
        PhoneNumberType="DID",
        PhoneNumberPrefix="+1206",
        MaxResults=10,
    )
    second = client.search_available_phone_numbers(
        InstanceId=env["id"],
        PhoneNumberCountryCode="US",
        PhoneNumberType="DID",
        PhoneNumberPrefix="+1206",
        MaxResults=10,
        NextToken=first["NextToken"],
    )
    before = numbers(first) + numbers(second)
    taken = before[12]
    client.claim_phone_number(InstanceId=env["id"], PhoneNumber=taken)
    after_first = search(PhoneNumberPrefix="+1206", MaxResults=10)
    assert after_first == before[:10]
    # The second page, through the old token, shifts by exactly the claimed number.
    resumed = numbers(
        client.search_available_phone_numbers(
            InstanceId=env["id"],
            PhoneNumberCountryCode="US",
            PhoneNumberType="DID",
            PhoneNumberPrefix="+1206",
            MaxResults=9,
            NextToken=first["NextToken"],
        )
    )
    assert resumed == [n for n in before[10:] if n != taken]
    for prefix in ("+1", "+12", "+120", "+1206", taken[:8], taken):
        assert taken not in search(PhoneNumberPrefix=prefix, MaxResults=10)


def test_claims_are_shared_across_accounts_and_visible_only_to_the_owner(
    env: dict[str, Any],
) -> None:
    client = env["client"]
    number = env["search"](MaxResults=1)[0]
    phone_id = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)["PhoneNumberId"]
    other = _client_of_account("222222222222")
    other_instance, _ = _instance(other, "other-account")
    page = numbers(
        other.search_available_phone_numbers(
            InstanceId=other_instance, PhoneNumberCountryCode="US", PhoneNumberType="DID"
        )
    )
    assert number not in page
    with pytest.raises(other.exceptions.ResourceNotFoundException):
        other.describe_phone_number(PhoneNumberId=phone_id)
    west = _client("us-west-2")
    with pytest.raises(west.exceptions.ResourceNotFoundException):
        west.describe_phone_number(PhoneNumberId=phone_id)
    assert west.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("+10000000000", "Phone number not available: +10000000000"),
        ("+19995550100", "Phone number not available: +19995550100"),
    ],
)
def test_a_number_never_offered_is_refused(env: dict[str, Any], number: str, expected: str) -> None:
    client = env["client"]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)
    assert _error(excinfo) == (400, "InvalidParameterException", expected)


def test_a_malformed_number_fails_validation(env: dict[str, Any]) -> None:
    lax = _client(config=LAX)
    with pytest.raises(lax.exceptions.InvalidParameterException) as excinfo:
        lax.claim_phone_number(InstanceId=env["id"], PhoneNumber="2065550100")
    assert _error(excinfo) == (
        400,
        "InvalidParameterException",
        "1 validation error detected: Value '2065550100' at 'PhoneNumber' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: \\+[1-9]\\d{1,14}$",
    )


def test_a_number_can_be_claimed_without_searching_first() -> None:
    with mock_connect(seed=11):
        client = _client()
        instance_id, _ = _instance(client)
        number = numbers(
            client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="GB",
                PhoneNumberType="DID",
                PhoneNumberPrefix="+4420",
                MaxResults=1,
            )
        )[0]
    # A new mock: nothing was searched, yet the number is in GB's DID inventory (London
    # numbers belong to GB alone, so the country is certain).
    with mock_connect(seed=11):
        client = _client()
        instance_id, _ = _instance(client)
        assert shared_state().pool.offered == {}  # no search to remember it from
        phone_id = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)[
            "PhoneNumberId"
        ]
        summary = client.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
        assert (summary["PhoneNumberCountryCode"], summary["PhoneNumberType"]) == ("GB", "DID")


def test_a_shared_number_claimed_without_a_search_takes_the_first_country_in_enum_order() -> None:
    with mock_connect(seed=11):
        client = _client()
        instance_id, _ = _instance(client)
        number = numbers(
            client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="US",
                PhoneNumberType="TOLL_FREE",
                MaxResults=1,
            )
        )[0]
    with mock_connect(seed=11):
        client = _client()
        instance_id, _ = _instance(client)
        phone_id = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)[
            "PhoneNumberId"
        ]
        summary = client.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
    # +1 toll-free numbers are in every NANP country's plan; AS comes first in the enum.
    assert (summary["PhoneNumberCountryCode"], summary["PhoneNumberType"]) == ("AS", "TOLL_FREE")


def test_the_instance_quota_makes_an_accepted_claim_fail() -> None:
    with mock_connect(seed=2, phone_number_quota=2):
        client = _client()
        instance_id, _ = _instance(client)
        offered = numbers(
            client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                MaxResults=3,
            )
        )
        ids = [
            client.claim_phone_number(InstanceId=instance_id, PhoneNumber=n)["PhoneNumberId"]
            for n in offered
        ]
        statuses = [
            client.describe_phone_number(PhoneNumberId=i)["ClaimedPhoneNumberSummary"][
                "PhoneNumberStatus"
            ]
            for i in ids
        ]
        assert statuses == [
            {"Status": "CLAIMED"},
            {"Status": "CLAIMED"},
            {
                "Status": "FAILED",
                "Message": "The allowed limit for claimed phone numbers has been exceeded for "
                "your instance",
            },
        ]
        # The failed number is back in the inventory and out of the lists.
        again = numbers(
            client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                MaxResults=3,
            )
        )
        assert offered[2] in again
        listed = client.list_phone_numbers_v2(InstanceId=instance_id)["ListPhoneNumbersSummaryList"]
        assert sorted(e["PhoneNumber"] for e in listed) == sorted(offered[:2])


def test_claims_progress_through_motos_state_manager(env: dict[str, Any]) -> None:
    client = env["client"]
    number = env["search"](MaxResults=1)[0]
    state_manager.set_transition("connect::phonenumber", {"progression": "manual", "times": 1})
    try:
        phone_id = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)[
            "PhoneNumberId"
        ]
        first = client.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
        second = client.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
        assert first["PhoneNumberStatus"] == {"Status": "IN_PROGRESS"}
        assert second["PhoneNumberStatus"] == {"Status": "CLAIMED"}
    finally:
        state_manager.unset_transition("connect::phonenumber")


def test_release_of_a_claim_in_progress_is_refused(env: dict[str, Any]) -> None:
    client = env["client"]
    number = env["search"](MaxResults=1)[0]
    state_manager.set_transition("connect::phonenumber", {"progression": "manual", "times": 5})
    try:
        phone_id = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)[
            "PhoneNumberId"
        ]
        with pytest.raises(client.exceptions.ResourceInUseException) as excinfo:
            client.release_phone_number(PhoneNumberId=phone_id)
        assert _error(excinfo)[:2] == (409, "ResourceInUseException")
    finally:
        state_manager.unset_transition("connect::phonenumber")


def test_client_token_makes_claims_idempotent(env: dict[str, Any]) -> None:
    client = env["client"]
    first, second = env["search"](MaxResults=2)
    one = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=first, ClientToken="t-1")
    again = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=first, ClientToken="t-1")
    assert one["PhoneNumberId"] == again["PhoneNumberId"]
    with pytest.raises(client.exceptions.IdempotencyException) as excinfo:
        client.claim_phone_number(InstanceId=env["id"], PhoneNumber=second, ClientToken="t-1")
    assert _error(excinfo) == (
        409,
        "IdempotencyException",
        "ClientToken 't-1' was already used with a different ClaimPhoneNumber request",
    )
    assert len(client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]) == 1


def test_list_v2_filters_and_pages(env: dict[str, Any]) -> None:
    client = env["client"]
    claimed = []
    for country, kind in [("US", "DID"), ("US", "TOLL_FREE"), ("GB", "DID"), ("US", "UIFN")]:
        number = env["search"](PhoneNumberCountryCode=country, PhoneNumberType=kind, MaxResults=1)[
            0
        ]
        client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)
        claimed.append(number)

    def listed(**params: Any) -> list[str]:
        page = client.list_phone_numbers_v2(**params)["ListPhoneNumbersSummaryList"]
        return [e["PhoneNumber"] for e in page]

    assert listed() == claimed
    assert listed(TargetArn=env["arn"]) == claimed
    assert listed(PhoneNumberCountryCodes=["GB"]) == [claimed[2]]
    assert listed(PhoneNumberTypes=["TOLL_FREE", "UIFN"]) == [claimed[1], claimed[3]]
    assert listed(PhoneNumberPrefix="+44") == [claimed[2]]
    pages = client.get_paginator("list_phone_numbers_v2").paginate(PaginationConfig={"PageSize": 1})
    assert [[e["PhoneNumber"] for e in p["ListPhoneNumbersSummaryList"]] for p in pages] == [
        [n] for n in claimed
    ]
    legacy = client.list_phone_numbers(InstanceId=env["id"])["PhoneNumberSummaryList"]
    assert [e["PhoneNumberType"] for e in legacy] == ["DID", "TOLL_FREE", "DID", "TOLL_FREE"]
    only_tf = client.list_phone_numbers(InstanceId=env["id"], PhoneNumberTypes=["TOLL_FREE"])
    assert [e["PhoneNumber"] for e in only_tf["PhoneNumberSummaryList"]] == [claimed[1], claimed[3]]
    lax = _client(config=LAX)
    with pytest.raises(lax.exceptions.InvalidParameterException):
        lax.list_phone_numbers_v2(MaxResults=1001)
    # The reference's "+" rule comes from the same shape as search's, so it holds here too.
    with pytest.raises(lax.exceptions.InvalidParameterException) as excinfo:
        lax.list_phone_numbers_v2(PhoneNumberPrefix="44")
    assert _error(excinfo) == (
        400,
        "InvalidParameterException",
        "1 validation error detected: Value '44' at 'PhoneNumberPrefix' failed to satisfy "
        "constraint: Member must contain '+' as part of the country code (for example +1206)",
    )


def test_tags_on_phone_number_arns_through_motos_tagging(env: dict[str, Any]) -> None:
    client = env["client"]
    number = env["search"](MaxResults=1)[0]
    arn = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number, Tags={"a": "1"})[
        "PhoneNumberArn"
    ]
    client.tag_resource(resourceArn=arn, tags={"b": "2"})
    client.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    summary = client.describe_phone_number(PhoneNumberId=arn)["ClaimedPhoneNumberSummary"]
    assert summary["Tags"] == {"b": "2"}


def test_traffic_distribution_groups_target_both_regions_of_their_pair(mock: ConnectMock) -> None:
    east = _client("us-east-1")
    west = _client("us-west-2")
    instance_id, instance_arn = _instance(east)
    group = east.create_traffic_distribution_group(
        Name="failover", InstanceId=instance_id, Description="east+west", Tags={"x": "y"}
    )
    described = east.describe_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])
    assert described["TrafficDistributionGroup"] == {
        "Id": group["Id"],
        "Arn": group["Arn"],
        "Name": "failover",
        "Description": "east+west",
        "InstanceArn": instance_arn,
        "Status": "ACTIVE",
        "Tags": {"x": "y"},
        "IsDefault": False,
    }
    from_west = west.describe_traffic_distribution_group(TrafficDistributionGroupId=group["Arn"])
    assert from_west["TrafficDistributionGroup"]["Id"] == group["Id"]
    for client in (east, west):
        page = client.search_available_phone_numbers(
            TargetArn=group["Arn"], PhoneNumberCountryCode="US", PhoneNumberType="TOLL_FREE"
        )
        assert len(page["AvailableNumbersList"]) == 10
    number = numbers(
        west.search_available_phone_numbers(
            TargetArn=group["Arn"], PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
        )
    )[0]
    phone_id = west.claim_phone_number(TargetArn=group["Arn"], PhoneNumber=number)["PhoneNumberId"]
    summary = west.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
    assert summary["TargetArn"] == group["Arn"]
    assert "InstanceId" not in summary
    listed = east.list_traffic_distribution_groups()["TrafficDistributionGroupSummaryList"]
    assert [g["Id"] for g in listed] == [group["Id"]]
    with pytest.raises(east.exceptions.ResourceInUseException):
        east.delete_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])
    west.release_phone_number(PhoneNumberId=phone_id)
    east.delete_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])
    with pytest.raises(east.exceptions.ResourceNotFoundException):
        east.describe_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])


def test_traffic_distribution_groups_only_in_the_documented_pairs(mock: ConnectMock) -> None:
    sydney = _client("ap-southeast-2")
    instance_id, _ = _instance(sydney)
    with pytest.raises(sydney.exceptions.InvalidRequestException) as excinfo:
        sydney.create_traffic_distribution_group(Name="g", InstanceId=instance_id)
    assert "us-east-1/us-west-2 and eu-central-1/eu-west-2" in _error(excinfo)[2]
    # A pair's group is no target in an unrelated Region.
    frankfurt = _client("eu-central-1")
    eu_instance, _ = _instance(frankfurt)
    group = frankfurt.create_traffic_distribution_group(Name="eu", InstanceId=eu_instance)
    east = _client("us-east-1")
    with pytest.raises(east.exceptions.InvalidParameterException):
        east.search_available_phone_numbers(
            TargetArn=group["Arn"], PhoneNumberCountryCode="DE", PhoneNumberType="DID"
        )
    london = _client("eu-west-2")
    assert (
        len(
            london.search_available_phone_numbers(
                TargetArn=group["Arn"], PhoneNumberCountryCode="DE", PhoneNumberType="DID"
            )["AvailableNumbersList"]
        )
        == 10
    )


def test_lifecycle_errors_can_be_injected_and_are_recorded(
    mock: ConnectMock, env: dict[str, Any]
) -> None:
    client = _client(config=botocore.config.Config(retries={"total_max_attempts": 1}))
    number = env["search"](MaxResults=1)[0]
    mock.faults.add("ClaimPhoneNumber", "IdempotencyException", times=1)
    mock.faults.add("ReleasePhoneNumber", "ResourceInUseException", times=1)
    with pytest.raises(client.exceptions.IdempotencyException):
        client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)
    phone_id = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)["PhoneNumberId"]
    with pytest.raises(client.exceptions.ResourceInUseException):
        client.release_phone_number(PhoneNumberId=phone_id)
    client.release_phone_number(PhoneNumberId=phone_id)
    claims = mock.calls.filter("ClaimPhoneNumber")
    assert [(c.status, c.error) for c in claims] == [(409, "IdempotencyException"), (200, None)]
    assert claims[1].params["PhoneNumber"] == number
    releases = mock.calls.filter("ReleasePhoneNumber")
    assert [c.error for c in releases] == ["ResourceInUseException", None]
    assert releases[0].params["PhoneNumberId"] == phone_id


def test_claims_are_wiped_between_mocks() -> None:
    with mock_connect(seed=5):
        client = _client()
        instance_id, _ = _instance(client)
        number = numbers(
            client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                MaxResults=1,
            )
        )[0]
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    with mock_connect(seed=5):
        client = _client()
        instance_id, _ = _instance(client)
        page = numbers(
            client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                MaxResults=1,
            )
        )
        assert page == [number]
        assert client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


def test_unknown_phone_number_ids(env: dict[str, Any]) -> None:
    client = env["client"]
    for reference in (
        "11111111-2222-3333-4444-555555555555",
        "arn:aws:connect:us-east-1:123456789012:phone-number/11111111-2222-3333-4444-555555555555",
    ):
        with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
            client.describe_phone_number(PhoneNumberId=reference)
        assert _error(excinfo) == (
            404,
            "ResourceNotFoundException",
            f"Phone number '{reference}' was not found in account 123456789012, Region us-east-1",
        )
        with pytest.raises(botocore.exceptions.ClientError):
            client.release_phone_number(PhoneNumberId=reference)


def test_many_claims_at_the_head_of_a_list() -> None:
    with mock_connect(seed=11, search_limit=1000, phone_number_quota=100) as cm:
        client = _client()
        instance_id, _ = _instance(client)

        def head(count: int) -> list[str]:
            pages = client.get_paginator("search_available_phone_numbers").paginate(
                InstanceId=instance_id,
                PhoneNumberCountryCode="GB",
                PhoneNumberType="DID",
                PhoneNumberPrefix="+4420",
                PaginationConfig={"MaxItems": count, "PageSize": 10},
            )
            return numbers(pages.build_full_result())

        before = head(40)
        ids = {
            n: client.claim_phone_number(InstanceId=instance_id, PhoneNumber=n)["PhoneNumberId"]
            for n in before[:30]
        }
        assert head(10) == before[30:40]
        assert head(10) == before[30:40]  # the second walk uses the remembered holes
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=before[30])
        assert head(9) == before[31:40]  # a new claim extends the remembered run
        client.release_phone_number(PhoneNumberId=ids[before[5]])
        assert head(9) == before[31:40]  # cooling down
        cm.clock.advance(timedelta(days=180))
        assert head(3) == [before[5], *before[31:33]]  # free again, at its old place
