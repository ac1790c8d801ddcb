"""Get/UpdateTrafficDistribution: how a traffic distribution group splits telephony traffic and
agents between its two Regions.

The rules (admin guide, "Update telephony traffic distribution across ... Regions" and "Update
agent distribution ... across ... Regions"; botocore's model): a TelephonyConfig is required; it
names both linked instances' Regions, in 10% increments, adding up to 100%; the group must be
ACTIVE; a SignInConfig can be changed only on a default group; the group's ID works in the
Region where it was created, its ARN in both ("The ARN must be provided if the call is from the
replicated Region"). Each failure is an InvalidRequestException.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..core.errors import InvalidRequestException, ResourceNotFoundException
from .arns import TDG_REGION_PAIRS, parse_arn
from .context import Context
from .groups import TrafficDistributionGroups
from .models import TrafficDistributionGroup
from .state import lifecycle_lock, region_state

__all__ = ["Distribution", "DistributionView", "SignInDistribution", "TrafficDistribution"]

STEP = 10  # "in 10% increments"


class Distribution(NamedTuple):
    region: str
    percentage: int


class SignInDistribution(NamedTuple):
    region: str
    enabled: bool


@dataclass(frozen=True)
class DistributionView:
    """What GetTrafficDistribution answers: the group and its distribution as last set."""

    group: TrafficDistributionGroup
    telephony: tuple[Distribution, ...]
    agents: tuple[Distribution, ...]


class TrafficDistribution:
    """One account's traffic distributions, seen from one Region."""

    def __init__(self, context: Context, account_id: str, region: str) -> None:
        self.context = context
        self.account_id = account_id
        self.region = region

    def get(self, reference: str) -> DistributionView:
        group = self._find(reference)
        return DistributionView(
            group,
            tuple(Distribution(*item) for item in group.telephony.items()),
            tuple(Distribution(*item) for item in group.agents.items()),
        )

    def update(
        self,
        reference: str,
        *,
        telephony: Sequence[Distribution] | None = None,
        agents: Sequence[Distribution] | None = None,
        sign_in: Sequence[SignInDistribution] | None = None,
    ) -> None:
        """Set the distribution; every check runs before anything changes."""
        with lifecycle_lock:  # one update at a time: no half-applied distribution is seen
            group = self._find(reference)
            status = group.progress.status
            if status != "ACTIVE":
                raise InvalidRequestException(
                    f"Traffic distribution group '{group.id}' is {status}; "
                    "UpdateTrafficDistribution needs it ACTIVE"
                )
            if telephony is None:
                raise InvalidRequestException(
                    "UpdateTrafficDistribution needs a TelephonyConfig: the percentage of "
                    f"telephony traffic for each of the group's Regions, {_both(group)}"
                )
            if sign_in is not None:
                # Groups made with CreateTrafficDistributionGroup are never the default group
                # (that one comes with ReplicateInstance, which the mock does not serve).
                raise InvalidRequestException(
                    "SignInConfig can be changed only on the default traffic distribution group "
                    "(IsDefault true, created when the instance is replicated); traffic "
                    f"distribution group '{group.id}' is not a default group"
                )
            new_telephony = _checked("TelephonyConfig", telephony, group)
            new_agents = group.agents if agents is None else _checked("AgentConfig", agents, group)
            if (new_telephony, new_agents) != (group.telephony, group.agents):
                # "updated each time UpdateTrafficDistribution is called to change the traffic
                # distribution" (LastFailoverTime)
                group.last_failover = self.context.clock.now()
            group.telephony, group.agents = new_telephony, new_agents

    def _find(self, reference: str) -> TrafficDistributionGroup:
        try:
            return TrafficDistributionGroups(self.context, self.account_id, self.region).find(
                reference
            )
        except ResourceNotFoundException as error:
            hint = self._replica_hint(reference)
            if hint is None:
                raise
            raise ResourceNotFoundException(error.message + hint) from None

    def _replica_hint(self, reference: str) -> str | None:
        """For the ID of a group created in the paired Region: pass its ARN here."""
        paired = TDG_REGION_PAIRS.get(self.region)
        if paired is None or parse_arn(reference) is not None:
            return None
        group = region_state(self.account_id, paired).groups.get(reference)
        if group is None:
            return None
        return (
            f". It was created in {paired}; in {self.region}, its replicated Region, pass its "
            f"ARN: {group.arn}"
        )


def _both(group: TrafficDistributionGroup) -> str:
    home, replica = group.regions
    return f"{home} (where it was created) and {replica}"


def _checked(
    member: str, distributions: Sequence[Distribution], group: TrafficDistributionGroup
) -> dict[str, int]:
    """The distribution as a Region -> percentage map (the group's Regions in their order), or
    InvalidRequestException for the first rule it breaks."""
    given: dict[str, int] = {}
    for region, percentage in distributions:
        if region not in group.regions:
            raise InvalidRequestException(
                f"{member} names Region {region}, which is not one of traffic distribution group "
                f"'{group.id}''s Regions: {_both(group)}"
            )
        if region in given:
            raise InvalidRequestException(f"{member} names Region {region} more than once")
        if percentage % STEP:
            raise InvalidRequestException(
                f"{member} gives {region} {percentage}%: percentages go in increments of {STEP}"
            )
        given[region] = percentage
    missing = [region for region in group.regions if region not in given]
    if missing:
        raise InvalidRequestException(
            f"{member} must give a percentage for both of the group's Regions, {_both(group)}; "
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing"
        )
    total = sum(given.values())
    if total != 100:
        raise InvalidRequestException(f"{member}'s percentages add up to {total}%, not 100%")
    return {region: given[region] for region in group.regions}
