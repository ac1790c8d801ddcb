"""Every Connect answer as botocore's model describes it, moto's own operations included: raw
JSON bodies read as strict clients (Go, JavaScript, Terraform) read them. The output serializer
(connect_mock.wire.serialize) is compiled from the model; these tests check what it produces on
the wire, in-process and over the server."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import botocore.session
import pytest
import requests

from connect_mock.core.patterns import compile_model_pattern
from connect_mock.wire.serialize import output_serializer
from tests.helpers import REGION, connect_client, create_instance

IN_PROCESS = "https://connect.us-east-1.amazonaws.com"
HEADERS = {
    "Authorization": (
        f"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/{REGION}/connect/"
        "aws4_request, SignedHeaders=host, Signature=x"
    ),
    "Content-Type": "application/json",
}
MODEL = botocore.session.get_session().get_service_model("connect")


def raw(endpoint: str | None, method: str, path: str, body: Any = None) -> requests.Response:
    data = None if body is None else json.dumps(body)
    return requests.request(
        method, (endpoint or IN_PROCESS) + path, data=data, headers=HEADERS, timeout=30
    )


def test_moto_instances_answer_timestamps_as_epoch_seconds(server_endpoint: str | None) -> None:
    """DescribeInstance and ListInstances: CreatedTime a JSON number (moto writes ISO text),
    read back by botocore as the time the instance was created."""
    client = connect_client(endpoint=server_endpoint)
    instance_id, _ = create_instance(client, "conform")
    described = raw(server_endpoint, "GET", f"/instance/{instance_id}")
    assert described.status_code == 200
    assert described.headers["Content-Type"] == "application/json"
    created = described.json()["Instance"]["CreatedTime"]
    assert isinstance(created, int | float)
    assert not isinstance(created, bool)
    listed = raw(server_endpoint, "GET", "/instance").json()["InstanceSummaryList"]
    assert [summary["CreatedTime"] for summary in listed] == [created]
    seen = client.describe_instance(InstanceId=instance_id)["Instance"]["CreatedTime"]
    assert seen.timestamp() == pytest.approx(created, abs=1e-3)


def test_moto_errors_answer_as_the_model_declares(server_endpoint: str | None) -> None:
    """moto's {"__type", "message"} becomes restJson1's {"Message"} with x-amzn-ErrorType and
    the model's status."""
    answer = raw(server_endpoint, "GET", "/instance/nope")
    assert answer.status_code == 404
    assert answer.headers["x-amzn-ErrorType"] == "ResourceNotFoundException"
    assert answer.json() == {"Message": "Instance with id nope not found"}


def test_untagged_resources_leave_tags_out(server_endpoint: str | None) -> None:
    """TagMap holds 1-50 entries: an untagged number or group has no "Tags" member (it had
    "Tags": {}); ListTagsForResource still answers {"tags": {}}, its whole answer."""
    client = connect_client(endpoint=server_endpoint)
    instance_id, _ = create_instance(client, "untagged")
    number = client.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    claim = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    group = client.create_traffic_distribution_group(Name="untagged", InstanceId=instance_id)
    described = raw(server_endpoint, "GET", f"/phone-number/{claim['PhoneNumberId']}").json()
    assert "Tags" not in described["ClaimedPhoneNumberSummary"]
    described = raw(server_endpoint, "GET", f"/traffic-distribution-group/{group['Id']}").json()
    assert "Tags" not in described["TrafficDistributionGroup"]
    arn = quote(claim["PhoneNumberArn"], safe="")
    assert raw(server_endpoint, "GET", f"/tags/{arn}").json() == {"tags": {}}
    client.tag_resource(resourceArn=claim["PhoneNumberArn"], tags={"team": "voice"})
    described = raw(server_endpoint, "GET", f"/phone-number/{claim['PhoneNumberId']}").json()
    assert described["ClaimedPhoneNumberSummary"]["Tags"] == {"team": "voice"}


def test_serializer_keeps_declared_members_as_declared_types() -> None:
    serialize = output_serializer("DescribeInstance")
    document = {
        "Instance": {
            "Id": "i",
            "CreatedTime": "2025-01-02T03:04:05.250000+00:00",
            "InboundCallsEnabled": "true",
            "Undeclared": 1,
            "InstanceAlias": None,
            "Tags": {},
        },
        "Extra": [1],
    }
    assert serialize(document) == {
        "Instance": {"Id": "i", "CreatedTime": 1735787045.25, "InboundCallsEnabled": True}
    }
    assert output_serializer("ListInstances")({"InstanceSummaryList": [{"CreatedTime": 5}]}) == {
        "InstanceSummaryList": [{"CreatedTime": 5}]
    }


def test_every_model_pattern_compiles() -> None:
    """Java syntax (\\p{L}, \\P{C}) included: no pattern of the model is dropped."""
    patterns = {
        MODEL.shape_for(name).metadata["pattern"]
        for name in MODEL.shape_names
        if "pattern" in MODEL.shape_for(name).metadata
    }
    assert len(patterns) > 20  # botocore 1.36's model has fewer than today's
    for pattern in patterns:
        compile_model_pattern(pattern)
    key = compile_model_pattern(MODEL.shape_for("TagKey").metadata["pattern"])
    assert key.fullmatch("Équipe 1") is not None
    assert key.fullmatch("aws:reserved") is None
    # The model writes some backslashes doubled (PhoneNumber's "\\\\+[1-9]\\\\d{1,14}$"):
    # each is one backslash, so the pattern asks for a "+" and digits, not a backslash.
    number = compile_model_pattern(MODEL.shape_for("PhoneNumber").metadata["pattern"])
    assert number.fullmatch("+18005550100") is not None
    assert number.fullmatch("\\+18005550100") is None


# --- moto's own operations, held to the model -------------------------------------------------


def test_motos_operations_validate_their_input_from_the_model(server_endpoint: str | None) -> None:
    """A CreateInstance without its required members was a 500 from moto (a KeyError); it is
    the operation's declared error for bad input, and nothing is created."""
    answer = raw(server_endpoint, "PUT", "/instance", {"InstanceAlias": "x"})
    assert answer.status_code == 400
    assert answer.headers["x-amzn-ErrorType"] == "InvalidRequestException"
    assert answer.json() == {
        "Message": "3 validation errors detected: "
        "Value null at 'IdentityManagementType' failed to satisfy constraint: "
        "Member must not be null; "
        "Value null at 'InboundCallsEnabled' failed to satisfy constraint: "
        "Member must not be null; "
        "Value null at 'OutboundCallsEnabled' failed to satisfy constraint: "
        "Member must not be null"
    }
    unreadable = requests.put(
        (server_endpoint or IN_PROCESS) + "/instance", data=b"\xff{", headers=HEADERS, timeout=30
    )
    assert unreadable.status_code == 400
    assert unreadable.headers["x-amzn-ErrorType"] == "SerializationException"
    assert raw(server_endpoint, "GET", "/instance").json() == {"InstanceSummaryList": []}


def test_tag_keys_are_held_to_the_models_java_pattern(server_endpoint: str | None) -> None:
    """TagKey's pattern (``^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$``) is enforced, not dropped
    for its Java syntax: an ``aws:`` key is refused, a key in any script is not."""
    client = connect_client(endpoint=server_endpoint, lax=True)
    _, arn = create_instance(client, "tags")
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.tag_resource(resourceArn=arn, tags={"aws:reserved": "x"})
    message = excinfo.value.response["Error"]["Message"]
    assert message.startswith(
        "1 validation error detected: Value 'aws:reserved' at 'tags.key' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ^(?!aws:)"
    )
    client.tag_resource(resourceArn=arn, tags={"Équipe 1": "voix"})
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"Équipe 1": "voix"}


def test_an_error_moto_does_not_declare_is_the_declared_one(server_endpoint: str | None) -> None:
    """moto's paginator answers a bad nextToken with InvalidToken, which ListInstances does not
    declare: it is the operation's error for bad input, with moto's message."""
    answer = raw(server_endpoint, "GET", "/instance?nextToken=bogus")
    assert answer.status_code == 400
    assert answer.headers["x-amzn-ErrorType"] == "InvalidRequestException"
    assert answer.json() == {"Message": "Invalid Token: Invalid token"}


def test_motos_empty_labels_and_arn_labels(server_endpoint: str | None) -> None:
    """``GET /instance/`` (an empty InstanceId) is refused as connect_mock's operations refuse an
    empty label (it was moto's text 404); an instance ARN as the label is not found, in process
    and over the server (where the %2F arrives decoded and moto's routes missed it)."""
    empty = raw(server_endpoint, "GET", "/instance/")
    assert empty.status_code == 400
    assert empty.headers["x-amzn-ErrorType"] == "InvalidRequestException"
    assert empty.json()["Message"] == (
        "1 validation error detected: Value '' at 'InstanceId' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )
    _, arn = create_instance(connect_client(endpoint=server_endpoint), "arn-label")
    by_arn = raw(server_endpoint, "GET", "/instance/" + quote(arn, safe=""))
    assert by_arn.status_code == 404
    assert by_arn.headers["x-amzn-ErrorType"] == "ResourceNotFoundException"
    assert arn in by_arn.json()["Message"]


def test_a_json_1_1_content_type_reaches_motos_operation(server_endpoint: str | None) -> None:
    """moto 5.2's router finds no restJson1 operation for application/x-amz-json-1.1 (an empty
    404); the operation routed from the model answers."""
    instance_id, _ = create_instance(connect_client(endpoint=server_endpoint), "json11")
    answer = requests.get(
        f"{server_endpoint or IN_PROCESS}/instance/{instance_id}",
        headers={**HEADERS, "Content-Type": "application/x-amz-json-1.1"},
        timeout=30,
    )
    assert answer.status_code == 200
    assert answer.json()["Instance"]["Id"] == instance_id
