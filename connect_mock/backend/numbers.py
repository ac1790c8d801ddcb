"""Claimed phone numbers: claim, describe, list, update, release."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .._moto import connect_tags, find_instance
from ..core.errors import (
    InvalidParameterException,
    ResourceInUseException,
    ResourceNotFoundException,
)
from .arns import parse_arn
from .context import Context
from .idempotency import fingerprint
from .locate import locate
from .models import QUOTA_MESSAGE, RELEASE_COOLDOWN, ClaimedNumber
from .paging import Page, page_of
from .state import lifecycle_lock, region_state, shared_state
from .targets import resolve

__all__ = ["DescribedNumber", "PhoneNumbers"]

DEFAULT_LIST_PAGE_SIZE = 100  # ListPhoneNumbers(V2) without MaxResults (undocumented)


@dataclass(frozen=True)
class DescribedNumber:
    claim: ClaimedNumber
    status: str
    message: str | None
    tags: dict[str, str]


class PhoneNumbers:
    """One account's claimed numbers in one Region."""

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
        target = resolve(self.account_id, self.region, instance_id, target_arn)
        pool = shared_state().pool
        located = locate(number, self.context, pool)
        if located is None or pool.unavailable(number, self.context.clock.now()):
            raise InvalidParameterException(f"Phone number not available: {number}")
        active = self.state.active_claims.get(target, 0)
        claim = ClaimedNumber(
            account_id=self.account_id,
            region=self.region,
            number=number,
            country=located[0],
            number_type=located[1],
            target_arn=target,
            description=description,
            fails=active >= self.context.phone_number_quota,
        )
        self.state.add_claim(claim)
        if not claim.fails:  # an over-quota claim ends FAILED and never takes the number
            pool.hold(number, (self.account_id, self.region, claim.id))
            self.state.active_claims[target] = active + 1
        if tags:
            connect_tags(self.account_id, self.region).tag_resource(
                claim.arn, [{"Key": k, "Value": v} for k, v in tags.items()]
            )
        return claim

    def find(self, reference: str) -> ClaimedNumber:
        """This account and Region's claim by id or ARN; ResourceNotFoundException otherwise."""
        claim_id = reference
        arn = parse_arn(reference)
        if (
            arn is not None
            and arn.kind == "phone-number"
            and (arn.account, arn.region) == (self.account_id, self.region)
        ):
            claim_id = arn.id
        claim = self.state.phone_numbers.get(claim_id)
        if claim is None or (arn is not None and claim.arn != reference):
            raise ResourceNotFoundException(
                f"Phone number '{reference}' was not found in account {self.account_id}, "
                f"Region {self.region}"
            )
        return claim

    def describe(self, reference: str) -> DescribedNumber:
        claim = self.find(reference)
        status = claim.progress.status
        tags = connect_tags(self.account_id, self.region).get_tag_dict_for_resource(claim.arn)
        # Each describe is a tick for moto's "manual" progression.
        claim.progress.advance()
        message = QUOTA_MESSAGE if status == "FAILED" else None
        return DescribedNumber(claim, status, message, dict(tags))

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
        if instance_id is not None or target_arn is not None:
            target = resolve(self.account_id, self.region, instance_id, target_arn)

        def keep(claim: ClaimedNumber) -> bool:
            return (
                (not countries or claim.country in countries)
                and (not types or claim.number_type in types)
                and (prefix is None or claim.number.startswith(prefix))
                and claim.progress.status != "FAILED"
            )

        query = {
            "instance_id": instance_id,
            "target_arn": target_arn,
            "countries": countries,
            "types": types,
            "prefix": prefix,
        }
        return self._page("ListPhoneNumbersV2", query, target, keep, max_results, next_token)

    def _page(
        self,
        operation: str,
        query: Mapping[str, object],
        target: str | None,
        keep: Callable[[ClaimedNumber], bool],
        max_results: int | None,
        next_token: str | None,
    ) -> Page[ClaimedNumber]:
        binding = "|".join((operation, self.account_id, self.region, repr(sorted(query.items()))))
        size = max_results or DEFAULT_LIST_PAGE_SIZE
        with lifecycle_lock:  # claims and releases on other threads change the index
            order = self.state.claims_by_target.order(target)
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
                and claim.progress.status != "FAILED"
            )

        query = {"instance": instance_id, "countries": countries, "types": legacy_types}
        target = str(instance.arn)
        return self._page("ListPhoneNumbers", query, target, keep, max_results, next_token)

    def _settled(self, claim: ClaimedNumber) -> None:
        status = claim.progress.status
        if status != "CLAIMED":
            raise ResourceInUseException(
                f"Phone number '{claim.id}' is {status}; wait until it is CLAIMED"
            )

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
        claim = self.find(reference)
        target = resolve(self.account_id, self.region, instance_id, target_arn)
        self._settled(claim)
        active = self.state.active_claims
        active[claim.target_arn] -= 1
        active[target] = active.get(target, 0) + 1
        self.state.retarget(claim, target)
        return claim

    def update_metadata(
        self, reference: str, *, description: str | None = None, client_token: str | None = None
    ) -> None:
        def run() -> None:
            claim = self.find(reference)
            self._settled(claim)
            if description is not None:
                claim.description = description

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
        claim = self.find(reference)
        status = claim.progress.status
        if status == "IN_PROGRESS":
            raise ResourceInUseException(
                f"Phone number '{claim.id}' is IN_PROGRESS; wait until it is CLAIMED"
            )
        self.state.remove_claim(claim)
        connect_tags(self.account_id, self.region).delete_all_tags_for_resource(claim.arn)
        if status == "CLAIMED":
            until = self.context.clock.now() + RELEASE_COOLDOWN
            shared_state().pool.free(claim.number, until)
            self.state.active_claims[claim.target_arn] -= 1
