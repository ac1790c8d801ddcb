"""cm.calls, IAM denial as the spec says, and the /moto-api/connect-mock/... control endpoints."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
import requests
from moto import mock_aws
from moto.core import set_initial_no_auth_action_count

from connect_mock import ConnectMock, mock_connect
from connect_mock.plugin import ConnectInstance
from tests.helpers import client_without_connect_rights, connect_client

SEARCH = "SearchAvailablePhoneNumbers"
MOTO_API = "http://motoapi.amazonaws.com/moto-api"
CONTROL = f"{MOTO_API}/connect-mock"


def test_calls_record_every_answered_request(
    connect_mock_controller: ConnectMock, connect_instance: ConnectInstance
) -> None:
    client = connect_instance.client
    client.search_available_phone_numbers(
        InstanceId=connect_instance.instance_id,
        PhoneNumberCountryCode="GB",
        PhoneNumberType="TOLL_FREE",
        MaxResults=2,
    )
    lax = connect_client("eu-west-2", lax=True)
    with pytest.raises(lax.exceptions.InvalidParameterException):
        lax.search_available_phone_numbers(
            InstanceId="nope", PhoneNumberCountryCode="GB", PhoneNumberType="DID", MaxResults=11
        )
    calls = connect_mock_controller.calls
    assert calls.operations == ["CreateInstance", SEARCH, SEARCH]
    create, ok, bad = calls
    assert (create.status, create.error, create.region) == (200, None, "us-east-1")
    assert create.params["InstanceAlias"] == "connect-mock-test"
    assert ok.params == {
        "InstanceId": connect_instance.instance_id,
        "PhoneNumberCountryCode": "GB",
        "PhoneNumberType": "TOLL_FREE",
        "MaxResults": 2,
    }
    assert (ok.account, ok.region, ok.status, ok.error) == (
        "123456789012",
        "us-east-1",
        200,
        None,
    )
    assert (bad.region, bad.status, bad.error) == ("eu-west-2", 400, "InvalidParameterException")
    assert bad.params["MaxResults"] == 11
    assert calls.filter(SEARCH, error=None) == [ok]
    assert calls.filter(error="InvalidParameterException") == [bad]
    assert calls.filter(region="eu-west-2") == [bad]
    assert calls.filter(status=400) == [bad]
    assert calls.filter(SEARCH, account="123456789012", status=200) == [ok]
    assert calls.filter(account="111111111111") == []
    assert calls[-1] is bad
    assert len(calls) == 3


def test_calls_record_the_request_as_sent_read_once(connect_mock_controller: ConnectMock) -> None:
    # The intercept reads each request once and hands it to the handler: the log gets the body's
    # members as sent (unknown ones too), the URI's labels and the query, whatever the answer.
    base = "https://connect.us-east-1.amazonaws.com"
    requests.post(
        f"{base}/phone-number/search-available",
        data=b'{"PhoneNumberCountryCode": "US", "Extra": [1]}',
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    requests.post(f"{base}/phone-number/search-available", data=b"[1, 2]", timeout=5)
    requests.get(f"{base}/phone-number/abc%2Fdef?unused=1&unused=2", timeout=5)
    missing, unreadable, describe = connect_mock_controller.calls
    assert (missing.params, missing.error) == (
        {"PhoneNumberCountryCode": "US", "Extra": [1]},
        "InvalidParameterException",
    )
    assert (unreadable.params, unreadable.error) == ({}, "SerializationException")
    assert describe.operation == "DescribePhoneNumber"
    assert (describe.params, describe.error) == (
        {"PhoneNumberId": "abc/def", "unused": "1"},
        "ResourceNotFoundException",
    )


def test_sdk_retries_are_separate_calls(connect_mock_controller: ConnectMock) -> None:
    client = connect_client(attempts=3)
    connect_mock_controller.faults.add("ListInstances", "InternalServiceException", times=2)
    client.list_instances()
    assert connect_mock_controller.calls.errors == [
        "InternalServiceException",
        "InternalServiceException",
        None,
    ]
    assert [c.status for c in connect_mock_controller.calls] == [500, 500, 200]


def test_each_mock_sees_its_own_calls() -> None:
    with mock_connect() as outer:
        connect_client().list_instances()
        with mock_connect() as inner:
            connect_client().list_instances()
            assert len(inner.calls) == 1
        assert len(outer.calls) == 2
    with mock_connect() as later:
        assert len(later.calls) == 0


def test_after_a_moto_reset_the_log_holds_the_calls_made_since() -> None:
    with mock_connect() as cm:
        client = connect_client(attempts=1)
        client.list_instances()
        requests.post(f"{MOTO_API}/reset", timeout=5).raise_for_status()
        assert (cm.calls.operations, cm.calls.dropped) == ([], 0)
        client.list_instances()
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.describe_instance(InstanceId="nope")
        assert cm.calls.operations == ["ListInstances", "DescribeInstance"]
        assert cm.calls.errors == [None, "ResourceNotFoundException"]
        assert cm.calls.dropped == 0


def test_the_log_shows_its_calls_in_its_repr() -> None:
    with mock_connect() as cm:
        assert repr(cm.calls) == "<CallLog []>"
        connect_client().list_instances()
        assert repr(cm.calls) == (
            "<CallLog [Call(operation='ListInstances', account='123456789012', "
            "region='us-east-1', params={}, status=200, error=None)]>"
        )


@set_initial_no_auth_action_count(3)
@mock_aws
def test_iam_denial_is_a_spec_access_denied() -> None:
    client = client_without_connect_rights()
    with pytest.raises(client.exceptions.AccessDeniedException) as excinfo:
        client.search_available_phone_numbers(
            InstanceId="x", PhoneNumberCountryCode="US", PhoneNumberType="DID"
        )
    response = excinfo.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == (
        "AccessDeniedException"
    )
    assert response["Error"]["Code"] == "AccessDeniedException"
    assert "connect:SearchAvailablePhoneNumbers" in response["Error"]["Message"]
    assert "nobody" in response["Error"]["Message"]


# --- HTTP control ----------------------------------------------------------------------------


def test_faults_over_http(
    connect_mock_controller: ConnectMock, connect_instance: ConnectInstance
) -> None:
    assert requests.get(f"{CONTROL}/faults", timeout=5).json() == {"rules": []}
    added = requests.post(
        f"{CONTROL}/faults",
        json=[
            {"operation": SEARCH, "error": "ThrottlingException", "times": 1},
            {"throttle": {"rate": 5, "burst": 10}},
        ],
        timeout=5,
    )
    assert added.status_code == 201
    assert [r.get("error") for r in added.json()["rules"]] == ["ThrottlingException", None]
    assert len(connect_mock_controller.faults) == 2
    client = connect_client(attempts=1)
    with pytest.raises(client.exceptions.ThrottlingException):
        client.search_available_phone_numbers(
            InstanceId=connect_instance.instance_id,
            PhoneNumberCountryCode="US",
            PhoneNumberType="DID",
        )
    listed = requests.get(f"{CONTROL}/faults", timeout=5).json()["rules"]
    assert listed[0]["fired"] == 1
    assert requests.delete(f"{CONTROL}/faults", timeout=5).json() == {"rules": []}
    assert len(connect_mock_controller.faults) == 0


@pytest.mark.usefixtures("connect_mock_controller")
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{nope", "body is not JSON"),
        (json.dumps({"error": "NoSuchError"}).encode(), "[0]: 'NoSuchError' is not an error"),
        (
            json.dumps([{"times": 1, "error": "ThrottlingException", "x": 1}]).encode(),
            "unknown key",
        ),
    ],
)
def test_bad_rules_over_http_are_400(body: bytes, message: str) -> None:
    response = requests.post(f"{CONTROL}/faults", data=body, timeout=5)
    assert response.status_code == 400
    assert message in response.json()["Message"]


def test_calls_over_http(connect_instance: ConnectInstance) -> None:
    connect_instance.client.list_instances()
    calls: list[dict[str, Any]] = requests.get(f"{CONTROL}/calls", timeout=5).json()["calls"]
    assert [c["operation"] for c in calls] == ["CreateInstance", "ListInstances"]
    assert set(calls[1]) == {"operation", "account", "region", "params", "status", "error"}


# --- close matches for names no call can have -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("claim_phone_number", "'ClaimPhoneNumber'?)"),
        ("claim-phone-number", "'ClaimPhoneNumber'?)"),
        ("claimphonenumber", "'ClaimPhoneNumber'?)"),
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


def test_a_request_no_operation_answers_is_recorded_as_unknown() -> None:
    # A method and path no Connect operation has: refused, and recorded all the same, under a
    # name the filter takes.
    with mock_connect() as cm:
        response = requests.patch(
            "https://connect.us-east-1.amazonaws.com/phone-number/abc", timeout=5
        )
        assert response.status_code == 404
        assert response.json() == {"Message": "connect_mock does not serve PATCH /phone-number/abc"}
        (call,) = cm.calls
        assert (call.operation, call.params, call.status, call.error) == (
            "Unknown",
            {},
            404,
            "HTTP404",
        )
        assert cm.calls.filter("Unknown") == [call]
        assert cm.calls.filter(error="HTTP404", status=404) == [call]


def test_a_refusal_names_what_the_mock_answers_and_what_the_model_declares() -> None:
    model = connect_client().meta.service_model
    operations = set(model.operation_names)
    errors = {s.name for name in operations for s in model.operation_model(name).error_shapes}
    with mock_connect() as cm:
        with pytest.raises(
            ValueError, match=r"^unknown operation 'ReleasePhoneNumbers' \(did you mean 'Rel"
        ) as refused:
            cm.calls.filter("ReleasePhoneNumbers")
        text = str(refused.value)
        reason, answered = text.split("?)", 1)[1].split("; the mock answers: ")
        assert reason == ": Connect has no operation of that name, so no call can match it"
        names = answered.split(", ")
        assert names == sorted(names)
        assert {"ClaimPhoneNumber", "ListInstances", "TagResource"} <= set(names) <= operations
        with pytest.raises(
            ValueError, match=r"^unknown error 'Throttling' \(did you mean 'ThrottlingException'"
        ) as refused:
            cm.calls.filter(error="Throttling")
        text = str(refused.value)
        reason, declared = text.split("?)", 1)[1].split("; declared: ")
        assert reason == (
            ": Connect's model declares no error of that name and no call recorded one"
        )
        assert declared.split(", ") == sorted(errors)


def test_an_error_code_recorded_is_no_operation_name() -> None:
    with mock_connect() as cm:
        client = connect_client(attempts=1)
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.describe_instance(InstanceId="nope")
        # The error code is in the log, but as an error: as an operation it selects nothing,
        # so it is refused like any misspelt operation.
        with pytest.raises(ValueError, match=r"^unknown operation 'ResourceNotFoundException'"):
            cm.calls.filter("ResourceNotFoundException")
        assert cm.calls.filter(error="ResourceNotFoundException") == list(cm.calls)


def test_a_recorded_call_cannot_be_changed() -> None:
    with mock_connect() as cm:
        connect_client().list_instances()
        (call,) = cm.calls
        with pytest.raises(dataclasses.FrozenInstanceError):
            call.status = 500  # type: ignore[misc]
        assert cm.calls[0].status == 200


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
