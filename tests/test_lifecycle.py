"""Claim, describe, list, update, release, cooldown and traffic distribution groups, end to end."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import botocore.exceptions
import pytest
from moto.connect.models import connect_backends

from connect_mock import ConnectMock, mock_connect
from connect_mock.backend import shared_state
from connect_mock.backend.state import NumberPool
from tests.helpers import (
    ACCOUNT,
    client_error,
    connect_client,
    create_instance,
    expected_numbers,
    manual_progress,
    numbers,
    search_numbers,
)


@pytest.fixture
def mock() -> Iterator[ConnectMock]:
    with mock_connect(seed=11) as cm:
        yield cm


@pytest.fixture
def env(mock: ConnectMock) -> dict[str, Any]:
    client = connect_client()
    instance_id, instance_arn = create_instance(client, "life")

    def search(**params: Any) -> list[str]:
        return search_numbers(client, instance_id, **params)

    def refused_claim(number: str) -> tuple[int, str, str]:
        """(status, code, message) of a claim of ``number`` to the instance that fails."""
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        return client_error(excinfo)

    return {
        "client": client,
        "id": instance_id,
        "arn": instance_arn,
        "search": search,
        "refused_claim": refused_claim,
    }


def not_available(number: str) -> tuple[int, str, str]:
    return (400, "InvalidParameterException", f"Phone number not available: {number}")


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

    other_id, other_arn = create_instance(client, "other")
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
    assert client_error(excinfo)[:2] == (404, "ResourceNotFoundException")

    # Cooling down: neither searchable nor claimable.
    assert number not in search(MaxResults=10)
    mock.clock.advance(timedelta(days=179))
    assert env["refused_claim"](number) == not_available(number)
    mock.clock.advance(timedelta(days=1))
    assert search(MaxResults=5) == offered  # back at its old place
    again = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)
    assert again["PhoneNumberId"] != phone_id


def test_a_number_taken_between_search_and_claim(env: dict[str, Any]) -> None:
    client = env["client"]
    number = env["search"](MaxResults=1)[0]
    # Someone else, in another account, gets there first.
    rival = connect_client(account="111111111111")
    rival_instance, _ = create_instance(rival, "rival")
    rival.claim_phone_number(InstanceId=rival_instance, PhoneNumber=number)
    assert env["refused_claim"](number) == not_available(number)
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
    token = first["NextToken"]
    before = numbers(first) + search(PhoneNumberPrefix="+1206", MaxResults=10, NextToken=token)
    taken = before[12]
    client.claim_phone_number(InstanceId=env["id"], PhoneNumber=taken)
    after_first = search(PhoneNumberPrefix="+1206", MaxResults=10)
    assert after_first == before[:10]
    # The second page, through the old token, shifts by exactly the claimed number.
    resumed = search(PhoneNumberPrefix="+1206", MaxResults=9, NextToken=token)
    assert resumed == [n for n in before[10:] if n != taken]
    for prefix in ("+1", "+12", "+120", "+1206", taken[:8], taken):
        assert taken not in search(PhoneNumberPrefix=prefix, MaxResults=10)


def test_claims_are_shared_across_accounts_and_visible_only_to_the_owner(
    env: dict[str, Any],
) -> None:
    client = env["client"]
    number = env["search"](MaxResults=1)[0]
    phone_id = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)["PhoneNumberId"]
    other = connect_client(account="222222222222")
    other_instance, _ = create_instance(other, "other-account")
    assert number not in search_numbers(other, other_instance)
    with pytest.raises(other.exceptions.ResourceNotFoundException):
        other.describe_phone_number(PhoneNumberId=phone_id)
    west = connect_client("us-west-2")
    with pytest.raises(west.exceptions.ResourceNotFoundException):
        west.describe_phone_number(PhoneNumberId=phone_id)
    assert west.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


@pytest.mark.parametrize("number", ["+10000000000", "+19995550100"])
def test_a_number_never_offered_is_refused(env: dict[str, Any], number: str) -> None:
    assert env["refused_claim"](number) == not_available(number)


def test_a_malformed_number_fails_validation(env: dict[str, Any]) -> None:
    lax = connect_client(lax=True)
    with pytest.raises(lax.exceptions.InvalidParameterException) as excinfo:
        lax.claim_phone_number(InstanceId=env["id"], PhoneNumber="2065550100")
    assert client_error(excinfo) == (
        400,
        "InvalidParameterException",
        "1 validation error detected: Value '2065550100' at 'PhoneNumber' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: \\+[1-9]\\d{1,14}$",
    )


@pytest.mark.parametrize(
    ("query", "located"),
    [
        # London numbers belong to GB alone, so the country is certain.
        (("GB", "DID", "+4420"), ("GB", "DID")),
        # +1 toll-free numbers are in every NANP country's plan; AS comes first in the enum.
        (("US", "TOLL_FREE", ""), ("AS", "TOLL_FREE")),
    ],
)
def test_a_number_can_be_claimed_without_searching_first(
    env: dict[str, Any], query: tuple[str, str, str], located: tuple[str, str]
) -> None:
    # The first number such a search would offer, read from the ordered inventory (seed 11).
    (number,) = expected_numbers(11, 1, *query)
    assert shared_state().pool.offered == {}  # no search to remember it from
    claimed = env["client"].claim_phone_number(InstanceId=env["id"], PhoneNumber=number)
    summary = env["client"].describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    found = summary["ClaimedPhoneNumberSummary"]
    assert (found["PhoneNumber"], found["PhoneNumberCountryCode"], found["PhoneNumberType"]) == (
        number,
        *located,
    )


def test_the_instance_quota_makes_an_accepted_claim_fail() -> None:
    with mock_connect(seed=2, phone_number_quota=2):
        client = connect_client()
        instance_id, _ = create_instance(client, "life")
        offered = search_numbers(client, instance_id, MaxResults=3)
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
        # The failed claim holds its number for a day (test_claim_rules.py) and is in no list.
        assert offered[2] not in search_numbers(client, instance_id, MaxResults=3)
        listed = client.list_phone_numbers_v2(InstanceId=instance_id)["ListPhoneNumbersSummaryList"]
        assert sorted(e["PhoneNumber"] for e in listed) == sorted(offered[:2])


def test_claims_progress_through_motos_state_manager(env: dict[str, Any]) -> None:
    client = env["client"]
    number = env["search"](MaxResults=1)[0]
    with manual_progress("connect::phonenumber", times=1):
        phone_id = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)[
            "PhoneNumberId"
        ]
        first = client.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
        second = client.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"]
    assert first["PhoneNumberStatus"] == {"Status": "IN_PROGRESS"}
    assert second["PhoneNumberStatus"] == {"Status": "CLAIMED"}


def test_release_of_a_claim_in_progress_is_refused(env: dict[str, Any]) -> None:
    client = env["client"]
    number = env["search"](MaxResults=1)[0]
    with manual_progress("connect::phonenumber", times=5):
        phone_id = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=number)[
            "PhoneNumberId"
        ]
        with pytest.raises(client.exceptions.ResourceInUseException) as excinfo:
            client.release_phone_number(PhoneNumberId=phone_id)
    assert client_error(excinfo) == (
        409,
        "ResourceInUseException",
        f"Phone number '{phone_id}' is IN_PROGRESS; wait until it is CLAIMED",
    )


def test_client_token_makes_claims_idempotent(env: dict[str, Any]) -> None:
    client = env["client"]
    first, second = env["search"](MaxResults=2)
    one = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=first, ClientToken="t-1")
    again = client.claim_phone_number(InstanceId=env["id"], PhoneNumber=first, ClientToken="t-1")
    assert one["PhoneNumberId"] == again["PhoneNumberId"]
    with pytest.raises(client.exceptions.IdempotencyException) as excinfo:
        client.claim_phone_number(InstanceId=env["id"], PhoneNumber=second, ClientToken="t-1")
    assert client_error(excinfo) == (
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
    lax = connect_client(lax=True)
    with pytest.raises(lax.exceptions.InvalidParameterException):
        lax.list_phone_numbers_v2(MaxResults=1001)
    # The reference's "+" rule comes from the same shape as search's, so it holds here too.
    with pytest.raises(lax.exceptions.InvalidParameterException) as excinfo:
        lax.list_phone_numbers_v2(PhoneNumberPrefix="44")
    assert client_error(excinfo) == (
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
    east = connect_client("us-east-1")
    west = connect_client("us-west-2")
    instance_id, instance_arn = create_instance(east)
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
    # Claimed in the group's Region; described by its ARN in the other (test_claim_rules.py).
    claimed = east.claim_phone_number(TargetArn=group["Arn"], PhoneNumber=number)
    phone_id = claimed["PhoneNumberId"]
    summary = west.describe_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["TargetArn"] == group["Arn"]
    assert "InstanceId" not in summary
    listed = east.list_traffic_distribution_groups()["TrafficDistributionGroupSummaryList"]
    assert [g["Id"] for g in listed] == [group["Id"]]
    with pytest.raises(east.exceptions.ResourceInUseException):
        east.delete_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])
    east.release_phone_number(PhoneNumberId=phone_id)
    east.delete_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])
    with pytest.raises(east.exceptions.ResourceNotFoundException):
        east.describe_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])
    # Its ARN names nothing any more, and its tags went with it, as a released number's do.
    with pytest.raises(east.exceptions.ResourceNotFoundException):
        east.list_tags_for_resource(resourceArn=group["Arn"])
    assert (
        connect_backends[ACCOUNT]["us-east-1"].tagger.get_tag_dict_for_resource(group["Arn"]) == {}
    )


def test_traffic_distribution_groups_only_in_the_documented_pairs(mock: ConnectMock) -> None:
    sydney = connect_client("ap-southeast-2")
    instance_id, _ = create_instance(sydney)
    with pytest.raises(sydney.exceptions.InvalidRequestException) as excinfo:
        sydney.create_traffic_distribution_group(Name="g", InstanceId=instance_id)
    assert "us-east-1/us-west-2 and eu-central-1/eu-west-2" in client_error(excinfo)[2]
    # A pair's group is no target in an unrelated Region.
    frankfurt = connect_client("eu-central-1")
    eu_instance, _ = create_instance(frankfurt)
    group = frankfurt.create_traffic_distribution_group(Name="eu", InstanceId=eu_instance)
    east = connect_client("us-east-1")
    with pytest.raises(east.exceptions.InvalidParameterException):
        east.search_available_phone_numbers(
            TargetArn=group["Arn"], PhoneNumberCountryCode="DE", PhoneNumberType="DID"
        )
    london = connect_client("eu-west-2")
    assert (
        len(
            london.search_available_phone_numbers(
                TargetArn=group["Arn"], PhoneNumberCountryCode="DE", PhoneNumberType="DID"
            )["AvailableNumbersList"]
        )
        == 10
    )


def test_traffic_distribution_groups_answer_nothing_outside_the_pairs(mock: ConnectMock) -> None:
    """Describe, list and delete outside the Region pairs: InvalidRequestException, as create
    (ListTrafficDistributionGroups answered an empty 200 in ap-southeast-2)."""
    sydney = connect_client("ap-southeast-2")
    pairs = "us-east-1/us-west-2 and eu-central-1/eu-west-2, not in ap-southeast-2"
    with pytest.raises(sydney.exceptions.InvalidRequestException) as excinfo:
        sydney.list_traffic_distribution_groups()
    assert client_error(excinfo) == (
        400,
        "InvalidRequestException",
        f"Traffic distribution groups exist only in the Region pairs {pairs}",
    )
    for call in (
        sydney.describe_traffic_distribution_group,
        sydney.delete_traffic_distribution_group,
    ):
        with pytest.raises(sydney.exceptions.InvalidRequestException) as excinfo:
            call(TrafficDistributionGroupId="00000000-0000-4000-8000-000000000000")
        assert pairs in client_error(excinfo)[2]


def test_a_group_is_created_on_an_instance_of_the_callers_account_and_region(
    mock: ConnectMock,
) -> None:
    """CreateTrafficDistributionGroup holds an instance ARN to the target rules of the other
    operations taking one: another account's is a 403, another Region's a 400; nothing is
    created (it created the group on the caller's instance with that UUID)."""
    east = connect_client("us-east-1")
    instance_id, instance_arn = create_instance(east)
    foreign = instance_arn.replace(":123456789012:", ":111122223333:")
    with pytest.raises(east.exceptions.AccessDeniedException) as excinfo:
        east.create_traffic_distribution_group(Name="g", InstanceId=foreign)
    assert client_error(excinfo) == (
        403,
        "AccessDeniedException",
        f"Account 123456789012 is not authorized to access InstanceId '{foreign}', "
        "which belongs to account 111122223333",
    )
    west_arn = instance_arn.replace(":us-east-1:", ":us-west-2:")
    with pytest.raises(east.exceptions.InvalidRequestException) as excinfo:
        east.create_traffic_distribution_group(Name="g", InstanceId=west_arn)
    assert client_error(excinfo) == (
        400,
        "InvalidRequestException",
        f"InstanceId '{west_arn}' is in Region us-west-2, but the request was sent to Region "
        "us-east-1",
    )
    group_arn = instance_arn.replace(":instance/", ":traffic-distribution-group/")
    with pytest.raises(east.exceptions.InvalidRequestException) as excinfo:
        east.create_traffic_distribution_group(Name="g", InstanceId=group_arn)
    assert client_error(excinfo)[2].startswith("1 validation error detected: Value ")  # pattern
    assert east.list_traffic_distribution_groups()["TrafficDistributionGroupSummaryList"] == []
    # The caller's own instance, by ID or ARN, is what a group is created on.
    group = east.create_traffic_distribution_group(Name="g", InstanceId=instance_arn)
    described = east.describe_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])
    assert described["TrafficDistributionGroup"]["InstanceArn"] == instance_arn
    assert instance_id in instance_arn


def test_lifecycle_errors_can_be_injected_and_are_recorded(
    mock: ConnectMock, env: dict[str, Any]
) -> None:
    client = connect_client(attempts=1)
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
        client = connect_client()
        instance_id, _ = create_instance(client, "life")
        (number,) = search_numbers(client, instance_id, MaxResults=1)
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    with mock_connect(seed=5):
        client = connect_client()
        instance_id, _ = create_instance(client, "life")
        assert search_numbers(client, instance_id, MaxResults=1) == [number]
        assert client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


def test_unknown_phone_number_ids(env: dict[str, Any]) -> None:
    client = env["client"]
    for reference in (
        "11111111-2222-3333-4444-555555555555",
        "arn:aws:connect:us-east-1:123456789012:phone-number/11111111-2222-3333-4444-555555555555",
    ):
        with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
            client.describe_phone_number(PhoneNumberId=reference)
        assert client_error(excinfo) == (
            404,
            "ResourceNotFoundException",
            f"Phone number '{reference}' was not found in account 123456789012, Region us-east-1",
        )
        with pytest.raises(botocore.exceptions.ClientError):
            client.release_phone_number(PhoneNumberId=reference)
    # In a Region outside the traffic distribution group pairs: no group's other Region to
    # point to either.
    sydney = connect_client("ap-southeast-2")
    with pytest.raises(sydney.exceptions.ResourceNotFoundException) as excinfo:
        sydney.describe_phone_number(PhoneNumberId="11111111-2222-3333-4444-555555555555")
    assert client_error(excinfo)[2] == (
        "Phone number '11111111-2222-3333-4444-555555555555' was not found in account "
        "123456789012, Region ap-southeast-2"
    )


def test_many_claims_at_the_head_of_a_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Claimed numbers at the head of a list are walked once: later searches jump over the
    remembered run of holes (the pool's skip memo) instead of checking each number again."""
    checked: list[str] = []
    unavailable = NumberPool.unavailable

    def counted(pool: NumberPool, number: str, now: datetime) -> bool:
        checked.append(number)
        return unavailable(pool, number, now)

    monkeypatch.setattr(NumberPool, "unavailable", counted)
    with mock_connect(seed=11, search_limit=1000, phone_number_quota=100) as cm:
        client = connect_client()
        instance_id, _ = create_instance(client, "life")

        def head(count: int) -> tuple[list[str], int]:
            """The first ``count`` numbers (pages of 10), and how many availability checks
            the search made."""
            checked.clear()
            pages = client.get_paginator("search_available_phone_numbers").paginate(
                InstanceId=instance_id,
                PhoneNumberCountryCode="GB",
                PhoneNumberType="DID",
                PhoneNumberPrefix="+4420",
                PaginationConfig={"MaxItems": count, "PageSize": 10},
            )
            return numbers(pages.build_full_result()), len(checked)

        before, _ = head(50)
        # A page of 10 with no holes: what the walk costs with nothing to skip.
        assert head(10) == (before[:10], len(checked))
        page_cost = len(checked)
        ids = {
            n: client.claim_phone_number(InstanceId=instance_id, PhoneNumber=n)["PhoneNumberId"]
            for n in before[:30]
        }
        # The first walk checks the 30 claimed numbers; the second jumps over them.
        assert head(10) == (before[30:40], page_cost + 30)
        assert head(10) == (before[30:40], page_cost)
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=before[30])
        # A new claim extends the remembered run: checked once, then jumped over too.
        assert head(10) == (before[31:41], page_cost + 1)
        assert head(10) == (before[31:41], page_cost)
        # A release starts the memo afresh (its number cools down: still not offered).
        client.release_phone_number(PhoneNumberId=ids[before[5]])
        assert head(10) == (before[31:41], page_cost + 31)
        assert head(10) == (before[31:41], page_cost)
        # So does the clock: the cooldown over, the number is back at its old place.
        cm.clock.advance(timedelta(days=180))
        assert head(3)[0] == [before[5], *before[31:33]]
