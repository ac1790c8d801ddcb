"""Phone numbers routed to contact flows: associate, disassociate, list, batch get.

One flow per number; an association is kept with the number's claim (by claim ID) and in the
flow's instance, in creation order (the list pages' index). Releasing the number, or moving it
to another target, drops it (flowstate.forget_number)."""

from __future__ import annotations

from collections.abc import Callable

from ..core.errors import ResourceNotFoundException
from .arns import TDG_REGION_PAIRS, parse_arn
from .context import Context
from .flows import ContactFlows
from .flowstate import Association, flow_state, forget_number
from .lookup import find_claim, is_group
from .models import ClaimedNumber
from .paging import Page, page_of
from .state import lifecycle_lock, region_state

__all__ = ["VOICE_PHONE_NUMBER", "FlowAssociations"]

VOICE_PHONE_NUMBER = "VOICE_PHONE_NUMBER"
DEFAULT_PAGE_SIZE = 100  # ListFlowAssociations without MaxResults (undocumented)


class FlowAssociations:
    """One account's number-to-flow associations, seen from one Region."""

    def __init__(self, context: Context, account_id: str, region: str) -> None:
        self.context = context
        self.account_id = account_id
        self.region = region
        self.flows = ContactFlows(context, account_id, region)

    def _claim(self, reference: str, operation: str, instance_id: str) -> ClaimedNumber:
        """The CLAIMED number ``reference`` names, claimed to ``instance`` (directly or through
        a traffic distribution group)."""
        claim = find_claim(
            self.account_id, self.region, reference, operation, self.context.clock.now()
        )
        if claim.progress.status != "CLAIMED":
            raise ResourceNotFoundException(
                f"Phone number '{reference}' is {claim.progress.status}, not CLAIMED; a number "
                "can be routed to a flow once it is CLAIMED"
            )
        if _instance_of(claim) != instance_id:
            raise ResourceNotFoundException(
                f"Phone number '{reference}' is not claimed to instance {instance_id} "
                f"(it is claimed to {claim.target_arn})"
            )
        return claim

    def associate(self, number_ref: str, instance_ref: str, flow_ref: str) -> Association:
        """Route the number to the flow, replacing the flow it was routed to."""
        with lifecycle_lock:
            flows, flow, _ = self.flows.find(instance_ref, flow_ref)
            claim = self._claim(number_ref, "AssociatePhoneNumberContactFlow", flow.instance_id)
            forget_number(claim)
            association = Association(claim, flow)
            flow_state(self.account_id, claim.region).by_number[claim.id] = association
            flows.associations.add(association)
            flow.numbers += 1
            return association

    def disassociate(self, number_ref: str, instance_ref: str) -> None:
        with lifecycle_lock:
            instance, _ = self.flows.instance(instance_ref)
            claim = self._claim(number_ref, "DisassociatePhoneNumberContactFlow", instance.id)
            if claim.id not in flow_state(self.account_id, claim.region).by_number:
                raise ResourceNotFoundException(
                    f"Phone number '{number_ref}' is not associated with a contact flow"
                )
            forget_number(claim)

    def batch_get(
        self, instance_ref: str, resource_ids: list[str], resource_type: str | None = None
    ) -> list[Association]:
        """The associations of the numbers among ``resource_ids`` (ARNs or IDs) routed to a
        flow of the instance; numbers without one are left out."""
        found: list[Association] = []
        with lifecycle_lock:
            instance, _ = self.flows.instance(instance_ref)
            if resource_type not in (None, VOICE_PHONE_NUMBER):
                return found
            seen: set[str] = set()
            for reference in resource_ids:
                association = self._association_of(reference)
                if association is None or association.flow.instance_id != instance.id:
                    continue
                if association.claim.id not in seen:
                    seen.add(association.claim.id)
                    found.append(association)
        return found

    def list(
        self,
        instance_ref: str,
        *,
        resource_type: str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> Page[Association]:
        operation = "ListFlowAssociations"
        query = (operation, self.account_id, self.region, instance_ref, repr(resource_type))
        binding = "|".join(query)
        with lifecycle_lock:
            instance, flows = self.flows.instance(instance_ref)
            keep: Callable[[Association], bool] | None = None
            if resource_type not in (None, VOICE_PHONE_NUMBER):
                keep = _nothing  # only voice numbers are associated here
            elif instance.region != self.region:
                # The replica in the group's alternate Region: only the numbers claimed to a
                # group exist here (as BatchGetFlowAssociation and DescribePhoneNumber see them).
                keep = _claimed_to_a_group
            return page_of(
                self.context.tokens,
                operation,
                binding,
                flows.associations,
                next_token,
                max_results or DEFAULT_PAGE_SIZE,
                keep,
            )

    def _association_of(self, reference: str) -> Association | None:
        arn = parse_arn(reference)
        if arn is None:
            claim_region, claim_id = self.region, reference
        elif arn.kind == "phone-number" and arn.account == self.account_id:
            claim_region, claim_id = arn.region, arn.id
        else:
            return None
        claim = region_state(self.account_id, claim_region).phone_numbers.get(claim_id)
        if claim is None or (arn is not None and claim.arn != reference):
            return None
        if claim_region != self.region and not (
            is_group(claim.target_arn) and _paired(claim_region, self.region)
        ):
            return None
        return flow_state(self.account_id, claim_region).by_number.get(claim_id)


def _nothing(association: Association) -> bool:
    return False


def _claimed_to_a_group(association: Association) -> bool:
    return is_group(association.claim.target_arn)


def _paired(one: str, other: str) -> bool:
    return TDG_REGION_PAIRS.get(one) == other


def _instance_of(claim: ClaimedNumber) -> str | None:
    """The instance a number answers for: its target's, or its group's instance."""
    if claim.instance_id is not None:
        return claim.instance_id
    arn = parse_arn(claim.target_arn)
    if arn is None:
        return None
    group = region_state(claim.account_id, arn.region).groups.get(arn.id)
    return group.instance_id if group is not None else None
