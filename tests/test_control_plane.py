"""The control plane under abuse: the clock's range, bodies whatever their Content-Type, size
and depth limits, the bounded call log, the real clock, option parity and which mock
``POST /config`` configures. A refused request always changes nothing."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import requests
from moto import mock_aws

from connect_mock import RemoteConnectMock, RemoteError, mock_connect, runtime
from connect_mock.cli import build_parser, main
from connect_mock.config import OPTIONS, MockConfig
from connect_mock.core.clock import LATEST, Clock
from tests.helpers import (
    WallTime,
    connect_client,
    create_instance,
    expected_numbers,
    search_numbers,
)

IN_PROCESS = "http://motoapi.amazonaws.com"
CONTROL = "/moto-api/connect-mock"
LIMIT_MESSAGE = re.escape("the clock cannot pass 9000-01-01T00:00:00+00:00")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def endpoint(server_endpoint: str | None) -> str:
    """The base URL of the control endpoints of a fresh mock, in-process or the server's."""
    return server_endpoint or IN_PROCESS


def _state(endpoint: str) -> dict[str, Any]:
    """Everything a control request could change."""
    return {
        path: requests.get(f"{endpoint}{CONTROL}/{path}", timeout=10).json()
        for path in ("faults", "config", "clock", "calls")
    }


def _search_works(endpoint: str) -> None:
    client = connect_client(endpoint=None if endpoint == IN_PROCESS else endpoint)
    instance_id, _ = create_instance(client)
    assert len(search_numbers(client, instance_id, MaxResults=3)) == 3


# --- 1. the clock's range -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "delta", [float("inf"), 1e308, 10**400, timedelta(days=3_000_000), timedelta.max]
)
def test_the_clock_refuses_to_leave_datetimes_range(delta: float | timedelta) -> None:
    with mock_connect() as cm:
        before = cm.clock.now()
        with pytest.raises(ValueError, match=LIMIT_MESSAGE) as refused:
            cm.clock.advance(delta)
        assert "so it can advance at most" in str(refused.value)
        assert cm.clock.now() == before
        _search_works(IN_PROCESS)


def test_the_clock_runs_up_to_its_limit_and_the_mock_still_works() -> None:
    with mock_connect() as cm:
        room = datetime(9000, 1, 1, tzinfo=timezone.utc) - cm.clock.now()
        cm.clock.advance(room - timedelta(seconds=1))
        client = connect_client()
        instance_id, instance_arn = create_instance(client)
        number = search_numbers(client, instance_id, MaxResults=1)[0]
        claimed = client.claim_phone_number(TargetArn=instance_arn, PhoneNumber=number)
        client.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        with pytest.raises(ValueError, match=LIMIT_MESSAGE):
            cm.clock.advance(2)


@pytest.mark.parametrize(
    "body", [b'{"advance": 1e308}', b'{"advance": 1e999}', b'{"advance": 1e20}']
)
def test_an_overflowing_advance_is_a_400_and_the_server_stays_well(
    endpoint: str, body: bytes
) -> None:
    before = _state(endpoint)
    response = requests.post(f"{endpoint}{CONTROL}/clock", data=body, timeout=10)
    assert response.status_code == 400
    assert re.search(LIMIT_MESSAGE, response.json()["Message"])
    assert _state(endpoint) == before
    _search_works(endpoint)


def test_the_remote_clock_raises_remote_error(connect_server: RemoteConnectMock) -> None:
    with pytest.raises(RemoteError, match=LIMIT_MESSAGE) as refused:
        connect_server.clock.advance(1e308)
    assert refused.value.status == 400
    with pytest.raises(RemoteError, match="the clock only moves forward"):
        connect_server.clock.advance(-1)
    with pytest.raises(
        ValueError, match=re.escape("advance() takes a finite number of seconds, not nan")
    ):
        connect_server.clock.advance(float("nan"))


START = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def test_a_virtual_clock_moves_only_by_advance_and_by_exactly_that_much() -> None:
    clock = Clock(START)
    assert clock.real is False
    assert (clock.now(), clock.monotonic()) == (START, 0.0)
    clock.advance(1.5)
    clock.advance(timedelta(minutes=2))
    clock.advance(0)  # standing still is allowed
    assert clock.now() == START + timedelta(seconds=121.5)
    assert clock.monotonic() == 121.5
    assert repr(clock) == "<Clock virtual 2024-05-01T12:02:01.500000+00:00>"


def test_a_clock_without_a_start_starts_at_the_current_second() -> None:
    before = datetime.now(timezone.utc).replace(microsecond=0)
    now = Clock().now()
    assert now.microsecond == 0
    assert before <= now <= datetime.now(timezone.utc)


def test_a_real_clock_follows_wall_time_as_well_as_advance(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wall = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: wall[0])
    clock = Clock(START, real=True)
    assert clock.real is True
    wall[0] = 107.0
    clock.advance(3)
    assert clock.monotonic() == 10.0
    assert clock.now() == START + timedelta(seconds=10)
    assert repr(clock) == "<Clock real 2024-05-01T12:00:10+00:00>"


@pytest.mark.parametrize(
    ("start", "real", "error", "message"),
    [
        (START, 1, TypeError, "real must be True or False, not int"),
        (
            datetime(2024, 5, 1),
            False,
            ValueError,
            "Clock start must be timezone-aware, e.g. datetime(..., tzinfo=UTC)",
        ),
        (
            LATEST,
            False,
            ValueError,
            "Clock start must be before 9000-01-01T00:00:00+00:00, got 9000-01-01 00:00:00+00:00",
        ),
    ],
)
def test_a_clock_refuses_a_start_it_cannot_keep(
    start: datetime, real: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as refused:
        Clock(start, real=real)
    assert str(refused.value) == message


def test_a_clock_may_start_just_before_its_limit_and_reach_it_exactly() -> None:
    clock = Clock(LATEST - timedelta(seconds=10))
    message = (
        "the clock cannot pass 9000-01-01T00:00:00+00:00: it is 8999-12-31T23:59:50+00:00, "
        "so it can advance at most 10 seconds more; got 10.5"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        clock.advance(10.5)
    clock.advance(10)
    assert clock.now() == LATEST


@pytest.mark.parametrize(
    ("delta", "error", "message"),
    [
        (-0.5, ValueError, "the clock only moves forward; got -0.5"),
        (
            timedelta(seconds=-1),
            ValueError,
            "the clock only moves forward; got datetime.timedelta(days=-1, seconds=86399)",
        ),
        (float("nan"), ValueError, "advance() takes a number of seconds, not NaN"),
        (
            True,
            TypeError,
            "advance() takes seconds (int or float) or a datetime.timedelta, not bool",
        ),
        (
            "1",
            TypeError,
            "advance() takes seconds (int or float) or a datetime.timedelta, not str",
        ),
    ],
)
def test_a_clock_refuses_a_step_it_cannot_take_and_stays_put(
    delta: Any, error: type[Exception], message: str
) -> None:
    clock = Clock(START)
    with pytest.raises(error) as refused:
        clock.advance(delta)
    assert str(refused.value) == message
    assert clock.now() == START


# --- 2. bodies whatever their Content-Type --------------------------------------------------------

FORM = "application/x-www-form-urlencoded"  # what curl -d and requests.post(data=...) send


@pytest.mark.parametrize("content_type", [FORM, "text/plain", None])
def test_control_bodies_are_json_whatever_the_content_type(
    endpoint: str, content_type: str | None
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}

    def post(path: str, document: Any) -> requests.Response:
        url = f"{endpoint}{CONTROL}/{path}"
        return requests.post(url, data=json.dumps(document), headers=headers, timeout=10)

    rule = {"operation": "ClaimPhoneNumber", "error": "ThrottlingException", "times": 1}
    assert post("faults", rule).status_code == 201
    before = _state(endpoint)
    refused = post("config", {"seed": -1})
    assert (refused.status_code, refused.json()) == (
        400,
        {"Message": "seed must be at least 0, got -1"},
    )
    assert _state(endpoint) == before  # the rule is still there, the clock did not restart
    assert post("clock", {"advance": 60}).status_code == 200
    assert post("config", {"search_limit": 7}).json()["search_limit"] == 7


# --- 3. size and depth ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["faults", "config", "clock"])
@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, 400, "the body nests deeper than 16 levels"),
        (b"[" * 17 + b"]" * 17, 400, "the body nests deeper than 16 levels"),
        (b'{"x": "' + b"a" * (1 << 20) + b'"}', 413, "the limit is 1048576"),
        (b" " * ((1 << 20) + 1), 413, "the limit is 1048576"),  # /config took it as empty
        (b'{"advance": ' + b"9" * 5000 + b"}", 400, "a number has more than 4300 digits"),
        (b"\xff\xfe", 400, "the body is not JSON"),
    ],
)
def test_oversized_and_deep_bodies_are_refused(
    endpoint: str, path: str, body: bytes, status: int, message: str
) -> None:
    before = _state(endpoint)
    response = requests.post(f"{endpoint}{CONTROL}/{path}", data=body, timeout=30)
    assert response.status_code == status
    assert message in response.json()["Message"]
    assert _state(endpoint) == before


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("POST", "faults", b"", "the body is empty; expected a rule object or a list"),
        ("POST", "clock", b"", 'the body is empty; expected {"advance": seconds}'),
        ("POST", "clock", b'{"advance": 1, "by": 2}', 'expected {"advance": seconds}'),
        ("POST", "clock", b'{"advance": "60"}', 'advance must be a number, not "60"'),
        ("POST", "clock", b'{"advance": NaN}', "advance() takes a number of seconds, not NaN"),
        ("POST", "config", b"[1]", 'expected an object of options, e.g. {"seed": 1}'),
        ("POST", "config", b'{"fixtures": "/etc/passwd"}', "unknown option(s) 'fixtures'"),
        ("DELETE", "faults", b'{"operation": "X"}', "DELETE takes no body"),
        ("GET", "calls", b"x", "GET takes no body"),
    ],
)
def test_a_body_the_endpoint_cannot_use_is_a_400(
    endpoint: str, method: str, path: str, body: bytes, message: str
) -> None:
    before = _state(endpoint)
    response = requests.request(method, f"{endpoint}{CONTROL}/{path}", data=body, timeout=10)
    assert response.status_code == 400
    assert message in response.json()["Message"]
    assert _state(endpoint) == before


def test_post_config_keeps_time_so_deadlines_stay_right() -> None:
    with mock_connect() as cm:
        clock = cm.clock
        client = connect_client()
        instance_id, _ = create_instance(client)
        number = search_numbers(client, instance_id, MaxResults=1)[0]
        cm.clock.advance(timedelta(days=365))
        claimed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        client.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        before = cm.clock.now()
        requests.post(f"{IN_PROCESS}{CONTROL}/config", json={"search_limit": 50}, timeout=10)
        assert cm.clock is clock
        assert cm.clock.now() >= before
        cm.clock.advance(timedelta(days=180))  # the release cooldown, on the same clock
        assert search_numbers(client, instance_id, MaxResults=1) == [number]
        requests.post(f"{IN_PROCESS}{CONTROL}/config", json={"clock": "real"}, timeout=10)
        assert cm.clock.real
        assert cm.clock.now() >= before + timedelta(days=180)  # a new clock, the same time


# --- 5. the call log is bounded -------------------------------------------------------------------


def test_the_call_log_keeps_the_newest_calls_and_counts_the_dropped() -> None:
    with mock_connect(call_log_limit=3) as cm:
        client = connect_client()
        for _ in range(5):
            client.list_instances()
        assert len(cm.calls) == 3
        assert cm.calls.dropped == 2
        listed = requests.get(f"{IN_PROCESS}{CONTROL}/calls", timeout=10).json()
        assert (len(listed["calls"]), listed["dropped"]) == (3, 2)
        cm.calls.clear()
        assert (len(cm.calls), cm.calls.dropped) == (0, 0)
        client.list_instances()
        assert cm.calls.operations == ["ListInstances"]


def test_delete_calls_and_moto_reset_empty_the_log(endpoint: str) -> None:
    client = connect_client(endpoint=None if endpoint == IN_PROCESS else endpoint)
    client.list_instances()
    assert requests.get(f"{endpoint}{CONTROL}/calls", timeout=10).json()["calls"] != []
    cleared = requests.delete(f"{endpoint}{CONTROL}/calls", timeout=10)
    assert cleared.json() == {"calls": [], "dropped": 0}
    client.list_instances()
    requests.post(f"{endpoint}/moto-api/reset", timeout=10).raise_for_status()
    assert requests.get(f"{endpoint}{CONTROL}/calls", timeout=10).json() == {
        "calls": [],
        "dropped": 0,
    }


def test_the_default_limit_is_ten_thousand_and_every_entry_point_sets_it(
    connect_server: RemoteConnectMock,
) -> None:
    assert MockConfig().call_log_limit == 10_000
    assert connect_server.config["call_log_limit"] == 10_000
    connect_server.configure(call_log_limit=2)
    client = connect_client(endpoint=connect_server.endpoint)
    for _ in range(4):
        client.list_instances()
    assert (len(connect_server.calls), connect_server.dropped_calls) == (2, 2)
    connect_server.clear_calls()
    assert (connect_server.calls, connect_server.dropped_calls) == ([], 0)


def test_a_lower_limit_over_http_holds_at_once(endpoint: str) -> None:
    client = connect_client(endpoint=None if endpoint == IN_PROCESS else endpoint)
    for _ in range(5):
        client.list_instances()
    requests.post(f"{endpoint}{CONTROL}/config", json={"call_log_limit": 2}, timeout=10)
    listed = requests.get(f"{endpoint}{CONTROL}/calls", timeout=10).json()
    assert (len(listed["calls"]), listed["dropped"]) == (2, 3)


@pytest.mark.connect_mock(call_log_limit=1)
def test_the_marker_sets_the_call_log_limit(connect_mock_controller: Any) -> None:
    connect_client().list_instances()
    connect_client().list_instances()
    assert (len(connect_mock_controller.calls), connect_mock_controller.calls.dropped) == (1, 1)


# --- 6. a real clock ------------------------------------------------------------------------------


def test_a_real_clock_refills_throttling_buckets_in_wall_time(wall_time: WallTime) -> None:
    with mock_connect(clock="real") as cm:
        client = connect_client(attempts=1)
        cm.faults.throttle(rate=20, burst=1, operation="ListInstances")
        client.list_instances()
        with pytest.raises(client.exceptions.ThrottlingException):
            client.list_instances()  # no wall time has passed: the bucket is empty
        wall_time.advance(0.1)  # 20 tokens a second: two are back, and the burst keeps one
        client.list_instances()
        with pytest.raises(client.exceptions.ThrottlingException):
            client.list_instances()
        before = cm.clock.now()
        cm.clock.advance(3600)  # still advanceable
        assert cm.clock.now() - before == timedelta(hours=1)


def test_a_virtual_clock_stays_put(endpoint: str, wall_time: WallTime) -> None:
    """An hour of the wall time a real clock follows passes, and the real time between the two
    reads (the answer carries microseconds): the virtual clock shows neither."""
    first = requests.get(f"{endpoint}{CONTROL}/clock", timeout=10).json()["now"]
    wall_time.advance(3600)
    assert requests.get(f"{endpoint}{CONTROL}/clock", timeout=10).json()["now"] == first


def test_clock_is_an_option_everywhere(
    connect_server: RemoteConnectMock, wall_time: WallTime
) -> None:
    assert connect_server.config["clock"] == "virtual"
    assert connect_server.configure(clock="real")["clock"] == "real"
    first = connect_server.clock.now()
    wall_time.advance(1.5)
    later = connect_server.clock.now()
    assert datetime.fromisoformat(later) - datetime.fromisoformat(first) == timedelta(seconds=1.5)
    with pytest.raises(RemoteError, match="clock must be 'virtual' or 'real', got 'wall'"):
        connect_server.configure(clock="wall")
    with pytest.raises(ValueError, match="clock must be 'virtual' or 'real', got 'wall'"):
        mock_connect(clock="wall")
    with pytest.raises(TypeError, match="clock must be 'virtual' or 'real', not bool"):
        mock_connect(clock=True)  # type: ignore[call-overload]


# --- 7. one configuration, the same everywhere ----------------------------------------------------


def test_serve_has_a_flag_for_every_option_a_server_can_use() -> None:
    flags = set(vars(build_parser().parse_args(["serve"])))
    # assert_all_faults_fired checks a test's rules when it ends; a server has no such end.
    assert set(OPTIONS) - {"assert_all_faults_fired"} <= flags


@pytest.mark.parametrize(
    "options",
    [
        {"seed": True},
        {"seed": 1.5},
        {"seed": 2**63},
        {"search_limit": 0},
        {"phone_number_quota": -1},
        {"call_log_limit": "10"},
        {"clock": None},
    ],
)
def test_config_over_http_refuses_what_mock_connect_refuses(
    connect_server: RemoteConnectMock, options: dict[str, Any]
) -> None:
    with pytest.raises((TypeError, ValueError)) as local:
        mock_connect(**options)
    before = connect_server.config
    with pytest.raises(RemoteError) as remote:
        connect_server.configure(**options)
    assert str(remote.value) == str(local.value)
    assert connect_server.config == before


def test_serve_takes_several_fault_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(
        json.dumps({"operation": "ListInstances", "error": "InternalServiceException"})
    )
    second.write_text(json.dumps([{"throttle": {"rate": 1, "burst": 2}}]))
    args = build_parser().parse_args(["serve", "--faults", str(first), "--faults", str(second)])
    assert args.faults == [str(first), str(second)]
    with mock_connect(faults=args.faults) as cm:  # what serve configures with
        assert [type(rule).__name__ for rule in cm.faults] == ["FaultRule", "ThrottleRule"]


def test_serve_names_a_host_it_cannot_bind(capsys: pytest.CaptureFixture[str]) -> None:
    default = runtime.get_default()
    with pytest.raises(SystemExit) as exited:  # a usage error, in argparse's form
        main(["serve", "--host", "256.1.1.1", "--port", "0"])
    assert exited.value.code == 2
    assert "connect-mock serve: error: argument --host: cannot resolve '256.1.1.1': " in (
        capsys.readouterr().err
    )
    assert runtime.get_default() is default  # nothing configured


def test_serve_off_the_main_thread_still_names_a_host_it_cannot_bind(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only the main thread can install signal handlers: serve() on another thread (some
    pytest-xdist releases run tests on one) skips them and still reports a usage error."""
    exits: list[object] = []

    def run() -> None:
        try:
            main(["serve", "--host", "256.1.1.1", "--port", "0"])
        except SystemExit as exited:
            exits.append(exited.code)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert exits == [2]
    assert "connect-mock serve: error: argument --host: cannot resolve '256.1.1.1': " in (
        capsys.readouterr().err
    )


def test_serve_takes_every_option_as_a_flag(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable, "-m", "connect_mock", "serve", "--port", "0",
            "--seed", "3", "--search-limit", "7", "--phone-number-quota", "2",
            "--call-log-limit", "4", "--clock", "real",
            "--fixtures", str(FIXTURES / "seattle_did.json"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        endpoint = process.stdout.readline().rsplit(" ", 1)[-1].strip()
        config = RemoteConnectMock(endpoint).config
        assert {key: config[key] for key in ("seed", "search_limit", "phone_number_quota")} == {
            "seed": 3,
            "search_limit": 7,
            "phone_number_quota": 2,
        }
        assert (config["call_log_limit"], config["clock"]) == (4, "real")
    finally:
        process.terminate()
        process.communicate(timeout=30)


@pytest.mark.connect_mock(fixtures=[FIXTURES / "seattle_did.json"], seed=5)
def test_the_server_fixture_takes_fixtures_from_the_marker(
    connect_server: RemoteConnectMock,
) -> None:
    client = connect_client(endpoint=connect_server.endpoint)
    instance_id, _ = create_instance(client)
    fixture = json.loads((FIXTURES / "seattle_did.json").read_text())
    first = search_numbers(client, instance_id, PhoneNumberPrefix="+1206", MaxResults=1)[0]
    assert first in json.dumps(fixture)
    assert connect_server.seed == 5


# --- 8. POST /config configures the mock in force -------------------------------------------------


def test_post_config_reconfigures_the_active_mock_and_leaks_nowhere() -> None:
    default = runtime.get_default()
    with mock_connect(seed=1) as cm:
        rule = cm.faults.add("ClaimPhoneNumber", "ThrottlingException")
        answer = requests.post(f"{IN_PROCESS}{CONTROL}/config", json={"seed": 9}, timeout=10)
        assert answer.json()["seed"] == 9
        assert cm.seed == 9
        assert cm.config.seed == 9
        assert rule not in list(cm.faults)  # a fresh start: added rules are dropped
        client = connect_client()
        instance_id, _ = create_instance(client)
        assert search_numbers(client, instance_id) == expected_numbers(9, 10)
    assert runtime.get_default() is default
    with mock_connect() as later:
        assert later.seed == 0


def test_post_config_under_plain_mock_aws_lasts_until_moto_resets() -> None:
    with mock_aws():
        answer = requests.post(f"{IN_PROCESS}{CONTROL}/config", json={"seed": 9}, timeout=10)
        assert answer.json()["seed"] == 9
        client = connect_client()
        instance_id, _ = create_instance(client)
        assert search_numbers(client, instance_id) == expected_numbers(9, 10)
    with mock_aws():  # the next test's mock_aws
        assert requests.get(f"{IN_PROCESS}{CONTROL}/config", timeout=10).json()["seed"] == 0
        client = connect_client()
        instance_id, _ = create_instance(client)
        assert search_numbers(client, instance_id) == expected_numbers(0, 10)


def test_the_config_endpoint_reports_the_active_mock(endpoint: str) -> None:
    config = requests.get(f"{endpoint}{CONTROL}/config", timeout=10).json()
    assert set(config) == {
        "seed",
        "search_limit",
        "phone_number_quota",
        "call_log_limit",
        "clock",
        "claim_release_limit",
        "now",
    }
    if endpoint == IN_PROCESS:
        with mock_connect(seed=4, search_limit=3):
            inner = requests.get(f"{endpoint}{CONTROL}/config", timeout=10).json()
            assert (inner["seed"], inner["search_limit"]) == (4, 3)


# --- JSON 404 under the control prefix --------------------------------------------------------


UNKNOWN_CONTROL_PATHS = ["nope", "faults/extra", "", "a/b/c"]
ENDPOINTS_MESSAGE = (
    "no such control endpoint; connect_mock's are /moto-api/connect-mock/faults, "
    "/moto-api/connect-mock/calls, /moto-api/connect-mock/config, /moto-api/connect-mock/clock, "
    "/moto-api/connect-mock/source-numbers"
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
