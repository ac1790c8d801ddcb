"""Fault injection: declared errors on the wire, times/after/probability, matching, latency,
throttling on the virtual clock, rule files, strictness."""

from __future__ import annotations

import dataclasses
import json
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import botocore.exceptions
import pytest

from connect_mock import ConnectMock, RemoteConnectMock, RemoteError, mock_connect
from connect_mock.config import MockConfig
from connect_mock.control.endpoints import faults_endpoint
from connect_mock.faults import MAX_LATENCY, Faults, FaultSpec, ThrottleSpec, parse_rules
from connect_mock.plugin import ConnectInstance
from tests.helpers import connect_client, create_instance

FAULT_FILES = Path(__file__).resolve().parent.parent / "fixtures" / "faults"
SEARCH = "SearchAvailablePhoneNumbers"


def _outcome(call: Any) -> str:
    """'ok', or the error code the call raised."""
    try:
        call()
    except botocore.exceptions.ClientError as error:
        return str(error.response["Error"]["Code"])
    return "ok"


@pytest.fixture
def client(connect_instance: ConnectInstance) -> Any:
    return connect_client(attempts=1)


@pytest.fixture
def search(client: Any, connect_instance: ConnectInstance) -> Any:
    def run() -> Any:
        return client.search_available_phone_numbers(
            InstanceId=connect_instance.instance_id,
            PhoneNumberCountryCode="US",
            PhoneNumberType="DID",
            MaxResults=2,
        )

    return run


@pytest.mark.parametrize(
    ("error", "status", "message"),
    [
        ("InvalidParameterException", 400, "InvalidParameterException injected by connect_mock"),
        (
            "AccessDeniedException",
            403,
            "You do not have sufficient permissions to perform this action.",
        ),
        ("ThrottlingException", 429, "Rate exceeded"),
        (
            "InternalServiceException",
            500,
            "Request processing failed because of an error or failure with the service.",
        ),
    ],
)
def test_each_declared_error_comes_back_as_its_modelled_class(
    connect_mock_controller: ConnectMock,
    client: Any,
    search: Any,
    error: str,
    status: int,
    message: str,
) -> None:
    connect_mock_controller.faults.add(SEARCH, error)
    with pytest.raises(getattr(client.exceptions, error)) as excinfo:
        search()
    response = excinfo.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == error
    assert len(response["ResponseMetadata"]["RequestId"]) == 36
    assert response["Error"] == {"Code": error, "Message": message}


def test_a_custom_message(connect_mock_controller: ConnectMock, search: Any) -> None:
    connect_mock_controller.faults.add(SEARCH, "InternalServiceException", message="boom")
    with pytest.raises(botocore.exceptions.ClientError, match="boom"):
        search()


def test_times_limits_a_rule(connect_mock_controller: ConnectMock, search: Any) -> None:
    rule = connect_mock_controller.faults.add(SEARCH, "ThrottlingException", times=2)
    assert [_outcome(search) for _ in range(4)] == [
        "ThrottlingException",
        "ThrottlingException",
        "ok",
        "ok",
    ]
    assert rule.fired == 2


def test_after_lets_the_first_calls_through(
    connect_mock_controller: ConnectMock, search: Any
) -> None:
    connect_mock_controller.faults.add(SEARCH, "InternalServiceException", after=2, times=1)
    assert [_outcome(search) for _ in range(4)] == ["ok", "ok", "InternalServiceException", "ok"]


def _pattern(seed: int) -> list[str]:
    with mock_connect(seed=seed) as cm:
        client = connect_client(attempts=1)
        instance_id, _ = create_instance(client, "faults")
        cm.faults.add(SEARCH, "InternalServiceException", probability=0.5)
        return [
            _outcome(
                lambda: client.search_available_phone_numbers(
                    InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID"
                )
            )
            for _ in range(30)
        ]


def test_probability_is_seeded_by_the_mock() -> None:
    first = _pattern(seed=3)
    assert first == _pattern(seed=3)
    assert 5 < first.count("InternalServiceException") < 25
    assert _pattern(seed=4) != first


def test_a_rule_matches_only_its_operation(
    connect_mock_controller: ConnectMock, client: Any
) -> None:
    connect_mock_controller.faults.add("ListInstances", "InternalServiceException")
    assert _outcome(client.list_instances) == "InternalServiceException"
    instance_id, _ = create_instance(client, "faults")
    assert (
        _outcome(
            lambda: client.search_available_phone_numbers(
                InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID"
            )
        )
        == "ok"
    )


def test_no_operation_means_every_connect_operation_including_motos(
    connect_mock_controller: ConnectMock,
) -> None:
    client = connect_client(attempts=1)
    connect_mock_controller.faults.add(error="InternalServiceException", times=2)
    assert _outcome(client.list_instances) == "InternalServiceException"
    assert _outcome(lambda: create_instance(client, "faults")) == "InternalServiceException"
    assert _outcome(client.list_instances) == "ok"


def test_no_operation_with_an_error_matches_the_operations_declaring_it(
    connect_mock_controller: ConnectMock,
) -> None:
    client = connect_client(attempts=1)
    connect_mock_controller.faults.add(error="ThrottlingException")
    # ListInstances' model declares no ThrottlingException: it is left alone.
    assert _outcome(client.list_instances) == "ok"
    assert _outcome(lambda: create_instance(client, "faults")) == "ThrottlingException"


def test_a_rule_matches_only_its_region(connect_mock_controller: ConnectMock) -> None:
    connect_mock_controller.faults.add(
        "ListInstances", "InternalServiceException", region="us-west-2"
    )
    assert _outcome(connect_client("us-east-1", attempts=1).list_instances) == "ok"
    assert (
        _outcome(connect_client("us-west-2", attempts=1).list_instances)
        == "InternalServiceException"
    )


def test_a_rule_matches_only_its_account(
    connect_mock_controller: ConnectMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect_mock_controller.faults.add(
        "ListInstances", "InvalidRequestException", account="111111111111"
    )
    assert _outcome(connect_client(attempts=1).list_instances) == "ok"
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111111111111")
    assert _outcome(connect_client(attempts=1).list_instances) == "InvalidRequestException"


def test_rules_are_checked_in_order_first_match_wins(
    connect_mock_controller: ConnectMock, search: Any
) -> None:
    connect_mock_controller.faults.add(SEARCH, "ThrottlingException", times=1)
    connect_mock_controller.faults.add(error="InternalServiceException", times=1)
    assert [_outcome(search) for _ in range(3)] == [
        "ThrottlingException",
        "InternalServiceException",
        "ok",
    ]


def test_latency_delays_the_answer(connect_mock_controller: ConnectMock, search: Any) -> None:
    connect_mock_controller.faults.add(SEARCH, latency=0.3, times=1)
    start = time.perf_counter()
    assert len(search()["AvailableNumbersList"]) == 2
    assert time.perf_counter() - start >= 0.3


def test_latency_before_an_error(connect_mock_controller: ConnectMock, search: Any) -> None:
    connect_mock_controller.faults.add(SEARCH, "InternalServiceException", latency=0.2)
    start = time.perf_counter()
    assert _outcome(search) == "InternalServiceException"
    assert time.perf_counter() - start >= 0.2


def test_remove_and_clear(connect_mock_controller: ConnectMock, search: Any) -> None:
    rule = connect_mock_controller.faults.add(SEARCH, "ThrottlingException")
    assert _outcome(search) == "ThrottlingException"
    rule.remove()
    assert _outcome(search) == "ok"
    connect_mock_controller.faults.add(SEARCH, "ThrottlingException")
    connect_mock_controller.faults.throttle()
    assert len(connect_mock_controller.faults) == 2
    connect_mock_controller.faults.clear()
    assert len(connect_mock_controller.faults) == 0
    assert _outcome(search) == "ok"


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (
            (SEARCH, "ResourceNotFoundException"),
            {},
            ValueError,
            "'ResourceNotFoundException' is not an error the model declares for "
            "SearchAvailablePhoneNumbers; allowed: AccessDeniedException, "
            "InternalServiceException, InvalidParameterException, ThrottlingException",
        ),
        (("SearchPhoneNumbers", "ThrottlingException"), {}, ValueError, "unknown operation"),
        ((SEARCH,), {}, ValueError, "a fault rule needs an error, an outcome or a latency"),
        ((SEARCH, "ThrottlingException"), {"times": 0}, ValueError, "times must be at least 1"),
        ((SEARCH, "ThrottlingException"), {"after": -1}, ValueError, "after must be at least 0"),
        ((SEARCH, "ThrottlingException"), {"times": "2"}, TypeError, "times must be an int"),
        (
            (SEARCH, "ThrottlingException"),
            {"probability": 1.5},
            ValueError,
            "probability must be between 0 and 1",
        ),
        (
            (SEARCH,),
            {"latency": -1},
            ValueError,
            "latency must be a number of seconds from 0 to 300",
        ),
        ((SEARCH,), {"latency": 1e300}, ValueError, "latency must be a number of seconds from 0"),
        (
            (SEARCH, "ThrottlingException"),
            {"times": 10**5000},
            ValueError,
            "times must be at most 9223372036854775807",
        ),
        ((SEARCH,), {"latency": "1"}, TypeError, "latency must be seconds"),
    ],
)
def test_bad_rules_are_refused_with_what_is_allowed(
    connect_mock_controller: ConnectMock,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    error: type,
    message: str,
) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(")):
        connect_mock_controller.faults.add(*args, **kwargs)


def test_an_error_for_every_operation_must_be_declared_by_one(
    connect_mock_controller: ConnectMock,
) -> None:
    with pytest.raises(
        ValueError, match="'NoSuchThing' is not an error the model declares for any"
    ):
        connect_mock_controller.faults.add(error="NoSuchThing")


# --- throttling on the virtual clock ------------------------------------------------------


def test_throttle_models_connects_default_quota(
    connect_mock_controller: ConnectMock, search: Any
) -> None:
    connect_mock_controller.faults.throttle()  # 2 requests/s, burst 5
    assert [_outcome(search) for _ in range(6)] == ["ok"] * 5 + ["ThrottlingException"]
    connect_mock_controller.clock.advance(1.5)  # 3 tokens
    assert [_outcome(search) for _ in range(4)] == ["ok"] * 3 + ["ThrottlingException"]
    connect_mock_controller.clock.advance(timedelta(seconds=0.5))  # 1 token
    assert [_outcome(search) for _ in range(2)] == ["ok", "ThrottlingException"]


def test_throttle_buckets_are_per_operation_and_region(
    connect_mock_controller: ConnectMock, search: Any, client: Any
) -> None:
    connect_mock_controller.faults.throttle(rate=1, burst=2)
    assert [_outcome(search) for _ in range(3)] == ["ok", "ok", "ThrottlingException"]
    assert _outcome(client.list_instances) == "ok"
    west = connect_client("us-west-2", attempts=1)
    assert [_outcome(west.list_instances) for _ in range(3)] == ["ok", "ok", "ThrottlingException"]


def test_throttle_of_one_operation(connect_mock_controller: ConnectMock, client: Any) -> None:
    connect_mock_controller.faults.throttle(rate=1, burst=1, operation="ListInstances")
    assert [_outcome(client.list_instances) for _ in range(2)] == ["ok", "ThrottlingException"]
    assert _outcome(lambda: create_instance(client, "faults")) == "ok"


def test_a_retry_loop_can_be_tested_without_sleeping(
    connect_mock_controller: ConnectMock, search: Any
) -> None:
    connect_mock_controller.faults.throttle(rate=2, burst=1)

    def search_with_backoff() -> int:
        attempts = 0
        while True:
            attempts += 1
            if _outcome(search) == "ok":
                return attempts
            connect_mock_controller.clock.advance(0.25)  # the code under test would sleep here

    assert [search_with_backoff() for _ in range(3)] == [1, 3, 3]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"rate": 0}, ValueError, "rate must be a positive number"),
        ({"burst": 0}, ValueError, "burst must be at least 1"),
        ({"burst": 1.5}, TypeError, "burst must be an int"),
        ({"burst": 2**64}, ValueError, "burst must be at most 9223372036854775807"),
        ({"operation": "Nope"}, ValueError, "unknown operation 'Nope'; the mock answers: "),
    ],
)
def test_bad_throttles_are_refused(
    connect_mock_controller: ConnectMock, kwargs: dict[str, Any], error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        connect_mock_controller.faults.throttle(**kwargs)


def test_the_clock_moves_only_forward(connect_mock_controller: ConnectMock) -> None:
    before = connect_mock_controller.clock.now()
    connect_mock_controller.clock.advance(timedelta(days=1))
    assert connect_mock_controller.clock.now() - before == timedelta(days=1)
    with pytest.raises(ValueError, match="only moves forward"):
        connect_mock_controller.clock.advance(-1)
    with pytest.raises(TypeError, match="takes seconds"):
        connect_mock_controller.clock.advance("1")  # type: ignore[arg-type]


# --- configuration ---------------------------------------------------------------------------


def test_rules_from_the_constructor_and_a_file() -> None:
    with mock_connect(faults=FAULT_FILES / "flaky_search.json", seed=1) as cm:
        client = connect_client(attempts=1)
        instance_id, _ = create_instance(client, "faults")

        def search() -> Any:
            return client.search_available_phone_numbers(
                InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID"
            )

        outcomes = [_outcome(search) for _ in range(40)]
        assert outcomes[:2] == ["ThrottlingException"] * 2
        assert outcomes[2:7] == ["ok"] * 5
        assert 0 < outcomes.count("InternalServiceException") < 30
        assert len(cm.faults) == 2


def test_a_throttle_from_a_file(connect_mock_controller: ConnectMock) -> None:
    with mock_connect(faults=str(FAULT_FILES / "connect_quota.json")):
        client = connect_client(attempts=1)
        assert [_outcome(client.list_instances) for _ in range(6)] == ["ok"] * 5 + [
            "ThrottlingException"
        ]


def test_a_throttle_without_options_is_connects_default_quota() -> None:
    """{"throttle": {}} is what Faults.throttle() makes: 2 requests/s, a burst of 5."""
    assert [spec.to_json() for spec in parse_rules({"throttle": {}})] == [
        {"throttle": {"rate": 2.0, "burst": 5, "operation": None}}
    ]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([{"operation": SEARCH, "eror": "ThrottlingException"}], r"\[0\]: unknown key\(s\) 'eror'"),
        ([{"error": "ThrottlingException"}, 7], r"\[1\]: expected a rule object"),
        ({"throttle": {"rate": 1, "bust": 2}}, r"\[0\]: unknown key\(s\) 'bust'"),
        ("no-such-file.json", "no-such-file.json: cannot read fault file"),
    ],
)
def test_bad_rule_sources_name_the_entry(rules: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mock_connect(faults=rules)


def test_unfired_rules_fail_the_stop_when_asked(connect_mock_controller: ConnectMock) -> None:
    cm = mock_connect(assert_all_faults_fired=True)
    cm.start()
    cm.faults.add(SEARCH, "ThrottlingException", times=2)
    with pytest.raises(AssertionError) as excinfo:
        cm.stop()
    assert str(excinfo.value) == (
        "fault rule(s) with times=N did not fire N times: SearchAvailablePhoneNumbers "
        "ThrottlingException fired 0 of 2 time(s). Pass assert_all_faults_fired=False to "
        "mock_connect (or the connect_mock marker) to turn this check off."
    )
    assert not cm.started


def test_unfired_rules_pass_by_default() -> None:
    with mock_connect() as cm:
        rule = cm.faults.add(SEARCH, "ThrottlingException", times=2)
        assert cm.faults.unfired() == [rule]  # what the strict check would report
    assert not cm.started  # stop() did not raise


def test_decorated_calls_get_fresh_rules() -> None:
    counts = []

    @mock_connect(
        faults=[{"operation": "ListInstances", "error": "InvalidRequestException", "times": 1}]
    )
    def run() -> None:
        client = connect_client(attempts=1)
        counts.append([_outcome(client.list_instances) for _ in range(2)])

    run()
    run()
    assert counts == [["InvalidRequestException", "ok"]] * 2


def test_rule_json_round_trip(connect_mock_controller: ConnectMock) -> None:
    rule = connect_mock_controller.faults.add(
        SEARCH, "ThrottlingException", times=3, region="eu-west-2"
    )
    data = rule.to_json()
    assert data == {
        "operation": SEARCH,
        "error": "ThrottlingException",
        "outcome": None,
        "times": 3,
        "after": 0,
        "probability": 1.0,
        "latency": 0.0,
        "message": None,
        "region": "eu-west-2",
        "account": None,
        "matched": 0,
        "fired": 0,
    }
    json.dumps(data)


# --- rules at their boundaries -------------------------------------------------------------

INTERNAL = "InternalServiceException"


def test_the_probability_draws_are_fixed_by_the_seed_and_the_rules_order() -> None:
    # The same seed fails the same calls on every machine and in every release: each rule
    # draws from its own generator, seeded by the mock's seed and the rule's place.
    with mock_connect(seed=3) as cm:
        client = connect_client(attempts=1)
        first = cm.faults.add("ListInstances", INTERNAL, probability=0.5)
        second = cm.faults.add("ListInstances", "InvalidRequestException", probability=0.5)
        outcomes = [_outcome(client.list_instances) for _ in range(16)]
    assert [outcome[:3] for outcome in outcomes] == [
        "ok", "Int", "Int", "Int", "Inv", "Int", "Int", "Int",
        "Int", "Int", "ok", "Int", "Int", "Int", "ok", "Int",
    ]  # fmt: skip
    # The second rule draws only for the calls the first let through.
    assert (first.matched, first.fired) == (16, 12)
    assert (second.matched, second.fired) == (4, 1)


def test_probability_zero_never_fires_and_one_always_does() -> None:
    with mock_connect() as cm:
        client = connect_client(attempts=1)
        never = cm.faults.add("ListInstances", INTERNAL, probability=0)
        assert [_outcome(client.list_instances) for _ in range(5)] == ["ok"] * 5
        assert (never.matched, never.fired) == (5, 0)
        never.remove()
        assert len(cm.faults) == 0
        always = cm.faults.add("ListInstances", INTERNAL, probability=1)
        assert [_outcome(client.list_instances) for _ in range(5)] == [INTERNAL] * 5
        assert (always.matched, always.fired) == (5, 5)


def test_after_and_times_count_only_the_matching_calls() -> None:
    with mock_connect() as cm:
        client = connect_client(attempts=1)
        rule = cm.faults.add("ListInstances", INTERNAL, after=1, times=2)
        outcomes = []
        for _ in range(5):
            outcomes.append(_outcome(client.list_instances))
            client.list_phone_numbers_v2()  # another operation: neither matched nor fired
        assert outcomes == ["ok", INTERNAL, INTERNAL, "ok", "ok"]
        assert (rule.matched, rule.fired) == (5, 2)
        assert cm.faults.unfired() == []


def test_the_unfired_rules_are_those_with_times_left() -> None:
    with mock_connect() as cm:
        client = connect_client(attempts=1)
        once = cm.faults.add("ListInstances", INTERNAL, times=1)
        twice = cm.faults.add("ListInstances", INTERNAL, times=2)
        cm.faults.add("ListInstances", INTERNAL, after=10)  # times=None: never "unfired"
        cm.faults.throttle()
        assert cm.faults.unfired() == [once, twice]
        assert _outcome(client.list_instances) == INTERNAL
        assert cm.faults.unfired() == [twice]
        assert _outcome(client.list_instances) == INTERNAL
        assert cm.faults.unfired() == [twice]
        assert _outcome(client.list_instances) == INTERNAL
        assert cm.faults.unfired() == []


def test_latency_sleeps_the_rules_seconds_and_a_throttle_never_sleeps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    with mock_connect() as cm:
        client = connect_client(attempts=1)
        cm.faults.throttle(rate=1, burst=1, operation="ListInstances")
        assert [_outcome(client.list_instances) for _ in range(2)] == ["ok", "ThrottlingException"]
        assert slept == []  # the throttle answers at once: its bucket is on the virtual clock
        cm.faults.clear()
        cm.faults.add("ListInstances", latency=MAX_LATENCY, times=1)
        assert _outcome(client.list_instances) == "ok"
        assert slept == [MAX_LATENCY]


def test_a_throttle_counts_the_calls_it_refused_per_account() -> None:
    with mock_connect() as cm:
        rule = cm.faults.throttle(rate=1, burst=2)
        client = connect_client(attempts=1)
        other = connect_client(attempts=1, account="111111111111")
        assert [_outcome(client.list_instances) for _ in range(3)] == [
            "ok",
            "ok",
            "ThrottlingException",
        ]
        # Another account has its own bucket.
        assert [_outcome(other.list_instances) for _ in range(3)] == [
            "ok",
            "ok",
            "ThrottlingException",
        ]
        assert rule.throttled == 2
        # One second refills one token, never more than the burst.
        cm.clock.advance(0.999)
        assert _outcome(client.list_instances) == "ThrottlingException"
        cm.clock.advance(0.001)
        assert _outcome(client.list_instances) == "ok"
        cm.clock.advance(3600)
        assert [_outcome(client.list_instances) for _ in range(3)] == [
            "ok",
            "ok",
            "ThrottlingException",
        ]
        assert rule.to_json() == {
            "throttle": {"rate": 1.0, "burst": 2, "operation": None},
            "throttled": 4,
        }
        rule.remove()
        assert len(cm.faults) == 0
        assert [_outcome(client.list_instances) for _ in range(3)] == ["ok"] * 3


def test_the_rules_in_order_and_as_load_takes_them() -> None:
    with mock_connect() as cm:
        rule = cm.faults.add(
            "ListInstances",
            latency=0.5,
            message="slow",
            region="us-west-2",
            account="111111111111",
        )
        throttle = cm.faults.throttle(rate=3, burst=4, operation="ListInstances")
        assert list(cm.faults) == [rule, throttle]
        # A rule shows its spec's fields; rules are told apart by identity (hashable, as keys).
        shown = (rule.operation, rule.error, rule.outcome, rule.times, rule.after)
        assert shown == ("ListInstances", None, None, None, 0)
        numbers = (rule.probability, rule.latency, rule.message, rule.region, rule.account)
        assert numbers == (1.0, 0.5, "slow", "us-west-2", "111111111111")
        assert (throttle.rate, throttle.burst, throttle.operation) == (3.0, 4, "ListInstances")
        twin = cm.faults.add("ListInstances", latency=0.5, account="111111111111")
        other = cm.faults.throttle(rate=3, burst=4, operation="ListInstances")
        assert twin != rule
        assert other != throttle
        assert len({rule, twin, throttle, other}) == 4
        twin.remove()
        other.remove()
        # What an assertion message shows of them: the spec and the counters.
        assert repr(rule) == (
            "FaultRule(spec=FaultSpec(operation='ListInstances', error=None, outcome=None, "
            "times=None, after=0, probability=1.0, latency=0.5, message='slow', "
            "region='us-west-2', account='111111111111'), matched=0, fired=0)"
        )
        assert repr(throttle) == (
            "ThrottleRule(spec=ThrottleSpec(rate=3.0, burst=4, operation='ListInstances'), "
            "throttled=0)"
        )
        specs = cm.faults.specs()
        assert tuple(spec.to_json() for spec in specs) == (
            {
                "operation": "ListInstances",
                "error": None,
                "outcome": None,
                "times": None,
                "after": 0,
                "probability": 1.0,
                "latency": 0.5,
                "message": "slow",
                "region": "us-west-2",
                "account": "111111111111",
            },
            {"throttle": {"rate": 3.0, "burst": 4, "operation": "ListInstances"}},
        )
        cm.faults.clear()
        assert cm.faults.load([spec.to_json() for spec in specs])[1].spec == specs[1]
        assert cm.faults.specs() == specs


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"times": True}, TypeError, "times must be an int, not bool"),
        ({"after": 1.0}, TypeError, "after must be an int, not float"),
        ({"times": 2**63}, ValueError, "times must be at most 9223372036854775807 (2**63 - 1)"),
        ({"after": 2**63}, ValueError, "after must be at most 9223372036854775807 (2**63 - 1)"),
        ({"probability": True}, TypeError, "probability must be a number, not bool"),
        ({"probability": "1"}, TypeError, "probability must be a number, not str"),
        ({"probability": -0.01}, ValueError, "probability must be between 0 and 1, got -0.01"),
        ({"probability": 1.01}, ValueError, "probability must be between 0 and 1, got 1.01"),
        ({"latency": True}, TypeError, "latency must be seconds (a number), not bool"),
        (
            {"latency": MAX_LATENCY + 0.5},
            ValueError,
            "latency must be a number of seconds from 0 to 300, got 300.5",
        ),
        (
            {"latency": float("nan")},
            ValueError,
            "latency must be a number of seconds from 0 to 300, got nan",
        ),
        # An int of 1,000 bits or more is named by its size, a smaller one written out.
        (
            {"latency": 2**999},
            ValueError,
            "latency must be a number of seconds from 0 to 300, got a 1000-bit int",
        ),
        (
            {"latency": 2**998},
            ValueError,
            f"latency must be a number of seconds from 0 to 300, got {2**998}",
        ),
        ({"after": None}, TypeError, "after must be an int, not NoneType"),
        ({"message": 5}, TypeError, "message must be a string, not int"),
        ({"region": 5}, TypeError, "region must be a string, not int"),
        ({"account": 1234}, TypeError, "account must be a string, not int"),
        (
            {"region": "us-east-3"},
            ValueError,
            "region 'us-east-3' has no Amazon Connect; Regions with Connect: af-south-1, ",
        ),
        (
            {"account": "12345678901"},
            ValueError,
            "account must be a 12-digit AWS account ID, got '12345678901'",
        ),
        (
            {"account": "12345678901a"},
            ValueError,
            "account must be a 12-digit AWS account ID, got '12345678901a'",
        ),
        (
            {"account": "1234567890123"},
            ValueError,
            "account must be a 12-digit AWS account ID, got '1234567890123'",
        ),
    ],
)
def test_each_rule_field_is_checked_exactly(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    cm = mock_connect()
    with pytest.raises(error) as refused:
        cm.faults.add("ListInstances", INTERNAL, **kwargs)
    assert str(refused.value).startswith(message)
    assert len(cm.faults) == 0


def test_the_limits_of_each_rule_field_are_accepted() -> None:
    cm = mock_connect()
    rule = cm.faults.add(
        "ListInstances",
        times=2**63 - 1,
        after=2**63 - 1,
        probability=0,
        latency=MAX_LATENCY,
        region="us-west-2",
        account="000000000000",
    )
    assert (rule.times, rule.after, rule.probability, rule.latency) == (
        2**63 - 1,
        2**63 - 1,
        0.0,
        300.0,
    )
    assert type(rule.probability) is float
    assert type(rule.latency) is float
    cm.faults.add("ListInstances", INTERNAL, times=1, after=0, probability=1)
    cm.faults.throttle(rate=0.001, burst=2**63 - 1)
    assert len(cm.faults) == 3


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"rate": True}, TypeError, "rate must be a number, not bool"),
        ({"rate": "2"}, TypeError, "rate must be a number, not str"),
        ({"rate": -1}, ValueError, "rate must be a positive number of requests per second, got -1"),
        (
            {"rate": float("inf")},
            ValueError,
            "rate must be a positive number of requests per second, got inf",
        ),
        ({"burst": True}, TypeError, "burst must be an int, not bool"),
        ({"burst": -3}, ValueError, "burst must be at least 1, got -3"),
        ({"operation": 5}, TypeError, "operation must be a string, not int"),
        ({"burst": None}, TypeError, "burst must be an int, not NoneType"),
    ],
)
def test_each_throttle_field_is_checked_exactly(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    cm = mock_connect()
    with pytest.raises(error) as refused:
        cm.faults.throttle(**kwargs)
    assert str(refused.value) == message
    assert len(cm.faults) == 0


def test_an_unknown_operation_is_named_with_the_nearest_and_the_answered_ones() -> None:
    cm = mock_connect()
    with pytest.raises(ValueError, match="unknown operation") as refused:
        cm.faults.add("ListInstancez", INTERNAL)
    text = str(refused.value)
    assert text.startswith(
        "unknown operation 'ListInstancez' (did you mean 'ListInstances' or 'DeleteInstance' or "
        "'ListInstanceAttributes'?); the mock answers: AssociateAnalyticsDataSet, "
    )
    assert ", ClaimPhoneNumber, " in text
    with pytest.raises(ValueError, match="is not an error") as refused:
        cm.faults.add(error="ThrottlingExceptio")
    assert str(refused.value).startswith(
        "'ThrottlingExceptio' is not an error the model declares for any operation the mock "
        "answers (did you mean 'ThrottlingException' or 'ResourceInUseException'?); declared: "
        "AccessDeniedException, "
    )


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("rules", "<fault rules>: expected a rule object or a list of rule objects"),
        (
            [{"throttle": {"rate": 1}, "operation": "ListInstances"}],
            '<fault rules>[0]: a throttle rule is {"throttle": {rate, burst, operation}}',
        ),
        (
            [{"throttle": [1, 2]}],
            '<fault rules>[0]: a throttle rule is {"throttle": {rate, burst, operation}}',
        ),
        (
            [{"error": INTERNAL}, {"error": INTERNAL, "times": 0}],
            "<fault rules>[1]: times must be at least 1, got 0",
        ),
        (
            {"operation": "ListInstances", "eror": INTERNAL, "tims": 1},
            "<fault rules>[0]: unknown key(s) 'eror', 'tims'; allowed: operation, error, "
            "outcome, times, after, probability, latency, message, region, account",
        ),
        (
            [{"throttle": {"rate": 1}}, {"throttle": {"rate": 1, "bust": 2}}],
            "<fault rules>[1]: unknown key(s) 'bust'; allowed: rate, burst, operation",
        ),
    ],
)
def test_loading_rules_is_all_or_nothing(document: Any, message: str) -> None:
    cm = mock_connect()
    cm.faults.add("ListInstances", INTERNAL)
    with pytest.raises(ValueError, match=r"^<fault rules>") as refused:
        cm.faults.load(document)
    assert str(refused.value) == message
    assert len(cm.faults) == 1  # the rules loaded before the bad one are taken back


# --- one parser for every way a rule comes in --------------------------------------------------


def _refusal(make: Any, kind: type[Exception] | tuple[type[Exception], ...] = Exception) -> str:
    """The message of what ``make()`` raises (of ``kind``)."""
    with pytest.raises(kind) as refused:
        make()
    return str(refused.value)


def test_a_spec_is_checked_frozen_and_hashable() -> None:
    spec = FaultSpec(SEARCH, "ThrottlingException", times=2, probability=1, latency=0)
    assert (spec.probability, spec.latency) == (1.0, 0.0)
    assert (type(spec.probability), type(spec.latency)) == (float, float)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.times = 3  # type: ignore[misc]
    same = FaultSpec(SEARCH, "ThrottlingException", times=2)
    assert spec == same
    assert len({spec, same}) == 1
    with pytest.raises(ValueError, match=r"^times must be at least 1, got 0$"):
        dataclasses.replace(spec, times=0)
    throttle = ThrottleSpec(rate=1, burst=2)
    assert (throttle.rate, type(throttle.rate)) == (1.0, float)
    with pytest.raises(dataclasses.FrozenInstanceError):
        throttle.burst = 0  # type: ignore[misc]
    # The JSON form parses back to the same spec.
    assert parse_rules([spec.to_json(), throttle.to_json()]) == (spec, throttle)
    assert throttle.to_json() == {"throttle": {"rate": 1.0, "burst": 2, "operation": None}}


BAD_RULES: list[tuple[dict[str, Any], type[Exception], str]] = [
    (
        {"operation": "SearchPhoneNumbers", "error": "ThrottlingException"},
        ValueError,
        "unknown operation 'SearchPhoneNumbers' (did you mean 'SearchAvailablePhoneNumbers'",
    ),
    (
        {"operation": SEARCH, "error": "ResourceNotFoundException"},
        ValueError,
        "'ResourceNotFoundException' is not an error the model declares for "
        "SearchAvailablePhoneNumbers; allowed: ",
    ),
    ({"operation": SEARCH}, ValueError, "a fault rule needs an error, an outcome or a latency"),
    (
        {"operation": SEARCH, "error": "ThrottlingException", "times": "2"},
        TypeError,
        "times must be an int, not str",
    ),
    (
        {"operation": SEARCH, "latency": -1},
        ValueError,
        "latency must be a number of seconds from 0 to 300, got -1",
    ),
    ({"operation": "ClaimPhoneNumber", "outcome": "FAIL"}, ValueError, "outcome must be 'FAILED'"),
    (
        {"error": "ThrottlingException", "account": "abc"},
        ValueError,
        "account must be a 12-digit AWS account ID, got 'abc'",
    ),
    # Values JSON can hold that no rule takes: refused as the others, never a crash.
    ({"operation": 5, "error": "ThrottlingException"}, TypeError, "operation must be a string"),
    ({"error": ["ThrottlingException"]}, TypeError, "error must be a string, not list"),
    (
        {"operation": SEARCH, "latency": 10**400},
        ValueError,
        "latency must be a number of seconds from 0 to 300, got a 1329-bit int",
    ),
    (
        {"error": "ThrottlingException", "probability": 10**1000},
        ValueError,
        "probability must be between 0 and 1, got a 3322-bit int",
    ),
    ({"throttle": {"rate": 0}}, ValueError, "rate must be a positive number"),
    (
        {"throttle": {"rate": 10**400}},
        ValueError,
        "rate must be a positive number of requests per second, got a 1329-bit int",
    ),
    ({"throttle": {"burst": 1.5}}, TypeError, "burst must be an int, not float"),
    ({"throttle": {"operation": "describe_instance"}}, ValueError, "unknown operation"),
]


@pytest.mark.parametrize(("rule", "kind", "start"), BAD_RULES)
def test_every_way_in_refuses_a_bad_rule_with_the_same_message(
    rule: dict[str, Any], kind: type[Exception], start: str, tmp_path: Path
) -> None:
    throttle = rule.get("throttle")
    if throttle is not None:
        message = _refusal(lambda: ThrottleSpec(**throttle), kind)
    else:
        message = _refusal(lambda: FaultSpec(**rule), kind)
    assert message.startswith(start)
    path = tmp_path / "faults.json"
    path.write_text(json.dumps([rule]))
    with mock_connect() as cm:
        kept = cm.faults.add(SEARCH, "ThrottlingException", times=1)
        if throttle is not None:
            assert _refusal(lambda: cm.faults.throttle(**throttle), kind) == message
        else:
            assert _refusal(lambda: cm.faults.add(**rule), kind) == message
        for source, name in (
            (rule, "<fault rules>"),
            ([rule], "<fault rules>"),
            (path, str(path)),
            ([str(path)], str(path)),
        ):
            configured = _refusal(lambda source=source: mock_connect(faults=source), ValueError)
            assert configured == f"{name}[0]: {message}"
        loaded = _refusal(lambda: cm.faults.load([rule]), ValueError)
        assert loaded == f"<fault rules>[0]: {message}"
        status, _, body = faults_endpoint("POST", json.dumps(rule).encode())
        assert (status, json.loads(body)) == (400, {"Message": f"<fault rules>[0]: {message}"})
        assert list(cm.faults) == [kept]  # nothing changed


def test_the_remote_controller_gets_the_same_refusal(connect_server: RemoteConnectMock) -> None:
    for rule, kind, _ in BAD_RULES[:3] + BAD_RULES[7:9]:
        message = _refusal(lambda rule=rule: FaultSpec(**rule), kind)
        with pytest.raises(RemoteError) as refused:
            connect_server.faults.add(**rule)
        assert (str(refused.value), refused.value.status) == (f"<fault rules>[0]: {message}", 400)
    with pytest.raises(RemoteError) as refused:
        connect_server.faults.throttle(rate=0)
    assert str(refused.value) == f"<fault rules>[0]: {_refusal(lambda: ThrottleSpec(rate=0))}"
    assert connect_server.faults.list() == []


def _decisions(faults: Faults) -> list[bool]:
    return [faults.decide(SEARCH, "123456789012", "us-east-1") is not None for _ in range(40)]


def test_a_refused_list_adds_nothing_and_shifts_no_draws() -> None:
    chance = {"operation": SEARCH, "error": "ThrottlingException", "probability": 0.5}
    with mock_connect(seed=3) as clean:
        clean.faults.load([chance])
        expected = _decisions(clean.faults)
    with mock_connect(seed=3) as cm:
        with pytest.raises(ValueError, match=r"^<fault rules>\[1\]: unknown key\(s\) 'tiems'"):
            cm.faults.load([chance, {"error": "ThrottlingException", "tiems": 1}])
        bad = [chance, {"throttle": {"rate": -1}}]
        status, _, _ = faults_endpoint("POST", json.dumps(bad).encode())
        assert status == 400
        assert list(cm.faults) == []
        # The rule that follows draws what it would have drawn without the refused ones.
        cm.faults.load([chance])
        assert _decisions(cm.faults) == expected
        assert 5 < expected.count(True) < 35


def test_specs_are_taken_as_they_are() -> None:
    spec = FaultSpec("ListInstances", "InternalServiceException", times=1)
    throttle = ThrottleSpec(rate=1, burst=1, operation="ListInstances")
    cm = mock_connect(faults=[spec, throttle])
    assert cm.config.fault_rules == (spec, throttle)
    assert cm.config.fault_rules[0] is spec
    assert [rule.spec for rule in cm.faults] == [spec, throttle]
    assert cm.faults.specs() == (spec, throttle)
    rule = cm.faults.add("ListInstances", "InternalServiceException", times=1)
    assert rule.spec == spec
    assert (rule.operation, rule.times, rule.fired) == ("ListInstances", 1, 0)
    # A mapping handed to MockConfig itself is parsed by the same parser.
    mapping = {"operation": "ListInstances", "error": "InternalServiceException", "times": 1}
    assert MockConfig(fault_rules=(mapping,)).fault_rules == (spec,)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^<fault rules>\[0\]: times must be at least 1"):
        MockConfig(fault_rules=({**mapping, "times": 0},))  # type: ignore[arg-type]


# --- close matches for misspelt names ---------------------------------------------------------


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
