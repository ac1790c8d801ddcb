"""moto's instances as connect_mock extends them: their attributes
(Describe/Update/ListInstanceAttributes) and what DeleteInstance takes with an instance."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import botocore.session
import pytest

from connect_mock import ConnectMock, mock_connect
from connect_mock.backend import region_state, shared_state
from tests.helpers import (
    ACCOUNT,
    client_error,
    connect_client,
    create_instance,
    invalid_token,
    manual_progress,
    search_numbers,
)

MODEL = botocore.session.get_session().get_service_model("connect")
TYPES = MODEL.shape_for("InstanceAttributeType").enum
KNOWN_DEFAULTS = {
    "AUTO_RESOLVE_BEST_VOICES": "true",
    "CONTACT_LENS": "true",
    "EARLY_MEDIA": "true",
    "CONTACTFLOW_LOGS": "false",
    "MULTI_PARTY_CONFERENCE": "false",
    "USE_CUSTOM_TTS_VOICES": "false",
}


@pytest.fixture
def mock() -> Iterator[ConnectMock]:
    with mock_connect(seed=3) as cm:
        yield cm


def _attributes(client: Any, instance_id: str) -> dict[str, str]:
    pages = client.get_paginator("list_instance_attributes").paginate(InstanceId=instance_id)
    listed = [item for page in pages for item in page["Attributes"]]
    assert [item["AttributeType"] for item in listed] == TYPES  # each once, the model's order
    return {item["AttributeType"]: item["Value"] for item in listed}


def test_a_new_instance_answers_every_attribute_type_of_the_model(
    server_endpoint: str | None,
) -> None:
    client = connect_client(endpoint=server_endpoint)
    created = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="defaults",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=False,
    )
    expected = {name: KNOWN_DEFAULTS.get(name, "false") for name in TYPES}
    expected |= {"INBOUND_CALLS": "true", "OUTBOUND_CALLS": "false"}
    assert _attributes(client, created["Id"]) == expected
    for name in TYPES:
        described = client.describe_instance_attribute(InstanceId=created["Id"], AttributeType=name)
        assert described["Attribute"] == {"AttributeType": name, "Value": expected[name]}


def test_updates_are_kept_and_the_call_flags_are_create_instances(
    server_endpoint: str | None,
) -> None:
    client = connect_client(endpoint=server_endpoint)
    instance_id, _ = create_instance(client)
    for name in TYPES:
        client.update_instance_attribute(InstanceId=instance_id, AttributeType=name, Value="true")
    assert set(_attributes(client, instance_id).values()) == {"true"}
    client.update_instance_attribute(
        InstanceId=instance_id, AttributeType="INBOUND_CALLS", Value="false"
    )
    client.update_instance_attribute(
        InstanceId=instance_id, AttributeType="CONTACT_LENS", Value="false"
    )
    instance = client.describe_instance(InstanceId=instance_id)["Instance"]
    assert (instance["InboundCallsEnabled"], instance["OutboundCallsEnabled"]) == (False, True)
    summary = client.list_instances()["InstanceSummaryList"][0]
    assert summary["InboundCallsEnabled"] is False
    values = _attributes(client, instance_id)
    assert (values["INBOUND_CALLS"], values["CONTACT_LENS"], values["EARLY_MEDIA"]) == (
        "false",
        "false",
        "true",
    )


def test_list_pages_hold_at_most_max_results_and_tokens_bind_to_the_instance(
    mock: ConnectMock,
) -> None:
    client = connect_client()
    first, _ = create_instance(client, "first")
    second, _ = create_instance(client, "second")
    page = client.list_instance_attributes(InstanceId=first, MaxResults=2)
    assert [item["AttributeType"] for item in page["Attributes"]] == TYPES[:2]
    following = client.list_instance_attributes(
        InstanceId=first, MaxResults=2, NextToken=page["NextToken"]
    )
    assert [item["AttributeType"] for item in following["Attributes"]] == TYPES[2:4]
    default = client.list_instance_attributes(InstanceId=first)
    assert len(default["Attributes"]) == min(7, len(TYPES))
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_instance_attributes(InstanceId=second, NextToken=page["NextToken"])
    assert client_error(excinfo) == (
        400,
        "InvalidParameterException",
        invalid_token("ListInstanceAttributes"),
    )
    lax = connect_client(lax=True)
    with pytest.raises(lax.exceptions.InvalidParameterException) as excinfo:
        lax.list_instance_attributes(InstanceId=first, MaxResults=8)
    assert client_error(excinfo) == (
        400,
        "InvalidParameterException",
        "1 validation error detected: Value '8' at 'MaxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 7",
    )


def test_unknown_instances_and_bad_values_are_declared_errors_changing_nothing(
    server_endpoint: str | None,
) -> None:
    client = connect_client(endpoint=server_endpoint)
    lax = connect_client(lax=True, endpoint=server_endpoint)
    instance_id, _ = create_instance(client)
    before = _attributes(client, instance_id)
    missing = "Instance 'nope' was not found in account 123456789012, Region us-east-1"
    for method, params in (
        (client.describe_instance_attribute, {"AttributeType": "EARLY_MEDIA"}),
        (client.update_instance_attribute, {"AttributeType": "EARLY_MEDIA", "Value": "true"}),
        (client.list_instance_attributes, {}),
    ):
        with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
            method(InstanceId="nope", **params)
        assert client_error(excinfo) == (404, "ResourceNotFoundException", missing)
    for value in ("yes", "TRUE", "1"):
        with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
            client.update_instance_attribute(
                InstanceId=instance_id, AttributeType="EARLY_MEDIA", Value=value
            )
        assert client_error(excinfo) == (
            400,
            "InvalidParameterException",
            f"Value '{value}' is not valid for instance attribute EARLY_MEDIA: "
            "it takes 'true' or 'false'",
        )
    with pytest.raises(lax.exceptions.InvalidParameterException) as excinfo:
        lax.update_instance_attribute(InstanceId=instance_id, AttributeType="LOUD", Value="true")
    choices = ", ".join(TYPES)
    assert client_error(excinfo)[2] == (
        "1 validation error detected: Value 'LOUD' at 'AttributeType' failed to satisfy "
        f"constraint: Member must satisfy enum value set: [{choices}]"
    )
    with pytest.raises(lax.exceptions.InvalidParameterException):
        lax.update_instance_attribute(InstanceId=instance_id, AttributeType="EARLY_MEDIA", Value="")
    assert _attributes(client, instance_id) == before


def test_a_client_token_replays_an_attribute_update_and_refuses_another_request(
    mock: ConnectMock,
) -> None:
    client = connect_client()
    update_input = client.meta.service_model.operation_model("UpdateInstanceAttribute").input_shape
    if "ClientToken" not in update_input.members:
        pytest.skip("this botocore's model has no ClientToken on UpdateInstanceAttribute (1.36)")
    instance_id, _ = create_instance(client)
    update = {"InstanceId": instance_id, "AttributeType": "EARLY_MEDIA", "ClientToken": "t-1"}
    client.update_instance_attribute(**update, Value="false")
    client.update_instance_attribute(
        InstanceId=instance_id, AttributeType="EARLY_MEDIA", Value="true"
    )
    client.update_instance_attribute(**update, Value="false")  # the first answer again: not rerun
    described = client.describe_instance_attribute(
        InstanceId=instance_id, AttributeType="EARLY_MEDIA"
    )
    assert described["Attribute"]["Value"] == "true"
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.update_instance_attribute(**update, Value="true")
    # IdempotencyException is not among UpdateInstanceAttribute's declared errors.
    assert client_error(excinfo) == (
        400,
        "InvalidParameterException",
        "ClientToken 't-1' was already used with a different UpdateInstanceAttribute request",
    )


def test_attributes_go_with_moto_reset() -> None:
    with mock_connect():
        client = connect_client()
        instance_id, _ = create_instance(client)
        client.update_instance_attribute(
            InstanceId=instance_id, AttributeType="CONTACTFLOW_LOGS", Value="true"
        )
        assert region_state(ACCOUNT, "us-east-1").instance_attributes == {
            instance_id: {"CONTACTFLOW_LOGS": "true"}
        }
    with mock_connect():  # a mock's start is moto's reset
        assert region_state(ACCOUNT, "us-east-1").instance_attributes == {}


def test_delete_instance_releases_its_numbers_and_deletes_its_groups(mock: ConnectMock) -> None:
    east, west = connect_client("us-east-1"), connect_client("us-west-2")
    doomed, doomed_arn = create_instance(east, "doomed")
    kept, kept_arn = create_instance(east, "kept")
    group = east.create_traffic_distribution_group(Name="g", InstanceId=doomed, Tags={"a": "b"})
    numbers = search_numbers(east, doomed, MaxResults=4)
    direct = east.claim_phone_number(InstanceId=doomed, PhoneNumber=numbers[0], Tags={"t": "1"})
    east.claim_phone_number(InstanceId=doomed, PhoneNumber=numbers[1])
    grouped = east.claim_phone_number(TargetArn=group["Arn"], PhoneNumber=numbers[2])
    other = east.claim_phone_number(InstanceId=kept, PhoneNumber=numbers[3])
    east.update_instance_attribute(
        InstanceId=doomed, AttributeType="CONTACTFLOW_LOGS", Value="true"
    )
    flow_arn = east.list_contact_flows(InstanceId=doomed)["ContactFlowSummaryList"][0]["Arn"]
    east.tag_resource(resourceArn=flow_arn, tags={"f": "1"})

    east.delete_instance(InstanceId=doomed)

    listed = east.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert [(n["PhoneNumberId"], n["TargetArn"]) for n in listed] == [
        (other["PhoneNumberId"], kept_arn)
    ]
    for claim in (direct, grouped):
        with pytest.raises(east.exceptions.ResourceNotFoundException):
            east.describe_phone_number(PhoneNumberId=claim["PhoneNumberId"])
        with pytest.raises(east.exceptions.ResourceNotFoundException):
            east.list_tags_for_resource(resourceArn=claim["PhoneNumberArn"])
    for client in (east, west):
        assert (
            client.list_traffic_distribution_groups()["TrafficDistributionGroupSummaryList"] == []
        )
    with pytest.raises(east.exceptions.ResourceNotFoundException):
        east.list_tags_for_resource(resourceArn=group["Arn"])
    assert east.list_tags_for_resource(resourceArn=flow_arn)["tags"] == {}  # its flows' tags went
    # Released as ReleasePhoneNumber releases: the numbers cool down, then come back.
    offered = set(search_numbers(east, kept, MaxResults=10))
    assert offered.isdisjoint(numbers)
    pool = shared_state().pool
    assert all(number not in pool.holders for number in numbers[:3])
    mock.clock.advance(timedelta(days=181))
    assert set(numbers[:3]) <= set(search_numbers(east, kept, MaxResults=10))
    state = region_state(ACCOUNT, "us-east-1")
    assert doomed not in state.instance_attributes
    assert doomed_arn not in state.active_claims
    assert doomed_arn not in state.releases  # no 200% rule for a target that is gone


def test_a_failed_delete_takes_nothing_and_in_progress_claims_go_too(mock: ConnectMock) -> None:
    client = connect_client()
    instance_id, _ = create_instance(client)
    number = search_numbers(client, instance_id, MaxResults=1)[0]
    with manual_progress("connect::phonenumber", 5):
        claim = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        described = client.describe_phone_number(PhoneNumberId=claim["PhoneNumberId"])
        assert described["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == (
            "IN_PROGRESS"
        )
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.delete_instance(InstanceId="00000000-0000-0000-0000-000000000000")
        assert len(client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]) == 1
        client.delete_instance(InstanceId=instance_id)
    assert client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
