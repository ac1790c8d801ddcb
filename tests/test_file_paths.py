"""The edges of issue 20: a fixture name that does not hide the package, JSON 404s under the
control prefix, one JSON-error format for files, close matches for misspelt names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import requests
from moto import mock_aws

from connect_mock import FixtureError, RemoteConnectMock, mock_connect

from .helpers import connect_client

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

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


# --- close matches for misspelt names -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("claim_phone_number", "'ClaimPhoneNumber'"),
        ("claimphonenumber", "'ClaimPhoneNumber'"),
        ("ReleasePhoneNumbers", "'ReleasePhoneNumber'"),
    ],
)
def test_the_call_log_refuses_an_operation_no_call_can_have(name: str, meant: str) -> None:
    with mock_connect() as cm, pytest.raises(ValueError, match=r"^unknown operation") as refused:
        cm.calls.filter(name)
    message = str(refused.value)
    assert message.startswith(f"unknown operation {name!r} (did you mean {meant}")
    assert "Connect has no operation of that name, so no call can match it; the mock answers: " in (
        message
    )


def test_the_call_log_refuses_an_error_code_no_call_can_have() -> None:
    with mock_connect() as cm:
        with pytest.raises(ValueError, match=r"^unknown error 'Throttling' \(did you mean "):
            cm.calls.filter(error="Throttling")
        with pytest.raises(TypeError, match="operation must be a string, not int"):
            cm.calls.filter(7)  # type: ignore[arg-type]


def test_the_call_log_takes_every_name_a_call_can_have() -> None:
    with mock_connect() as cm:
        client = connect_client(attempts=1)
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.describe_instance(InstanceId="nope")
        # A Connect operation neither the mock nor moto answers, and codes it could have.
        assert cm.calls.filter("CreateQueue") == []
        assert cm.calls.filter("Unknown") == []
        assert cm.calls.filter(error="HTTP404") == []
        assert cm.calls.filter(error="ServiceQuotaExceededException") == []
        (call,) = cm.calls.filter("DescribeInstance", error="ResourceNotFoundException")
        assert call.status == 404


def test_fault_rules_name_close_matches() -> None:
    with mock_connect() as cm:
        with pytest.raises(ValueError, match=r"^unknown operation 'claim_phone_number' \(did "
                           r"you mean 'ClaimPhoneNumber'\?\); the mock answers: "):  # fmt: skip
            cm.faults.add("claim_phone_number", "ThrottlingException")
        with pytest.raises(ValueError, match=r"^unknown operation 'describe_instance' \(did "
                           r"you mean 'DescribeInstance'\?\)"):  # fmt: skip
            cm.faults.throttle(operation="describe_instance")
        with pytest.raises(ValueError, match=r"^'Throttling' is not an error the model declares "
                           r"for ClaimPhoneNumber \(did you mean 'ThrottlingException'\?\); "
                           r"allowed: "):  # fmt: skip
            cm.faults.add("ClaimPhoneNumber", "Throttling")
        with pytest.raises(ValueError, match=r"^'InternalServiceError' is not an error the "
                           r"model declares for any operation the mock answers \(did you mean "
                           r"'InternalServiceException'"):  # fmt: skip
            cm.faults.add(error="InternalServiceError")
        assert len(cm.faults) == 0


# --- JSON 404 under the control prefix ----------------------------------------------------


UNKNOWN_CONTROL_PATHS = ["nope", "faults/extra", "", "a/b/c"]
ENDPOINTS_MESSAGE = (
    "no such control endpoint; connect_mock's are /moto-api/connect-mock/faults, "
    "/moto-api/connect-mock/calls, /moto-api/connect-mock/config, /moto-api/connect-mock/clock"
)


@pytest.mark.parametrize("path", UNKNOWN_CONTROL_PATHS)
def test_an_unknown_control_path_is_a_json_404_in_process(path: str) -> None:
    with mock_aws():
        answer = requests.get(f"http://motoapi.amazonaws.com/moto-api/connect-mock/{path}")
    assert answer.status_code == 404
    assert answer.json() == {"Message": ENDPOINTS_MESSAGE}


def test_an_unknown_control_path_is_a_json_404_in_the_server(
    connect_server: RemoteConnectMock,
) -> None:
    for path in [*UNKNOWN_CONTROL_PATHS, "../connect-mock"]:
        answer = requests.post(
            f"{connect_server.endpoint}/moto-api/connect-mock/{path}", timeout=10
        )
        assert answer.status_code == 404, path
        assert answer.headers["Content-Type"] == "application/json"
        assert answer.json() == {"Message": ENDPOINTS_MESSAGE}
    # The four endpoints are still theirs.
    assert requests.get(
        f"{connect_server.endpoint}/moto-api/connect-mock/faults", timeout=10
    ).json() == {"rules": []}


# --- files: one JSON-error format, relative paths -------------------------------------------


def test_fixture_and_fault_files_report_bad_json_alike(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"AvailableNumbersList": [}')
    expected = f"{bad}: not valid JSON: Expecting value at line 1 column 27"
    with pytest.raises(FixtureError) as fixture_error:
        mock_connect(fixtures=bad)
    with pytest.raises(ValueError, match="not valid JSON") as fault_error:
        mock_connect(faults=bad)
    assert str(fixture_error.value) == expected
    assert str(fault_error.value) == expected
    bad.write_bytes(b'{"x": "\xff"}')
    with pytest.raises(FixtureError, match=r"bad\.json: fixture file is not UTF-8 text: "):
        mock_connect(fixtures=bad)
    with pytest.raises(ValueError, match=r"bad\.json: fault file is not UTF-8 text: "):
        mock_connect(faults=bad)


def test_a_relative_path_is_relative_to_the_current_directory_and_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here").mkdir()
    shutil.copy(FIXTURES / "seattle_did.json", tmp_path / "here" / "numbers.json")
    assert ("US", "DID") in mock_connect(fixtures="here/numbers.json").inventories
    with pytest.raises(FixtureError) as missing:
        mock_connect(fixtures="there/numbers.json")
    assert str(missing.value) == (
        f"there/numbers.json: cannot read fixture file (looked for "
        f"{tmp_path / 'there' / 'numbers.json'}): No such file or directory"
    )
    with pytest.raises(ValueError, match="cannot read fault file") as missing_faults:
        mock_connect(faults="there/faults.json")
    assert str(missing_faults.value) == (
        f"there/faults.json: cannot read fault file (looked for "
        f"{tmp_path / 'there' / 'faults.json'}): No such file or directory"
    )


MARKER_PATHS = """
import pytest

@pytest.mark.connect_mock(fixtures="data/numbers.json", faults=["data/faults.json"])
def test_marker_paths_are_from_the_rootdir(connect_mock_controller):
    assert ("US", "DID") in connect_mock_controller.inventories
    assert [rule.operation for rule in connect_mock_controller.faults] == ["ListInstances"]

@pytest.mark.connect_mock(fixtures="data/absent.json")
def test_a_missing_file_is_named_in_full(connect_mock_controller):
    pass
"""


def test_marker_paths_are_relative_to_the_rootdir(pytester: pytest.Pytester) -> None:
    (pytester.path / "data").mkdir()
    shutil.copy(FIXTURES / "seattle_did.json", pytester.path / "data" / "numbers.json")
    (pytester.path / "data" / "faults.json").write_text(
        '{"operation": "ListInstances", "error": "InternalServiceException"}'
    )
    (pytester.path / "tests").mkdir()
    (pytester.path / "tests" / "test_marker.py").write_text(MARKER_PATHS)
    (pytester.path / "pytest.ini").write_text("[pytest]\n")
    # Started from a subdirectory: the paths are still the rootdir's.
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", str(pytester.path / "tests"), "--rootdir", str(pytester.path)
    )
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        [f"*FixtureError: {pytester.path / 'data' / 'absent.json'}: cannot read fixture file: *"]
    )
