"""Claimed phone numbers: claim, import, describe, list, update, release."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from .._moto import drop_tags, find_instance, resource_tags, tag_resource
from ..core.errors import (
    InvalidParameterException,
    ResourceInUseException,
    ResourceNotFoundException,
)
from ..inventory.sources import CONNECT_TYPES
from .arns import parse_arn
from .churn import churn_failure, record_release
from .context import Context
from .flowstate import forget_number
from .imports import importable_source, require_free
from .locate import locate
from .lookup import drop_expired, failed_claim_of, find_claim
from .models import FAILED_CLAIM_HOLD, QUOTA_MESSAGE, RELEASE_COOLDOWN, ClaimedNumber
from .paging import Page, page_of
from .state import RegionState, idempotent, lifecycle_lock, region_state, shared_state
from .targets import resolve

__all__ = ["DescribedNumber", "PhoneNumbers", "drop_claim"]

DEFAULT_LIST_PAGE_SIZE = 100  # ListPhoneNumbers(V2) without MaxResults (undocumented)


@dataclass(frozen=True)
class DescribedNumber:
    claim: ClaimedNumber
    status: str
    message: str | None
    tags: dict[str, str]


class PhoneNumbers:
    """One account's claimed (and imported) numbers in one Region."""

    def __init__(self, context: Context, account_id: str, region: str) -> None:
        self.context = context
        self.account_id = account_id
        self.region = region
        self.state = region_state(account_id, region)

    @idempotent("ClaimPhoneNumber")
    def claim(
        self,
        number: str,
        *,
        instance_id: str | None = None,
        target_arn: str | None = None,
        description: str | None = None,
        tags: dict[str, str] | None = None,
        client_token: str | None = None,
    ) -> ClaimedNumber:
        # "You can call this API only in the same Amazon Web Services Region where the
        # ... instance or traffic distribution group was created." (ClaimPhoneNumber)
        target = resolve(self.account_id, self.region, instance_id, target_arn, "ClaimPhoneNumber")
        pool = shared_state().pool
        now = self.context.clock.now()
        drop_expired(pool, number, now)
        claim = failed_claim_of(pool, self.account_id, self.region, number)
        if claim is None:
            located = locate(number, self.context, pool)
            if located is None or pool.unavailable(number, now):
                raise InvalidParameterException(f"Phone number not available: {number}")
            claim = ClaimedNumber(
                account_id=self.account_id,
                region=self.region,
                number=number,
                country=located[0],
                number_type=located[1],
                target_arn=target,
                description=description,
                failure=self._claim_failure(target, now),
                hold_until=now + FAILED_CLAIM_HOLD,
            )
            self.state.add_claim(claim)
        else:
            self._retry(claim, target, description, now)
        return self._settle(claim, tags)

    def _retry(
        self, claim: ClaimedNumber, target: str, description: str | None, now: datetime
    ) -> None:
        """Claim (or import) again a number whose claim FAILED within its day."""
        # "... you have one day to retry claiming the phone number" (PhoneNumberStatus):
        # the retry is the same claim, and a retry that fails again does not add a day.
        self.state.retarget(claim, target)
        claim.description = description
        claim.begin(self._claim_failure(target, now))

    def _settle(self, claim: ClaimedNumber, tags: dict[str, str] | None) -> ClaimedNumber:
        """A claim or import just begun: count it toward its target's quota unless it fails,
        take its number in the pool (for a day if it failed), tag it."""
        claim.claimed = claim.failure is None
        if claim.claimed:
            claim.hold_until = None
            target = claim.target_arn
            self.state.active_claims[target] = self.state.active_claims.get(target, 0) + 1
        shared_state().pool.hold(
            claim.number, (self.account_id, self.region, claim.id), claim.hold_until
        )
        if tags:
            tag_resource(self.account_id, self.region, claim.arn, tags)
        return claim

    def _claim_failure(self, target: str, now: datetime) -> str | None:
        """Why a claim to ``target`` ends FAILED: an outcome fault rule said so (a carrier-side
        failure, say), the target is full, or the 200% rule."""
        if self.context.injected_failure is not None:
            return self.context.injected_failure
        quota = self.context.config.phone_number_quota
        if self.state.active_claims.get(target, 0) >= quota:
            return QUOTA_MESSAGE
        if self.context.config.claim_release_limit:
            return churn_failure(self.state, target, quota, now)
        return None

    @idempotent("ImportPhoneNumber")
    def import_number(
        self,
        instance_id: str,
        source_arn: str,
        *,
        description: str | None = None,
        tags: dict[str, str] | None = None,
        client_token: str | None = None,
    ) -> ClaimedNumber:
        """ImportPhoneNumber: a claim whose number is a declared End User Messaging SMS number
        (see imports.py), through the steps of ClaimPhoneNumber."""
        if instance_id.startswith("arn:"):
            # resolve() would point at TargetArn, which ImportPhoneNumber does not have.
            raise InvalidParameterException(
                f"InstanceId '{instance_id}' is an ARN: ImportPhoneNumber takes the instance's ID "
                "(the last part of its ARN)"
            )
        target = resolve(self.account_id, self.region, instance_id, None)
        source = importable_source(self.context, self.account_id, self.region, source_arn)
        pool = shared_state().pool
        now = self.context.clock.now()
        drop_expired(pool, source.phone_number, now)
        claim = failed_claim_of(pool, self.account_id, self.region, source.phone_number, source.arn)
        if claim is not None:
            self._retry(claim, target, description, now)
            return self._settle(claim, tags)
        require_free(self.state, source, now)
        claim = ClaimedNumber(
            account_id=self.account_id,
            region=self.region,
            number=source.phone_number,
            country=source.country,
            number_type=CONNECT_TYPES[source.number_type],
            target_arn=target,
            description=description,
            failure=self._claim_failure(target, now),
            hold_until=now + FAILED_CLAIM_HOLD,
            source_arn=source.arn,
        )
        self.state.add_claim(claim)
        return self._settle(claim, tags)

    def find(self, reference: str, operation: str = "DescribePhoneNumber") -> ClaimedNumber:
        """This account's claim by id or ARN, as ``operation`` sees it from this Region."""
        return find_claim(
            self.account_id, self.region, reference, operation, self.context.clock.now()
        )

    def describe(self, reference: str) -> DescribedNumber:
        claim = self.find(reference)
        status = claim.progress.status
        tags = resource_tags(self.account_id, claim.region, claim.arn)
        # Each describe is a tick for moto's "manual" progression.
        claim.progress.advance()
        message = claim.failure if status == "FAILED" else None
        return DescribedNumber(claim, status, message, tags)

    def list_v2(
        self,
        *,
        instance_id: str | None = None,
        target_arn: str | None = None,
        countries: list[str] | None = None,
        types: list[str] | None = None,
        prefix: str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> Page[ClaimedNumber]:
        """ListPhoneNumbersV2: a page of the claims holding a number, filtered, in creation
        order (all of them, or one target's)."""
        target = None
        state = self.state
        if instance_id is not None or target_arn is not None:
            target = resolve(self.account_id, self.region, instance_id, target_arn)
            # "If the provided TargetArn is a traffic distribution group, you can call this API
            # in both ... Regions associated with traffic distribution group."
            # (ListPhoneNumbersV2): its numbers are claimed in the Region it was created in.
            arn = parse_arn(target)
            assert arn is not None  # resolve() returns ARNs
            state = region_state(self.account_id, arn.region)

        def keep(claim: ClaimedNumber) -> bool:
            return (
                (not countries or claim.country in countries)
                and (not types or claim.number_type in types)
                and (prefix is None or claim.number.startswith(prefix))
                and claim.claimed  # a failed claim holds its number for nobody
            )

        query = {
            "instance_id": instance_id,
            "target_arn": target_arn,
            "countries": countries,
            "types": types,
            "prefix": prefix,
        }
        return self._page("ListPhoneNumbersV2", query, target, keep, max_results, next_token, state)

    def _page(
        self,
        operation: str,
        query: Mapping[str, object],
        target: str | None,
        keep: Callable[[ClaimedNumber], bool],
        max_results: int | None,
        next_token: str | None,
        state: RegionState | None = None,
    ) -> Page[ClaimedNumber]:
        """A page of ``target``'s claims (all claims if None) in ``state`` (this Region's by
        default) that ``keep`` selects."""
        binding = "|".join((operation, self.account_id, self.region, repr(sorted(query.items()))))
        size = max_results or DEFAULT_LIST_PAGE_SIZE
        with lifecycle_lock:  # claims and releases on other threads change the index
            order = (state or self.state).claims_by_target.order(target)
            return page_of(self.context.tokens, operation, binding, order, next_token, size, keep)

    def list_legacy(
        self,
        instance_id: str,
        *,
        countries: list[str] | None = None,
        legacy_types: list[str] | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> Page[ClaimedNumber]:
        """ListPhoneNumbers: an instance's numbers, newer types reported as TOLL_FREE or DID."""
        instance = find_instance(self.account_id, self.region, instance_id)
        if instance is None:
            raise ResourceNotFoundException(
                f"Instance '{instance_id}' was not found in account {self.account_id}, "
                f"Region {self.region}"
            )

        def keep(claim: ClaimedNumber) -> bool:
            return (
                (not countries or claim.country in countries)
                and (not legacy_types or claim.legacy_type in legacy_types)
                and claim.claimed  # a failed claim holds its number for nobody
            )

        query = {"instance": instance_id, "countries": countries, "types": legacy_types}
        target = str(instance.arn)
        return self._page("ListPhoneNumbers", query, target, keep, max_results, next_token)

    @idempotent("UpdatePhoneNumber")
    def update(
        self,
        reference: str,
        *,
        instance_id: str | None = None,
        target_arn: str | None = None,
        client_token: str | None = None,
    ) -> ClaimedNumber:
        """Move a claim to another instance or group. It changes the per-target counts the
        quota reads: not while a claim, a release or another update is counting."""
        claim = self.find(reference, "UpdatePhoneNumber")
        # "... to another Connect Customer instance or traffic distribution group in the same
        # Amazon Web Services Region." (UpdatePhoneNumber)
        target = resolve(self.account_id, self.region, instance_id, target_arn, "UpdatePhoneNumber")
        claim.require_settled()
        if self.context.injected_failure is not None:
            # An outcome fault rule: accepted, then FAILED, and the number stays where it was.
            claim.begin(self.context.injected_failure)
            return claim
        active = self.state.active_claims
        quota = self.context.config.phone_number_quota
        if target != claim.target_arn and active.get(target, 0) >= quota:
            # "A common reason for a failure may be that the TargetArn value you are claiming or
            # updating a phone number to has reached its limit of total claimed numbers."
            # (PhoneNumberStatus): FAILED, and the number stays where it was.
            claim.begin(QUOTA_MESSAGE)
            return claim
        if target != claim.target_arn:
            forget_number(claim)  # its flow belongs to the instance it leaves
        active[claim.target_arn] -= 1
        active[target] = active.get(target, 0) + 1
        self.state.retarget(claim, target)
        # "You can call DescribePhoneNumber API to verify the status of a previous
        # UpdatePhoneNumber operation." (UpdatePhoneNumber): IN_PROGRESS, then CLAIMED.
        claim.begin(None)
        return claim

    @idempotent("UpdatePhoneNumberMetadata")
    def update_metadata(
        self, reference: str, *, description: str | None = None, client_token: str | None = None
    ) -> None:
        claim = self.find(reference, "UpdatePhoneNumberMetadata")
        claim.require_settled()
        if self.context.injected_failure is not None:
            # An outcome fault rule: accepted, then FAILED; the description stays as it was.
            claim.begin(self.context.injected_failure)
            return
        if description is not None:
            claim.description = description
        # "To verify the status of a previous UpdatePhoneNumberMetadata operation, call the
        # DescribePhoneNumber API." (UpdatePhoneNumberMetadata)
        claim.begin(None)

    @idempotent("ReleasePhoneNumber")
    def release(self, reference: str, *, client_token: str | None = None) -> None:
        claim = self.find(reference, "ReleasePhoneNumber")
        if claim.progress.status == "IN_PROGRESS":
            raise ResourceInUseException(
                f"Phone number '{claim.id}' is IN_PROGRESS; wait until it is CLAIMED"
            )
        drop_claim(self.state, claim, self.context.clock.now())


def drop_claim(
    state: RegionState, claim: ClaimedNumber, now: datetime, *, churn: bool = True
) -> None:
    """Release ``claim`` (its Region's ``state``): its number cools down, or goes straight back
    to the inventory if the claim had failed; its flow association and tags go. ``churn``: count
    the release toward the target's 200% rule (not when the target itself is deleted)."""
    state.remove_claim(claim)
    forget_number(claim)
    drop_tags(state.account_id, state.region, claim.arn)
    pool = shared_state().pool
    if claim.claimed:
        # An imported number goes back to End User Messaging SMS, which still holds it: no
        # cooldown in Connect's inventory, and it can be imported again (our reading).
        pool.free(claim.number, None if claim.source_arn else now + RELEASE_COOLDOWN)
        state.active_claims[claim.target_arn] -= 1
        if churn:
            record_release(state, claim.target_arn, now)
    elif pool.holders.get(claim.number) == (state.account_id, state.region, claim.id):
        # A failed claim never took the number: back to the inventory, no cooldown.
        pool.free(claim.number, None)
