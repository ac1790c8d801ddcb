"""The route step's backend on its own (no HTTP, no boto3): contact flows and associations as
typed calls returning domain objects, inside a fresh ``mock_aws``."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from moto import mock_aws

from connect_mock.backend import ContactFlows, FlowAssociations, PhoneNumbers, SearchQuery
from connect_mock.backend import search_available as search_numbers
from connect_mock.backend.flowlang import FLOW_LANGUAGE_VERSION, KNOWN_ACTION_TYPES, problems_of
from connect_mock.backend.flowstate import (
    FlowReference,
    Instance,
    flow_state,
    parse_flow_reference,
)
from connect_mock.backend.samples import INSTANCE_FLOWS
from connect_mock.config import MockConfig
from connect_mock.core.errors import InvalidContactFlowException, ResourceNotFoundException
from connect_mock.runtime import Runtime
from tests.helpers import ACCOUNT, REGION, moto_instance
from tests.test_flows import CONTENT


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    with mock_aws():
        yield


@pytest.fixture
def ctx() -> Runtime:
    return Runtime(MockConfig(seed=5))


def claim(ctx: Runtime, instance_id: str, count: int = 1) -> list[str]:
    """Claim ``count`` numbers to the instance: their claim IDs."""
    query = SearchQuery(country="US", number_type="DID", instance_id=instance_id)
    page = search_numbers(ctx, ACCOUNT, REGION, query, count, None)
    numbers = PhoneNumbers(ctx, ACCOUNT, REGION)
    return [numbers.claim(entry.number, instance_id=instance_id).id for entry in page.items]


def test_an_instance_gets_its_flows_on_first_use_only(ctx: Runtime) -> None:
    instance_id, _ = moto_instance()
    assert flow_state(ACCOUNT, REGION).instances == {}  # CreateInstance made none
    page = ContactFlows(ctx, ACCOUNT, REGION).list(instance_id)
    assert [(f.name, f.flow_type) for f in page.items] == [(n, t) for n, t, _ in INSTANCE_FLOWS]
    assert all(f.status == "PUBLISHED" and f.versions == [f.saved] for f in page.items)
    again = ContactFlows(ctx, ACCOUNT, REGION).list(instance_id)
    assert [f.id for f in again.items] == [f.id for f in page.items]


def test_publishing_invalid_content_raises_with_its_problems_and_changes_nothing(
    ctx: Runtime,
) -> None:
    instance_id, _ = moto_instance()
    flows = ContactFlows(ctx, ACCOUNT, REGION)
    with pytest.raises(InvalidContactFlowException) as excinfo:
        flows.create(instance_id, "Bad", "CONTACT_FLOW", '{"Version": "2019-10-30"}')
    assert excinfo.value.problems == [
        "Actions must be a list of actions",
        "StartAction must name the action the flow starts with",
    ]
    assert excinfo.value.members == {
        "problems": [{"message": problem} for problem in excinfo.value.problems]
    }
    assert "Bad" not in flow_state(ACCOUNT, REGION).instances[instance_id].by_name
    saved = flows.create(
        instance_id, "Bad", "CONTACT_FLOW", '{"Version": "2019-10-30"}', status="SAVED"
    )
    assert (saved.status, saved.versions) == ("SAVED", [])


def test_associations_follow_numbers_and_flows(ctx: Runtime) -> None:
    instance_id, _ = moto_instance()
    flows = ContactFlows(ctx, ACCOUNT, REGION)
    first = flows.create(instance_id, "First", "CONTACT_FLOW", CONTENT)
    second = flows.create(instance_id, "Second", "CONTACT_FLOW", CONTENT)
    associations = FlowAssociations(ctx, ACCOUNT, REGION)
    one, two = claim(ctx, instance_id, 2)
    made = associations.associate(one, instance_id, first.id)
    assert (made.claim.id, made.flow) == (one, first)
    associations.associate(two, instance_id, first.id)
    associations.associate(one, instance_id, second.id)  # replaces, and goes last
    assert (first.numbers, second.numbers) == (1, 1)
    page = associations.list(instance_id)
    assert [(a.claim.id, a.flow.name) for a in page.items] == [(two, "First"), (one, "Second")]
    PhoneNumbers(ctx, ACCOUNT, REGION).release(one)
    assert second.numbers == 0
    assert [a.claim.id for a in associations.list(instance_id).items] == [two]
    assert associations.batch_get(instance_id, [one, two])[0].claim.id == two
    with pytest.raises(ResourceNotFoundException):
        associations.disassociate(one, instance_id)  # released: not found


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("abc", FlowReference("abc", None)),
        ("abc:$SAVED", FlowReference("abc", "$SAVED")),
        ("abc:3", FlowReference("abc", "3")),
        (f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/i-1/contact-flow/abc", ("abc", None)),
        (f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/i-1/contact-flow/abc:2", ("abc", "2")),
        (f"arn:aws:connect:us-west-2:{ACCOUNT}:instance/i-1/contact-flow/abc", ("abc", None)),
        (f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/i-2/contact-flow/abc", ("", None)),
        (f"arn:aws:connect:{REGION}:999999999999:instance/i-1/contact-flow/abc", ("", None)),
        (f"arn:aws:connect:eu-west-2:{ACCOUNT}:instance/i-1/contact-flow/abc", ("", None)),
    ],
)
def test_flow_references(reference: str, expected: tuple[str, str | None]) -> None:
    instance = Instance("i-1", f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/i-1", REGION)
    assert parse_flow_reference(reference, ACCOUNT, instance) == expected


# The Flow language reference's action types (participant, contact and flow control actions,
# interactions), written out here so that the checker's own list is tested, not restated.
DOCUMENTED_ACTION_TYPES = [
    "ConnectParticipantWithLexBot",
    "DisconnectParticipant",
    "GetParticipantInput",
    "MessageParticipant",
    "MessageParticipantIteratively",
    "ShowView",
    "CompleteOutboundCall",
    "CreateCase",
    "CreateTask",
    "CreateWisdomSession",
    "DequeueContactAndTransferToQueue",
    "EndFlowModuleExecution",
    "GetCase",
    "InvokeFlowModule",
    "ResumeContact",
    "StartOutboundChatContact",
    "TagContact",
    "TransferContactToAgent",
    "TransferContactToQueue",
    "UnTagContact",
    "UpdateCase",
    "UpdateContactAttributes",
    "UpdateContactCallbackNumber",
    "UpdateContactData",
    "UpdateContactEventHooks",
    "UpdateContactMediaProcessing",
    "UpdateContactMediaStreamingBehavior",
    "UpdateContactRecordingAndAnalyticsBehavior",
    "UpdateContactRecordingBehavior",
    "UpdateContactRoutingBehavior",
    "UpdateContactTargetQueue",
    "UpdateContactTextToSpeechVoice",
    "UpdatePreviousContactParticipantState",
    "CheckHoursOfOperation",
    "CheckMetricData",
    "CheckOutboundCallStatus",
    "CheckVoiceId",
    "Compare",
    "DistributeByPercentage",
    "EndFlowExecution",
    "GetMetricData",
    "Loop",
    "StartVoiceIdStream",
    "TransferToFlow",
    "UpdateFlowAttributes",
    "UpdateFlowLoggingBehavior",
    "UpdateRoutingCriteria",
    "Wait",
    "CreateCallbackContact",
    "InvokeExternalResource",
    "InvokeLambdaFunction",
]


@pytest.mark.parametrize("action_type", DOCUMENTED_ACTION_TYPES)
def test_every_documented_action_type_can_be_published(action_type: str) -> None:
    content = json.dumps(
        {
            "Version": FLOW_LANGUAGE_VERSION,
            "StartAction": "only",
            "Actions": [
                {"Identifier": "only", "Type": action_type, "Parameters": {}, "Transitions": {}}
            ],
        }
    )
    # "EndFlowExecution ... available only in whisper flows and customer queue flows"
    flow_type = "CUSTOMER_QUEUE" if action_type == "EndFlowExecution" else "CONTACT_FLOW"
    assert problems_of(content, flow_type) == []
    assert frozenset(DOCUMENTED_ACTION_TYPES) == KNOWN_ACTION_TYPES
