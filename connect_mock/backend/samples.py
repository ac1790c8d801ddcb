"""The default and sample flows every new instance comes with, by the names and types the admin
guide gives them ("Default flows", "Sample flows"). Their content is connect_mock's own: a short
valid flow of the right type, not Amazon's."""

from __future__ import annotations

import json

from .flowlang import FLOW_LANGUAGE_VERSION

__all__ = ["INSTANCE_FLOWS", "sample_content"]

# (name, type, description), in the order a new instance lists them.
INSTANCE_FLOWS: tuple[tuple[str, str, str], ...] = (
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
)

# The closing action of each type: what its actions' restrictions allow it to end with.
_ENDINGS = {
    "CONTACT_FLOW": "DisconnectParticipant",
    "AGENT_TRANSFER": "DisconnectParticipant",
    "QUEUE_TRANSFER": "DisconnectParticipant",
    "CUSTOMER_QUEUE": "EndFlowExecution",
    "CUSTOMER_WHISPER": "EndFlowExecution",
    "AGENT_WHISPER": "EndFlowExecution",
    "OUTBOUND_WHISPER": "EndFlowExecution",
}


def sample_content(name: str, flow_type: str) -> str:
    """Flow-language content for an instance's own flow: a message, then the end."""
    if flow_type in ("AGENT_HOLD", "CUSTOMER_HOLD"):
        # A hold flow loops its prompt until the hold ends.
        actions = [
            {
                "Identifier": "hold-prompt",
                "Type": "MessageParticipantIteratively",
                "Parameters": {"Messages": [{"Text": "You are on hold."}]},
                "Transitions": {},
            }
        ]
    else:
        ending = _ENDINGS.get(flow_type, "DisconnectParticipant")
        actions = [
            {
                "Identifier": "message",
                "Type": "MessageParticipant",
                "Parameters": {"Text": f"{name} (connect_mock)"},
                "Transitions": {
                    "NextAction": "end",
                    "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}],
                },
            },
            {"Identifier": "end", "Type": ending, "Parameters": {}, "Transitions": {}},
        ]
    document = {
        "Version": FLOW_LANGUAGE_VERSION,
        "StartAction": actions[0]["Identifier"],
        "Actions": actions,
    }
    return json.dumps(document, separators=(",", ":"))
