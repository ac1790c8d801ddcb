"""The edges of issue 20: a fixture name that does not hide the package, JSON 404s under the
control prefix, one JSON-error format for files, close matches for misspelt names."""

from __future__ import annotations

import pytest

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
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "default")
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
        "-p", "no:cacheprovider", "-W", "error::DeprecationWarning"
    )
    result.assert_outcomes(passed=1, errors=1)
