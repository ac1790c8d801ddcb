"""Numbers routed to contact flows: associate, disassociate, ListFlowAssociations,
BatchGetFlowAssociation; the traffic-distribution-group rules; what releasing, moving and
deleting do. Each test runs in-process and against the server; the JavaScript SDK v3 runs the
journey too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from moto import mock_aws
from moto.core import set_initial_no_auth_action_count

from connect_mock import RemoteConnectMock, mock_connect
from tests.helpers import (
    ACCOUNT,
    client_error,
    connect_client,
    create_instance,
    iam_user_client,
    invalid_token,
    manual_progress,
    run_js,
    search_numbers,
)
from tests.test_flows import CONTENT
from tests.test_server_mode import node_modules  # noqa: F401 (the fixture)


class Env:
    """A client in us-east-1, an instance, a flow of it and helpers, in one mode."""

    def __init__(self, endpoint: str | None) -> None:
        self.endpoint = endpoint
        self.client = connect_client(endpoint=endpoint, attempts=1)
        self.instance_id, self.instance_arn = create_instance(self.client, "routing")
        self.flow = self.new_flow("Main")

    def new_flow(self, name: str, instance_id: str | None = None) -> dict[str, Any]:
        created: dict[str, Any] = self.client.create_contact_flow(
            InstanceId=instance_id or self.instance_id,
            Name=name,
            Type="CONTACT_FLOW",
            Content=CONTENT,
        )
        return created

    def claim(self, count: int = 1, instance_id: str | None = None) -> list[dict[str, Any]]:
        target = instance_id or self.instance_id
        found = search_numbers(self.client, target, MaxResults=count)
        return [self.client.claim_phone_number(InstanceId=target, PhoneNumber=n) for n in found]

    def associate(self, number: str, flow: dict[str, Any] | None = None) -> None:
        self.client.associate_phone_number_contact_flow(
            PhoneNumberId=number,
            InstanceId=self.instance_id,
            ContactFlowId=(flow or self.flow)["ContactFlowId"],
        )

    def listed(self, client: Any = None, instance_id: str | None = None) -> list[tuple[str, str]]:
        paginator = (client or self.client).get_paginator("list_flow_associations")
        return [
            (entry["ResourceId"], entry["FlowId"])
            for page in paginator.paginate(
                InstanceId=instance_id or self.instance_id, ResourceType="VOICE_PHONE_NUMBER"
            )
            for entry in page["FlowAssociationSummaryList"]
        ]


def summary(claimed: dict[str, Any], flow: dict[str, Any]) -> dict[str, str]:
    """The FlowAssociationSummary of a claimed number routed to a flow."""
    return {
        "ResourceId": claimed["PhoneNumberArn"],
        "FlowId": flow["ContactFlowArn"],
        "ResourceType": "VOICE_PHONE_NUMBER",
    }


@pytest.fixture
def env(server_endpoint: str | None) -> Env:
    return Env(server_endpoint)


def test_the_journey_search_claim_create_associate_list_release(env: Env) -> None:
    client = env.client
    (number,) = search_numbers(client, env.instance_id, MaxResults=1)
    claimed = client.claim_phone_number(InstanceId=env.instance_id, PhoneNumber=number)
    flow = env.new_flow("Support line")
    client.associate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberId"],
        InstanceId=env.instance_id,
        ContactFlowId=flow["ContactFlowId"],
    )
    page = client.list_flow_associations(
        InstanceId=env.instance_id, ResourceType="VOICE_PHONE_NUMBER"
    )
    assert page["FlowAssociationSummaryList"] == [summary(claimed, flow)]
    batch = client.batch_get_flow_association(
        InstanceId=env.instance_id,
        ResourceIds=[claimed["PhoneNumberArn"]],
        ResourceType="VOICE_PHONE_NUMBER",
    )
    assert batch["FlowAssociationSummaryList"] == page["FlowAssociationSummaryList"]
    client.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert env.listed() == []
    # The flow no number routes to can go now.
    client.delete_contact_flow(InstanceId=env.instance_id, ContactFlowId=flow["ContactFlowId"])


def test_one_flow_per_number_a_second_associate_replaces_the_first(env: Env) -> None:
    (claimed,) = env.claim()
    other = env.new_flow("Other")
    env.associate(claimed["PhoneNumberArn"])  # by ARN
    env.associate(claimed["PhoneNumberId"], other)  # by UUID
    assert env.listed() == [(claimed["PhoneNumberArn"], other["ContactFlowArn"])]
    # The first flow is free: it can be deleted; the second is in use.
    env.client.delete_contact_flow(
        InstanceId=env.instance_id, ContactFlowId=env.flow["ContactFlowId"]
    )
    with pytest.raises(env.client.exceptions.InvalidRequestException) as excinfo:
        env.client.delete_contact_flow(
            InstanceId=env.instance_id, ContactFlowId=other["ContactFlowId"]
        )
    assert client_error(excinfo) == (
        400,
        "InvalidRequestException",
        f"Contact flow '{other['ContactFlowId']}' cannot be deleted: 1 phone number is "
        "associated with it. Call DisassociatePhoneNumberContactFlow (or associate the numbers "
        "with another flow) first",
    )


def test_disassociate_removes_the_association_once(env: Env) -> None:
    (claimed,) = env.claim()
    env.associate(claimed["PhoneNumberId"])
    env.client.disassociate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberArn"], InstanceId=env.instance_id
    )
    assert env.listed() == []
    with pytest.raises(env.client.exceptions.ResourceNotFoundException) as excinfo:
        env.client.disassociate_phone_number_contact_flow(
            PhoneNumberId=claimed["PhoneNumberId"], InstanceId=env.instance_id
        )
    assert client_error(excinfo) == (
        404,
        "ResourceNotFoundException",
        f"Phone number '{claimed['PhoneNumberId']}' is not associated with a contact flow",
    )


def test_what_cannot_be_associated(env: Env) -> None:
    client = env.client
    (claimed,) = env.claim()
    other_id, _ = create_instance(client, "other")
    theirs = env.new_flow("Theirs", other_id)
    # The flow must be the instance's.
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        env.associate(claimed["PhoneNumberId"], theirs)
    assert client_error(excinfo) == (
        404,
        "ResourceNotFoundException",
        f"Contact flow '{theirs['ContactFlowId']}' was not found in instance {env.instance_id}",
    )
    # The number must be claimed to the instance.
    (elsewhere,) = env.claim(instance_id=other_id)
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        env.associate(elsewhere["PhoneNumberId"])
    assert client_error(excinfo)[2] == (
        f"Phone number '{elsewhere['PhoneNumberId']}' is not claimed to instance "
        f"{env.instance_id} (it is claimed to arn:aws:connect:us-east-1:{ACCOUNT}:instance/"
        f"{other_id})"
    )
    # A number nobody claimed.
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        env.associate("00000000-0000-0000-0000-000000000000")
    assert client_error(excinfo)[2] == (
        "Phone number '00000000-0000-0000-0000-000000000000' was not found in account "
        f"{ACCOUNT}, Region us-east-1"
    )
    # An unknown instance.
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.associate_phone_number_contact_flow(
            PhoneNumberId=claimed["PhoneNumberId"],
            InstanceId="nope",
            ContactFlowId=env.flow["ContactFlowId"],
        )
    assert client_error(excinfo)[2] == (
        f"Instance 'nope' was not found in account {ACCOUNT}, Region us-east-1"
    )
    assert env.listed() == []


def test_a_number_not_yet_claimed_is_not_found(env: Env) -> None:
    if env.endpoint is not None:
        pytest.skip("moto's state manager is set in-process")
    with manual_progress("connect::phonenumber", 2):
        (claimed,) = env.claim()
        with pytest.raises(env.client.exceptions.ResourceNotFoundException) as excinfo:
            env.associate(claimed["PhoneNumberId"])
    assert client_error(excinfo)[2] == (
        f"Phone number '{claimed['PhoneNumberId']}' is IN_PROGRESS, not CLAIMED; a number can "
        "be routed to a flow once it is CLAIMED"
    )


def test_moving_a_number_to_another_instance_drops_its_flow(env: Env) -> None:
    (claimed,) = env.claim()
    env.associate(claimed["PhoneNumberId"])
    _, other_arn = create_instance(env.client, "other")
    env.client.update_phone_number(PhoneNumberId=claimed["PhoneNumberId"], TargetArn=other_arn)
    assert env.listed() == []


def test_list_pages_and_batch_get(env: Env) -> None:
    claims = env.claim(5)
    for claimed in claims:
        env.associate(claimed["PhoneNumberId"])
    arns = [c["PhoneNumberArn"] for c in claims]
    query = {"InstanceId": env.instance_id, "MaxResults": 2}
    page = env.client.list_flow_associations(**query)
    seen = [e["ResourceId"] for e in page["FlowAssociationSummaryList"]]
    while "NextToken" in page:
        page = env.client.list_flow_associations(**query, NextToken=page["NextToken"])
        seen += [e["ResourceId"] for e in page["FlowAssociationSummaryList"]]
    assert seen == arns
    first = env.client.list_flow_associations(**query)
    with pytest.raises(env.client.exceptions.InvalidParameterException) as excinfo:
        env.client.list_flow_associations(
            **query, ResourceType="VOICE_PHONE_NUMBER", NextToken=first["NextToken"]
        )
    assert client_error(excinfo)[2] == invalid_token("ListFlowAssociations")
    # Other resource types: no voice numbers among them.
    other = env.client.list_flow_associations(
        InstanceId=env.instance_id, ResourceType="INBOUND_EMAIL"
    )
    assert other["FlowAssociationSummaryList"] == []
    batch = env.client.batch_get_flow_association(
        InstanceId=env.instance_id,
        ResourceIds=[arns[3], claims[1]["PhoneNumberId"], "unknown", arns[3]],
    )["FlowAssociationSummaryList"]
    assert [e["ResourceId"] for e in batch] == [arns[3], arns[1]]
    # ARNs that name none of them: a number nobody claimed, another partition's spelling of a
    # claimed number's ARN, another account's.
    unknown = arns[0].rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
    elsewhere = [
        unknown,
        arns[0].replace("arn:aws:", "arn:aws-us-gov:"),
        arns[0].replace(ACCOUNT, "999999999999"),
    ]
    batch = env.client.batch_get_flow_association(InstanceId=env.instance_id, ResourceIds=elsewhere)
    assert batch["FlowAssociationSummaryList"] == []
    # Only voice numbers are associated with flows.
    for resource_type in ("INBOUND_EMAIL", "WHATSAPP_MESSAGING_PHONE_NUMBER"):
        batch = env.client.batch_get_flow_association(
            InstanceId=env.instance_id, ResourceIds=arns, ResourceType=resource_type
        )
        assert batch["FlowAssociationSummaryList"] == []


def test_traffic_distribution_group_numbers_are_routed_from_both_regions(
    server_endpoint: str | None,
) -> None:
    east = connect_client(endpoint=server_endpoint, attempts=1)
    west = connect_client("us-west-2", endpoint=server_endpoint, attempts=1)
    instance_id, instance_arn = create_instance(east, "global")
    group = east.create_traffic_distribution_group(Name="pair", InstanceId=instance_arn)
    found = east.search_available_phone_numbers(
        TargetArn=group["Arn"], PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"]
    claimed = east.claim_phone_number(TargetArn=group["Arn"], PhoneNumber=found[0]["PhoneNumber"])
    flow = east.create_contact_flow(
        InstanceId=instance_id, Name="Global", Type="CONTACT_FLOW", Content=CONTENT
    )
    # In the alternate Region, the instance's replica has the same ID, and the UUID is not
    # enough: "you must provide a full phone number ARN".
    with pytest.raises(west.exceptions.ResourceNotFoundException) as excinfo:
        west.associate_phone_number_contact_flow(
            PhoneNumberId=claimed["PhoneNumberId"],
            InstanceId=instance_id,
            ContactFlowId=flow["ContactFlowId"],
        )
    assert client_error(excinfo)[2] == (
        f"Phone number '{claimed['PhoneNumberId']}' was not found in account {ACCOUNT}, Region "
        f"us-west-2. It is claimed to traffic distribution group '{group['Arn']}' in us-east-1; "
        "in us-west-2, the group's alternate Region, pass the full phone number ARN: "
        f"{claimed['PhoneNumberArn']}"
    )
    west.associate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberArn"],
        InstanceId=instance_id,
        ContactFlowId=flow["ContactFlowId"],
    )
    expected = [summary(claimed, flow)]
    # Mirrored: both Regions see it.
    for client in (east, west):
        page = client.list_flow_associations(InstanceId=instance_id)
        assert page["FlowAssociationSummaryList"] == expected
        batch = client.batch_get_flow_association(
            InstanceId=instance_id, ResourceIds=[claimed["PhoneNumberArn"]]
        )
        assert batch["FlowAssociationSummaryList"] == expected
    east.disassociate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberId"], InstanceId=instance_id
    )
    assert west.list_flow_associations(InstanceId=instance_id)["FlowAssociationSummaryList"] == []
    # The alternate Region disassociates it too, by the number's ARN.
    east.associate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberId"],
        InstanceId=instance_id,
        ContactFlowId=flow["ContactFlowId"],
    )
    west.disassociate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberArn"], InstanceId=instance_id
    )
    assert east.list_flow_associations(InstanceId=instance_id)["FlowAssociationSummaryList"] == []


def test_a_number_claimed_to_the_instance_itself_is_not_seen_from_the_groups_other_region(
    server_endpoint: str | None,
) -> None:
    """Only the numbers claimed to the group are replicated: one claimed to the group's
    instance is routed, listed and found in the instance's Region only."""
    east = connect_client(endpoint=server_endpoint, attempts=1)
    west = connect_client("us-west-2", endpoint=server_endpoint, attempts=1)
    instance_id, instance_arn = create_instance(east, "global")
    east.create_traffic_distribution_group(Name="pair", InstanceId=instance_arn)
    (number,) = search_numbers(east, instance_id, MaxResults=1)
    claimed = east.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
    flow = east.create_contact_flow(
        InstanceId=instance_id, Name="Local", Type="CONTACT_FLOW", Content=CONTENT
    )
    east.associate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberId"],
        InstanceId=instance_id,
        ContactFlowId=flow["ContactFlowId"],
    )
    expected = [summary(claimed, flow)]
    batch = {"InstanceId": instance_id, "ResourceIds": [claimed["PhoneNumberArn"]]}
    assert east.list_flow_associations(InstanceId=instance_id)["FlowAssociationSummaryList"] == (
        expected
    )
    assert east.batch_get_flow_association(**batch)["FlowAssociationSummaryList"] == expected
    assert west.list_flow_associations(InstanceId=instance_id)["FlowAssociationSummaryList"] == []
    assert west.batch_get_flow_association(**batch)["FlowAssociationSummaryList"] == []
    for operation in ("associate", "disassociate"):
        with pytest.raises(west.exceptions.ResourceNotFoundException) as excinfo:
            getattr(west, f"{operation}_phone_number_contact_flow")(
                PhoneNumberId=claimed["PhoneNumberArn"],
                InstanceId=instance_id,
                **({"ContactFlowId": flow["ContactFlowId"]} if operation == "associate" else {}),
            )
        assert client_error(excinfo) == (
            404,
            "ResourceNotFoundException",
            f"Phone number '{claimed['PhoneNumberArn']}' was not found in account {ACCOUNT}, "
            "Region us-west-2",
        )
    assert east.list_flow_associations(InstanceId=instance_id)["FlowAssociationSummaryList"] == (
        expected
    )


# --- the JavaScript SDK v3 -----------------------------------------------------------------------


def test_the_javascript_sdk_routes_a_number(
    node_modules: Path,  # noqa: F811 (the fixture)
    connect_server: RemoteConnectMock,
) -> None:
    seen = run_js("journey.mjs")
    assert seen["associations"] == [
        {
            "ResourceId": seen["numberArn"],
            "FlowId": seen["flowArn"],
            "ResourceType": "VOICE_PHONE_NUMBER",
        }
    ]
    assert seen["sample"] == "Sample inbound flow (first contact experience)"
    assert seen["invalid"]["name"] == "InvalidContactFlowException"
    assert seen["invalid"]["problems"] == [
        {"message": "StartAction 'missing' does not name an action of the flow"}
    ]
    assert seen["afterRelease"] == []
    operations = [call.operation for call in connect_server.calls]
    assert operations[-3:] == [
        "ListFlowAssociations",
        "ReleasePhoneNumber",
        "ListFlowAssociations",
    ]


# --- faults, the call log, IAM -----------------------------------------------------------------


def test_fault_rules_and_the_call_log_cover_the_route_step() -> None:
    with mock_connect() as cm:
        env = Env(None)
        (claimed,) = env.claim()
        cm.faults.add("AssociatePhoneNumberContactFlow", "ThrottlingException", times=1)
        with pytest.raises(env.client.exceptions.ThrottlingException):
            env.associate(claimed["PhoneNumberId"])
        assert env.listed() == []  # the fault changed nothing
        env.associate(claimed["PhoneNumberId"])
        calls = [c for c in cm.calls if c.operation == "AssociatePhoneNumberContactFlow"]
        assert [c.error for c in calls] == ["ThrottlingException", None]
        assert calls[-1].params == {
            "InstanceId": env.instance_id,
            "ContactFlowId": env.flow["ContactFlowId"],
            "PhoneNumberId": claimed["PhoneNumberId"],
        }


@set_initial_no_auth_action_count(3)
@mock_aws
def test_iam_denies_the_route_step_like_any_operation() -> None:
    client = iam_user_client("router", ["connect:CreateContactFlow"])
    with pytest.raises(client.exceptions.AccessDeniedException) as excinfo:
        client.associate_phone_number_contact_flow(
            PhoneNumberId="x", InstanceId="i", ContactFlowId="f"
        )
    status, code, message = client_error(excinfo)
    assert (status, code) == (403, "AccessDeniedException")
    assert "connect:AssociatePhoneNumberContactFlow" in message
    # Allowed: the request reaches the operation, which finds no such instance. (A GET would
    # not do: moto's signature check fails on restJson GETs, its own ListInstances included.)
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.create_contact_flow(InstanceId="i", Name="n", Type="CONTACT_FLOW", Content="{}")
