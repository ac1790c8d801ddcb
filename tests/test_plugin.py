"""The pytest plugin, run in throw-away test sessions (pytester)."""

from __future__ import annotations

import pytest

from tests.helpers import UNUSED_PLUGINS

pytest_plugins = ["pytester"]

SEARCH = """
import boto3

def search(seed_note="", **query):
    client = boto3.client("connect", region_name="us-east-1")
    instance_id = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED", InstanceAlias="p",
        InboundCallsEnabled=True, OutboundCallsEnabled=True,
    )["Id"]
    page = client.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=3,
        **query,
    )
    return [e["PhoneNumber"] for e in page["AvailableNumbersList"]]
"""


@pytest.fixture
def with_search(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(searchlib=SEARCH)
    pytester.syspathinsert()
    return pytester


def test_plain_mock_aws_serves_the_operation_without_any_import(
    with_search: pytest.Pytester,
) -> None:
    with_search.makepyfile(
        """
        import sys
        from moto import mock_aws
        from searchlib import search

        @mock_aws
        def test_search():
            assert len(search()) == 3
        """
    )
    with_search.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_fixture_is_an_active_mock_with_the_markers_options(
    with_search: pytest.Pytester,
) -> None:
    with_search.makepyfile(
        """
        import pytest
        from connect_mock import ConnectMock, mock_connect
        from searchlib import search

        def expected(seed):
            with mock_connect(seed=seed):
                return search()

        def test_default(connect_mock_controller):
            assert isinstance(connect_mock_controller, ConnectMock)
            assert connect_mock_controller.seed == 0 and connect_mock_controller.started
            assert search() == expected(0)

        @pytest.mark.connect_mock(seed=42, search_limit=7)
        def test_marker(connect_mock_controller):
            assert (connect_mock_controller.seed, connect_mock_controller.search_limit) == (42, 7)
            assert search() == expected(42)

        @pytest.mark.connect_mock(seed=5)
        class TestClassMarker:
            def test_inherits(self, connect_mock_controller):
                assert connect_mock_controller.seed == 5
        """
    )
    with_search.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_a_misspelt_marker_option_is_a_type_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.connect_mock(sede=1)
        def test_typo(connect_mock_controller):
            pass

        @pytest.mark.connect_mock(1)
        def test_positional(connect_mock_controller):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(
        [
            "*TypeError: @pytest.mark.connect_mock: *unexpected keyword argument 'sede'; it takes "
            "mock_connect's options: seed, fixtures, search_limit, phone_number_quota, faults, "
            "assert_all_faults_fired, call_log_limit, clock, claim_release_limit, source_numbers",
            "*TypeError: @pytest.mark.connect_mock takes keyword arguments only*",
        ]
    )


def test_the_seed_option_sets_fixture_and_plain_mock_aws(with_search: pytest.Pytester) -> None:
    with_search.makepyfile(
        """
        from moto import mock_aws
        from connect_mock import mock_connect
        from searchlib import search

        def expected(seed):
            with mock_connect(seed=seed):
                return search()

        def test_fixture(connect_mock_controller):
            assert connect_mock_controller.seed == 99
            assert search() == expected(99)

        @mock_aws
        def test_plain():
            assert search() == expected(99)
        """
    )
    with_search.runpytest("-p", "no:cacheprovider", "--connect-mock-seed", "99").assert_outcomes(
        passed=2
    )


def test_connect_instance_is_ready_to_search(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_ready(connect_instance):
            page = connect_instance.client.search_available_phone_numbers(
                TargetArn=connect_instance.instance_arn,
                PhoneNumberCountryCode="GB", PhoneNumberType="DID",
            )
            assert len(page["AvailableNumbersList"]) == 10
            assert connect_instance.instance_arn.endswith(connect_instance.instance_id)
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_marker_and_option_are_documented(pytester: pytest.Pytester) -> None:
    pytester.runpytest("--markers").stdout.fnmatch_lines(
        ["@pytest.mark.connect_mock(seed, fixtures, search_limit, phone_number_quota, *"]
    )
    pytester.runpytest("--help").stdout.fnmatch_lines(["*--connect-mock-seed*"])


def test_state_does_not_leak_between_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        created = []

        def test_first(connect_instance):
            created.append(connect_instance.instance_id)

        def test_second(connect_mock_controller):
            client = boto3.client("connect", region_name="us-east-1")
            assert client.list_instances()["InstanceSummaryList"] == []
            try:
                client.search_available_phone_numbers(
                    InstanceId=created[0], PhoneNumberCountryCode="US", PhoneNumberType="DID")
            except client.exceptions.InvalidParameterException:
                pass
            else:
                raise AssertionError("the first test's instance survived the reset")
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "seed must be at least 0, got -5"),
        ("99999999999999999999", "seed must be at most 9223372036854775807"),
        ("abc", "expected a whole number >= 0, got 'abc'"),
    ],
)
def test_a_bad_seed_option_is_a_usage_error(
    pytester: pytest.Pytester, value: str, message: str
) -> None:
    # An out-of-range seed was an INTERNALERROR traceback from pytest_configure.
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest(f"--connect-mock-seed={value}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*argument --connect-mock-seed: {message}*"])
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()


# --- the fixture is connect_mock_controller; connect_mock is deprecated -----------------------


FIXTURE_NAME = """
import connect_mock
from connect_mock import ConnectMock

def test_the_controller_leaves_the_package_visible(connect_mock_controller):
    assert isinstance(connect_mock_controller, ConnectMock)
    assert connect_mock.current() is connect_mock_controller

def test_the_old_name_still_works(connect_mock):
    assert isinstance(connect_mock, ConnectMock) and connect_mock.started
"""


def test_the_fixture_is_connect_mock_controller_and_the_old_name_is_deprecated(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_names=FIXTURE_NAME)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", *UNUSED_PLUGINS, "-W", "default"
    )
    result.assert_outcomes(passed=2, warnings=1)
    result.stdout.fnmatch_lines(
        [
            "*DeprecationWarning: the connect_mock fixture is deprecated: take "
            "connect_mock_controller instead*"
        ]
    )


def test_the_deprecated_fixture_fails_a_session_that_makes_warnings_errors(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_names=FIXTURE_NAME)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", *UNUSED_PLUGINS, "-W", "error::DeprecationWarning"
    )
    result.assert_outcomes(passed=1, errors=1)
