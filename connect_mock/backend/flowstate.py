"""Contact flows and the numbers associated with them: the records, where they are kept, and
which instance a request names.

An instance's flows are kept in the Region the instance was created in. An instance of a
traffic distribution group is seen from the group's other Region too, by the same ID (the
replica global resiliency creates there), with the same flows: that is how a number's
association with a flow is "mirrored" between the two Regions."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from .._moto import RegionStore, find_instance
from ..core.errors import ResourceNotFoundException
from .arns import TDG_REGION_PAIRS, parse_arn
from .models import ClaimedNumber
from .paging import CreationOrder, next_sequence
from .state import region_state

__all__ = [
    "Association",
    "ContactFlow",
    "FlowState",
    "Instance",
    "InstanceFlows",
    "content_sha256",
    "flow_state",
    "forget_number",
    "parse_flow_reference",
    "resolve_instance",
]


@dataclass(eq=False)
class ContactFlow:
    """One flow of an instance. ``versions`` are the contents it was published with (version
    N is ``versions[N - 1]``); ``saved`` is its latest content, published or not."""

    account_id: str
    region: str  # the instance's Region
    instance_id: str
    name: str
    flow_type: str
    description: str | None
    saved: str
    modified: datetime
    modified_region: str
    state: str = "ACTIVE"
    versions: list[str] = field(default_factory=list)
    numbers: int = 0  # phone numbers associated with it
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    seq: int = field(default_factory=next_sequence, repr=False)

    @property
    def arn(self) -> str:
        return (
            f"arn:aws:connect:{self.region}:{self.account_id}:instance/{self.instance_id}"
            f"/contact-flow/{self.id}"
        )

    @property
    def status(self) -> str:
        """PUBLISHED once it has been published, else SAVED."""
        return "PUBLISHED" if self.versions else "SAVED"

    @property
    def draft(self) -> bool:
        """Saved content not published yet."""
        return not self.versions or self.saved != self.versions[-1]


def content_sha256(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


@dataclass(eq=False)
class Association:
    """A phone number routed to a flow (one flow per number)."""

    claim: ClaimedNumber
    flow: ContactFlow
    seq: int = field(default_factory=next_sequence, repr=False)


class InstanceFlows:
    """One instance's flows by ID and by name, and its numbers' associations, each in creation
    order (what list pages walk)."""

    def __init__(self) -> None:
        self.by_id: dict[str, ContactFlow] = {}
        self.by_name: dict[str, ContactFlow] = {}
        self.order: CreationOrder[ContactFlow] = CreationOrder()
        self.associations: CreationOrder[Association] = CreationOrder()
        self.seeded = False

    def add(self, flow: ContactFlow) -> None:
        self.by_id[flow.id] = flow
        self.by_name[flow.name] = flow
        self.order.add(flow)

    def rename(self, flow: ContactFlow, name: str) -> None:
        del self.by_name[flow.name]
        flow.name = name
        self.by_name[name] = flow

    def remove(self, flow: ContactFlow) -> None:
        del self.by_id[flow.id]
        del self.by_name[flow.name]
        self.order.discard(flow)


class FlowState:
    """One account's flows in one Region (per instance), and the associations of the numbers
    claimed in that Region (by claim ID)."""

    def __init__(self, account_id: str, region: str) -> None:
        self.instances: dict[str, InstanceFlows] = {}
        self.by_number: dict[str, Association] = {}


_flows: RegionStore[FlowState] = RegionStore(FlowState)


def flow_state(account_id: str, region: str) -> FlowState:
    return _flows.get(account_id, region)


def forget_number(claim: ClaimedNumber) -> None:
    """Drop the association of ``claim`` (released, or moved to another target)."""
    association = flow_state(claim.account_id, claim.region).by_number.pop(claim.id, None)
    if association is None:
        return
    flow = association.flow
    flow.numbers -= 1
    instance = flow_state(flow.account_id, flow.region).instances.get(flow.instance_id)
    if instance is not None:
        instance.associations.discard(association)


class Instance(NamedTuple):
    """An instance as a request names it: its ID, ARN, and the Region its flows are kept in."""

    id: str
    arn: str
    region: str


def resolve_instance(account_id: str, region: str, reference: str) -> Instance:
    """The instance ``reference`` (ID or ARN) names in ``region``: one created there, or the
    instance of a traffic distribution group of the paired Region (its replica here)."""
    arn = parse_arn(reference)
    instance_id = reference
    if arn is not None and arn.kind == "instance":
        instance_id = arn.id if (arn.account, arn.region) == (account_id, region) else ""
    if instance_id:
        found = find_instance(account_id, region, instance_id)
        if found is not None:
            return Instance(instance_id, str(found.arn), region)
        paired = TDG_REGION_PAIRS.get(region)
        if paired is not None:
            for group in region_state(account_id, paired).groups.values():
                if group.instance_id == instance_id:
                    return Instance(instance_id, group.instance_arn, paired)
    raise ResourceNotFoundException(
        f"Instance '{reference}' was not found in account {account_id}, Region {region}"
    )


class FlowReference(NamedTuple):
    """A ContactFlowId: the flow's ID, and its suffix (``$SAVED``, a version, or None)."""

    id: str
    suffix: str | None


def parse_flow_reference(reference: str, account_id: str, instance: Instance) -> FlowReference:
    """``id``, ``id:suffix``, or the flow's ARN with or without a suffix. An ARN of another
    instance or account names no flow here (ID "")."""
    if not reference.startswith("arn:"):
        text, _, suffix = reference.partition(":")
        return FlowReference(text, suffix or None)
    body, _, suffix = reference.rpartition(":")
    if "/" in suffix:  # no suffix: the last colon is the ARN's own
        body, suffix = reference, ""
    arn = parse_arn(body)
    if (
        arn is None
        or arn.kind != "contact-flow"
        or (arn.account, arn.instance) != (account_id, instance.id)
        or arn.region not in (instance.region, TDG_REGION_PAIRS.get(instance.region))
    ):
        return FlowReference("", suffix or None)
    return FlowReference(arn.id, suffix or None)
