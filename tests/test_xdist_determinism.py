"""Same seed, same numbers, whatever runs the tests: test order must not change what a test
sees."""

from __future__ import annotations

import pytest

LEAK = """
import boto3
import pytest
from moto import mock_aws

from connect_mock import mock_connect


def numbers():
    client = boto3.client("connect", region_name="us-east-1")
    instance_id = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED", InstanceAlias="leak",
        InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
    page = client.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=4)
    return [entry["PhoneNumber"] for entry in page["AvailableNumbersList"]]


@pytest.mark.connect_mock(seed=11)
def test_1_server(connect_server):
    assert connect_server.seed == 11
    numbers()


@mock_aws
def test_2_plain_mock_aws_afterwards(request):
    seen = numbers()
    with mock_connect(seed=request.config.getoption("connect_mock_seed") or 0):
        assert seen == numbers()
"""


@pytest.mark.parametrize("option", [[], ["--connect-mock-seed", "5"]])
def test_a_server_tests_seed_is_not_the_next_tests(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, option: list[str]
) -> None:
    """Regression: connect_server configures the in-process server by replacing the default
    settings, which plain mock_aws tests use too, and never put them back: a plain mock_aws
    test got seed 0 (or --connect-mock-seed) or the seed of the last connect_server test,
    depending on test order and on which xdist worker ran what."""
    monkeypatch.delenv("CONNECT_MOCK_SEED", raising=False)
    pytester.makepyfile(test_leak=LEAK)
    result = pytester.runpytest_subprocess("-p", "no:randomly", *option)
    result.assert_outcomes(passed=2)
