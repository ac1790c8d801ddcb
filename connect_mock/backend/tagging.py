"""TagResource, UntagResource and ListTagsForResource: one path for every ARN.

The resources connect_mock owns (claimed phone numbers, traffic distribution groups) must exist,
in this account, as their describe operations see them from this Region; tags are kept in moto's
Connect tagging service of the Region the resource lives in. Any other ARN (moto's instances
among them) keeps moto's behaviour: tags stored for the ARN as given, in this Region."""

from __future__ import annotations

from .._moto import connect_model, resource_tags, tag_resource, untag_resource
from ..core.errors import InvalidParameterException, ResourceNotFoundException
from .arns import parse_arn
from .context import Context
from .lookup import find_claim
from .state import lifecycle_lock
from .targets import find_group

__all__ = ["OWN_KINDS", "Tagging", "max_tags"]

OWN_KINDS = frozenset({"phone-number", "traffic-distribution-group"})


def max_tags() -> int:
    """How many tags a resource holds at most: the model's TagMap maximum."""
    return int(connect_model().shape_for("TagMap").metadata["max"])


class Tagging:
    """Tags on ARNs, as one account calls from one Region."""

    def __init__(self, context: Context, account_id: str, region: str) -> None:
        self.context = context
        self.account_id = account_id
        self.region = region

    def _home(self, resource_arn: str) -> str:
        """The Region whose tagging service holds ``resource_arn``'s tags (this one for an ARN
        not of ours); ResourceNotFoundException for an ARN of ours that names nothing (unknown,
        released, deleted, another account's)."""
        arn = parse_arn(resource_arn)
        if arn is None or arn.kind not in OWN_KINDS:
            return self.region
        home: str | None = None
        if arn.account == self.account_id and arn.kind == "phone-number":
            now = self.context.clock.now()
            try:
                claim = find_claim(
                    self.account_id, self.region, resource_arn, "DescribePhoneNumber", now
                )
            except ResourceNotFoundException:
                claim = None
            home = claim.region if claim is not None else None
        elif arn.account == self.account_id:
            group = find_group(self.account_id, self.region, arn.region, arn.id)
            home = group.region if group is not None and group.arn == resource_arn else None
        if home is None:
            noun = "Phone number" if arn.kind == "phone-number" else "Traffic distribution group"
            raise ResourceNotFoundException(
                f"{noun} '{resource_arn}' was not found in account {self.account_id}, "
                f"Region {self.region}"
            )
        return home

    def tag(self, resource_arn: str, tags: dict[str, str]) -> None:
        """Add or overwrite ``tags``; refused, changing nothing, if the resource would then hold
        more than the model's maximum."""
        with lifecycle_lock:  # the count check and the write must not interleave
            home = self._home(resource_arn)
            current = resource_tags(self.account_id, home, resource_arn)
            total = len(set(current) | set(tags))
            limit = max_tags()
            if total > limit:
                raise InvalidParameterException(
                    f"Resource '{resource_arn}' would have {total} tags ({len(current)} now); "
                    f"a resource can have at most {limit} tags"
                )
            tag_resource(self.account_id, home, resource_arn, tags)

    def untag(self, resource_arn: str, keys: list[str]) -> None:
        """Remove ``keys`` (keys the resource does not have are ignored)."""
        with lifecycle_lock:
            untag_resource(self.account_id, self._home(resource_arn), resource_arn, keys)

    def list(self, resource_arn: str) -> dict[str, str]:
        with lifecycle_lock:
            return resource_tags(self.account_id, self._home(resource_arn), resource_arn)
