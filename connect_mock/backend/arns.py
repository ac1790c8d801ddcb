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
    r"(?:(?P<kind>traffic-distribution-group|phone-number)/(?P<id>[^/]+)"
    r"|instance/(?P<instance>[^/]+)(?:/contact-flow/(?P<flow>[^/:]+))?)"
)


class Arn(NamedTuple):
    region: str
    account: str
    kind: str  # instance, contact-flow, traffic-distribution-group or phone-number
    id: str
    instance: str | None = None  # the instance of an instance or contact-flow ARN


def parse_arn(text: str) -> Arn | None:
    """The parts of an ARN of an Amazon Connect instance, contact flow, traffic distribution
    group or phone number; None for any other text."""
    found = _ARN.fullmatch(text)
    if found is None:
        return None
    region, account, instance = found["region"], found["account"], found["instance"]
    if instance is None:
        return Arn(region, account, found["kind"], found["id"])
    if found["flow"] is None:
        return Arn(region, account, "instance", instance, instance)
    return Arn(region, account, "contact-flow", found["flow"], instance)


def instance_id_of(target_arn: str) -> str | None:
    """The instance id of an instance ARN (None for a traffic distribution group)."""
    arn = parse_arn(target_arn)
    return arn.id if arn is not None and arn.kind == "instance" else None
