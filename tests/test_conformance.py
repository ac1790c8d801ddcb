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
    assert len(patterns) > 50
    for pattern in patterns:
        compile_model_pattern(pattern)
    key = compile_model_pattern(MODEL.shape_for("TagKey").metadata["pattern"])
    assert key.fullmatch("Équipe 1") is not None
    assert key.fullmatch("aws:reserved") is None
