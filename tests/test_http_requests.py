"""Requests as they arrive over HTTP: integers past Python's digit limit, only declared errors,
JSON 404s for paths no operation has, labels with newlines, any Content-Type, empty path ids, and
Regions without Connect (what fuzzing, tests/test_fuzz.py, found)."""

from __future__ import annotations

import json
from typing import Any

import botocore.exceptions
import pytest
import requests

from connect_mock import mock_connect
from tests.helpers import (
    client_error,
    connect_client,
    create_instance,
    invalid_token,
    no_connect,
)

IN_PROCESS = "https://connect.us-east-1.amazonaws.com"
AUTHORIZATION = (
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/connect/aws4_request, "
    "SignedHeaders=host, Signature=x"
)


@pytest.fixture
def endpoint(server_endpoint: str | None) -> str:
    """The base URL of a fresh mock: in-process (moto intercepts requests) or the server."""
    return server_endpoint or IN_PROCESS


def _send(
    endpoint: str, method: str, path: str, body: bytes = b"", content_type: str | None = None
) -> requests.Response:
    headers = {"Authorization": AUTHORIZATION}
    if content_type is not None:
        headers["Content-Type"] = content_type
    url = endpoint + path
    prepared = requests.Request(method, url, data=body, headers=headers).prepare()
    prepared.url = url  # exactly this path, not re-quoted
    with requests.Session() as session:
        return session.send(prepared, timeout=30)


def _error(response: requests.Response) -> tuple[int, str | None, str]:
    return (
        response.status_code,
        response.headers.get("x-amzn-ErrorType"),
        json.loads(response.text)["Message"],
    )


def _lax_client(endpoint: str) -> Any:
    return connect_client(lax=True, endpoint=None if endpoint == IN_PROCESS else endpoint)


def test_an_integer_over_pythons_digit_limit_is_a_serialization_error(endpoint: str) -> None:
    # json.loads raises a plain ValueError (not JSONDecodeError) past 4300 digits: was a 500.
    body = b'{"PhoneNumberCountryCode": "US", "MaxResults": ' + b"9" * 5000 + b"}"
    status, code, message = _error(
        _send(endpoint, "POST", "/phone-number/search-available", body, "application/json")
    )
    assert (status, code) == (400, "SerializationException")
    # Python's own words follow: "(4300 digits) for" from 3.11, "(4300) for" in 3.10.
    assert message.startswith("Request body is not valid JSON: Exceeds the limit (4300")


def test_traffic_distribution_group_operations_answer_only_errors_they_declare(
    endpoint: str,
) -> None:
    # Their models declare InvalidRequestException and ResourceConflictException, not
    # InvalidParameterException, ResourceNotFoundException (Delete) or IdempotencyException.
    client = _lax_client(endpoint)
    instance_id, _ = create_instance(client, "declared")
    group = "00000000-0000-4000-8000-000000000000"
    cases: list[tuple[Any, int, str, str]] = [
        (
            lambda: client.create_traffic_distribution_group(Name=" x", InstanceId=instance_id),
            400,
            "InvalidRequestException",
            "1 validation error detected: Value ' x' at 'Name' failed to satisfy constraint",
        ),
        (
            lambda: client.list_traffic_distribution_groups(NextToken="forged"),
            400,
            "InvalidRequestException",
            invalid_token("ListTrafficDistributionGroups"),
        ),
        (
            lambda: client.describe_traffic_distribution_group(TrafficDistributionGroupId="x"),
            400,
            "InvalidRequestException",
            "1 validation error detected: Value 'x' at 'TrafficDistributionGroupId'",
        ),
        (
            lambda: client.delete_traffic_distribution_group(TrafficDistributionGroupId=group),
            400,
            "InvalidRequestException",
            f"Traffic distribution group '{group}' was not found",
        ),
    ]
    client.create_traffic_distribution_group(Name="g", InstanceId=instance_id, ClientToken="t")
    cases.append(
        (
            lambda: client.create_traffic_distribution_group(
                Name="h", InstanceId=instance_id, ClientToken="t"
            ),
            409,
            "ResourceConflictException",
            "ClientToken 't' was already used with a different CreateTrafficDistributionGroup",
        )
    )
    for call, status, code, message in cases:
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            call()
        response = excinfo.value.response
        assert response["ResponseMetadata"]["HTTPStatusCode"] == status
        assert response["Error"]["Code"] == code
        assert response["Error"]["Message"].startswith(message)
    # Operations that declare InvalidParameterException keep it.
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.list_phone_numbers_v2(NextToken="forged")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/phone-number/"),  # in-process: moto's plain-text "Not yet implemented"
        ("GET", "/phone-numbers-summary"),
        ("POST", "/phone-number/claim/%0A"),  # server: Flask's HTML 404 (. stops at newlines)
        ("GET", "/traffic-distribution-group/a%0A/b"),
        # The model's greedy last label reads it as DeleteInstance; moto's routes take none.
        ("DELETE", "/instance/0/attribute/0"),
    ],
)
def test_paths_no_operation_has_get_our_json_404(endpoint: str, method: str, path: str) -> None:
    response = _send(endpoint, method, path)
    assert response.status_code == 404
    assert "x-amzn-ErrorType" not in response.headers
    assert json.loads(response.text) == {"Message": f"connect_mock does not serve {method} {path}"}


def test_a_label_with_a_newline_reaches_its_operation(endpoint: str) -> None:
    status, code, message = _error(_send(endpoint, "GET", "/phone-number/a%0Ab"))
    assert (status, code) == (404, "ResourceNotFoundException")
    assert message.startswith("Phone number 'a\nb' was not found")


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
def test_the_json_body_is_read_whatever_the_content_type(
    endpoint: str, content_type: str | None
) -> None:
    # curl -d sends application/x-www-form-urlencoded: werkzeug parsed the body as a form and
    # the operation saw none ("Value null at 'PhoneNumberCountryCode'").
    body = {"PhoneNumberCountryCode": "US", "PhoneNumberType": "DID", "InstanceId": "nope"}
    response = _send(
        endpoint, "POST", "/phone-number/search-available", json.dumps(body).encode(), content_type
    )
    assert _error(response) == (
        400,
        "InvalidParameterException",
        "InstanceId 'nope' does not name an Amazon Connect instance in account 123456789012, "
        "Region us-east-1",
    )


# --- Regions without Connect ---------------------------------------------------------------


def _client_in(endpoint: str, region: str) -> Any:
    return connect_client(region, endpoint=None if endpoint == IN_PROCESS else endpoint, attempts=1)


@pytest.mark.parametrize("region", ["eu-west-1", "xx-nope-9"])
def test_a_region_without_connect_is_refused_with_a_declared_error(
    endpoint: str, region: str
) -> None:
    # Was a bare KeyError in process and a 500 from the server, for moto's operations too.
    client = _client_in(endpoint, region)
    home = _client_in(endpoint, "us-east-1")
    instance_id, instance_arn = create_instance(home, "home")
    calls: list[tuple[Any, str]] = [
        (lambda: client.list_phone_numbers_v2(), "InvalidParameterException"),
        (lambda: client.describe_phone_number(PhoneNumberId="x"), "InvalidParameterException"),
        (
            lambda: client.search_available_phone_numbers(
                TargetArn=instance_arn, PhoneNumberCountryCode="US", PhoneNumberType="DID"
            ),
            "InvalidParameterException",
        ),
        (lambda: client.list_traffic_distribution_groups(), "InvalidRequestException"),
        # moto's own operations, through the intercept
        (lambda: client.list_instances(), "InvalidRequestException"),
        (lambda: create_instance(client, "elsewhere"), "InvalidRequestException"),
        (lambda: client.describe_instance(InstanceId=instance_id), "InvalidRequestException"),
        (
            lambda: client.list_tags_for_resource(resourceArn=instance_arn),
            "InvalidParameterException",
        ),
    ]
    for call, code in calls:
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            call()
        assert client_error(excinfo) == (400, code, no_connect(region))
    # Nothing was created, anywhere.
    assert [i["Id"] for i in home.list_instances()["InstanceSummaryList"]] == [instance_id]


def test_a_region_without_connect_is_refused_before_fault_rules() -> None:
    with mock_connect() as cm:
        cm.faults.add("ListInstances", "InternalServiceException", times=1)
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            connect_client("eu-west-1").list_instances()
        assert client_error(excinfo)[1] == "InvalidRequestException"
        # The rule did not fire for it: it is there for the first real call.
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            connect_client(attempts=1).list_instances()
        assert client_error(excinfo)[1] == "InternalServiceException"


def test_every_partitions_connect_regions_are_served_and_moto_may_serve_any(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with mock_connect():
        gov = connect_client("us-gov-west-1")
        assert gov.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
        assert gov.list_instances()["InstanceSummaryList"] == []
        # moto's own switch for Regions it does not know is honoured.
        monkeypatch.setenv("MOTO_ALLOW_NONEXISTENT_REGION", "true")
        assert connect_client("eu-west-1").list_instances()["InstanceSummaryList"] == []


# --- empty path IDs ------------------------------------------------------------------------

_EMPTY = "failed to satisfy constraint: Member must have length greater than or equal to 1"


@pytest.mark.parametrize(
    ("operation", "params", "code", "member"),
    [
        ("describe_phone_number", {}, "InvalidParameterException", "PhoneNumberId"),
        ("release_phone_number", {}, "InvalidParameterException", "PhoneNumberId"),
        ("update_phone_number", {"TargetArn": "t"}, "InvalidParameterException", "PhoneNumberId"),
        (
            "update_phone_number_metadata",
            {"PhoneNumberDescription": "d"},
            "InvalidParameterException",
            "PhoneNumberId",
        ),
        ("list_phone_numbers", {}, "InvalidParameterException", "InstanceId"),
        (
            "describe_traffic_distribution_group",
            {},
            "InvalidRequestException",
            "TrafficDistributionGroupId",
        ),
        (
            "delete_traffic_distribution_group",
            {},
            "InvalidRequestException",
            "TrafficDistributionGroupId",
        ),
    ],
)
def test_an_empty_path_id_is_the_operations_bad_parameter_error(
    endpoint: str, operation: str, params: dict[str, str], code: str, member: str
) -> None:
    # Was a 404 without x-amzn-ErrorType: botocore reported Code "404".
    client = _lax_client(endpoint)
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        getattr(client, operation)(**{member: ""}, **params)
    status, error, message = client_error(excinfo)
    assert (status, error) == (400, code)
    # A group ID also breaks its pattern: "2 validation errors detected: ...".
    errors = (
        "2 validation errors" if member == "TrafficDistributionGroupId" else "1 validation error"
    )
    assert message.startswith(f"{errors} detected: Value '' at '{member}' {_EMPTY}")


def test_a_rejected_empty_path_id_changes_nothing(endpoint: str) -> None:
    client = _lax_client(endpoint)
    instance_id, _ = create_instance(client, "empty")
    offered = client.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    claimed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=offered)
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.release_phone_number(PhoneNumberId="")
    described = client.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert described["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"
