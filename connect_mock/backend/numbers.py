"""Claimed phone numbers: claim, describe, list, update, release."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .._moto import connect_tags
from ..core.errors import (
    InvalidParameterException,
    ResourceInUseException,
)
from .churn import churn_failure, record_release
from .context import Context
from .flowstate import forget_number
from .idempotency import fingerprint
from .imports import NumberImports
from .listing import NumberLists
from .locate import locate
from .lookup import drop_expired, failed_claim_of, find_claim
from .models import FAILED_CLAIM_HOLD, QUOTA_MESSAGE, RELEASE_COOLDOWN, ClaimedNumber
from .state import RegionState, lifecycle_lock, region_state, shared_state
from .targets import resolve

__all__ = ["DescribedNumber", "PhoneNumbers", "drop_claim"]


@dataclass(frozen=True)
class DescribedNumber:
    claim: ClaimedNumber
    status: str
    message: str | None
    tags: dict[str, str]


class PhoneNumbers(NumberLists, NumberImports):
    """One account's claimed (and imported) numbers in one Region."""

    def __init__(self, context: Context, account_id: str, region: str) -> None:
        self.context = context
        self.account_id = account_id
        self.region = region
        self.state = region_state(account_id, region)

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
        request = fingerprint(
            number=number, instance=instance_id, target=target_arn, desc=description, tags=tags
        )
        with lifecycle_lock:
            return self.state.client_tokens.run(
                "ClaimPhoneNumber",
                client_token,
                request,
                lambda: self._claim(number, instance_id, target_arn, description, tags),
            )

    def _claim(
        self,
        number: str,
        instance_id: str | None,
        target_arn: str | None,
        description: str | None,
        tags: dict[str, str] | None,
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
            connect_tags(self.account_id, self.region).tag_resource(
                claim.arn, [{"Key": k, "Value": v} for k, v in tags.items()]
            )
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

    def find(self, reference: str, operation: str = "DescribePhoneNumber") -> ClaimedNumber:
        """This account's claim by id or ARN, as ``operation`` sees it from this Region."""
        return find_claim(
            self.account_id, self.region, reference, operation, self.context.clock.now()
        )

    def describe(self, reference: str) -> DescribedNumber:
        claim = self.find(reference)
        status = claim.progress.status
        tags = connect_tags(self.account_id, claim.region).get_tag_dict_for_resource(claim.arn)
        # Each describe is a tick for moto's "manual" progression.
        claim.progress.advance()
        message = claim.failure if status == "FAILED" else None
        return DescribedNumber(claim, status, message, dict(tags))

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
        request = fingerprint(ref=reference, instance=instance_id, target=target_arn)
        with lifecycle_lock:
            return self.state.client_tokens.run(
                "UpdatePhoneNumber",
                client_token,
                request,
                lambda: self._update(reference, instance_id, target_arn),
            )

    def _update(
        self, reference: str, instance_id: str | None, target_arn: str | None
    ) -> ClaimedNumber:
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

    def update_metadata(
        self, reference: str, *, description: str | None = None, client_token: str | None = None
    ) -> None:
        def run() -> None:
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

        request = fingerprint(ref=reference, desc=description)
        with lifecycle_lock:  # the ClientToken check and record must not interleave
            self.state.client_tokens.run("UpdatePhoneNumberMetadata", client_token, request, run)

    def release(self, reference: str, *, client_token: str | None = None) -> None:
        with lifecycle_lock:
            self.state.client_tokens.run(
                "ReleasePhoneNumber",
                client_token,
                fingerprint(ref=reference),
                lambda: self._release(reference),
            )

    def _release(self, reference: str) -> None:
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
    connect_tags(state.account_id, state.region).delete_all_tags_for_resource(claim.arn)
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
