"""What connect_mock keeps about moto's Connect instances: their attributes
(Describe/Update/ListInstanceAttributes), and what goes with an instance when it is deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._moto import (
    drop_tags,
    find_instance,
    instance_call_flag,
    model_enum,
    set_instance_call_flag,
)
from ..core.errors import InvalidParameterException, ResourceNotFoundException
from .arns import TDG_REGION_PAIRS
from .context import Context
from .flowstate import flow_state
from .numbers import drop_claim
from .paging import Page
from .state import idempotent, lifecycle_lock, region_state

__all__ = [
    "ATTRIBUTE_DEFAULTS",
    "InstanceAttributes",
    "instance_deletion",
]

# Every attribute is a switch: Value "true" or "false" (the Terraform provider, for one, sends
# strconv.FormatBool and reads strconv.ParseBool).
BOOLEAN_VALUES = ("true", "false")

# The defaults of a new instance that are known: the Terraform provider's schema records these
# as "verified default result from ListInstanceAttributes()" (internal/service/connect/
# instance.go). INBOUND_CALLS and OUTBOUND_CALLS are CreateInstance's flags. The others are not
# documented; the mock answers "false" for them (docs/behaviour.md, "Differences from AWS").
ATTRIBUTE_DEFAULTS = {
    "AUTO_RESOLVE_BEST_VOICES": "true",
    "CONTACT_LENS": "true",
    "EARLY_MEDIA": "true",
    "CONTACTFLOW_LOGS": "false",
    "MULTI_PARTY_CONFERENCE": "false",
    "USE_CUSTOM_TTS_VOICES": "false",
}
UNKNOWN_DEFAULT = "false"
LIST_PAGE_SIZE = 7  # MaxResult7: the model's maximum; the default page is not documented


class InstanceAttributes:
    """One account's instances' attributes in one Region."""

    def __init__(self, context: Context, account_id: str, region: str) -> None:
        self.context = context
        self.account_id = account_id
        self.region = region
        self.state = region_state(account_id, region)

    def _instance(self, instance_id: str) -> Any:
        instance = find_instance(self.account_id, self.region, instance_id)
        if instance is None:
            raise ResourceNotFoundException(
                f"Instance '{instance_id}' was not found in account {self.account_id}, "
                f"Region {self.region}"
            )
        return instance

    def _value(self, instance: Any, instance_id: str, attribute: str) -> str:
        flag = instance_call_flag(instance, attribute)
        if flag is not None:
            return "true" if flag else "false"
        stored = self.state.instance_attributes.get(instance_id, {}).get(attribute)
        if stored is not None:
            return stored
        return ATTRIBUTE_DEFAULTS.get(attribute, UNKNOWN_DEFAULT)

    def describe(self, instance_id: str, attribute: str) -> str:
        """The attribute's value, "true" or "false"."""
        return self._value(self._instance(instance_id), instance_id, attribute)

    @idempotent("UpdateInstanceAttribute")
    def update(
        self, instance_id: str, attribute: str, value: str, *, client_token: str | None = None
    ) -> None:
        """Set the attribute. INBOUND_CALLS and OUTBOUND_CALLS are CreateInstance's flags: the
        update changes them, so DescribeInstance and ListInstances answer the new value too."""
        instance = self._instance(instance_id)
        if value not in BOOLEAN_VALUES:
            raise InvalidParameterException(
                f"Value '{value}' is not valid for instance attribute {attribute}: "
                "it takes 'true' or 'false'"
            )
        if not set_instance_call_flag(instance, attribute, value == "true"):
            self.state.instance_attributes.setdefault(instance_id, {})[attribute] = value

    def list(
        self, instance_id: str, *, max_results: int | None = None, next_token: str | None = None
    ) -> Page[tuple[str, str]]:
        """(attribute, value) of every attribute type, a page at a time, in the model's order."""
        instance = self._instance(instance_id)
        binding = "|".join(("ListInstanceAttributes", self.account_id, self.region, instance_id))
        start = 0
        if next_token is not None:
            start, _ = self.context.tokens.decode(binding, next_token, "InstanceId")
        types = model_enum("InstanceAttributeType")
        end = min(start + (max_results or LIST_PAGE_SIZE), len(types))
        items = [(name, self._value(instance, instance_id, name)) for name in types[start:end]]
        token = self.context.tokens.encode(binding, end, 0) if end < len(types) else None
        return Page(items, token)


def instance_deletion(
    context: Context, account_id: str, region: str, instance_id: str
) -> Callable[[], None] | None:
    """What DeleteInstance takes with the instance, to run once moto has deleted it: None when
    there is no such instance (moto answers ResourceNotFoundException, nothing goes).

    "Delete your Amazon Connect instance" (admin guide): the instance's phone numbers are
    released back to the inventory and cannot be recovered. They are released as
    ReleasePhoneNumber releases (each number cools down; the target is gone, so no 200% rule
    counts them); the traffic distribution groups of the instance go too, releasing the numbers
    claimed to them in both Regions of the pair; the instance's attributes, contact flows (with
    their tags) and the flow associations of its numbers are forgotten."""
    instance = find_instance(account_id, region, instance_id)
    if instance is None:
        return None
    instance_arn = str(instance.arn)

    def delete() -> None:
        now = context.clock.now()
        with lifecycle_lock:
            state = region_state(account_id, region)
            targets = [instance_arn]
            for group in list(state.groups_by_instance.order(instance_id)):
                state.remove_group(group)
                drop_tags(account_id, region, group.arn)
                targets.append(group.arn)
            regions = {region, TDG_REGION_PAIRS.get(region, region)}
            for target in targets:
                for claim_region in sorted(regions):
                    held = region_state(account_id, claim_region)
                    for claim in list(held.claims_by_target.order(target)):
                        drop_claim(held, claim, now, churn=False)
                    held.active_claims.pop(target, None)
                    held.releases.pop(target, None)
            state.instance_attributes.pop(instance_id, None)
            flows = flow_state(account_id, region).instances.pop(instance_id, None)
            for flow in [] if flows is None else flows.by_id.values():
                drop_tags(account_id, region, flow.arn)

    return delete
