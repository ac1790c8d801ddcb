"""State and behaviour of the mocked phone-number APIs, per account and region (moto backend)."""

from __future__ import annotations

import re
from typing import Any

from . import _settings
from ._inventory import OrderedInventory
from ._moto import DEFAULT_ACCOUNT_ID, BackendDict, BaseBackend, find_instance
from .calls import Call
from .exceptions import AccessDeniedException, InvalidParameterException

__all__ = ["ConnectMockBackend", "connect_mock_backends", "recorded_calls", "shared_backend"]

DEFAULT_PAGE_SIZE = 10  # AWS does not document it; MaxResults' maximum is the natural choice.

_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):connect:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
    r"(?P<kind>instance|traffic-distribution-group)/(?P<id>[^/]+)"
)


class ConnectMockBackend(BaseBackend):
    """Per account and region state; moto's reset re-creates it, wiping everything."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        # Only the shared backend (see shared_backend) records calls: the log is global and
        # ordered across accounts and Regions.
        self.calls: list[Call] = []

    def resolve_target(self, instance_id: str | None, target_arn: str | None) -> str:
        """The ARN of the instance the request names; a modelled error if it names none."""
        if instance_id is not None and target_arn is not None:
            raise InvalidParameterException(
                "Specify either InstanceId or TargetArn, not both "
                f"(got InstanceId '{instance_id}' and TargetArn '{target_arn}')"
            )
        if instance_id is not None:
            instance = find_instance(self.account_id, self.region_name, instance_id)
            if instance is None:
                hint = (
                    " (InstanceId takes the instance's ID; pass an ARN as TargetArn)"
                    if (instance_id.startswith("arn:"))
                    else ""
                )
                raise InvalidParameterException(
                    f"InstanceId '{instance_id}' does not name an Amazon Connect instance in "
                    f"account {self.account_id}, Region {self.region_name}{hint}"
                )
            return str(instance.arn)
        if target_arn is not None:
            return self._resolve_arn(target_arn)
        raise InvalidParameterException("Missing target: you must enter InstanceId or TargetArn")

    def _resolve_arn(self, arn: str) -> str:
        match = _ARN.fullmatch(arn)
        if match is None:
            raise InvalidParameterException(
                f"TargetArn '{arn}' is not the ARN of an Amazon Connect instance "
                "(arn:aws:connect:REGION:ACCOUNT:instance/ID)"
            )
        if match["account"] != self.account_id:
            raise AccessDeniedException(
                f"Account {self.account_id} is not authorized to access TargetArn '{arn}', "
                f"which belongs to account {match['account']}"
            )
        if match["region"] != self.region_name:
            raise InvalidParameterException(
                f"TargetArn '{arn}' is in Region {match['region']}, but the request was sent "
                f"to Region {self.region_name}"
            )
        if match["kind"] != "instance":
            raise InvalidParameterException(
                f"TargetArn '{arn}' does not name a traffic distribution group in account "
                f"{self.account_id}, Region {self.region_name}"
            )
        instance = find_instance(self.account_id, self.region_name, match["id"])
        if instance is None or instance.arn != arn:
            raise InvalidParameterException(
                f"TargetArn '{arn}' does not name an Amazon Connect instance in account "
                f"{self.account_id}, Region {self.region_name}"
            )
        return arn

    def search_available_phone_numbers(self, params: dict[str, Any]) -> dict[str, Any]:
        target = self.resolve_target(params.get("InstanceId"), params.get("TargetArn"))
        country = params["PhoneNumberCountryCode"]
        number_type = params["PhoneNumberType"]
        prefix = params.get("PhoneNumberPrefix", "").lstrip("+")
        settings = _settings.current()
        binding = "|".join(
            (self.account_id, self.region_name, target, country, number_type, prefix)
        )
        position, served = 0, 0
        token = params.get("NextToken")
        if token is not None:
            position, served = settings.tokens.decode(binding, token)
        want = min(params.get("MaxResults", DEFAULT_PAGE_SIZE), settings.search_limit - served)
        inventory = OrderedInventory(
            settings.seed,
            country,
            number_type,
            prefix,
            settings.inventories.get((country, number_type)),
        )
        numbers, next_position = inventory.scan(position, want) if want > 0 else ([], None)
        served += len(numbers)
        result: dict[str, Any] = {
            "AvailableNumbersList": [
                {
                    "PhoneNumber": number,
                    "PhoneNumberCountryCode": country,
                    "PhoneNumberType": number_type,
                }
                for number in numbers
            ]
        }
        if next_position is not None and served < settings.search_limit:
            result["NextToken"] = settings.tokens.encode(binding, next_position, served)
        return result


# "aws" is the partition-wide slot moto uses for global state; ours holds what all accounts and
# Regions share (the call log), so moto's reset wipes it with the rest.
_SHARED = "aws"
connect_mock_backends = BackendDict(ConnectMockBackend, "connect", additional_regions=[_SHARED])


def shared_backend() -> ConnectMockBackend:
    return connect_mock_backends[DEFAULT_ACCOUNT_ID][_SHARED]


def recorded_calls() -> list[Call]:
    return shared_backend().calls
