"""GetTrafficDistribution and UpdateTrafficDistribution: the documented rules, from both Regions
of a group's pair, in process and over the server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from moto import mock_aws
from moto.core import set_initial_no_auth_action_count

from connect_mock import ConnectMock, RemoteConnectMock, mock_connect
from connect_mock._moto import connect_model
from tests.helpers import (
    client_error,
    client_without_connect_rights,
    connect_client,
    create_instance,
    manual_progress,
)

EAST, WEST = "us-east-1", "us-west-2"


# LastFailoverTime came to botocore's model in 1.44: with an older model the answer (held to the
# model's output shape) leaves it out, and the client would not read it.
HAS_FAILOVER_TIME = "LastFailoverTime" in (
    connect_model().shape_for("GetTrafficDistributionResponse").members
)


def assert_failover_time(got: dict[str, Any], expected: Any) -> None:
    assert got.get("LastFailoverTime") == (expected if HAS_FAILOVER_TIME else None)


def split(east: int, west: int, key: str = "Percentage") -> dict[str, Any]:
    return {"Distributions": [{"Region": EAST, key: east}, {"Region": WEST, key: west}]}


@pytest.fixture
def mock() -> Iterator[ConnectMock]:
    with mock_connect() as cm:
        yield cm


@pytest.fixture
def group(mock: ConnectMock) -> dict[str, str]:
    client = connect_client(EAST)
    instance_id, _ = create_instance(client, "tdg")
    created = client.create_traffic_distribution_group(Name="resilient", InstanceId=instance_id)
    return {"Id": created["Id"], "Arn": created["Arn"]}


def distribution(client: Any, reference: str) -> dict[str, Any]:
    answer = client.get_traffic_distribution(Id=reference)
    answer.pop("ResponseMetadata")
    return dict(answer)


def test_a_new_group_sends_everything_to_its_home_region(group: dict[str, str]) -> None:
    assert distribution(connect_client(EAST), group["Id"]) == {
        "Id": group["Id"],
        "Arn": group["Arn"],
        "TelephonyConfig": split(100, 0),
        "AgentConfig": split(100, 0),
    }


def test_the_distribution_is_returned_as_set(mock: ConnectMock, group: dict[str, str]) -> None:
    east = connect_client(EAST)
    # Regions in any order; Get lists the group's home Region first.
    reversed_split = {"Distributions": list(reversed(split(30, 70)["Distributions"]))}
    east.update_traffic_distribution(
        Id=group["Id"], TelephonyConfig=reversed_split, AgentConfig=split(60, 40)
    )
    changed_at = mock.clock.now()
    got = distribution(east, group["Id"])
    assert got["TelephonyConfig"] == split(30, 70)
    assert got["AgentConfig"] == split(60, 40)
    assert_failover_time(got, changed_at)
    # The same distribution again changes nothing: no new failover time.
    mock.clock.advance(timedelta(hours=1))
    east.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(30, 70))
    assert_failover_time(distribution(east, group["Id"]), changed_at)
    # Without AgentConfig the agents stay where they were.
    east.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(0, 100))
    got = distribution(east, group["Id"])
    assert (got["TelephonyConfig"], got["AgentConfig"]) == (split(0, 100), split(60, 40))
    assert_failover_time(got, mock.clock.now())


@pytest.mark.parametrize(
    ("home", "replica"),
    [(EAST, WEST), (WEST, EAST), ("eu-central-1", "eu-west-2"), ("eu-west-2", "eu-central-1")],
)
def test_a_group_is_replicated_to_the_other_region_of_its_pair(
    mock: ConnectMock, home: str, replica: str
) -> None:
    """Groups exist in two pairs of Regions: us-east-1 with us-west-2, eu-central-1 with
    eu-west-2; a group created in one is seen from the other by its ARN."""
    instance_id, _ = create_instance(connect_client(home), "tdg")
    created = connect_client(home).create_traffic_distribution_group(
        Name="resilient", InstanceId=instance_id
    )
    there = connect_client(replica)
    both = [{"Region": home, "Percentage": 100}, {"Region": replica, "Percentage": 0}]
    assert distribution(there, created["Arn"]) == {
        "Id": created["Id"],
        "Arn": created["Arn"],
        "TelephonyConfig": {"Distributions": both},
        "AgentConfig": {"Distributions": both},
    }
    moved = [{"Region": home, "Percentage": 0}, {"Region": replica, "Percentage": 100}]
    there.update_traffic_distribution(Id=created["Arn"], TelephonyConfig={"Distributions": moved})
    got = distribution(connect_client(home), created["Id"])
    assert got["TelephonyConfig"] == {"Distributions": moved}


def test_the_replicated_region_needs_the_arn(group: dict[str, str]) -> None:
    west = connect_client(WEST)
    for operation, params in (
        ("get_traffic_distribution", {}),
        ("update_traffic_distribution", {"TelephonyConfig": split(0, 100)}),
    ):
        with pytest.raises(west.exceptions.ResourceNotFoundException) as excinfo:
            getattr(west, operation)(Id=group["Id"], **params)
        assert client_error(excinfo) == (
            404,
            "ResourceNotFoundException",
            f"Traffic distribution group '{group['Id']}' was not found in account 123456789012, "
            f"Region {WEST}. It was created in {EAST}; in {WEST}, its replicated Region, pass its "
            f"ARN: {group['Arn']}",
        )
    # "Invoke the UpdateTrafficDistribution API in the region that should handle traffic."
    west.update_traffic_distribution(Id=group["Arn"], TelephonyConfig=split(0, 100))
    assert distribution(connect_client(EAST), group["Id"])["TelephonyConfig"] == split(0, 100)
    assert distribution(west, group["Arn"])["TelephonyConfig"] == split(0, 100)


@pytest.mark.parametrize(
    ("update", "message"),
    [
        (
            {},
            "UpdateTrafficDistribution needs a TelephonyConfig: the percentage of telephony "
            "traffic for each of the group's Regions, us-east-1 (where it was created) and "
            "us-west-2",
        ),
        (
            {"TelephonyConfig": split(35, 65)},
            "TelephonyConfig gives us-east-1 35%: percentages go in increments of 10",
        ),
        (
            {"TelephonyConfig": split(30, 60)},
            "TelephonyConfig's percentages add up to 90%, not 100%",
        ),
        (
            {"TelephonyConfig": {"Distributions": [{"Region": EAST, "Percentage": 100}]}},
            "TelephonyConfig must give a percentage for both of the group's Regions, us-east-1 "
            "(where it was created) and us-west-2; us-west-2 is missing",
        ),
        (
            {"TelephonyConfig": {"Distributions": []}},
            "TelephonyConfig must give a percentage for both of the group's Regions, us-east-1 "
            "(where it was created) and us-west-2; us-east-1 and us-west-2 are missing",
        ),
        (
            {
                "TelephonyConfig": {
                    "Distributions": [
                        {"Region": EAST, "Percentage": 50},
                        {"Region": EAST, "Percentage": 50},
                    ]
                }
            },
            "TelephonyConfig names Region us-east-1 more than once",
        ),
        (
            {
                "TelephonyConfig": {
                    "Distributions": [
                        {"Region": EAST, "Percentage": 50},
                        {"Region": "eu-west-2", "Percentage": 50},
                    ]
                }
            },
            "TelephonyConfig names Region eu-west-2, which is not one of traffic distribution "
            "group '{id}''s Regions: us-east-1 (where it was created) and us-west-2",
        ),
        (
            {"TelephonyConfig": split(50, 50), "AgentConfig": split(45, 55)},
            "AgentConfig gives us-east-1 45%: percentages go in increments of 10",
        ),
        (
            {"TelephonyConfig": split(50, 50), "AgentConfig": split(100, 100)},
            "AgentConfig's percentages add up to 200%, not 100%",
        ),
        (
            {"TelephonyConfig": split(50, 50), "SignInConfig": split(True, True, "Enabled")},
            "SignInConfig can be changed only on the default traffic distribution group "
            "(IsDefault true, created when the instance is replicated); traffic distribution "
            "group '{id}' is not a default group",
        ),
    ],
)
def test_a_refused_update_changes_nothing(
    group: dict[str, str], update: dict[str, Any], message: str
) -> None:
    east = connect_client(EAST)
    east.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(70, 30))
    before = distribution(east, group["Id"])
    with pytest.raises(east.exceptions.InvalidRequestException) as excinfo:
        east.update_traffic_distribution(Id=group["Id"], **update)
    assert client_error(excinfo) == (
        400,
        "InvalidRequestException",
        message.replace("{id}", group["Id"]),
    )
    assert distribution(east, group["Id"]) == before


def test_model_constraints_are_invalid_requests(group: dict[str, str]) -> None:
    lax = connect_client(EAST, lax=True)
    with pytest.raises(lax.exceptions.InvalidRequestException) as excinfo:
        lax.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(110, -10))
    assert client_error(excinfo) == (
        400,
        "InvalidRequestException",
        "2 validation errors detected: Value '110' at "
        "'TelephonyConfig.Distributions.1.member.Percentage' failed to satisfy constraint: "
        "Member must have value less than or equal to 100; Value '-10' at "
        "'TelephonyConfig.Distributions.2.member.Percentage' failed to satisfy constraint: "
        "Member must have value greater than or equal to 0",
    )
    with pytest.raises(lax.exceptions.InvalidRequestException):
        lax.get_traffic_distribution(Id="not-a-uuid")


def test_the_group_must_be_active(mock: ConnectMock) -> None:
    east = connect_client(EAST)
    instance_id, _ = create_instance(east, "slow")
    with manual_progress("connect::trafficdistributiongroup", 1):
        group = east.create_traffic_distribution_group(Name="slow", InstanceId=instance_id)
        with pytest.raises(east.exceptions.InvalidRequestException) as excinfo:
            east.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(50, 50))
        assert client_error(excinfo)[2] == (
            f"Traffic distribution group '{group['Id']}' is CREATION_IN_PROGRESS; "
            "UpdateTrafficDistribution needs it ACTIVE"
        )
        # Get answers while it is created: the default distribution.
        assert distribution(east, group["Id"])["TelephonyConfig"] == split(100, 0)
        east.describe_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])
        east.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(50, 50))


def test_unknown_and_deleted_groups(group: dict[str, str]) -> None:
    east = connect_client(EAST)
    unknown = "00000000-0000-0000-0000-000000000000"
    with pytest.raises(east.exceptions.ResourceNotFoundException) as excinfo:
        east.get_traffic_distribution(Id=unknown)
    assert client_error(excinfo) == (
        404,
        "ResourceNotFoundException",
        f"Traffic distribution group '{unknown}' was not found in account 123456789012, "
        "Region us-east-1",
    )
    east.delete_traffic_distribution_group(TrafficDistributionGroupId=group["Id"])
    with pytest.raises(east.exceptions.ResourceNotFoundException):
        east.update_traffic_distribution(Id=group["Arn"], TelephonyConfig=split(50, 50))


def test_faults_and_the_call_log(mock: ConnectMock, group: dict[str, str]) -> None:
    client = connect_client(EAST, attempts=1)
    mock.faults.add("UpdateTrafficDistribution", "ResourceConflictException", times=1)
    with pytest.raises(client.exceptions.ResourceConflictException):
        client.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(50, 50))
    client.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(50, 50))
    client.get_traffic_distribution(Id=group["Id"])
    updates = mock.calls.filter("UpdateTrafficDistribution")
    assert [(c.status, c.error) for c in updates] == [
        (409, "ResourceConflictException"),
        (200, None),
    ]
    assert updates[1].params["TelephonyConfig"] == split(50, 50)
    assert [c.status for c in mock.calls.filter("GetTrafficDistribution")] == [200]


@set_initial_no_auth_action_count(3)
@mock_aws
def test_iam_denies_update_traffic_distribution() -> None:
    client = client_without_connect_rights(EAST)
    with pytest.raises(client.exceptions.AccessDeniedException) as excinfo:
        client.update_traffic_distribution(
            Id="00000000-0000-0000-0000-000000000000", TelephonyConfig=split(50, 50)
        )
    assert client_error(excinfo) == (
        403,
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: "
        "connect:UpdateTrafficDistribution",
    )


def test_over_the_server(connect_server: RemoteConnectMock) -> None:
    east = connect_client(EAST, endpoint=connect_server.endpoint)
    west = connect_client(WEST, endpoint=connect_server.endpoint)
    instance_id, _ = create_instance(east, "served")
    group = east.create_traffic_distribution_group(Name="served", InstanceId=instance_id)
    west.update_traffic_distribution(
        Id=group["Arn"], TelephonyConfig=split(20, 80), AgentConfig=split(20, 80)
    )
    got = distribution(east, group["Id"])
    assert (got["TelephonyConfig"], got["AgentConfig"]) == (split(20, 80), split(20, 80))
    if HAS_FAILOVER_TIME:
        assert got["LastFailoverTime"].isoformat() == connect_server.clock.now()
    with pytest.raises(west.exceptions.ResourceNotFoundException):
        west.get_traffic_distribution(Id=group["Id"])
    with pytest.raises(east.exceptions.InvalidRequestException) as excinfo:
        east.update_traffic_distribution(Id=group["Id"], TelephonyConfig=split(20, 70))
    assert client_error(excinfo) == (
        400,
        "InvalidRequestException",
        "TelephonyConfig's percentages add up to 90%, not 100%",
    )
