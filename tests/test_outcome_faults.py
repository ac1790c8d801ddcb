"""Outcome faults: an asynchronous operation (ClaimPhoneNumber, ImportPhoneNumber,
UpdatePhoneNumber, UpdatePhoneNumberMetadata) answers as usual, then its resource ends FAILED
with the rule's message, with the consequences a failed claim has (held a day for a retry, no
quota used)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from connect_mock import RemoteConnectMock, mock_connect
from connect_mock.faults import OUTCOME_OPERATIONS

from .helpers import client_error, connect_client, create_instance, search_numbers

CARRIER = "The carrier rejected the number"
DAY = 24 * 3600


def _status(client: Any, claim_id: str) -> dict[str, str]:
    summary = client.describe_phone_number(PhoneNumberId=claim_id)["ClaimedPhoneNumberSummary"]
    return dict(summary["PhoneNumberStatus"])


def _claim(client: Any, instance_id: str, number: str) -> str:
    return str(
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)["PhoneNumberId"]
    )


def test_a_claim_answers_then_fails_and_holds_its_number_for_a_day() -> None:
    with mock_connect(phone_number_quota=1) as cm:
        client = connect_client()
        other = connect_client(account="111111111111")
        instance_id, _ = create_instance(client)
        other_instance, _ = create_instance(other)
        first, second = search_numbers(client, instance_id, MaxResults=2)
        rule = cm.faults.add("ClaimPhoneNumber", outcome="FAILED", message=CARRIER, times=1)
        failed = _claim(client, instance_id, first)  # answered 200, with an id
        assert cm.calls.filter("ClaimPhoneNumber")[-1].status == 200
        assert _status(client, failed) == {"Status": "FAILED", "Message": CARRIER}
        assert rule.fired == 1
        assert cm.faults.unfired() == []
        # Held for its owner: no one else may claim it, no search offers it.
        with pytest.raises(other.exceptions.InvalidParameterException) as taken:
            _claim(other, other_instance, first)
        assert client_error(taken)[2] == f"Phone number not available: {first}"
        assert first not in search_numbers(client, instance_id, MaxResults=5)
        # It used none of the quota (1): another number is claimed.
        assert _status(client, _claim(client, instance_id, second)) == {"Status": "CLAIMED"}
        # After its day the number is back in the inventory and the failed claim is gone.
        cm.clock.advance(DAY)
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.describe_phone_number(PhoneNumberId=failed)
        assert _status(other, _claim(other, other_instance, first)) == {"Status": "CLAIMED"}


def test_a_failed_claim_may_be_retried_within_its_day() -> None:
    with mock_connect() as cm:
        client = connect_client()
        instance_id, _ = create_instance(client)
        (number,) = search_numbers(client, instance_id, MaxResults=1)
        cm.faults.add("ClaimPhoneNumber", outcome="FAILED", times=1)
        failed = _claim(client, instance_id, number)
        assert _status(client, failed) == {
            "Status": "FAILED",
            "Message": "ClaimPhoneNumber FAILED (injected by connect_mock)",
        }
        cm.clock.advance(DAY - 1)
        assert _claim(client, instance_id, number) == failed  # the same claim, retried
        assert _status(client, failed) == {"Status": "CLAIMED"}


def test_an_import_answers_then_fails_and_may_be_retried_within_its_day() -> None:
    with mock_connect(phone_number_quota=1) as cm:
        client = connect_client()
        instance_id, _ = create_instance(client)
        source = cm.source_numbers.add("+18005550100")
        rule = cm.faults.add("ImportPhoneNumber", outcome="FAILED", message=CARRIER, times=1)
        failed = client.import_phone_number(
            InstanceId=instance_id, SourcePhoneNumberArn=source.arn
        )["PhoneNumberId"]
        assert cm.calls.filter("ImportPhoneNumber")[-1].status == 200
        assert _status(client, failed) == {"Status": "FAILED", "Message": CARRIER}
        assert rule.fired == 1
        retried = client.import_phone_number(
            InstanceId=instance_id, SourcePhoneNumberArn=source.arn
        )
        assert retried["PhoneNumberId"] == failed  # the same claim, retried
        assert _status(client, failed) == {"Status": "CLAIMED"}


def test_a_failed_update_leaves_the_number_where_it_was() -> None:
    with mock_connect() as cm:
        client = connect_client()
        instance_id, instance_arn = create_instance(client, "a")
        _, second_arn = create_instance(client, "b")
        (number,) = search_numbers(client, instance_id, MaxResults=1)
        claim_id = _claim(client, instance_id, number)
        cm.faults.add("UpdatePhoneNumber", outcome="FAILED", message=CARRIER)
        answer = client.update_phone_number(PhoneNumberId=claim_id, TargetArn=second_arn)
        assert answer["PhoneNumberId"] == claim_id
        summary = client.describe_phone_number(PhoneNumberId=claim_id)["ClaimedPhoneNumberSummary"]
        assert summary["PhoneNumberStatus"] == {"Status": "FAILED", "Message": CARRIER}
        assert summary["TargetArn"] == instance_arn
        # Still claimed: it can be released (or updated again).
        client.release_phone_number(PhoneNumberId=claim_id)


def test_a_failed_metadata_update_keeps_the_old_description() -> None:
    with mock_connect() as cm:
        client = connect_client()
        instance_id, _ = create_instance(client)
        (number,) = search_numbers(client, instance_id, MaxResults=1)
        claim_id = client.claim_phone_number(
            InstanceId=instance_id, PhoneNumber=number, PhoneNumberDescription="old"
        )["PhoneNumberId"]
        cm.faults.add("UpdatePhoneNumberMetadata", outcome="FAILED", message=CARRIER, times=1)
        client.update_phone_number_metadata(PhoneNumberId=claim_id, PhoneNumberDescription="new")
        summary = client.describe_phone_number(PhoneNumberId=claim_id)["ClaimedPhoneNumberSummary"]
        assert summary["PhoneNumberStatus"] == {"Status": "FAILED", "Message": CARRIER}
        assert summary["PhoneNumberDescription"] == "old"
        client.update_phone_number_metadata(PhoneNumberId=claim_id, PhoneNumberDescription="new")
        assert _status(client, claim_id) == {"Status": "CLAIMED"}


def test_after_times_and_a_refused_call_that_does_not_spend_the_rule() -> None:
    with mock_connect() as cm:
        client = connect_client(attempts=1)
        instance_id, _ = create_instance(client)
        numbers = search_numbers(client, instance_id, MaxResults=3)
        rule = cm.faults.add("ClaimPhoneNumber", outcome="FAILED", after=1, times=1)
        with pytest.raises(client.exceptions.InvalidParameterException):
            _claim(client, instance_id, "+10000000000")  # in no inventory: matched, let through
        # Refused for its own reason: the outcome never applied, and the rule is not spent.
        with pytest.raises(client.exceptions.InvalidParameterException):
            _claim(client, instance_id, "+10000000001")
        assert (rule.matched, rule.fired) == (2, 0)
        assert cm.faults.unfired() == [rule]
        statuses = [_status(client, _claim(client, instance_id, n))["Status"] for n in numbers]
        assert statuses == ["FAILED", "CLAIMED", "CLAIMED"]
        assert cm.faults.unfired() == []


def test_probability_draws_the_same_claims_for_the_same_seed() -> None:
    def outcomes(seed: int) -> list[str]:
        with mock_connect(seed=seed) as cm:
            client = connect_client()
            instance_id, _ = create_instance(client)
            cm.faults.add("ClaimPhoneNumber", outcome="FAILED", probability=0.5)
            numbers = search_numbers(client, instance_id, MaxResults=10)
            return [_status(client, _claim(client, instance_id, n))["Status"] for n in numbers]

    first = outcomes(3)
    assert first == outcomes(3)
    assert set(first) == {"FAILED", "CLAIMED"}


@pytest.mark.parametrize(
    ("arguments", "kind", "message"),
    [
        (
            {"operation": "SearchAvailablePhoneNumbers", "outcome": "FAILED"},
            ValueError,
            "outcome='FAILED' applies to the asynchronous operations, ClaimPhoneNumber, "
            "ImportPhoneNumber, UpdatePhoneNumber, UpdatePhoneNumberMetadata: their resource "
            "shows how the call "
            "went; got SearchAvailablePhoneNumbers, which answers at once (use error=... to "
            "refuse a call)",
        ),
        (
            {"outcome": "FAILED"},
            ValueError,
            "outcome='FAILED' applies to the asynchronous operations, ClaimPhoneNumber, "
            "ImportPhoneNumber, UpdatePhoneNumber, UpdatePhoneNumberMetadata: their resource "
            "shows how the call "
            "went; got no operation (use error=... to refuse a call)",
        ),
        (
            {"operation": "ClaimPhoneNumber", "outcome": "failed"},
            ValueError,
            "outcome must be 'FAILED', got 'failed' (did you mean 'FAILED'?)",
        ),
        (
            {"operation": "ClaimPhoneNumber", "outcome": True},
            TypeError,
            "outcome must be a string, not bool",
        ),
        (
            {
                "operation": "ClaimPhoneNumber",
                "error": "ThrottlingException",
                "outcome": "FAILED",
            },
            ValueError,
            "a rule has an error (the call is refused) or an outcome (the call is accepted, "
            "then fails), not both; got error='ThrottlingException' and outcome='FAILED'",
        ),
    ],
)
def test_an_outcome_is_refused_where_it_cannot_apply(
    arguments: dict[str, Any], kind: type[Exception], message: str
) -> None:
    cm = mock_connect()
    with pytest.raises(kind) as refused:
        cm.faults.add(**arguments)
    assert str(refused.value) == message
    assert len(cm.faults) == 0


def test_the_asynchronous_operations_are_served() -> None:
    from connect_mock.core.operations import SERVED_OPERATIONS

    assert set(OUTCOME_OPERATIONS) <= set(SERVED_OPERATIONS)


def test_outcome_rules_in_a_fault_file_and_in_the_unfired_check(tmp_path: Path) -> None:
    rules = tmp_path / "faults.json"
    rules.write_text(
        json.dumps([{"operation": "ClaimPhoneNumber", "outcome": "FAILED", "times": 2}])
    )
    cm = mock_connect(faults=rules, assert_all_faults_fired=True)
    cm.start()
    client = connect_client()
    instance_id, _ = create_instance(client)
    (number,) = search_numbers(client, instance_id, MaxResults=1)
    assert _status(client, _claim(client, instance_id, number))["Status"] == "FAILED"
    with pytest.raises(AssertionError) as unfired:
        cm.stop()
    assert str(unfired.value).startswith(
        "fault rule(s) with times=N did not fire N times: ClaimPhoneNumber outcome FAILED "
        "fired 1 of 2 time(s)."
    )


def test_outcome_rules_over_http(connect_server: RemoteConnectMock) -> None:
    client = connect_client(endpoint=connect_server.endpoint)
    instance_id, _ = create_instance(client)
    (number,) = search_numbers(client, instance_id, MaxResults=1)
    added = connect_server.faults.add(
        "ClaimPhoneNumber", outcome="FAILED", message=CARRIER, times=1
    )
    assert (added["outcome"], added["fired"]) == ("FAILED", 0)
    assert _status(client, _claim(client, instance_id, number)) == {
        "Status": "FAILED",
        "Message": CARRIER,
    }
    (rule,) = connect_server.faults.list()
    assert (rule["outcome"], rule["fired"]) == ("FAILED", 1)
