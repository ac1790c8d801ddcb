"""The route step's backend on its own (no HTTP, no boto3): contact flows and associations as
typed calls returning domain objects, inside a fresh ``mock_aws``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from moto import mock_aws

from connect_mock.backend import (
    ContactFlows,
    FlowAssociations,
    PhoneNumbers,
    SearchQuery,
    TrafficDistributionGroups,
)
from connect_mock.backend import search_available as search_numbers
from connect_mock.backend.flowlang import FLOW_LANGUAGE_VERSION, KNOWN_ACTION_TYPES, problems_of
from connect_mock.backend.flowstate import (
    FlowReference,
    Instance,
    flow_state,
    parse_flow_reference,
)
from connect_mock.backend.samples import sample_content
from connect_mock.config import MockConfig
from connect_mock.core.errors import (
    InvalidContactFlowException,
    InvalidParameterException,
    InvalidRequestException,
    ResourceNotFoundException,
)
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


# A new instance's flows in the order it lists them: the admin guide's names and types ("Default
# flows", "Sample flows") and connect_mock's descriptions, written out here so that samples.py's
# table is tested, not restated.
INSTANCE_FLOW_TABLE = [
    ("Default agent hold", "AGENT_HOLD", "Audio played for the agent when on hold"),
    ("Default agent transfer", "AGENT_TRANSFER", "Default flow for transfers to an agent"),
    ("Default agent whisper", "AGENT_WHISPER", "Default whisper played to the agent"),
    ("Default customer hold", "CUSTOMER_HOLD", "Audio played for the customer when on hold"),
    ("Default customer queue", "CUSTOMER_QUEUE", "Default flow for customers in queue"),
    ("Default customer whisper", "CUSTOMER_WHISPER", "Default whisper played to the customer"),
    ("Default outbound", "OUTBOUND_WHISPER", "Default flow for outbound calls"),
    ("Default queue transfer", "QUEUE_TRANSFER", "Default flow for transfers to a queue"),
    ("Sample inbound flow (first contact experience)", "CONTACT_FLOW", "Sample inbound flow"),
    ("Sample AB test", "CONTACT_FLOW", "Sample A/B distribution by percentage"),
    ("Sample disconnect flow", "CONTACT_FLOW", "Sample flow run when a contact disconnects"),
    ("Sample interruptible queue flow with callback", "CUSTOMER_QUEUE", "Sample queue flow"),
    ("Sample Lambda integration", "CONTACT_FLOW", "Sample AWS Lambda integration"),
    ("Sample note for screenpop", "CONTACT_FLOW", "Sample note for the agent's screen pop"),
    ("Sample queue configurations flow", "CONTACT_FLOW", "Sample ways to put a customer in queue"),
    ("Sample queue customer", "CONTACT_FLOW", "Sample checks before queueing a customer"),
    ("Sample recording behavior", "CONTACT_FLOW", "Sample call recording behaviour"),
    ("Sample secure input with agent", "CONTACT_FLOW", "Sample secure input with an agent"),
    ("Sample secure input with no agent", "CONTACT_FLOW", "Sample secure input, no agent"),
]


def test_an_instance_flows_content_is_a_message_then_the_end_its_type_allows() -> None:
    """The content connect_mock gives its own flows (docs: a short valid flow of the right
    type): a hold flow loops its prompt; the others say their name, then end as their type's
    restrictions allow (DescribeContactFlow shows it as is)."""
    assert json.loads(sample_content("Default agent hold", "AGENT_HOLD")) == {
        "Version": FLOW_LANGUAGE_VERSION,
        "StartAction": "hold-prompt",
        "Actions": [
            {
                "Identifier": "hold-prompt",
                "Type": "MessageParticipantIteratively",
                "Parameters": {"Messages": [{"Text": "You are on hold."}]},
                "Transitions": {},
            }
        ],
    }
    endings = {"QUEUE_TRANSFER": "DisconnectParticipant", "CUSTOMER_QUEUE": "EndFlowExecution"}
    for flow_type, ending in endings.items():
        assert json.loads(sample_content("Some flow", flow_type)) == {
            "Version": FLOW_LANGUAGE_VERSION,
            "StartAction": "message",
            "Actions": [
                {
                    "Identifier": "message",
                    "Type": "MessageParticipant",
                    "Parameters": {"Text": "Some flow (connect_mock)"},
                    "Transitions": {
                        "NextAction": "end",
                        "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}],
                    },
                },
                {"Identifier": "end", "Type": ending, "Parameters": {}, "Transitions": {}},
            ],
        }


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
    assert [(f.name, f.flow_type, f.description) for f in page.items] == INSTANCE_FLOW_TABLE
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
    with pytest.raises(InvalidRequestException) as excinfo:
        flows.delete(instance_id, first.id)
    assert excinfo.value.message == (
        f"Contact flow '{first.id}' cannot be deleted: 2 phone numbers are associated with it. "
        "Call DisassociatePhoneNumberContactFlow (or associate the numbers with another flow) first"
    )
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


def test_a_flow_association_list_page_holds_a_hundred_by_default() -> None:
    """ListFlowAssociations without MaxResults pages by 100 (undocumented; ListContactFlows'
    documented default)."""
    ctx = Runtime(MockConfig(seed=5, phone_number_quota=101, search_limit=101))
    instance_id, _ = moto_instance()
    flow = ContactFlows(ctx, ACCOUNT, REGION).create(instance_id, "All", "CONTACT_FLOW", CONTENT)
    associations = FlowAssociations(ctx, ACCOUNT, REGION)
    claims = claim(ctx, instance_id, 101)
    for claim_id in claims:
        associations.associate(claim_id, instance_id, flow.id)
    first = associations.list(instance_id)
    assert [a.claim.id for a in first.items] == claims[:100]
    rest = associations.list(instance_id, next_token=first.next_token)
    assert ([a.claim.id for a in rest.items], rest.next_token) == ([claims[100]], None)


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


def test_a_flow_change_records_its_time_and_the_region_it_was_made_from(ctx: Runtime) -> None:
    """LastModifiedTime and LastModifiedRegion: the last change's time on the mock's clock and
    the Region it was called in (here the replica Region of the instance's group)."""
    instance_id, _ = moto_instance()
    TrafficDistributionGroups(ctx, ACCOUNT, REGION).create("g", instance_id)
    flow = ContactFlows(ctx, ACCOUNT, REGION).list(instance_id).items[0]
    created = flow.modified
    ctx.clock.advance(timedelta(seconds=90))
    ContactFlows(ctx, ACCOUNT, "us-west-2").update_metadata(instance_id, flow.id, description="d")
    assert (flow.modified, flow.modified_region) == (created + timedelta(seconds=90), "us-west-2")
    ctx.clock.advance(timedelta(seconds=30))
    ContactFlows(ctx, ACCOUNT, REGION).update_content(instance_id, f"{flow.id}:$SAVED", CONTENT)
    assert (flow.modified, flow.modified_region) == (created + timedelta(seconds=120), REGION)


def test_a_flow_list_page_holds_a_hundred_flows_by_default(ctx: Runtime) -> None:
    """ "The default MaxResult size is 100." (ListContactFlows)"""
    instance_id, _ = moto_instance()
    flows = ContactFlows(ctx, ACCOUNT, REGION)
    made = [flows.create(instance_id, f"f{n}", "CONTACT_FLOW", CONTENT).id for n in range(82)]
    first = flows.list(instance_id)  # 19 flows of the instance's own, then 81 of these
    assert (len(first.items), first.items[-1].id) == (100, made[80])
    assert [f.id for f in flows.list(instance_id, next_token=first.next_token).items] == [made[81]]


def test_a_suffix_describe_does_not_take_names_the_two_it_does(ctx: Runtime) -> None:
    instance_id, _ = moto_instance()
    flows = ContactFlows(ctx, ACCOUNT, REGION)
    flow_id = flows.list(instance_id).items[0].id
    with pytest.raises(InvalidParameterException) as excinfo:
        flows.describe(instance_id, f"{flow_id}:latest")
    assert excinfo.value.message == (
        f"ContactFlowId '{flow_id}:latest' has the suffix ':latest'; this operation takes "
        "':$SAVED' or ':{version}'"
    )


def test_content_is_1_to_256000_characters_long_on_create_and_on_update(ctx: Runtime) -> None:
    """ "Length Constraints: Minimum length of 1. Maximum length of 256000." (Content; botocore's
    model carries no constraint, so the backend is the only check)."""
    instance_id, _ = moto_instance()
    flows = ContactFlows(ctx, ACCOUNT, REGION)
    longest = "x" * 256000
    flow = flows.create(instance_id, "longest", "CONTACT_FLOW", longest, status="SAVED")
    for content, message in (
        ("", "Content is empty; a flow's content is 1 to 256000 long"),
        ("x" * 256001, "Content is 256001 characters long; the limit is 256000"),
    ):
        with pytest.raises(InvalidParameterException) as excinfo:
            flows.create(instance_id, "other", "CONTACT_FLOW", content, status="SAVED")
        assert excinfo.value.message == message
        with pytest.raises(InvalidParameterException) as excinfo:
            flows.update_content(instance_id, f"{flow.id}:$SAVED", content)
        assert excinfo.value.message == message
    assert flow.saved == longest
