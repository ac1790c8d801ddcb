"""The documented rules claimed numbers follow: the Regions of a traffic distribution group's
pair, asynchronous updates, failed claims held for a day, and the 200% claim/release rule. Each
test quotes the sentence of botocore's Connect model
(``operation_model(name).documentation``) it holds the mock to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import botocore.exceptions
import pytest

from connect_mock import ConnectMock, RemoteConnectMock, RemoteError, mock_connect
from connect_mock.inventory.numbering import number_space
from tests.helpers import (
    ACCOUNT,
    client_error,
    connect_client,
    create_instance,
    manual_progress,
    search_numbers,
    serve_options,
)

QUOTA_MESSAGE = "The allowed limit for claimed phone numbers has been exceeded for your instance"
HOME, ALTERNATE = "us-east-1", "us-west-2"
Clients = Callable[[str], Any]


@pytest.fixture(params=["in-process", "server"])
def clients(request: pytest.FixtureRequest) -> Iterator[Clients]:
    """Clients by Region: of a mock_connect in this process, or of the session's server."""
    if request.param == "server":
        server: RemoteConnectMock = request.getfixturevalue("connect_server")
        yield lambda region: connect_client(region, endpoint=server.endpoint, attempts=1)
    else:
        with mock_connect(seed=13):
            yield lambda region: connect_client(region, attempts=1)


def refused(call: Callable[..., Any], **params: Any) -> tuple[int, str, str]:
    """(status, code, message) of a call that must fail."""
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        call(**params)
    return client_error(excinfo)


def status(client: Any, reference: str) -> dict[str, str]:
    summary = client.describe_phone_number(PhoneNumberId=reference)["ClaimedPhoneNumberSummary"]
    return dict(summary["PhoneNumberStatus"])


def summary(client: Any, reference: str) -> dict[str, Any]:
    found = client.describe_phone_number(PhoneNumberId=reference)["ClaimedPhoneNumberSummary"]
    return dict(found)


def group_pair(clients: Clients) -> tuple[Any, Any, str, str]:
    """(home client, alternate client, instance id, group ARN): a traffic distribution group
    created in us-east-1, whose alternate Region is us-west-2."""
    home, alternate = clients(HOME), clients(ALTERNATE)
    instance_id, _ = create_instance(home, "tdg")
    group = home.create_traffic_distribution_group(Name="pair", InstanceId=instance_id)
    return home, alternate, instance_id, str(group["Arn"])


def group_numbers(client: Any, group_arn: str, count: int) -> list[str]:
    page = client.search_available_phone_numbers(
        TargetArn=group_arn, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=count
    )
    return [entry["PhoneNumber"] for entry in page["AvailableNumbersList"]]


# --- 1. ClaimPhoneNumber: only in the Region where the group was created -----------------------


def test_a_group_takes_claims_only_in_the_region_it_was_created_in(
    clients: Clients,
) -> None:
    """ClaimPhoneNumber: "You can call this API only in the same Amazon Web Services Region
    where the Connect Customer instance or traffic distribution group was created."
    """
    home, alternate, _, group_arn = group_pair(clients)
    number = group_numbers(alternate, group_arn, 1)[0]  # searching works in both Regions
    assert refused(alternate.claim_phone_number, TargetArn=group_arn, PhoneNumber=number) == (
        400,
        "InvalidParameterException",
        "ClaimPhoneNumber takes a traffic distribution group only in the Region where the group "
        f"was created: call ClaimPhoneNumber in {HOME}, where traffic distribution group "
        f"'{group_arn}' was created (this request was sent to {ALTERNATE})",
    )
    # The refused claim changed nothing: the number is still on offer, and claimable at home.
    assert group_numbers(home, group_arn, 1) == [number]
    claim = home.claim_phone_number(TargetArn=group_arn, PhoneNumber=number)
    assert status(home, claim["PhoneNumberId"]) == {"Status": "CLAIMED"}


# --- 2. DescribePhoneNumber: by ARN only in the alternate Region ------------------------------


def test_the_alternate_region_describes_a_group_number_by_arn_only(
    clients: Clients,
) -> None:
    """DescribePhoneNumber: "if the number is claimed to a traffic distribution group and you
    are calling this API in the alternate Amazon Web Services Region associated with the
    traffic distribution group, you must provide a full phone number ARN. If a UUID is provided
    in this scenario, you receive a ResourceNotFoundException."
    """
    home, alternate, instance_id, group_arn = group_pair(clients)
    number, other = group_numbers(home, group_arn, 2)
    claim = home.claim_phone_number(TargetArn=group_arn, PhoneNumber=number, Tags={"k": "v"})
    phone_id, phone_arn = claim["PhoneNumberId"], claim["PhoneNumberArn"]
    # "in the Amazon Web Services Region where the traffic distribution group was created, you
    # can use either a phone number ARN or UUID value"
    described = summary(home, phone_id)
    assert summary(home, phone_arn) == described
    assert (described["TargetArn"], described["Tags"]) == (group_arn, {"k": "v"})
    assert summary(alternate, phone_arn) == described
    assert refused(alternate.describe_phone_number, PhoneNumberId=phone_id) == (
        404,
        "ResourceNotFoundException",
        f"Phone number '{phone_id}' was not found in account {ACCOUNT}, Region {ALTERNATE}. "
        f"It is claimed to traffic distribution group '{group_arn}' in {HOME}; in {ALTERNATE}, "
        f"the group's alternate Region, pass the full phone number ARN: {phone_arn}",
    )
    # A number claimed to an instance is not seen from the other Region at all.
    on_instance = home.claim_phone_number(InstanceId=instance_id, PhoneNumber=other)
    code = refused(alternate.describe_phone_number, PhoneNumberId=on_instance["PhoneNumberArn"])
    assert code[:2] == (404, "ResourceNotFoundException")


# --- 3. ListPhoneNumbersV2: a group's numbers in both Regions ---------------------------------


def test_both_regions_of_the_pair_list_a_groups_numbers(clients: Clients) -> None:
    """ListPhoneNumbersV2: "If the provided TargetArn is a traffic distribution group, you can
    call this API in both Amazon Web Services Regions associated with traffic distribution
    group."
    """
    home, alternate, instance_id, group_arn = group_pair(clients)
    first, second, third = group_numbers(home, group_arn, 3)
    for number in (first, second):
        home.claim_phone_number(TargetArn=group_arn, PhoneNumber=number)
    home.claim_phone_number(InstanceId=instance_id, PhoneNumber=third)

    def listed(client: Any, **params: Any) -> list[dict[str, Any]]:
        pages = client.get_paginator("list_phone_numbers_v2").paginate(
            **params, PaginationConfig={"PageSize": 1}
        )
        return list(pages.build_full_result()["ListPhoneNumbersSummaryList"])

    at_home = listed(home, TargetArn=group_arn)
    assert [entry["PhoneNumber"] for entry in at_home] == [first, second]
    assert listed(alternate, TargetArn=group_arn) == at_home
    # Without a target a Region lists the claims made in it (Differences from AWS).
    assert listed(alternate) == []


# --- 4. ReleasePhoneNumber: only in the Region where the number was claimed -------------------


def test_a_group_number_is_released_only_where_it_was_claimed() -> None:
    """ReleasePhoneNumber: "You can call this API only in the Amazon Web Services Region where
    the number was claimed."
    """
    with mock_connect(seed=13):
        home, alternate, _, group_arn = group_pair(lambda region: connect_client(region))
        claim = home.claim_phone_number(
            TargetArn=group_arn, PhoneNumber=group_numbers(home, group_arn, 1)[0]
        )
        phone_id, phone_arn = claim["PhoneNumberId"], claim["PhoneNumberArn"]
        assert refused(alternate.release_phone_number, PhoneNumberId=phone_arn) == (
            400,
            "InvalidParameterException",
            f"ReleasePhoneNumber works only in the Region where the number was claimed: call "
            f"ReleasePhoneNumber in {HOME}, where phone number '{phone_arn}' was claimed (this "
            f"request was sent to {ALTERNATE})",
        )
        assert refused(alternate.release_phone_number, PhoneNumberId=phone_id) == (
            404,
            "ResourceNotFoundException",
            f"Phone number '{phone_id}' was not found in account {ACCOUNT}, Region {ALTERNATE}. "
            f"It was claimed in {HOME}: call ReleasePhoneNumber in {HOME}",
        )
        # The updates are held to the same Region (Differences from AWS).
        code = refused(
            alternate.update_phone_number_metadata,
            PhoneNumberId=phone_arn,
            PhoneNumberDescription="x",
        )
        assert code[:2] == (400, "InvalidParameterException")
        assert status(alternate, phone_arn) == {"Status": "CLAIMED"}  # nothing changed
        home.release_phone_number(PhoneNumberId=phone_id)
        assert refused(home.describe_phone_number, PhoneNumberId=phone_id)[0] == 404


def test_a_group_is_deleted_only_in_the_region_it_was_created_in(clients: Clients) -> None:
    """DeleteTrafficDistributionGroup: "This API can be called only in the Region where the
    traffic distribution group is created."
    """
    home, alternate, _, group_arn = group_pair(clients)
    assert refused(
        alternate.delete_traffic_distribution_group, TrafficDistributionGroupId=group_arn
    ) == (
        400,
        "InvalidRequestException",
        "DeleteTrafficDistributionGroup takes a traffic distribution group only in the Region "
        f"where the group was created: call DeleteTrafficDistributionGroup in {HOME}, where "
        f"traffic distribution group '{group_arn}' was created (this request was sent to "
        f"{ALTERNATE})",
    )
    described = home.describe_traffic_distribution_group(TrafficDistributionGroupId=group_arn)
    assert described["TrafficDistributionGroup"]["Arn"] == group_arn  # still there
    home.delete_traffic_distribution_group(TrafficDistributionGroupId=group_arn)


# --- 5. UpdatePhoneNumber is asynchronous and can fail ----------------------------------------


@pytest.fixture
def two_instances() -> Iterator[tuple[ConnectMock, Any, list[tuple[str, str]]]]:
    """A mock with a quota of one number per target; (mock, client, [(id, ARN)] * 2)."""
    with mock_connect(seed=13, phone_number_quota=1) as cm:
        client = connect_client()
        yield cm, client, [create_instance(client, alias) for alias in ("a", "b")]


def test_an_update_is_in_progress_until_moto_progresses_it(
    two_instances: tuple[ConnectMock, Any, list[tuple[str, str]]],
) -> None:
    """UpdatePhoneNumber: "You can call DescribePhoneNumber API to verify the status of a
    previous UpdatePhoneNumber operation."
    """
    _, client, [(a_id, _), (b_id, b_arn)] = two_instances
    number = search_numbers(client, a_id, MaxResults=1)[0]
    phone_id = client.claim_phone_number(InstanceId=a_id, PhoneNumber=number)["PhoneNumberId"]
    assert status(client, phone_id) == {"Status": "CLAIMED"}
    with manual_progress("connect::phonenumber", times=1):
        client.update_phone_number(PhoneNumberId=phone_id, TargetArn=b_arn)
        assert refused(client.release_phone_number, PhoneNumberId=phone_id) == (
            409,
            "ResourceInUseException",
            f"Phone number '{phone_id}' is IN_PROGRESS; wait until it is CLAIMED",
        )
        first = summary(client, phone_id)
        second = summary(client, phone_id)
    assert (first["PhoneNumberStatus"], first["InstanceId"]) == ({"Status": "IN_PROGRESS"}, b_id)
    assert (second["PhoneNumberStatus"], second["InstanceId"]) == ({"Status": "CLAIMED"}, b_id)


def test_an_update_to_a_full_target_fails_and_the_number_stays(
    two_instances: tuple[ConnectMock, Any, list[tuple[str, str]]],
) -> None:
    """PhoneNumberStatus: "FAILED indicates that the previous ClaimPhoneNumber or
    UpdatePhoneNumber operation has failed. [...] A common reason for a failure may be that the
    TargetArn value you are claiming or updating a phone number to has reached its limit of
    total claimed numbers."
    """
    _, client, [(a_id, a_arn), (b_id, b_arn)] = two_instances
    first, second = search_numbers(client, a_id, MaxResults=2)
    moving = client.claim_phone_number(InstanceId=a_id, PhoneNumber=first)["PhoneNumberId"]
    blocking = client.claim_phone_number(InstanceId=b_id, PhoneNumber=second)["PhoneNumberId"]
    assert status(client, moving) == {"Status": "CLAIMED"}
    with manual_progress("connect::phonenumber", times=1):
        answer = client.update_phone_number(PhoneNumberId=moving, TargetArn=b_arn)
        assert answer["PhoneNumberId"] == moving
        assert status(client, moving) == {"Status": "IN_PROGRESS"}
        assert status(client, moving) == {"Status": "FAILED", "Message": QUOTA_MESSAGE}
    # The number stays with its old target, which B does not count: B holds one number.
    assert summary(client, moving)["TargetArn"] == a_arn

    def listed(instance_id: str) -> list[str]:
        page = client.list_phone_numbers_v2(InstanceId=instance_id)
        return [entry["PhoneNumber"] for entry in page["ListPhoneNumbersSummaryList"]]

    assert (listed(a_id), listed(b_id)) == ([first], [second])
    # A failed update leaves a claimed number: it can be updated again once B has room.
    client.release_phone_number(PhoneNumberId=blocking)
    client.update_phone_number(PhoneNumberId=moving, InstanceId=b_id)
    assert status(client, moving) == {"Status": "CLAIMED"}
    assert (listed(a_id), listed(b_id)) == ([], [first])


def test_a_failed_claim_is_not_updated_the_message_says_what_to_do(
    two_instances: tuple[ConnectMock, Any, list[tuple[str, str]]],
) -> None:
    cm, client, [(a_id, _), (b_id, _)] = two_instances
    first, second = search_numbers(client, a_id, MaxResults=2)
    client.claim_phone_number(InstanceId=a_id, PhoneNumber=first)
    failed = client.claim_phone_number(InstanceId=a_id, PhoneNumber=second)["PhoneNumberId"]
    until = (cm.clock.now() + timedelta(days=1)).isoformat()
    assert refused(client.update_phone_number, PhoneNumberId=failed, InstanceId=b_id) == (
        409,
        "ResourceInUseException",
        f"Phone number '{failed}' is FAILED: its claim failed ({QUOTA_MESSAGE}). Call "
        f"ClaimPhoneNumber for {second} again before {until} to retry the claim, or release it",
    )


def test_an_update_takes_a_group_only_in_its_region() -> None:
    """UpdatePhoneNumber: "Updates your claimed phone number [...] to another Connect Customer
    instance or traffic distribution group in the same Amazon Web Services Region."
    """
    with mock_connect(seed=13):
        _, alternate, _, group_arn = group_pair(lambda region: connect_client(region))
        west_instance, _ = create_instance(alternate, "west")
        number = search_numbers(alternate, west_instance, MaxResults=1)[0]
        phone_id = alternate.claim_phone_number(InstanceId=west_instance, PhoneNumber=number)[
            "PhoneNumberId"
        ]
        assert refused(alternate.update_phone_number, PhoneNumberId=phone_id, TargetArn=group_arn)[
            2
        ].startswith("UpdatePhoneNumber takes a traffic distribution group only in the Region")
        assert summary(alternate, phone_id)["InstanceId"] == west_instance


# --- 6. UpdatePhoneNumberMetadata is asynchronous ---------------------------------------------


def test_a_metadata_update_is_verified_through_describe() -> None:
    """UpdatePhoneNumberMetadata: "To verify the status of a previous UpdatePhoneNumberMetadata
    operation, call the DescribePhoneNumber API."
    """
    with mock_connect(seed=13):
        client = connect_client()
        instance_id, _ = create_instance(client)
        number = search_numbers(client, instance_id, MaxResults=1)[0]
        phone_id = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)[
            "PhoneNumberId"
        ]
        assert status(client, phone_id) == {"Status": "CLAIMED"}
        with manual_progress("connect::phonenumber", times=1):
            client.update_phone_number_metadata(
                PhoneNumberId=phone_id, PhoneNumberDescription="sales"
            )
            first = summary(client, phone_id)
            second = summary(client, phone_id)
        assert (first["PhoneNumberStatus"], second["PhoneNumberStatus"]) == (
            {"Status": "IN_PROGRESS"},
            {"Status": "CLAIMED"},
        )
        assert second["PhoneNumberDescription"] == "sales"


# --- 7. A FAILED claim holds the number for a day ---------------------------------------------


@pytest.fixture
def failed_claim() -> Iterator[tuple[ConnectMock, Any, str, str, str]]:
    """A FAILED claim (over a quota of 1): (mock, client, instance id, claimed id, failed id),
    and the failed claim's number is the second one the search offered."""
    with mock_connect(seed=13, phone_number_quota=1) as cm:
        client = connect_client()
        instance_id, _ = create_instance(client)
        first, second = search_numbers(client, instance_id, MaxResults=2)
        claimed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=first)
        failed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=second)
        assert status(client, failed["PhoneNumberId"]) == {
            "Status": "FAILED",
            "Message": QUOTA_MESSAGE,
        }
        yield cm, client, instance_id, claimed["PhoneNumberId"], failed["PhoneNumberId"]


def test_a_failed_claim_holds_its_number_for_its_owner_for_a_day(
    failed_claim: tuple[ConnectMock, Any, str, str, str],
) -> None:
    """PhoneNumberStatus: "If you received a FAILED status from a ClaimPhoneNumber API call,
    you have one day to retry claiming the phone number before the number is released back to
    the inventory for other customers to claim."
    """
    cm, client, instance_id, claimed, failed = failed_claim
    number = summary(client, failed)["PhoneNumber"]
    rival = connect_client(account="111111111111")
    rival_instance, _ = create_instance(rival, "rival")
    assert number not in search_numbers(rival, rival_instance, MaxResults=5)
    assert refused(rival.claim_phone_number, InstanceId=rival_instance, PhoneNumber=number) == (
        400,
        "InvalidParameterException",
        f"Phone number not available: {number}",
    )
    # Within the day the owner retries (room made first): the same claim, now CLAIMED.
    cm.clock.advance(timedelta(hours=23))
    client.release_phone_number(PhoneNumberId=claimed)
    retried = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    assert retried["PhoneNumberId"] == failed
    assert status(client, failed) == {"Status": "CLAIMED"}
    cm.clock.advance(timedelta(days=2))
    assert status(client, failed) == {"Status": "CLAIMED"}  # a claimed number is not let go


def test_after_the_day_the_number_goes_back_to_the_inventory(
    failed_claim: tuple[ConnectMock, Any, str, str, str],
) -> None:
    """PhoneNumberStatus, as above: after the day "the number is released back to the
    inventory for other customers to claim"."""
    cm, client, _, _, failed = failed_claim
    number = summary(client, failed)["PhoneNumber"]
    cm.clock.advance(timedelta(days=1))
    assert refused(client.describe_phone_number, PhoneNumberId=failed)[:2] == (
        404,
        "ResourceNotFoundException",
    )
    rival = connect_client(account="111111111111")
    rival_instance, _ = create_instance(rival, "rival")
    assert search_numbers(rival, rival_instance, MaxResults=1) == [number]
    rival_claim = rival.claim_phone_number(InstanceId=rival_instance, PhoneNumber=number)
    assert status(rival, rival_claim["PhoneNumberId"]) == {"Status": "CLAIMED"}


def test_releasing_a_failed_claim_lets_the_number_go_at_once(
    failed_claim: tuple[ConnectMock, Any, str, str, str],
) -> None:
    _, client, instance_id, _, failed = failed_claim
    number = summary(client, failed)["PhoneNumber"]
    client.release_phone_number(PhoneNumberId=failed)
    # Never claimed, so no 180-day cooldown: offered again straight away.
    assert number in search_numbers(client, instance_id, MaxResults=2)


# --- 8. The 200% claim/release rule -----------------------------------------------------------


def churn(cm: ConnectMock, client: Any, instance_id: str, cycles: int) -> list[datetime]:
    """Claim and release a fresh number ``cycles`` times, an hour apart; the release times."""
    released = []
    for _ in range(cycles):
        number = search_numbers(client, instance_id, MaxResults=1)[0]
        phone_id = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)[
            "PhoneNumberId"
        ]
        assert status(client, phone_id) == {"Status": "CLAIMED"}
        client.release_phone_number(PhoneNumberId=phone_id)
        released.append(cm.clock.now())
        cm.clock.advance(timedelta(hours=1))
    return released


def test_churning_200_percent_of_the_quota_blocks_claims_for_180_days() -> None:
    """ClaimPhoneNumber and ReleasePhoneNumber: "If you claim and release phone numbers using
    the UI or API during a rolling 180 day cycle that exceeds 200% of your phone number service
    level quota, you will be blocked from claiming any more numbers until 180 days past the
    oldest number released has expired."
    """
    with mock_connect(seed=13, phone_number_quota=2) as cm:
        client = connect_client()
        instance_id, instance_arn = create_instance(client)
        released = churn(cm, client, instance_id, 4)  # 4 releases: 200% of 2
        number = search_numbers(client, instance_id, MaxResults=1)[0]
        with manual_progress("connect::phonenumber", times=1):
            blocked = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
            assert status(client, blocked["PhoneNumberId"]) == {"Status": "IN_PROGRESS"}
            until = released[0] + timedelta(days=180)
            assert status(client, blocked["PhoneNumberId"]) == {
                "Status": "FAILED",
                "Message": "Blocked by the 200% claim/release rule: 4 numbers claimed to this "
                "target were released in the last 180 days (quota 2). Claim again from "
                f"{until:%Y-%m-%d %H:%M:%S} UTC, or turn the rule off (claim_release_limit=False).",
            }
            described = client.describe_phone_number(PhoneNumberId=blocked["PhoneNumberId"])
            # The status message names no target: the number's TargetArn is the target.
            assert described["ClaimedPhoneNumberSummary"]["TargetArn"] == instance_arn
        # Another target has its own count; this one is free once the oldest release is old.
        other_id, _ = create_instance(client, "other")
        other = client.claim_phone_number(
            InstanceId=other_id, PhoneNumber=search_numbers(client, other_id, MaxResults=1)[0]
        )
        assert status(client, other["PhoneNumberId"]) == {"Status": "CLAIMED"}
        # A second before the block lifts, a claim (the failed one's day is over) still fails;
        # a second later its owner's retry is CLAIMED.
        cm.clock.advance(until - cm.clock.now() - timedelta(seconds=1))
        retry = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        assert retry["PhoneNumberId"] != blocked["PhoneNumberId"]
        assert status(client, retry["PhoneNumberId"])["Status"] == "FAILED"
        cm.clock.advance(1)
        again = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        assert again["PhoneNumberId"] == retry["PhoneNumberId"]
        assert status(client, again["PhoneNumberId"]) == {"Status": "CLAIMED"}


def test_the_200_percent_rule_at_quota_99_as_documented() -> None:
    """ClaimPhoneNumber: "if you already have 99 claimed numbers and a service level quota of
    99 phone numbers, and in any 180 day period you release 99, claim 99, and then release 99,
    you will have exceeded the 200% limit."
    """
    with mock_connect(seed=13, phone_number_quota=99, search_limit=1000):
        client = connect_client()
        instance_id, _ = create_instance(client)
        pages = client.get_paginator("search_available_phone_numbers").paginate(
            InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID"
        )
        offered = [e["PhoneNumber"] for e in pages.build_full_result()["AvailableNumbersList"]]

        def claim_all(batch: list[str]) -> list[str]:
            ids = [
                client.claim_phone_number(InstanceId=instance_id, PhoneNumber=n)["PhoneNumberId"]
                for n in batch
            ]
            assert {status(client, i)["Status"] for i in ids} == {"CLAIMED"}
            return ids

        for phone_id in claim_all(offered[:99]):  # already 99 claimed; release 99
            client.release_phone_number(PhoneNumberId=phone_id)
        for phone_id in claim_all(offered[99:198]):  # claim 99, then release 99
            client.release_phone_number(PhoneNumberId=phone_id)
        blocked = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=offered[198])
        assert status(client, blocked["PhoneNumberId"])["Message"].startswith(
            "Blocked by the 200% claim/release rule: 198 numbers claimed to this target were "
            "released in the last 180 days (quota 99)."
        )


def test_claim_release_limit_false_turns_the_200_percent_rule_off() -> None:
    with mock_connect(seed=13, phone_number_quota=1, claim_release_limit=False) as cm:
        assert cm.config.claim_release_limit is False
        client = connect_client()
        instance_id, _ = create_instance(client)
        churn(cm, client, instance_id, 5)  # every claim CLAIMED: 5 releases, 500% of 1


# --- the option everywhere options go ---------------------------------------------------------


@pytest.mark.connect_mock(claim_release_limit=False)
def test_the_marker_sets_the_option(connect_mock_controller: ConnectMock) -> None:
    assert connect_mock_controller.config.claim_release_limit is False


@pytest.mark.connect_mock(claim_release_limit=False, phone_number_quota=1)
def test_the_server_marker_sets_the_option(connect_server: RemoteConnectMock) -> None:
    assert connect_server.config["claim_release_limit"] is False
    client = connect_client(endpoint=connect_server.endpoint)
    instance_id, _ = create_instance(client)
    for _ in range(3):  # 300% of the quota, never blocked
        number = search_numbers(client, instance_id, MaxResults=1)[0]
        phone_id = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)[
            "PhoneNumberId"
        ]
        assert status(client, phone_id) == {"Status": "CLAIMED"}
        client.release_phone_number(PhoneNumberId=phone_id)
    assert connect_server.configure(claim_release_limit=True)["claim_release_limit"] is True
    # A non-bool is refused as by mock_connect (tests/test_config.py), changing nothing.
    with pytest.raises(RemoteError, match=r"^claim_release_limit must be True or False, not int$"):
        connect_server.configure(claim_release_limit=0)
    assert connect_server.config["claim_release_limit"] is True


def test_serve_takes_no_claim_release_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert serve_options(monkeypatch, ["--port", "0"])["claim_release_limit"] is True
    no_limit = serve_options(monkeypatch, ["--port", "0", "--no-claim-release-limit"])
    assert no_limit["claim_release_limit"] is False


def _first_offered(country: str, kind: str) -> str:
    """The first number a search offers, in a mock of its own (closed before the claim)."""
    with mock_connect():
        client = connect_client()
        instance_id, _ = create_instance(client)
        (number,) = search_numbers(
            client, instance_id, PhoneNumberCountryCode=country, PhoneNumberType=kind, MaxResults=1
        )
    return number


def _claimed_without_a_search(number: str) -> tuple[str, str]:
    """The country and type a fresh mock claims ``number`` as, no search made first."""
    with mock_connect():
        client = connect_client()
        _, instance_arn = create_instance(client)
        claimed = client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)
        summary = client.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        found = summary["ClaimedPhoneNumberSummary"]
        return found["PhoneNumberCountryCode"], found["PhoneNumberType"]


def test_a_uifn_claimed_without_a_search_is_a_uifn_of_the_first_country_listing_it() -> None:
    """A +800 number belongs to no one country's plan: claimed without a search, it is located
    as a UIFN of the first country, in the model's order, whose UIFN inventory holds it (a
    search in the same mock would have fixed the country it was offered for)."""
    uifn = _first_offered("US", "UIFN")
    assert uifn.startswith("+800")
    countries = connect_client().meta.service_model.shape_for("PhoneNumberCountryCode").enum
    holding = [c for c in countries if uifn in (number_space(c, "UIFN") or ())]
    assert _claimed_without_a_search(uifn) == (holding[0], "UIFN")


def test_a_shared_cost_number_claimed_without_a_search_is_claimed_as_shared() -> None:
    """A number of a country's SHARED (shared-cost) plan, in neither its DID nor its TOLL_FREE
    plan, is claimed as SHARED without a search first, as a search would have offered it."""
    shared = _first_offered("AT", "SHARED")
    assert all(shared not in (number_space("AT", kind) or ()) for kind in ("DID", "TOLL_FREE"))
    assert _claimed_without_a_search(shared) == ("AT", "SHARED")
