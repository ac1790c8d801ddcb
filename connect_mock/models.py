"""State and behaviour of the mocked phone-number APIs, per account and Region (moto backend).

Numbers are a shared resource: a claim by any account takes the number out of every search, so
claims and cooldowns live on one shared backend; the claimed-number records themselves are
visible only to the owning account and Region.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import uuid
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from . import _numbering, _settings
from ._inventory import OrderedInventory
from ._moto import (
    DEFAULT_ACCOUNT_ID,
    Progress,
    RegionStore,
    connect_model,
    connect_tags,
    find_instance,
    register_state_transition,
)
from .calls import Call
from .exceptions import (
    AccessDeniedException,
    IdempotencyException,
    InvalidParameterException,
    InvalidRequestException,
    ResourceInUseException,
    ResourceNotFoundException,
)

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "RELEASE_COOLDOWN",
    "TDG_REGION_PAIRS",
    "ConnectMockBackend",
    "connect_mock_backends",
    "recorded_calls",
    "shared_backend",
]

DEFAULT_PAGE_SIZE = 10  # AWS does not document it; MaxResults' maximum is the natural choice.
DEFAULT_LIST_PAGE_SIZE = 100  # ListPhoneNumbers(V2) without MaxResults (undocumented too)
RELEASE_COOLDOWN = timedelta(days=180)  # "up to 180 days" in the current API reference
QUOTA_MESSAGE = "The allowed limit for claimed phone numbers has been exceeded for your instance"
TDG_REGION_PAIRS = {
    "us-east-1": "us-west-2",
    "us-west-2": "us-east-1",
    "eu-central-1": "eu-west-2",
    "eu-west-2": "eu-central-1",
}
# The legacy ListPhoneNumbers reports the newer types as the two it always knew.
LEGACY_TYPES = {
    "UIFN": "TOLL_FREE",
    "THIRD_PARTY_TF": "TOLL_FREE",
    "SHARED": "DID",
    "THIRD_PARTY_DID": "DID",
    "SHORT_CODE": "DID",
}
PHONE_NUMBER_MODEL = "connect::phonenumber"
TDG_MODEL = "connect::trafficdistributiongroup"
register_state_transition(PHONE_NUMBER_MODEL)
register_state_transition(TDG_MODEL)

# Claims check and take a shared number in two steps; moto's server answers requests on many
# threads, so the lifecycle operations run one at a time.
_lifecycle_lock = threading.RLock()

_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):connect:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
    r"(?P<kind>instance|traffic-distribution-group|phone-number)/(?P<id>[^/]+)"
)


@lru_cache(maxsize=1)
def _countries() -> tuple[str, ...]:
    return tuple(connect_model().shape_for("PhoneNumberCountryCode").enum)


class ClaimedNumber:
    """A claim: IN_PROGRESS, then CLAIMED (or FAILED over the instance's quota), through moto's
    state manager (model ``connect::phonenumber``: immediate unless a test sets otherwise)."""

    def __init__(
        self,
        *,
        account_id: str,
        region: str,
        number: str,
        country: str,
        number_type: str,
        target_arn: str,
        instance_id: str | None,
        description: str | None,
        fails: bool,
    ) -> None:
        self.progress = Progress(
            PHONE_NUMBER_MODEL, [("IN_PROGRESS", "FAILED" if fails else "CLAIMED")]
        )
        self.id = str(uuid.uuid4())
        self.arn = f"arn:aws:connect:{region}:{account_id}:phone-number/{self.id}"
        self.account_id = account_id
        self.region = region
        self.number = number
        self.country = country
        self.number_type = number_type
        self.target_arn = target_arn
        self.instance_id = instance_id
        self.description = description
        self.fails = fails

    def summary(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "PhoneNumberId": self.id,
            "PhoneNumberArn": self.arn,
            "PhoneNumber": self.number,
            "PhoneNumberCountryCode": self.country,
            "PhoneNumberType": self.number_type,
            "TargetArn": self.target_arn,
        }
        if self.instance_id is not None:
            result["InstanceId"] = self.instance_id
        if self.description is not None:
            result["PhoneNumberDescription"] = self.description
        return result


class TrafficDistributionGroup:
    def __init__(
        self, *, account_id: str, region: str, name: str, description: str | None, instance_arn: str
    ) -> None:
        self.progress = Progress(TDG_MODEL, [("CREATION_IN_PROGRESS", "ACTIVE")])
        self.id = str(uuid.uuid4())
        self.arn = f"arn:aws:connect:{region}:{account_id}:traffic-distribution-group/{self.id}"
        self.region = region
        self.name = name
        self.description = description
        self.instance_arn = instance_arn

    def summary(self) -> dict[str, Any]:
        return {
            "Id": self.id,
            "Arn": self.arn,
            "Name": self.name,
            "InstanceArn": self.instance_arn,
            "Status": self.progress.status,
            "IsDefault": False,
        }


class ConnectMockBackend:
    """Per account and Region state; moto's reset re-creates it, wiping everything."""

    def __init__(self, account_id: str, region_name: str) -> None:
        self.account_id = account_id
        self.region_name = region_name
        self.phone_numbers: dict[str, ClaimedNumber] = {}
        self.traffic_distribution_groups: dict[str, TrafficDistributionGroup] = {}
        self.client_tokens: dict[tuple[str, str], tuple[bytes, dict[str, Any]]] = {}
        # Used on the shared backend only (see shared_backend): global, ordered call log;
        # number -> (account, Region, claim id) of the claims holding it; number -> end of
        # its cooldown; number -> (country, type) a search last offered it as.
        self.calls: list[Call] = []
        self.holders: dict[str, tuple[str, str, str]] = {}
        self.cooldowns: dict[str, datetime] = {}
        self.offered: dict[str, tuple[str, str]] = {}
        # Remembered runs of unavailable positions per ordered inventory, valid while no number
        # has become available again (see _skips); per-target count of claims that hold a number.
        self.skips: dict[tuple[Any, ...], tuple[tuple[int, datetime], dict[int, int]]] = {}
        self.freed = 0
        self.active_claims: dict[str, int] = {}

    # --- targets ---------------------------------------------------------------------------

    def resolve_target(self, instance_id: str | None, target_arn: str | None) -> str:
        """The ARN of the instance or traffic distribution group the request names."""
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
        if match is None or match["kind"] == "phone-number":
            raise InvalidParameterException(
                f"TargetArn '{arn}' is not the ARN of an Amazon Connect instance "
                "(arn:aws:connect:REGION:ACCOUNT:instance/ID) or traffic distribution group"
            )
        if match["account"] != self.account_id:
            raise AccessDeniedException(
                f"Account {self.account_id} is not authorized to access TargetArn '{arn}', "
                f"which belongs to account {match['account']}"
            )
        if match["kind"] == "traffic-distribution-group":
            group = self._find_tdg(match["region"], match["id"])
            if group is None or group.arn != arn:
                raise InvalidParameterException(
                    f"TargetArn '{arn}' does not name a traffic distribution group of account "
                    f"{self.account_id} usable in Region {self.region_name}"
                )
            return arn
        if match["region"] != self.region_name:
            raise InvalidParameterException(
                f"TargetArn '{arn}' is in Region {match['region']}, but the request was sent "
                f"to Region {self.region_name}"
            )
        instance = find_instance(self.account_id, self.region_name, match["id"])
        if instance is None or instance.arn != arn:
            raise InvalidParameterException(
                f"TargetArn '{arn}' does not name an Amazon Connect instance in account "
                f"{self.account_id}, Region {self.region_name}"
            )
        return arn

    def _find_tdg(self, region: str, group_id: str) -> TrafficDistributionGroup | None:
        """A group of this account created here or in this Region's pair."""
        if region not in (self.region_name, TDG_REGION_PAIRS.get(self.region_name)):
            return None
        home = self
        if region != self.region_name:
            home = connect_mock_backends.get(self.account_id, region)
        return home.traffic_distribution_groups.get(group_id)

    # --- search ----------------------------------------------------------------------------

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
        shared = shared_backend()
        now = settings.clock.now()
        numbers, next_position = (
            inventory.scan(
                position,
                want,
                lambda number: shared.unavailable(number, now),
                shared.skips_for(inventory, id(settings.inventories), now),
            )
            if want > 0
            else ([], None)
        )
        served += len(numbers)
        for number in numbers:
            shared.offered[number] = (country, number_type)
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

    def skips_for(
        self, inventory: OrderedInventory, fixtures: int, now: datetime
    ) -> dict[int, int]:
        """The remembered hole runs of ``inventory`` (shared backend). Claims only add holes;
        a release, a failed claim or the clock (cooldowns ending) can remove one, so those
        start the memo afresh."""
        key = (inventory.seed, inventory.country, inventory.number_type, inventory.prefix, fixtures)
        stamp = (self.freed, now)
        entry = self.skips.get(key)
        if entry is None or entry[0] != stamp:
            entry = (stamp, {})
            self.skips[key] = entry
        return entry[1]

    def unavailable(self, number: str, now: datetime) -> bool:
        """Claimed by anyone, or cooling down after a release (shared backend)."""
        if number in self.holders:
            return True
        until = self.cooldowns.get(number)
        return until is not None and now < until

    # --- claim lifecycle -------------------------------------------------------------------

    def _idempotent(self, operation: str, params: dict[str, Any]) -> dict[str, Any] | None:
        """The earlier answer to the same request with the same ClientToken, if any."""
        token = params.get("ClientToken")
        if token is None:
            return None
        fingerprint = _fingerprint(params)
        earlier = self.client_tokens.get((operation, token))
        if earlier is None:
            return None
        if earlier[0] != fingerprint:
            raise IdempotencyException(
                f"ClientToken '{token}' was already used with a different {operation} request"
            )
        return earlier[1]

    def _remember(self, operation: str, params: dict[str, Any], result: dict[str, Any]) -> None:
        token = params.get("ClientToken")
        if token is not None:
            self.client_tokens[(operation, token)] = (_fingerprint(params), result)

    def claim_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        with _lifecycle_lock:
            return self._claim_phone_number(params)

    def _claim_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        earlier = self._idempotent("ClaimPhoneNumber", params)
        if earlier is not None:
            return earlier
        target = self.resolve_target(params.get("InstanceId"), params.get("TargetArn"))
        number = params["PhoneNumber"]
        settings = _settings.current()
        shared = shared_backend()
        located = _locate(number, settings, shared)
        if located is None or shared.unavailable(number, settings.clock.now()):
            raise InvalidParameterException(f"Phone number not available: {number}")
        country, number_type = located
        instance_id = None
        match = _ARN.fullmatch(target)
        if match is not None and match["kind"] == "instance":
            instance_id = match["id"]
        active = self.active_claims.get(target, 0)
        claim = ClaimedNumber(
            account_id=self.account_id,
            region=self.region_name,
            number=number,
            country=country,
            number_type=number_type,
            target_arn=target,
            instance_id=instance_id,
            description=params.get("PhoneNumberDescription"),
            fails=active >= settings.phone_number_quota,
        )
        self.phone_numbers[claim.id] = claim
        if not claim.fails:  # an over-quota claim ends FAILED and never takes the number
            shared.holders[number] = (self.account_id, self.region_name, claim.id)
            self.active_claims[target] = active + 1
        if params.get("Tags"):
            connect_tags(self.account_id, self.region_name).tag_resource(
                claim.arn, [{"Key": k, "Value": v} for k, v in params["Tags"].items()]
            )
        result = {"PhoneNumberId": claim.id, "PhoneNumberArn": claim.arn}
        self._remember("ClaimPhoneNumber", params, result)
        return result

    def _claim(self, phone_number_id: str) -> ClaimedNumber:
        """This account and Region's claim by id or ARN; ResourceNotFoundException otherwise."""
        claim_id = phone_number_id
        match = _ARN.fullmatch(phone_number_id)
        if (
            match is not None
            and match["kind"] == "phone-number"
            and (match["account"], match["region"]) == (self.account_id, self.region_name)
        ):
            claim_id = match["id"]
        claim = self.phone_numbers.get(claim_id)
        if claim is None or (match is not None and claim.arn != phone_number_id):
            raise ResourceNotFoundException(
                f"Phone number '{phone_number_id}' was not found in account {self.account_id}, "
                f"Region {self.region_name}"
            )
        return claim

    def _status(self, claim: ClaimedNumber) -> str:
        status = claim.progress.status
        if status == "FAILED":
            with _lifecycle_lock:
                holders = shared_backend().holders
                holder = holders.get(claim.number)
                if holder is not None and holder[2] == claim.id:
                    del holders[claim.number]
                    shared_backend().freed += 1
        return status

    def describe_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        claim = self._claim(params["PhoneNumberId"])
        summary = claim.summary()
        status = self._status(claim)
        summary["PhoneNumberStatus"] = {"Status": status}
        if status == "FAILED":
            summary["PhoneNumberStatus"]["Message"] = QUOTA_MESSAGE
        summary["Tags"] = connect_tags(self.account_id, self.region_name).get_tag_dict_for_resource(
            claim.arn
        )
        # Each describe is a tick for moto's "manual" progression.
        claim.progress.advance()
        return {"ClaimedPhoneNumberSummary": summary}

    def _listed(self, params: dict[str, Any]) -> list[ClaimedNumber]:
        target = None
        if params.get("InstanceId") is not None or params.get("TargetArn") is not None:
            target = self.resolve_target(params.get("InstanceId"), params.get("TargetArn"))
        countries = params.get("PhoneNumberCountryCodes")
        types = params.get("PhoneNumberTypes")
        prefix = params.get("PhoneNumberPrefix")
        # A snapshot: claims and releases on other threads change the dict meanwhile.
        with _lifecycle_lock:
            claims = list(self.phone_numbers.values())
        return [
            claim
            for claim in claims
            if self._status(claim) != "FAILED"
            and (target is None or claim.target_arn == target)
            and (not countries or claim.country in countries)
            and (not types or claim.number_type in types)
            and (prefix is None or claim.number.startswith(prefix))
        ]

    def _page(
        self, operation: str, params: dict[str, Any], items: list[Any]
    ) -> tuple[list[Any], str | None]:
        settings = _settings.current()
        binding = "|".join(
            (
                operation,
                self.account_id,
                self.region_name,
                json.dumps(
                    {k: v for k, v in params.items() if k not in ("NextToken", "MaxResults")},
                    sort_keys=True,
                ),
            )
        )
        start = 0
        if params.get("NextToken") is not None:
            start, _ = settings.tokens.decode(binding, params["NextToken"])
        size = params.get("MaxResults", DEFAULT_LIST_PAGE_SIZE)
        page = items[start : start + size]
        token = None
        if start + size < len(items):
            token = settings.tokens.encode(binding, start + size, 0)
        return page, token

    def list_phone_numbers_v2(self, params: dict[str, Any]) -> dict[str, Any]:
        page, token = self._page("ListPhoneNumbersV2", params, self._listed(params))
        result: dict[str, Any] = {"ListPhoneNumbersSummaryList": [c.summary() for c in page]}
        if token is not None:
            result["NextToken"] = token
        return result

    def list_phone_numbers(self, params: dict[str, Any]) -> dict[str, Any]:
        instance_id = params["InstanceId"]
        instance = find_instance(self.account_id, self.region_name, instance_id)
        if instance is None:
            raise ResourceNotFoundException(
                f"Instance '{instance_id}' was not found in account {self.account_id}, "
                f"Region {self.region_name}"
            )
        legacy_types = params.get("PhoneNumberTypes")
        claims = self._listed(
            {
                "InstanceId": instance_id,
                "PhoneNumberCountryCodes": params.get("PhoneNumberCountryCodes"),
            }
        )
        entries = [
            {
                "Id": claim.id,
                "Arn": f"{instance.arn}/phone-number/{claim.id}",
                "PhoneNumber": claim.number,
                "PhoneNumberType": LEGACY_TYPES.get(claim.number_type, claim.number_type),
                "PhoneNumberCountryCode": claim.country,
            }
            for claim in claims
        ]
        if legacy_types:
            entries = [e for e in entries if e["PhoneNumberType"] in legacy_types]
        page, token = self._page("ListPhoneNumbers", params, entries)
        result: dict[str, Any] = {"PhoneNumberSummaryList": page}
        if token is not None:
            result["NextToken"] = token
        return result

    def _settled(self, claim: ClaimedNumber) -> None:
        status = self._status(claim)
        if status != "CLAIMED":
            raise ResourceInUseException(
                f"Phone number '{claim.id}' is {status}; wait until it is CLAIMED"
            )

    def update_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        # Moves the claim between the per-target counts the quota reads: not while a claim,
        # a release or another update is counting.
        with _lifecycle_lock:
            return self._update_phone_number(params)

    def _update_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        earlier = self._idempotent("UpdatePhoneNumber", params)
        if earlier is not None:
            return earlier
        claim = self._claim(params["PhoneNumberId"])
        target = self.resolve_target(params.get("InstanceId"), params.get("TargetArn"))
        self._settled(claim)
        self.active_claims[claim.target_arn] -= 1
        self.active_claims[target] = self.active_claims.get(target, 0) + 1
        claim.target_arn = target
        match = _ARN.fullmatch(target)
        claim.instance_id = (
            match["id"] if match is not None and match["kind"] == "instance" else None
        )
        result = {"PhoneNumberId": claim.id, "PhoneNumberArn": claim.arn}
        self._remember("UpdatePhoneNumber", params, result)
        return result

    def update_phone_number_metadata(self, params: dict[str, Any]) -> dict[str, Any]:
        with _lifecycle_lock:  # the ClientToken check and record must not interleave
            return self._update_phone_number_metadata(params)

    def _update_phone_number_metadata(self, params: dict[str, Any]) -> dict[str, Any]:
        earlier = self._idempotent("UpdatePhoneNumberMetadata", params)
        if earlier is not None:
            return earlier
        claim = self._claim(params["PhoneNumberId"])
        self._settled(claim)
        if "PhoneNumberDescription" in params:
            claim.description = params["PhoneNumberDescription"]
        self._remember("UpdatePhoneNumberMetadata", params, {})
        return {}

    def release_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        with _lifecycle_lock:
            return self._release_phone_number(params)

    def _release_phone_number(self, params: dict[str, Any]) -> dict[str, Any]:
        earlier = self._idempotent("ReleasePhoneNumber", params)
        if earlier is not None:
            return earlier
        claim = self._claim(params["PhoneNumberId"])
        status = self._status(claim)
        if status == "IN_PROGRESS":
            raise ResourceInUseException(
                f"Phone number '{claim.id}' is IN_PROGRESS; wait until it is CLAIMED"
            )
        del self.phone_numbers[claim.id]
        connect_tags(self.account_id, self.region_name).delete_all_tags_for_resource(claim.arn)
        if status == "CLAIMED":
            shared = shared_backend()
            shared.holders.pop(claim.number, None)
            shared.freed += 1
            shared.cooldowns[claim.number] = _settings.current().clock.now() + RELEASE_COOLDOWN
            self.active_claims[claim.target_arn] -= 1
        self._remember("ReleasePhoneNumber", params, {})
        return {}

    # --- traffic distribution groups -------------------------------------------------------

    def create_traffic_distribution_group(self, params: dict[str, Any]) -> dict[str, Any]:
        with _lifecycle_lock:  # ClientToken and unique-name checks, then the insert
            return self._create_traffic_distribution_group(params)

    def _create_traffic_distribution_group(self, params: dict[str, Any]) -> dict[str, Any]:
        earlier = self._idempotent("CreateTrafficDistributionGroup", params)
        if earlier is not None:
            return earlier
        if self.region_name not in TDG_REGION_PAIRS:
            raise InvalidRequestException(
                "Traffic distribution groups exist only in the Region pairs "
                "us-east-1/us-west-2 and eu-central-1/eu-west-2, not in " + self.region_name
            )
        instance_ref = params["InstanceId"]
        match = _ARN.fullmatch(instance_ref)
        instance_id = (
            match["id"] if match is not None and match["kind"] == "instance" else (instance_ref)
        )
        instance = find_instance(self.account_id, self.region_name, instance_id)
        if instance is None:
            raise ResourceNotFoundException(
                f"Instance '{instance_ref}' was not found in account {self.account_id}, "
                f"Region {self.region_name}"
            )
        if any(g.name == params["Name"] for g in self.traffic_distribution_groups.values()):
            raise InvalidRequestException(
                f"A traffic distribution group named '{params['Name']}' already exists"
            )
        group = TrafficDistributionGroup(
            account_id=self.account_id,
            region=self.region_name,
            name=params["Name"],
            description=params.get("Description"),
            instance_arn=str(instance.arn),
        )
        self.traffic_distribution_groups[group.id] = group
        if params.get("Tags"):
            connect_tags(self.account_id, self.region_name).tag_resource(
                group.arn, [{"Key": k, "Value": v} for k, v in params["Tags"].items()]
            )
        result = {"Id": group.id, "Arn": group.arn}
        self._remember("CreateTrafficDistributionGroup", params, result)
        return result

    def _group(self, reference: str) -> TrafficDistributionGroup:
        match = _ARN.fullmatch(reference)
        group = None
        if match is not None and match["kind"] == "traffic-distribution-group":
            if match["account"] == self.account_id:
                group = self._find_tdg(match["region"], match["id"])
        else:
            group = self.traffic_distribution_groups.get(reference)
        if group is None:
            raise ResourceNotFoundException(
                f"Traffic distribution group '{reference}' was not found in account "
                f"{self.account_id}, Region {self.region_name}"
            )
        return group

    def describe_traffic_distribution_group(self, params: dict[str, Any]) -> dict[str, Any]:
        group = self._group(params["TrafficDistributionGroupId"])
        summary = group.summary()
        if group.description is not None:
            summary["Description"] = group.description
        summary["Tags"] = connect_tags(self.account_id, group.region).get_tag_dict_for_resource(
            group.arn
        )
        group.progress.advance()
        return {"TrafficDistributionGroup": summary}

    def list_traffic_distribution_groups(self, params: dict[str, Any]) -> dict[str, Any]:
        groups = list(self.traffic_distribution_groups.values())
        if params.get("InstanceId") is not None:
            ref = params["InstanceId"]
            groups = [
                g for g in groups if ref in (g.instance_arn, g.instance_arn.rsplit("/", 1)[1])
            ]
        page, token = self._page(
            "ListTrafficDistributionGroups",
            {"MaxResults": params.get("MaxResults", 10), **params},
            [g.summary() for g in groups],
        )
        result: dict[str, Any] = {"TrafficDistributionGroupSummaryList": page}
        if token is not None:
            result["NextToken"] = token
        return result

    def delete_traffic_distribution_group(self, params: dict[str, Any]) -> dict[str, Any]:
        # Checks the group's claims, then deletes it: no claim may land in between.
        with _lifecycle_lock:
            return self._delete_traffic_distribution_group(params)

    def _delete_traffic_distribution_group(self, params: dict[str, Any]) -> dict[str, Any]:
        group = self._group(params["TrafficDistributionGroupId"])
        home = connect_mock_backends.get(self.account_id, group.region)
        for region in {group.region, TDG_REGION_PAIRS[group.region]}:
            claims = connect_mock_backends.get(self.account_id, region).phone_numbers.values()
            if any(c.target_arn == group.arn for c in claims):
                raise ResourceInUseException(
                    f"Traffic distribution group '{group.id}' still has phone numbers claimed "
                    "to it; release or move them first"
                )
        del home.traffic_distribution_groups[group.id]
        return {}


def _fingerprint(params: dict[str, Any]) -> bytes:
    """A digest of a request without its ClientToken (SDKs send a token with every call, so
    we keep 16 bytes per token rather than the request)."""
    body = json.dumps({k: v for k, v in params.items() if k != "ClientToken"}, sort_keys=True)
    return hashlib.blake2b(body.encode(), digest_size=16).digest()


def _in_inventory(settings: _settings.Settings, country: str, kind: str, number: str) -> bool:
    group = settings.inventories.get((country, kind))
    if group is not None and number in group.members:
        return True
    if group is not None and group.replace:
        return False
    space = _numbering.number_space(country, kind)
    return space is not None and number in space


def _locate(
    number: str, settings: _settings.Settings, shared: ConnectMockBackend
) -> tuple[str, str] | None:
    """The (country, type) whose inventory offers ``number``: where a search last offered it,
    else a fixture, else the first plan (in the API's country order) that contains it."""
    offered = shared.offered.get(number)
    if offered is not None and _in_inventory(settings, *offered, number):
        return offered
    for (country, kind), group in settings.inventories.items():
        if number in group.members:
            return country, kind
    uifn = number.startswith("+800")
    for country in _countries():
        code = _numbering.calling_code(country)
        if code is None or (not uifn and not number.startswith("+" + code)):
            continue
        for kind in ("UIFN",) if uifn else ("DID", "TOLL_FREE", "SHARED"):
            if _in_inventory(settings, country, kind, number):
                return country, kind
    return None


# "aws" is the partition-wide slot moto uses for global state; ours holds what all accounts and
# Regions share (call log, holders, cooldowns), so moto's reset wipes it with the rest.
_SHARED = "aws"
connect_mock_backends = RegionStore(ConnectMockBackend, extra_regions=[_SHARED])


def shared_backend() -> ConnectMockBackend:
    return connect_mock_backends.get(DEFAULT_ACCOUNT_ID, _SHARED)


def recorded_calls() -> list[Call]:
    return shared_backend().calls
