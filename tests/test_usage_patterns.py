"""The patterns people write with pytest and moto work as they expect."""

from __future__ import annotations

import asyncio
import unittest
from typing import Any

import boto3
import pytest
from moto import mock_aws

import connect_mock
from connect_mock import ConnectMock, mock_connect
from tests.helpers import (
    connect_client,
    connect_regions,
    create_instance,
    expected_numbers,
    search_numbers,
)


def test_setup_method_without_the_method_argument(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        from connect_mock import mock_connect

        @mock_connect(seed=3)
        class TestShort:
            def setup_method(self):
                self.client = boto3.client("connect", region_name="us-east-1")
                self.instance_id = self.client.create_instance(
                    IdentityManagementType="CONNECT_MANAGED", InstanceAlias="a",
                    InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]

            def teardown_method(self):
                assert self.client.list_instances()["InstanceSummaryList"]

            def test_sees_the_instance(self):
                ids = [i["Id"] for i in self.client.list_instances()["InstanceSummaryList"]]
                assert ids == [self.instance_id]
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_failing_setup_method_stops_its_mock(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import connect_mock
        from connect_mock import mock_connect

        @mock_connect
        class TestBroken:
            def setup_method(self, method):
                raise RuntimeError("setup broke")

            def test_never_runs(self):
                pass

        def test_nothing_is_left_running():
            try:
                connect_mock.current()
            except RuntimeError as error:
                assert "no connect_mock is running" in str(error)
            else:
                raise AssertionError("a mock was left running")
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*RuntimeError: setup broke*"])


def _divide_under_a_strict_mock() -> None:
    with mock_connect(assert_all_faults_fired=True) as cm:
        cm.faults.add("ListInstances", "InternalServiceException", times=1)
        raise ZeroDivisionError("the test's own failure")


def _pass_under_a_strict_mock() -> None:
    with mock_connect(assert_all_faults_fired=True) as cm:
        cm.faults.add("ListInstances", "InternalServiceException", times=1)


def test_a_failing_body_is_reported_not_the_unfired_rule() -> None:
    with pytest.raises(ZeroDivisionError, match="the test's own failure") as excinfo:
        _divide_under_a_strict_mock()
    assert excinfo.value.__context__ is None


def test_an_unfired_rule_still_fails_a_passing_body() -> None:
    with pytest.raises(AssertionError, match="ListInstances InternalServiceException fired 0"):
        _pass_under_a_strict_mock()


def test_the_session_seed_reaches_mock_connect(pytester: pytest.Pytester) -> None:
    expected = expected_numbers(5, 3)
    pytester.makepyfile(
        f"""
        import boto3
        from connect_mock import mock_connect

        EXPECTED = {expected!r}

        def first_three():
            client = boto3.client("connect", region_name="us-east-1")
            instance_id = client.create_instance(
                IdentityManagementType="CONNECT_MANAGED", InstanceAlias="a",
                InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
            page = client.search_available_phone_numbers(
                InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID",
                MaxResults=3)
            return [n["PhoneNumber"] for n in page["AvailableNumbersList"]]

        @mock_connect
        def test_decorated():
            assert first_three() == EXPECTED

        def test_context_manager():
            with mock_connect() as cm:
                assert cm.seed == 5
                assert first_three() == EXPECTED

        def test_explicit_seed_wins():
            with mock_connect(seed=6):
                assert first_three() != EXPECTED
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--connect-mock-seed", "5")
    result.assert_outcomes(passed=3)


def test_rules_added_before_decorating_apply_to_every_call() -> None:
    template = mock_connect()
    template.faults.add("ListInstances", "InternalServiceException", times=1)
    seen: list[int] = []

    @template
    def work() -> None:
        client = connect_client(attempts=1)
        with pytest.raises(client.exceptions.InternalServiceException):
            client.list_instances()
        client.list_instances()  # times=1: only the first call of each run fails
        rules = list(connect_mock.current().faults)
        seen.append(rules[0].fired)  # type: ignore[union-attr]

    work()
    work()
    assert seen == [1, 1]
    assert [rule.fired for rule in template.faults] == [0]  # type: ignore[union-attr]


def test_current_is_the_innermost_running_mock() -> None:
    with pytest.raises(RuntimeError, match="no connect_mock is running: decorate the test"):
        connect_mock.current()
    with mock_connect(seed=1) as outer:
        assert connect_mock.current() is outer
        with mock_connect(seed=2) as inner:
            assert connect_mock.current() is inner
        assert connect_mock.current() is outer


@mock_connect(seed=8)
def test_current_inside_a_decorated_function() -> None:
    assert connect_mock.current().seed == 8


@mock_connect(seed=9)
class TestCurrentInClasses:
    def setup_method(self, method: Any) -> None:
        self.mock = connect_mock.current()

    def test_same_mock_in_setup_and_test(self) -> None:
        assert connect_mock.current() is self.mock
        assert self.mock.seed == 9


@mock_connect(seed=10)
class CurrentInUnittest(unittest.TestCase):
    def test_current(self) -> None:
        assert connect_mock.current().seed == 10


def test_current_in_the_fixture(connect_mock_controller: ConnectMock) -> None:
    import connect_mock as package

    assert package.current() is connect_mock_controller


@mock_aws
def test_current_under_plain_mock_aws() -> None:
    cm = connect_mock.current()
    client = boto3.client("connect", region_name="us-east-1")
    instance_id, _ = create_instance(client)
    search_numbers(client, instance_id)
    assert cm.calls.operations[-2:] == ["CreateInstance", "SearchAvailablePhoneNumbers"]
    with pytest.raises(RuntimeError, match="stops when mock_aws does"):
        cm.stop()


def test_async_with() -> None:
    async def work() -> int:
        async with mock_connect(seed=4) as cm:
            assert connect_mock.current() is cm
            return cm.seed

    assert asyncio.run(work()) == 4
    with pytest.raises(RuntimeError, match="no connect_mock is running"):
        connect_mock.current()


def _claim(client: Any, instance_id: str, count: int) -> list[str]:
    """``count`` claimed numbers of a fresh instance, in claim order (their ids)."""
    found = search_numbers(client, instance_id, MaxResults=10)
    while len(found) < count:
        found += search_numbers(client, instance_id, MaxResults=10)[len(found) :]
    return [
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)["PhoneNumberId"]
        for number in found[:count]
    ]


@pytest.mark.parametrize("page_size", range(1, 8))
def test_the_cleanup_loop_releases_every_number(page_size: int) -> None:
    with mock_connect(phone_number_quota=10):
        client = connect_client()
        instance_id, _ = create_instance(client)
        claimed = _claim(client, instance_id, 10)
        released = []
        paginator = client.get_paginator("list_phone_numbers_v2")
        pages = paginator.paginate(InstanceId=instance_id, PaginationConfig={"PageSize": page_size})
        for page in pages:
            for entry in page["ListPhoneNumbersSummaryList"]:
                client.release_phone_number(PhoneNumberId=entry["PhoneNumberId"])
                released.append(entry["PhoneNumberId"])
        assert released == claimed
        assert (
            client.list_phone_numbers_v2(InstanceId=instance_id)["ListPhoneNumbersSummaryList"]
            == []
        )


@pytest.mark.parametrize(
    ("operation", "key", "id_key"),
    [
        ("list_phone_numbers_v2", "ListPhoneNumbersSummaryList", "PhoneNumberId"),
        ("list_phone_numbers", "PhoneNumberSummaryList", "Id"),
    ],
)
def test_changes_between_pages_neither_skip_nor_repeat(
    operation: str, key: str, id_key: str
) -> None:
    with mock_connect(phone_number_quota=10):
        client = connect_client()
        instance_id, _ = create_instance(client)
        claimed = _claim(client, instance_id, 6)
        first = getattr(client, operation)(InstanceId=instance_id, MaxResults=3)
        assert [e[id_key] for e in first[key]] == claimed[:3]
        # Between pages: a number of the first page is released, one more is claimed.
        client.release_phone_number(PhoneNumberId=claimed[0])
        later = _claim(client, instance_id, 1)
        rest = getattr(client, operation)(
            InstanceId=instance_id, MaxResults=10, NextToken=first["NextToken"]
        )
        assert [e[id_key] for e in rest[key]] == claimed[3:] + later
        assert "NextToken" not in rest


def test_traffic_distribution_group_pages_survive_a_delete() -> None:
    with mock_connect():
        client = connect_client()
        instance_id, _ = create_instance(client)
        ids = [
            client.create_traffic_distribution_group(Name=f"g{n}", InstanceId=instance_id)["Id"]
            for n in range(4)
        ]
        first = client.list_traffic_distribution_groups(MaxResults=2)
        summaries = first["TrafficDistributionGroupSummaryList"]
        assert [g["Id"] for g in summaries] == ids[:2]
        client.delete_traffic_distribution_group(TrafficDistributionGroupId=ids[0])
        rest = client.list_traffic_distribution_groups(MaxResults=2, NextToken=first["NextToken"])
        assert [g["Id"] for g in rest["TrafficDistributionGroupSummaryList"]] == ids[2:]


@pytest.mark.parametrize(
    ("fixtures", "name"), [(5, "int"), (b'{"AvailableNumbersList": []}', "bytes")]
)
def test_fixtures_of_the_wrong_type_are_named(fixtures: Any, name: str) -> None:
    with pytest.raises(TypeError) as excinfo:
        mock_connect(fixtures=fixtures)
    assert str(excinfo.value) == (
        f"fixtures must be a path to a JSON file, a mapping, or a list of them, not {name}"
    )


def test_fault_rules_for_places_that_cannot_exist_are_refused() -> None:
    cm = mock_connect()
    with pytest.raises(ValueError, match="has no Amazon Connect") as excinfo:
        cm.faults.add("ListInstances", "InternalServiceException", region="mars-1")
    regions = connect_regions()
    assert {"us-east-1", "us-west-2", "eu-central-1", "eu-west-2", "us-gov-west-1"} <= set(regions)
    assert str(excinfo.value) == (
        "region 'mars-1' has no Amazon Connect; Regions with Connect: " + ", ".join(regions)
    )
    with pytest.raises(ValueError, match="12-digit") as excinfo:
        cm.faults.add("ListInstances", "InternalServiceException", account="abc")
    assert str(excinfo.value) == "account must be a 12-digit AWS account ID, got 'abc'"
    assert list(cm.faults) == []
    rule = cm.faults.add("ListInstances", "InternalServiceException", account="123456789012")
    assert rule.account == "123456789012"
