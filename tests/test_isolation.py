"""Each test starts clean: moto's state-manager transitions for our models are the defaults in
every mock (mock_connect, each connect_server test, POST /moto-api/reset) and what a test set ends
with its mock; "time" progressions run on the mock's clock."""

from __future__ import annotations

import time
from typing import Any

import boto3
import pytest
import requests
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.moto_api import state_manager

from connect_mock import RemoteConnectMock, mock_connect

from .helpers import UNUSED_PLUGINS, WallTime, connect_client, create_instance, search_numbers

PHONE = "connect::phonenumber"
GROUP = "connect::trafficdistributiongroup"
IMMEDIATE = {"progression": "immediate"}
MANUAL = {"progression": "manual", "times": 3}


@pytest.fixture(autouse=True)
def _no_leftovers() -> Any:
    yield
    for model in (PHONE, GROUP):
        state_manager.unset_transition(model)


def _claim(client: Any) -> tuple[str, str]:
    instance_id, _ = create_instance(client)
    number = search_numbers(client, instance_id, MaxResults=1)[0]
    claimed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    return instance_id, claimed["PhoneNumberId"]


def _status(client: Any, claim_id: str) -> str:
    summary = client.describe_phone_number(PhoneNumberId=claim_id)["ClaimedPhoneNumberSummary"]
    return str(summary["PhoneNumberStatus"]["Status"])


# --- state-manager isolation ----------------------------------------------------------------


def test_a_transition_set_in_a_mock_ends_with_it() -> None:
    with mock_connect():
        state_manager.set_transition(PHONE, MANUAL)
        assert state_manager.get_transition(PHONE) == MANUAL
    assert state_manager.get_transition(PHONE) == IMMEDIATE
    with mock_connect():
        client = boto3.client("connect", region_name="us-east-1")
        _, claim_id = _claim(client)
        assert _status(client, claim_id) == "CLAIMED"


def test_a_mock_starts_on_the_default_and_puts_back_what_it_found() -> None:
    state_manager.set_transition(PHONE, MANUAL)
    state_manager.set_transition(GROUP, {"progression": "time", "seconds": 5})
    with mock_connect():
        assert state_manager.get_transition(PHONE) == IMMEDIATE
        assert state_manager.get_transition(GROUP) == IMMEDIATE
        state_manager.set_transition(PHONE, {"progression": "manual", "times": 1})
        with mock_connect():  # a nested mock starts on the default too
            assert state_manager.get_transition(PHONE) == IMMEDIATE
        assert state_manager.get_transition(PHONE) == {"progression": "manual", "times": 1}
    assert state_manager.get_transition(PHONE) == MANUAL
    assert state_manager.get_transition(GROUP) == {"progression": "time", "seconds": 5}


def test_moto_reset_puts_our_models_on_their_defaults() -> None:
    with mock_aws():
        state_manager.set_transition(PHONE, MANUAL)
        answer = requests.post("http://motoapi.amazonaws.com/moto-api/reset", timeout=10)
        assert answer.status_code == 200
        assert state_manager.get_transition(PHONE) == IMMEDIATE


def test_moto_reset_over_the_server_puts_our_models_on_their_defaults(
    connect_server: RemoteConnectMock,
) -> None:
    url = f"{connect_server.endpoint}/moto-api/state-manager/set-transition"
    requests.post(url, json={"model_name": PHONE, "transition": MANUAL}, timeout=10)
    assert state_manager.get_transition(PHONE) == MANUAL  # the server is in this process
    connect_server.reset()
    assert state_manager.get_transition(PHONE) == IMMEDIATE


LEAK = """
import boto3
from moto.moto_api import state_manager

def claim_status(client):
    instance_id = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED", InstanceAlias="leak",
        InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
    number = client.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID",
        MaxResults=1)["AvailableNumbersList"][0]["PhoneNumber"]
    claim_id = client.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=number)["PhoneNumberId"]
    summary = client.describe_phone_number(PhoneNumberId=claim_id)["ClaimedPhoneNumberSummary"]
    return summary["PhoneNumberStatus"]["Status"]
"""
# A test that sets a transition, then one that must start on the default, for one fixture.
LEAK_PAIR = """
def test_first_sets_a_transition_{fixture}({fixture}):
    state_manager.set_transition("connect::phonenumber", {{"progression": "manual", "times": 3}})
    assert claim_status(boto3.client("connect", region_name="us-east-1")) == "IN_PROGRESS"

def test_second_starts_on_the_default_{fixture}({fixture}):
    assert claim_status(boto3.client("connect", region_name="us-east-1")) == "CLAIMED"
"""
LEAK_END = """
def test_none_is_left_after_the_tests():
    assert state_manager.get_transition("connect::phonenumber") == {"progression": "immediate"}
"""
LEAK_FIXTURES = ("connect_mock_controller", "connect_server")


def test_a_transition_does_not_reach_the_next_test(pytester: pytest.Pytester) -> None:
    """For each fixture, in the file's order (one session for both: a pytest process costs more
    than the tests): a test sets a transition, the next one must start on the default."""
    pairs = "".join(LEAK_PAIR.format(fixture=fixture) for fixture in LEAK_FIXTURES)
    pytester.makepyfile(test_leak=LEAK + pairs + LEAK_END)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-p", "no:randomly", *UNUSED_PLUGINS, "-v"
    )
    result.assert_outcomes(passed=5)
    names = [
        f"test_{step}_{fixture}"
        for fixture in LEAK_FIXTURES
        for step in ("first_sets_a_transition", "second_starts_on_the_default")
    ]
    result.stdout.fnmatch_lines(  # in this order
        [f"test_leak.py::{name} PASSED*" for name in [*names, "test_none_is_left_after_the_tests"]]
    )


# --- "time" progressions on the mock's clock --------------------------------------------------


def test_a_timed_claim_moves_with_the_virtual_clock() -> None:
    with mock_connect() as cm:
        state_manager.set_transition(PHONE, {"progression": "time", "seconds": 10})
        client = boto3.client("connect", region_name="us-east-1")
        _, claim_id = _claim(client)
        assert _status(client, claim_id) == "IN_PROGRESS"
        cm.clock.advance(10)  # moto's rule: more than the seconds
        assert _status(client, claim_id) == "IN_PROGRESS"
        cm.clock.advance(1)
        assert _status(client, claim_id) == "CLAIMED"


def test_a_timed_group_moves_with_the_virtual_clock() -> None:
    with mock_connect() as cm:
        state_manager.set_transition(GROUP, {"progression": "time", "seconds": 60})
        client = boto3.client("connect", region_name="us-east-1")
        _, instance_arn = create_instance(client)
        group_id = client.create_traffic_distribution_group(Name="g", InstanceId=instance_arn)["Id"]

        def status() -> str:
            group = client.describe_traffic_distribution_group(TrafficDistributionGroupId=group_id)[
                "TrafficDistributionGroup"
            ]
            return str(group["Status"])

        assert status() == "CREATION_IN_PROGRESS"
        cm.clock.advance(61)
        assert status() == "ACTIVE"


def test_a_timed_claim_moves_with_the_servers_clock(connect_server: RemoteConnectMock) -> None:
    state_manager.set_transition(PHONE, {"progression": "time", "seconds": 30})
    client = connect_client(endpoint=connect_server.endpoint)
    _, claim_id = _claim(client)
    assert _status(client, claim_id) == "IN_PROGRESS"
    connect_server.clock.advance(31)
    assert _status(client, claim_id) == "CLAIMED"


def test_a_real_clock_keeps_wall_time(wall_time: WallTime) -> None:
    with mock_connect(clock="real"):
        state_manager.set_transition(PHONE, {"progression": "time", "seconds": 0.2})
        client = boto3.client("connect", region_name="us-east-1")
        _, claim_id = _claim(client)
        assert _status(client, claim_id) == "IN_PROGRESS"
        wall_time.advance(0.1)
        assert _status(client, claim_id) == "IN_PROGRESS"
        wall_time.advance(0.2)
        assert _status(client, claim_id) == "CLAIMED"


def test_a_virtual_clock_ignores_wall_time() -> None:
    with mock_connect():
        state_manager.set_transition(PHONE, {"progression": "time", "seconds": 0.1})
        client = boto3.client("connect", region_name="us-east-1")
        _, claim_id = _claim(client)
        time.sleep(0.2)
        assert _status(client, claim_id) == "IN_PROGRESS"


# --- plain mock_aws -------------------------------------------------------------------------


def test_plain_mock_aws_rules_and_clock_go_with_motos_reset() -> None:
    import connect_mock

    with mock_aws():
        cm = connect_mock.current()
        cm.faults.add("ListInstances", "InternalServiceException")
        cm.clock.advance(3600)
        started = cm.clock.now()
        with pytest.raises(ClientError, match="InternalServiceException"):
            boto3.client("connect", region_name="us-east-1").list_instances()
    with mock_aws():
        cm = connect_mock.current()
        assert len(cm.faults) == 0
        assert cm.clock.now() < started
        assert (
            boto3.client("connect", region_name="us-east-1").list_instances()["InstanceSummaryList"]
            == []
        )
