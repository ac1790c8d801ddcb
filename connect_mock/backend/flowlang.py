"""The Amazon Connect Flow language, as far as publishing checks it: the problems of a flow's
content, one message per problem (InvalidContactFlowException's ``problems``).

What is checked is what the Flow language reference documents ("Actions in the Amazon Connect
Flow Language" and each action's "Restrictions"): the JSON document, ``Version``,
``StartAction``, each action's ``Identifier`` and ``Type``, and the transitions between actions.
Parameters of each action are not checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

__all__ = ["FLOW_LANGUAGE_VERSION", "KNOWN_ACTION_TYPES", "MAX_CONTENT_LENGTH", "problems_of"]

FLOW_LANGUAGE_VERSION = "2019-10-30"
# "Length Constraints: Minimum length of 1. Maximum length of 256000." (Content, in the API
# reference's prose; botocore's model carries no constraint).
MAX_CONTENT_LENGTH = 256000
# InvalidContactFlowException.problems: a list of 1-50 ProblemDetail, each message 1-256 long.
MAX_PROBLEMS = 50
MAX_PROBLEM_LENGTH = 256

# The action types the Flow language reference lists: participant actions, contact actions,
# flow control actions and interactions.
KNOWN_ACTION_TYPES = frozenset(
    {
        # Participant actions
        "ConnectParticipantWithLexBot",
        "DisconnectParticipant",
        "GetParticipantInput",
        "MessageParticipant",
        "MessageParticipantIteratively",
        "ShowView",
        # Contact actions
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
        # Flow control actions
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
        # Interactions
        "CreateCallbackContact",
        "InvokeExternalResource",
        "InvokeLambdaFunction",
    }
)

_WHISPERS = frozenset({"CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER"})
_TRANSFERS = frozenset({"AGENT_TRANSFER", "QUEUE_TRANSFER"})
# The flow types the actions' "Restrictions" sections speak of (CAMPAIGN flows are newer and
# not named there: no restriction is applied to them).
_CLASSIC_TYPES = frozenset(
    {"CONTACT_FLOW", "CUSTOMER_QUEUE", "CUSTOMER_HOLD", "AGENT_HOLD"} | _WHISPERS | _TRANSFERS
)
# Action type -> the flow types its "Restrictions" allow it in.
RESTRICTED_ACTIONS: dict[str, frozenset[str]] = {
    # "supported ... in contact flows, transfer flows, and customer queue flows"
    "DisconnectParticipant": frozenset({"CONTACT_FLOW", "CUSTOMER_QUEUE"} | _TRANSFERS),
    # "available only in whisper flows and customer queue flows"
    "EndFlowExecution": _WHISPERS | {"CUSTOMER_QUEUE"},
    # "supported only in inbound contact flows and transfer flows"
    "UpdateContactTargetQueue": frozenset({"CONTACT_FLOW"}) | _TRANSFERS,
    # "available in inbound flows and transfer flows"
    "TransferToFlow": frozenset({"CONTACT_FLOW"}) | _TRANSFERS,
}
# "The following characters are not allowed in the Identifier field: (% : ( \ / ) = $ , ; [ ]
# { })", nor these strings; "up to 50 characters long".
_FORBIDDEN_CHARACTERS = frozenset("%:(\\/)=$,;[]{}")
_FORBIDDEN_IDENTIFIERS = frozenset(
    {
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
    }
)
MAX_IDENTIFIER_LENGTH = 50


def problems_of(content: str, flow_type: str) -> list[str]:
    """Why ``content`` cannot be published as a flow of ``flow_type`` (empty: it can)."""
    try:
        document = json.loads(content)
    except ValueError as error:
        return [_cut(f"Content is not valid JSON: {error}")]
    if not isinstance(document, dict):
        return ["Content must be a JSON object with Version, StartAction and Actions"]
    found = list(_document_problems(document, flow_type))
    if len(found) > MAX_PROBLEMS:
        extra = len(found) - (MAX_PROBLEMS - 1)
        found = [*found[: MAX_PROBLEMS - 1], f"... and {extra} more problems"]
    return [_cut(problem) for problem in found]


def _cut(text: str) -> str:
    return text if len(text) <= MAX_PROBLEM_LENGTH else text[: MAX_PROBLEM_LENGTH - 3] + "..."


def _document_problems(document: dict[str, Any], flow_type: str) -> Iterator[str]:
    version = document.get("Version")
    if version != FLOW_LANGUAGE_VERSION:
        shown = "missing" if version is None else json.dumps(version)
        yield f'Version must be "{FLOW_LANGUAGE_VERSION}" (got {shown})'
    actions = document.get("Actions")
    if not isinstance(actions, list):
        yield "Actions must be a list of actions"
        actions = []
    identifiers: set[str] = set()
    valid: list[tuple[str, dict[str, Any]]] = []
    for index, action in enumerate(actions):
        if not isinstance(action, dict):
            yield f"Actions[{index}] must be an object"
            continue
        identifier = action.get("Identifier")
        yield from _identifier_problems(identifier, index)
        if isinstance(identifier, str):
            if identifier in identifiers:
                yield f"Action identifier '{identifier}' is used by more than one action"
            identifiers.add(identifier)
            valid.append((identifier, action))
        yield from _type_problems(action.get("Type"), index, flow_type)
    start = document.get("StartAction")
    if not isinstance(start, str):
        yield "StartAction must name the action the flow starts with"
    elif start not in identifiers:
        yield f"StartAction '{start}' does not name an action of the flow"
    for identifier, action in valid:
        yield from _transition_problems(identifier, action.get("Transitions"), identifiers)


def _identifier_problems(identifier: object, index: int) -> Iterator[str]:
    if not isinstance(identifier, str) or not identifier:
        yield f"Actions[{index}] has no Identifier"
        return
    if len(identifier) > MAX_IDENTIFIER_LENGTH:
        yield f"Action identifier '{identifier[:20]}...' is longer than 50 characters"
    bad = sorted(set(identifier) & _FORBIDDEN_CHARACTERS)
    if bad:
        yield f"Action identifier '{identifier}' contains characters not allowed: {''.join(bad)}"
    if identifier in _FORBIDDEN_IDENTIFIERS:
        yield f"Action identifier '{identifier}' is a reserved word"


def _type_problems(action_type: object, index: int, flow_type: str) -> Iterator[str]:
    if not isinstance(action_type, str):
        yield f"Actions[{index}] has no Type"
    elif action_type not in KNOWN_ACTION_TYPES:
        yield f"Actions[{index}] has unknown action type '{action_type}'"
    elif flow_type in _CLASSIC_TYPES and flow_type not in RESTRICTED_ACTIONS.get(
        action_type, _CLASSIC_TYPES
    ):
        yield f"Action type '{action_type}' is not supported in flows of type {flow_type}"


def _transition_problems(identifier: str, transitions: object, known: set[str]) -> Iterator[str]:
    if transitions is None:
        return
    if not isinstance(transitions, dict):
        yield f"Transitions of action '{identifier}' must be an object"
        return
    targets: list[tuple[str, object]] = []
    if "NextAction" in transitions:
        targets.append(("NextAction", transitions["NextAction"]))
    for key in ("Conditions", "Errors"):
        entries = transitions.get(key, [])
        if not isinstance(entries, list):
            yield f"Transitions.{key} of action '{identifier}' must be a list"
            continue
        for position, entry in enumerate(entries):
            target = entry.get("NextAction") if isinstance(entry, dict) else None
            targets.append((f"{key}[{position}].NextAction", target))
    for where, target in targets:
        if not isinstance(target, str) or target not in known:
            shown = json.dumps(target) if not isinstance(target, str) else f"'{target}'"
            yield (
                f"Transitions.{where} of action '{identifier}' names {shown}, "
                "which is not an action of the flow"
            )
