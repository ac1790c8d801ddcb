"""Contact flows: an instance's default and sample flows, create/describe/list/update/delete,
the flow-language checks on publishing, names, and the ``:$SAVED`` and version suffixes. Each
test runs in-process and against the server."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
import requests

from connect_mock.backend.flowlang import problems_of
from connect_mock.backend.samples import INSTANCE_FLOWS, sample_content
from tests.helpers import ACCOUNT, client_error, connect_client, create_instance, invalid_token


def flow_content(*actions: dict[str, Any], start: str = "greet", **extra: Any) -> str:
    """Flow-language content: the actions given, or a greeting then a hang-up."""
    if not actions:
        actions = (
            {
                "Identifier": "greet",
                "Type": "MessageParticipant",
                "Parameters": {"Text": "Hello"},
                "Transitions": {"NextAction": "bye", "Errors": [{"NextAction": "bye"}]},
            },
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}},
        )
    document = {"Version": "2019-10-30", "StartAction": start, "Actions": list(actions)}
    return json.dumps(document | extra)


CONTENT = flow_content()


@pytest.fixture
def env(server_endpoint: str | None) -> tuple[Any, str, str | None]:
    """(client, instance id, endpoint) in us-east-1, in-process or against the server."""
    client = connect_client(endpoint=server_endpoint, attempts=1)
    instance_id, _ = create_instance(client, "flows")
    return client, instance_id, server_endpoint


def all_flows(client: Any, instance_id: str, **params: Any) -> list[dict[str, Any]]:
    paginator = client.get_paginator("list_contact_flows")
    return [
        summary
        for page in paginator.paginate(InstanceId=instance_id, **params)
        for summary in page["ContactFlowSummaryList"]
    ]


# --- an instance's own flows -------------------------------------------------------------------


def test_a_new_instance_has_the_default_and_sample_flows_of_the_admin_guide(env: Any) -> None:
    client, instance_id, _ = env
    listed = all_flows(client, instance_id)
    assert [(f["Name"], f["ContactFlowType"]) for f in listed] == [
        (name, flow_type) for name, flow_type, _ in INSTANCE_FLOWS
    ]
    assert {(f["ContactFlowState"], f["ContactFlowStatus"]) for f in listed} == {
        ("ACTIVE", "PUBLISHED")
    }
    assert len(listed) == 19
    # Terraform's data source looks a flow up by name among the instance's CONTACT_FLOWs.
    inbound = all_flows(client, instance_id, ContactFlowTypes=["CONTACT_FLOW"])
    names = [f["Name"] for f in inbound]
    assert "Sample inbound flow (first contact experience)" in names
    assert {f["ContactFlowType"] for f in inbound} == {"CONTACT_FLOW"}
    hold = all_flows(client, instance_id, ContactFlowTypes=["AGENT_HOLD", "CUSTOMER_HOLD"])
    assert [f["Name"] for f in hold] == ["Default agent hold", "Default customer hold"]
    described = client.describe_contact_flow(InstanceId=instance_id, ContactFlowId=inbound[0]["Id"])
    flow = described["ContactFlow"]
    assert flow["Arn"] == inbound[0]["Arn"]
    assert problems_of(flow["Content"], "CONTACT_FLOW") == []


def test_every_default_and_sample_flow_is_valid_for_its_type() -> None:
    for name, flow_type, _ in INSTANCE_FLOWS:
        assert problems_of(sample_content(name, flow_type), flow_type) == [], name


def test_flows_of_an_unknown_instance_are_not_found(env: Any) -> None:
    client, _, _ = env
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.list_contact_flows(InstanceId="no-such-instance")
    assert client_error(excinfo) == (
        404,
        "ResourceNotFoundException",
        f"Instance 'no-such-instance' was not found in account {ACCOUNT}, Region us-east-1",
    )


def test_an_instance_is_named_by_its_id_or_by_its_arn_in_this_region(env: Any) -> None:
    client, instance_id, _ = env
    arn = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{instance_id}"
    created = client.create_contact_flow(
        InstanceId=arn, Name="By ARN", Type="CONTACT_FLOW", Content=CONTENT
    )
    assert created["ContactFlowArn"].startswith(f"{arn}/contact-flow/")
    assert all_flows(client, arn) == all_flows(client, instance_id)
    assert all_flows(client, arn)[-1]["Id"] == created["ContactFlowId"]
    # The same ID in another Region's or account's ARN names no instance here.
    for other in (
        arn.replace("us-east-1", "eu-west-2"),
        arn.replace(ACCOUNT, "999999999999"),
    ):
        with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
            client.list_contact_flows(InstanceId=other)
        assert client_error(excinfo) == (
            404,
            "ResourceNotFoundException",
            f"Instance '{other}' was not found in account {ACCOUNT}, Region us-east-1",
        )


# --- create, describe, list --------------------------------------------------------------------


def test_create_and_describe_a_published_flow(env: Any) -> None:
    client, instance_id, _ = env
    created = client.create_contact_flow(
        InstanceId=instance_id,
        Name="Main menu",
        Type="CONTACT_FLOW",
        Description="Routes callers",
        Content=CONTENT,
        Tags={"team": "routing"},
    )
    sha = hashlib.sha256(CONTENT.encode()).hexdigest()
    assert created["FlowContentSha256"] == sha
    assert created["ContactFlowArn"] == (
        f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{instance_id}/contact-flow/"
        f"{created['ContactFlowId']}"
    )
    flow = client.describe_contact_flow(
        InstanceId=instance_id, ContactFlowId=created["ContactFlowId"]
    )["ContactFlow"]
    assert {k: v for k, v in flow.items() if k != "LastModifiedTime"} == {
        "Arn": created["ContactFlowArn"],
        "Id": created["ContactFlowId"],
        "Name": "Main menu",
        "Type": "CONTACT_FLOW",
        "State": "ACTIVE",
        "Status": "PUBLISHED",
        "Description": "Routes callers",
        "Content": CONTENT,
        "Tags": {"team": "routing"},
        "FlowContentSha256": sha,
        "Version": 1,
        "LastModifiedRegion": "us-east-1",
    }
    # By ARN too; and the tags through the tagging API.
    by_arn = client.describe_contact_flow(
        InstanceId=instance_id, ContactFlowId=created["ContactFlowArn"]
    )["ContactFlow"]
    assert by_arn["Id"] == created["ContactFlowId"]
    # ":$SAVED" of a flow whose saved content is the published one: the published version.
    saved = client.describe_contact_flow(
        InstanceId=instance_id, ContactFlowId=f"{created['ContactFlowId']}:$SAVED"
    )["ContactFlow"]
    assert saved == flow
    tags = client.list_tags_for_resource(resourceArn=created["ContactFlowArn"])["tags"]
    assert tags == {"team": "routing"}
    listed = all_flows(client, instance_id)
    assert listed[-1] == {
        "Id": created["ContactFlowId"],
        "Arn": created["ContactFlowArn"],
        "Name": "Main menu",
        "ContactFlowType": "CONTACT_FLOW",
        "ContactFlowState": "ACTIVE",
        "ContactFlowStatus": "PUBLISHED",
    }


def test_list_pages_follow_their_signed_next_tokens(env: Any) -> None:
    client, instance_id, _ = env
    for index in range(3):
        client.create_contact_flow(
            InstanceId=instance_id, Name=f"Flow {index}", Type="CONTACT_FLOW", Content=CONTENT
        )
    query = {"InstanceId": instance_id, "ContactFlowTypes": ["CONTACT_FLOW"], "MaxResults": 5}
    first = client.list_contact_flows(**query)
    pages, page = [first], first
    while "NextToken" in page:
        page = client.list_contact_flows(**query, NextToken=page["NextToken"])
        pages.append(page)
    names = [f["Name"] for page in pages for f in page["ContactFlowSummaryList"]]
    assert [len(page["ContactFlowSummaryList"]) for page in pages] == [5, 5, 3]
    assert names[-3:] == ["Flow 0", "Flow 1", "Flow 2"]
    assert names[0] == "Sample inbound flow (first contact experience)"
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_contact_flows(
            InstanceId=instance_id, ContactFlowTypes=["AGENT_HOLD"], NextToken=first["NextToken"]
        )
    assert client_error(excinfo) == (
        400,
        "InvalidParameterException",
        invalid_token("ListContactFlows"),
    )


# --- the flow language -------------------------------------------------------------------------


def test_publishing_checks_the_content_and_lists_every_problem(env: Any) -> None:
    client, instance_id, endpoint = env
    bad = flow_content(
        {
            "Identifier": "greet",
            "Type": "MessageParticipant",
            "Transitions": {
                "NextAction": "nowhere",
                "Conditions": [{"NextAction": "greet"}, {"NextAction": "gone"}],
                "Errors": [{"NextAction": "lost"}],
            },
        },
        {"Identifier": "greet", "Type": "PlayPrompt"},
        {"Identifier": "end", "Type": "EndFlowExecution"},
        start="start",
        Version="2020-01-01",
    )
    with pytest.raises(client.exceptions.InvalidContactFlowException) as excinfo:
        client.create_contact_flow(
            InstanceId=instance_id, Name="Bad", Type="CONTACT_FLOW", Content=bad
        )
    problems = [
        'Version must be "2019-10-30" (got "2020-01-01")',
        "Action identifier 'greet' is used by more than one action",
        "Actions[1] has unknown action type 'PlayPrompt'",
        "Action type 'EndFlowExecution' is not supported in flows of type CONTACT_FLOW",
        "StartAction 'start' does not name an action of the flow",
        "Transitions.NextAction of action 'greet' names 'nowhere', which is not an action of "
        "the flow",
        "Transitions.Conditions[1].NextAction of action 'greet' names 'gone', which is not an "
        "action of the flow",
        "Transitions.Errors[0].NextAction of action 'greet' names 'lost', which is not an action "
        "of the flow",
    ]
    status, code, message = client_error(excinfo)
    assert (status, code) == (400, "InvalidContactFlowException")
    assert message == "The flow content is not valid (8 problems): " + "; ".join(problems)
    assert excinfo.value.response["problems"] == [{"message": p} for p in problems]
    # Nothing was created: the name is free.
    names = [f["Name"] for f in all_flows(client, instance_id)]
    assert "Bad" not in names
    # On the wire: the modelled member next to the message.
    if endpoint is not None:
        url = f"{endpoint}/contact-flows/{instance_id}"
        answer = requests.put(
            url,
            json={"Name": "Raw", "Type": "CONTACT_FLOW", "Content": "not json"},
            headers={"Authorization": _auth()},
            timeout=30,
        )
        assert answer.status_code == 400
        assert answer.headers["x-amzn-ErrorType"] == "InvalidContactFlowException"
        body = answer.json()
        assert body["problems"] == [
            {"message": "Content is not valid JSON: Expecting value: line 1 column 1 (char 0)"}
        ]


def test_one_problem_is_named_in_the_singular(env: Any) -> None:
    client, instance_id, _ = env
    with pytest.raises(client.exceptions.InvalidContactFlowException) as excinfo:
        client.create_contact_flow(
            InstanceId=instance_id,
            Name="Old",
            Type="CONTACT_FLOW",
            Content=flow_content(Version="2020-01-01"),
        )
    problem = 'Version must be "2019-10-30" (got "2020-01-01")'
    assert client_error(excinfo) == (
        400,
        "InvalidContactFlowException",
        f"The flow content is not valid (1 problem): {problem}",
    )
    assert excinfo.value.response["problems"] == [{"message": problem}]


def _auth() -> str:
    return (
        "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/connect/aws4_request, "
        "SignedHeaders=host, Signature=0"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[]", "Content must be a JSON object with Version, StartAction and Actions"),
        ('{"Version": "2019-10-30", "StartAction": "a"}', "Actions must be a list of actions"),
        (
            flow_content({"Identifier": "a:b", "Type": "Wait"}, start="a:b"),
            "Action identifier 'a:b' contains characters not allowed: :",
        ),
        (
            flow_content({"Identifier": "toString", "Type": "Wait"}, start="toString"),
            "Action identifier 'toString' is a reserved word",
        ),
        (flow_content({"Type": "Wait"}, start="x"), "Actions[0] has no Identifier"),
    ],
)
def test_each_flow_language_rule(content: str, problem: str) -> None:
    assert problem in problems_of(content, "CONTACT_FLOW")


def test_action_restrictions_follow_the_flow_type() -> None:
    whisper = flow_content({"Identifier": "end", "Type": "EndFlowExecution"}, start="end")
    assert problems_of(whisper, "AGENT_WHISPER") == []
    assert problems_of(whisper, "CUSTOMER_QUEUE") == []
    assert problems_of(whisper, "AGENT_TRANSFER") == [
        "Action type 'EndFlowExecution' is not supported in flows of type AGENT_TRANSFER"
    ]
    assert problems_of(whisper, "CAMPAIGN") == []  # no documented restriction


def test_saved_content_is_not_checked_and_needs_the_saved_suffix(env: Any) -> None:
    client, instance_id, _ = env
    created = client.create_contact_flow(
        InstanceId=instance_id, Name="Draft", Type="CONTACT_FLOW", Content="{}", Status="SAVED"
    )
    flow_id = created["ContactFlowId"]
    with pytest.raises(client.exceptions.ContactFlowNotPublishedException) as excinfo:
        client.describe_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)
    assert client_error(excinfo) == (
        404,
        "ContactFlowNotPublishedException",
        f"Contact flow '{flow_id}' has not been published; describe '{flow_id}:$SAVED' to read "
        "its saved content",
    )
    saved = client.describe_contact_flow(InstanceId=instance_id, ContactFlowId=f"{flow_id}:$SAVED")
    assert (saved["ContactFlow"]["Status"], saved["ContactFlow"]["Content"]) == ("SAVED", "{}")
    assert "Version" not in saved["ContactFlow"]
    summary = next(f for f in all_flows(client, instance_id) if f["Id"] == flow_id)
    assert summary["ContactFlowStatus"] == "SAVED"
    # Publishing (no suffix) checks the content; saving (":$SAVED") does not.
    with pytest.raises(client.exceptions.InvalidContactFlowException):
        client.update_contact_flow_content(
            InstanceId=instance_id, ContactFlowId=flow_id, Content="{}"
        )
    client.update_contact_flow_content(
        InstanceId=instance_id, ContactFlowId=flow_id, Content=CONTENT
    )
    second = flow_content(start="bye")
    client.update_contact_flow_content(
        InstanceId=instance_id, ContactFlowId=flow_id, Content=second
    )
    client.update_contact_flow_content(
        InstanceId=instance_id, ContactFlowId=f"{flow_id}:$SAVED", Content="work in progress"
    )

    def describe(reference: str) -> tuple[str, str, int | None]:
        flow = client.describe_contact_flow(InstanceId=instance_id, ContactFlowId=reference)
        flow = flow["ContactFlow"]
        return flow["Status"], flow["Content"], flow.get("Version")

    arn = created["ContactFlowArn"]
    assert describe(flow_id) == ("PUBLISHED", second, 2)
    assert describe(f"{flow_id}:$SAVED") == ("SAVED", "work in progress", None)
    assert describe(f"{arn}:1") == ("PUBLISHED", CONTENT, 1)
    assert describe(f"{arn}:2") == ("PUBLISHED", second, 2)
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        describe(f"{flow_id}:3")
    assert client_error(excinfo)[2] == f"Contact flow '{flow_id}' has no version 3 (it has 2)"
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.update_contact_flow_content(
            InstanceId=instance_id, ContactFlowId=f"{flow_id}:2", Content=CONTENT
        )
    assert client_error(excinfo)[2] == (
        f"ContactFlowId '{flow_id}:2' has the suffix ':2'; this operation takes ':$SAVED'"
    )


def test_content_length_is_limited(env: Any) -> None:
    client, instance_id, _ = env
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_contact_flow(
            InstanceId=instance_id,
            Name="Huge",
            Type="CONTACT_FLOW",
            Content="x" * 256001,
            Status="SAVED",
        )
    assert client_error(excinfo)[2] == "Content is 256001 characters long; the limit is 256000"


# --- names, metadata, delete -------------------------------------------------------------------


def test_names_are_unique_per_instance(env: Any) -> None:
    client, instance_id, _ = env
    first = client.create_contact_flow(
        InstanceId=instance_id, Name="Main", Type="CONTACT_FLOW", Content=CONTENT
    )
    with pytest.raises(client.exceptions.DuplicateResourceException) as excinfo:
        client.create_contact_flow(
            InstanceId=instance_id, Name="Default outbound", Type="CONTACT_FLOW", Content=CONTENT
        )
    assert client_error(excinfo) == (
        409,
        "DuplicateResourceException",
        f"A contact flow named 'Default outbound' already exists in instance {instance_id}",
    )
    with pytest.raises(client.exceptions.DuplicateResourceException):
        client.update_contact_flow_name(
            InstanceId=instance_id, ContactFlowId=first["ContactFlowId"], Name="Default outbound"
        )
    # Another instance has its own names.
    other_id, _ = create_instance(client, "other")
    client.create_contact_flow(
        InstanceId=other_id, Name="Main", Type="CONTACT_FLOW", Content=CONTENT
    )
    client.update_contact_flow_name(
        InstanceId=instance_id,
        ContactFlowId=first["ContactFlowId"],
        Name="Renamed",
        Description="d",
    )
    client.create_contact_flow(
        InstanceId=instance_id, Name="Main", Type="CONTACT_FLOW", Content=CONTENT
    )
    flow = client.describe_contact_flow(
        InstanceId=instance_id, ContactFlowId=first["ContactFlowId"]
    )["ContactFlow"]
    assert (flow["Name"], flow["Description"]) == ("Renamed", "d")
    # The new name is taken; deleting the flow frees it.
    with pytest.raises(client.exceptions.DuplicateResourceException) as excinfo:
        client.create_contact_flow(
            InstanceId=instance_id, Name="Renamed", Type="CONTACT_FLOW", Content=CONTENT
        )
    assert client_error(excinfo)[2] == (
        f"A contact flow named 'Renamed' already exists in instance {instance_id}"
    )
    client.delete_contact_flow(InstanceId=instance_id, ContactFlowId=first["ContactFlowId"])
    client.create_contact_flow(
        InstanceId=instance_id, Name="Renamed", Type="CONTACT_FLOW", Content=CONTENT
    )


def test_metadata_archives_and_restores_a_flow(env: Any) -> None:
    client, instance_id, _ = env
    created = client.create_contact_flow(
        InstanceId=instance_id, Name="Seasonal", Type="CONTACT_FLOW", Content=CONTENT
    )
    flow_id = created["ContactFlowId"]
    client.update_contact_flow_metadata(  # by ARN: it travels URL-encoded in the path
        InstanceId=instance_id,
        ContactFlowId=created["ContactFlowArn"],
        ContactFlowState="ARCHIVED",
        Name="Winter",
    )
    flow = client.describe_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)[
        "ContactFlow"
    ]
    assert (flow["State"], flow["Name"]) == ("ARCHIVED", "Winter")
    summary = next(f for f in all_flows(client, instance_id) if f["Id"] == flow_id)
    assert summary["ContactFlowState"] == "ARCHIVED"
    client.update_contact_flow_metadata(
        InstanceId=instance_id, ContactFlowId=flow_id, ContactFlowState="ACTIVE"
    )
    flow = client.describe_contact_flow(InstanceId=instance_id, ContactFlowId=flow_id)[
        "ContactFlow"
    ]
    assert flow["State"] == "ACTIVE"
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.update_contact_flow_metadata(
            InstanceId=instance_id, ContactFlowId=f"{flow_id}:$SAVED", Name="x"
        )
    assert client_error(excinfo)[2] == (
        f"ContactFlowId '{flow_id}:$SAVED' has the suffix ':$SAVED'; this operation takes no suffix"
    )


def test_delete_removes_the_flow_and_its_tags(env: Any) -> None:
    client, instance_id, _ = env
    created = client.create_contact_flow(
        InstanceId=instance_id, Name="Temp", Type="CONTACT_FLOW", Content=CONTENT, Tags={"a": "b"}
    )
    client.delete_contact_flow(InstanceId=instance_id, ContactFlowId=created["ContactFlowId"])
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.describe_contact_flow(InstanceId=instance_id, ContactFlowId=created["ContactFlowId"])
    assert client_error(excinfo) == (
        404,
        "ResourceNotFoundException",
        f"Contact flow '{created['ContactFlowId']}' was not found in instance {instance_id}",
    )
    assert client.list_tags_for_resource(resourceArn=created["ContactFlowArn"])["tags"] == {}
    assert "Temp" not in [f["Name"] for f in all_flows(client, instance_id)]
    # The name is free again.
    client.create_contact_flow(
        InstanceId=instance_id, Name="Temp", Type="CONTACT_FLOW", Content=CONTENT
    )


def test_a_flow_arn_of_another_instance_names_nothing(env: Any) -> None:
    client, instance_id, _ = env
    other_id, _ = create_instance(client, "other")
    created = client.create_contact_flow(
        InstanceId=other_id, Name="Theirs", Type="CONTACT_FLOW", Content=CONTENT
    )
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_contact_flow(
            InstanceId=instance_id, ContactFlowId=created["ContactFlowArn"]
        )


# --- the Flow language's limits and restrictions, rule by rule ----------------------------------

CLASSIC_TYPES = (
    "CONTACT_FLOW",
    "CUSTOMER_QUEUE",
    "CUSTOMER_HOLD",
    "AGENT_HOLD",
    "CUSTOMER_WHISPER",
    "AGENT_WHISPER",
    "OUTBOUND_WHISPER",
    "AGENT_TRANSFER",
    "QUEUE_TRANSFER",
)
# Each restricted action's "Restrictions" (Flow language reference): the flow types it is in.
RESTRICTIONS = {
    "DisconnectParticipant": {"CONTACT_FLOW", "CUSTOMER_QUEUE", "AGENT_TRANSFER", "QUEUE_TRANSFER"},
    "EndFlowExecution": {"CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER", "CUSTOMER_QUEUE"},
    "UpdateContactTargetQueue": {"CONTACT_FLOW", "AGENT_TRANSFER", "QUEUE_TRANSFER"},
    "TransferToFlow": {"CONTACT_FLOW", "AGENT_TRANSFER", "QUEUE_TRANSFER"},
    "Wait": set(CLASSIC_TYPES),  # no restriction
}


def _one_action(action_type: str, identifier: str = "only") -> str:
    return flow_content({"Identifier": identifier, "Type": action_type}, start=identifier)


@pytest.mark.parametrize("action_type", sorted(RESTRICTIONS))
def test_an_action_is_refused_in_exactly_the_flow_types_its_restrictions_leave_out(
    action_type: str,
) -> None:
    content = _one_action(action_type)
    refused = {
        flow_type
        for flow_type in CLASSIC_TYPES
        if problems_of(content, flow_type)
        == [f"Action type '{action_type}' is not supported in flows of type {flow_type}"]
    }
    assert refused == set(CLASSIC_TYPES) - RESTRICTIONS[action_type]
    assert problems_of(content, "CAMPAIGN") == []  # newer than the Restrictions sections


def test_an_identifier_is_held_to_its_length_characters_and_reserved_words() -> None:
    """ "up to 50 characters long"; "The following characters are not allowed in the Identifier
    field: (% : ( \\ / ) = $ , ; [ ] { })", nor the reserved words; anything else is fine."""
    fine = ["a" * 50, "X-ray_1.b~!?&*+<>|@#^'\"`", "toStringX", "Constructor"]
    for identifier in fine:
        assert problems_of(_one_action("Wait", identifier), "CONTACT_FLOW") == [], identifier
    for missing in ("", 7, None):
        content = flow_content({"Identifier": missing, "Type": "Wait"}, start="x")
        assert problems_of(content, "CONTACT_FLOW")[0] == "Actions[0] has no Identifier"
    assert problems_of(_one_action("Wait", "b" * 51), "CONTACT_FLOW") == [
        f"Action identifier '{'b' * 20}...' is longer than 50 characters"
    ]
    assert problems_of(_one_action("Wait", "a:b=c"), "CONTACT_FLOW") == [
        "Action identifier 'a:b=c' contains characters not allowed: :="
    ]
    for character in "%:(\\/)=$,;[]{}":
        identifier = f"a{character}b"
        assert problems_of(_one_action("Wait", identifier), "CONTACT_FLOW") == [
            f"Action identifier '{identifier}' contains characters not allowed: {character}"
        ]
    # The reference's reserved words, written out so that the checker's own list is tested.
    reserved = (
        "__proto__",
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "toString",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "valueOf",
    )
    for identifier in reserved:
        assert problems_of(_one_action("Wait", identifier), "CONTACT_FLOW") == [
            f"Action identifier '{identifier}' is a reserved word"
        ]


def _problems_of_bad_actions(count: int) -> list[str]:
    """``count`` actions that are not objects and no StartAction: count + 1 problems."""
    return problems_of(
        json.dumps({"Version": "2019-10-30", "Actions": [1] * count}), "CONTACT_FLOW"
    )


def test_fifty_problems_are_listed_and_more_are_summed_up_in_the_fiftieth() -> None:
    """InvalidContactFlowException.problems holds 1-50 ProblemDetail (the model)."""
    each = [f"Actions[{index}] must be an object" for index in range(50)]
    no_start = "StartAction must name the action the flow starts with"
    assert _problems_of_bad_actions(49) == [*each[:49], no_start]
    assert _problems_of_bad_actions(50) == [*each[:49], "... and 2 more problems"]
    assert _problems_of_bad_actions(60) == [*each[:49], "... and 12 more problems"]


def test_a_flow_without_a_version_is_told_which_one() -> None:
    content = json.dumps({"StartAction": "a", "Actions": [{"Identifier": "a", "Type": "Wait"}]})
    assert problems_of(content, "CONTACT_FLOW") == ['Version must be "2019-10-30" (got missing)']


def test_a_problem_is_cut_to_the_models_256_characters() -> None:
    """ProblemDetail's message is 1-256 characters long (the model)."""
    prefix = "Actions[0] has unknown action type '"
    exact = "T" * (256 - len(prefix) - 1)
    assert problems_of(_one_action(exact), "CONTACT_FLOW") == [f"{prefix}{exact}'"]
    longer = exact + "U"
    assert problems_of(_one_action(longer), "CONTACT_FLOW") == [f"{prefix}{exact[:-2]}..."]


def test_actions_and_transitions_of_the_wrong_shape_are_each_a_problem() -> None:
    first = {
        "Identifier": "a",
        "Type": "Wait",
        "Transitions": {"Conditions": {}, "Errors": [{"NextAction": "gone"}, 5]},
    }
    content = flow_content(first, {"Identifier": "b", "Transitions": []}, start="a")
    assert problems_of(content, "CONTACT_FLOW") == [
        "Actions[1] has no Type",
        "Transitions.Conditions of action 'a' must be a list",
        "Transitions.Errors[0].NextAction of action 'a' names 'gone', which is not an action of "
        "the flow",
        "Transitions.Errors[1].NextAction of action 'a' names null, which is not an action of "
        "the flow",
        "Transitions of action 'b' must be an object",
    ]
