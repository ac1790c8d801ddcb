"""Traffic distribution groups: create, describe, list, delete, in their Region pairs."""

from __future__ import annotations

from .._moto import drop_tags, find_instance, resource_tags, tag_resource
from ..core.errors import (
    InvalidRequestException,
    ResourceInUseException,
    ResourceNotFoundException,
)
from .arns import TDG_REGION_PAIRS, instance_id_of, parse_arn
from .context import Context
from .models import TrafficDistributionGroup
from .paging import Page, page_of
from .state import idempotent, lifecycle_lock, region_state
from .targets import check_scope, find_group

__all__ = ["TrafficDistributionGroups"]

DEFAULT_PAGE_SIZE = 10


class TrafficDistributionGroups:
    """One account's traffic distribution groups, seen from one Region."""

    def __init__(self, context: Context, account_id: str, region: str) -> None:
        self.context = context
        self.account_id = account_id
        self.region = region
        self.state = region_state(account_id, region)

    def _require_region_pair(self) -> None:
        if self.region not in TDG_REGION_PAIRS:
            raise InvalidRequestException(
                "Traffic distribution groups exist only in the Region pairs "
                "us-east-1/us-west-2 and eu-central-1/eu-west-2, not in " + self.region
            )

    def _instance_id(self, instance: str) -> str:
        """The id ``InstanceId`` names: an id, or an instance ARN held to the target rules of
        the other operations taking a target (another account's: 403; another Region's: 400)."""
        if not instance.startswith("arn:"):
            return instance
        arn = parse_arn(instance)
        if arn is None or arn.kind != "instance":
            raise InvalidRequestException(
                f"InstanceId '{instance}' is neither the ID nor the ARN of an Amazon Connect "
                "instance (arn:aws:connect:REGION:ACCOUNT:instance/ID)"
            )
        check_scope(arn, instance, "InstanceId", self.account_id, self.region)
        return arn.id

    @idempotent("CreateTrafficDistributionGroup")
    def create(
        self,
        name: str,
        instance: str,
        *,
        description: str | None = None,
        tags: dict[str, str] | None = None,
        client_token: str | None = None,
    ) -> TrafficDistributionGroup:
        # Under the lifecycle lock: the unique-name check, then the insert.
        self._require_region_pair()
        instance_id = self._instance_id(instance)
        found = find_instance(self.account_id, self.region, instance_id)
        if found is None or (instance.startswith("arn:") and found.arn != instance):
            raise ResourceNotFoundException(
                f"Instance '{instance}' was not found in account {self.account_id}, "
                f"Region {self.region}"
            )
        if any(group.name == name for group in self.state.groups.values()):
            raise InvalidRequestException(
                f"A traffic distribution group named '{name}' already exists"
            )
        group = TrafficDistributionGroup(
            account_id=self.account_id,
            region=self.region,
            name=name,
            description=description,
            instance_arn=str(found.arn),
            instance_id=instance_id,
        )
        self.state.add_group(group)
        if tags:
            tag_resource(self.account_id, self.region, group.arn, tags)
        return group

    def find(self, reference: str) -> TrafficDistributionGroup:
        self._require_region_pair()
        arn = parse_arn(reference)
        group = None
        if arn is not None and arn.kind == "traffic-distribution-group":
            if arn.account == self.account_id:
                group = find_group(self.account_id, self.region, arn.region, arn.id)
        else:
            group = self.state.groups.get(reference)
        if group is None:
            raise ResourceNotFoundException(
                f"Traffic distribution group '{reference}' was not found in account "
                f"{self.account_id}, Region {self.region}"
            )
        return group

    def describe(self, reference: str) -> tuple[TrafficDistributionGroup, str, dict[str, str]]:
        """The group, its status and its tags."""
        group = self.find(reference)
        status = group.progress.status
        tags = resource_tags(self.account_id, group.region, group.arn)
        group.progress.advance()
        return group, status, dict(tags)

    def list(
        self,
        *,
        instance: str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> Page[TrafficDistributionGroup]:
        self._require_region_pair()
        key = None if instance is None else instance_id_of(instance) or instance

        def keep(group: TrafficDistributionGroup) -> bool:
            return instance is None or instance in (group.instance_arn, group.instance_id)

        binding = "|".join(
            ("ListTrafficDistributionGroups", self.account_id, self.region, repr(instance))
        )
        size = max_results or DEFAULT_PAGE_SIZE
        with lifecycle_lock:  # creates and deletes on other threads change the index
            order = self.state.groups_by_instance.order(key)
            return page_of(
                self.context.tokens,
                "ListTrafficDistributionGroups",
                binding,
                order,
                next_token,
                size,
                keep,
            )

    def delete(self, reference: str) -> None:
        # Checks the group's claims, then deletes it: no claim may land in between.
        with lifecycle_lock:
            group = self.find(reference)
            if group.region != self.region:
                # "This API can be called only in the Region where the traffic distribution
                # group is created." (DeleteTrafficDistributionGroup)
                raise InvalidRequestException(
                    "DeleteTrafficDistributionGroup takes a traffic distribution group only in "
                    "the Region where the group was created: call "
                    f"DeleteTrafficDistributionGroup in {group.region}, where traffic "
                    f"distribution group '{group.arn}' was created (this request was sent to "
                    f"{self.region})"
                )
            for region in {group.region, TDG_REGION_PAIRS[group.region]}:
                if region_state(self.account_id, region).claims_by_target.order(group.arn):
                    raise ResourceInUseException(
                        f"Traffic distribution group '{group.id}' still has phone numbers "
                        "claimed to it; release or move them first"
                    )
            region_state(self.account_id, group.region).remove_group(group)
            drop_tags(self.account_id, group.region, group.arn)
