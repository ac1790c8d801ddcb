"""Listing claimed phone numbers: ListPhoneNumbersV2 and the legacy ListPhoneNumbers, pages in
creation order read from the per-target index on the Region's state."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .._moto import find_instance
from ..core.errors import ResourceNotFoundException
from .arns import parse_arn
from .context import Context
from .models import ClaimedNumber
from .paging import Page, page_of
from .state import RegionState, lifecycle_lock, region_state
from .targets import resolve

__all__ = ["NumberLists"]

DEFAULT_LIST_PAGE_SIZE = 100  # ListPhoneNumbers(V2) without MaxResults (undocumented)


class NumberLists:
    """The list operations of ``PhoneNumbers`` (one account's claims in one Region)."""

    context: Context
    account_id: str
    region: str
    state: RegionState

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
            state = region_state(self.account_id, _region_of(target))

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


def _region_of(target_arn: str) -> str:
    arn = parse_arn(target_arn)
    assert arn is not None  # resolve() returns ARNs
    return arn.region
