"""ARNs of Amazon Connect resources, and the Region pairs of traffic distribution groups."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["TDG_REGION_PAIRS", "Arn", "instance_id_of", "parse_arn"]

# Traffic distribution groups exist only in these Region pairs.
TDG_REGION_PAIRS = {
    "us-east-1": "us-west-2",
    "us-west-2": "us-east-1",
    "eu-central-1": "eu-west-2",
    "eu-west-2": "eu-central-1",
}

_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):connect:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
    r"(?P<kind>instance|traffic-distribution-group|phone-number)/(?P<id>[^/]+)"
)


class Arn(NamedTuple):
    region: str
    account: str
    kind: str  # instance, traffic-distribution-group or phone-number
    id: str


def parse_arn(text: str) -> Arn | None:
    found = _ARN.fullmatch(text)
    if found is None:
        return None
    return Arn(found["region"], found["account"], found["kind"], found["id"])


def instance_id_of(target_arn: str) -> str | None:
    """The instance id of an instance ARN (None for a traffic distribution group)."""
    arn = parse_arn(target_arn)
    return arn.id if arn is not None and arn.kind == "instance" else None
