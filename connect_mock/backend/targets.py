"""Targets and ARNs: which instance or traffic distribution group a request names."""

from __future__ import annotations

from .._moto import find_instance
from ..core.errors import AccessDeniedException, InvalidParameterException
from .arns import TDG_REGION_PAIRS, Arn, parse_arn
from .models import TrafficDistributionGroup
from .state import region_state

__all__ = ["check_scope", "find_group", "resolve"]


def find_group(
    account_id: str, region: str, group_region: str, group_id: str
) -> TrafficDistributionGroup | None:
    """A group of this account created in ``region`` or in its pair, seen from ``region``."""
    if group_region not in (region, TDG_REGION_PAIRS.get(region)):
        return None
    return region_state(account_id, group_region).groups.get(group_id)


def resolve(
    account_id: str,
    region: str,
    instance_id: str | None,
    target_arn: str | None,
    home_only: str | None = None,
) -> str:
    """The ARN of the instance or traffic distribution group a request names. ``home_only``:
    the operation that takes a group only in the Region the group was created in."""
    if instance_id is not None and target_arn is not None:
        raise InvalidParameterException(
            "Specify either InstanceId or TargetArn, not both "
            f"(got InstanceId '{instance_id}' and TargetArn '{target_arn}')"
        )
    if instance_id is not None:
        instance = find_instance(account_id, region, instance_id)
        if instance is None:
            hint = (
                " (InstanceId takes the instance's ID; pass an ARN as TargetArn)"
                if instance_id.startswith("arn:")
                else ""
            )
            raise InvalidParameterException(
                f"InstanceId '{instance_id}' does not name an Amazon Connect instance in "
                f"account {account_id}, Region {region}{hint}"
            )
        return str(instance.arn)
    if target_arn is not None:
        return _resolve_arn(account_id, region, target_arn, home_only)
    raise InvalidParameterException("Missing target: you must enter InstanceId or TargetArn")


def check_scope(arn: Arn, text: str, member: str, account_id: str, region: str) -> None:
    """The target rules every operation taking an ARN of a target applies: another account's
    is an AccessDeniedException (403), an instance of another Region an
    InvalidParameterException (400)."""
    if arn.account != account_id:
        raise AccessDeniedException(
            f"Account {account_id} is not authorized to access {member} '{text}', "
            f"which belongs to account {arn.account}"
        )
    if arn.kind == "instance" and arn.region != region:
        raise InvalidParameterException(
            f"{member} '{text}' is in Region {arn.region}, but the request was sent "
            f"to Region {region}"
        )


def _resolve_arn(account_id: str, region: str, text: str, home_only: str | None) -> str:
    arn = parse_arn(text)
    if arn is None or arn.kind not in ("instance", "traffic-distribution-group"):
        raise InvalidParameterException(
            f"TargetArn '{text}' is not the ARN of an Amazon Connect instance "
            "(arn:aws:connect:REGION:ACCOUNT:instance/ID) or traffic distribution group"
        )
    check_scope(arn, text, "TargetArn", account_id, region)
    if arn.kind == "traffic-distribution-group":
        group = find_group(account_id, region, arn.region, arn.id)
        if group is None or group.arn != text:
            raise InvalidParameterException(
                f"TargetArn '{text}' does not name a traffic distribution group of account "
                f"{account_id} usable in Region {region}"
            )
        if home_only is not None and group.region != region:
            raise InvalidParameterException(
                f"{home_only} takes a traffic distribution group only in the Region where the "
                f"group was created: call {home_only} in {group.region}, where traffic "
                f"distribution group '{text}' was created (this request was sent to {region})"
            )
        return text
    instance = find_instance(account_id, region, arn.id)
    if instance is None or instance.arn != text:
        raise InvalidParameterException(
            f"TargetArn '{text}' does not name an Amazon Connect instance in account "
            f"{account_id}, Region {region}"
        )
    return text
