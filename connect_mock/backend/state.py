"""Where the backend's state lives: per account and Region, and shared by all accounts (numbers
are one global resource). Both are wiped by moto's reset, with moto's own state."""

from __future__ import annotations

import functools
import inspect
import threading
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from .._moto import RegionStore, ResetScoped
from ..core.calls import CallJournal
from .idempotency import ClientTokens, fingerprint
from .models import ClaimedNumber, TrafficDistributionGroup
from .paging import CreationIndex

__all__ = [
    "NumberPool",
    "RegionState",
    "idempotent",
    "lifecycle_lock",
    "recorded_calls",
    "region_state",
]

P = ParamSpec("P")
T = TypeVar("T")

# Claims check and take a shared number in two steps; moto's server answers requests on many
# threads, so the lifecycle operations run one at a time.
lifecycle_lock = threading.RLock()


class RegionState:
    """One account's claims, groups, instance attributes and ClientTokens in one Region.

    Claims and groups are added, moved and removed through the methods below (under the
    lifecycle lock), which keep the creation-order indexes that list pages walk in step."""

    def __init__(self, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region
        self.phone_numbers: dict[str, ClaimedNumber] = {}
        self.groups: dict[str, TrafficDistributionGroup] = {}
        self.client_tokens = ClientTokens()
        # Per target ARN: how many claims hold a number (the quota reads it).
        self.active_claims: dict[str, int] = {}
        # Per target ARN: when numbers claimed to it were released (the 200% rule reads it).
        self.releases: defaultdict[str, list[datetime]] = defaultdict(list)
        # Claims by target ARN, groups by instance ID, in creation order (the list cursors').
        self.claims_by_target: CreationIndex[ClaimedNumber] = CreationIndex()
        self.groups_by_instance: CreationIndex[TrafficDistributionGroup] = CreationIndex()
        # Per instance ID: the instance attributes set with UpdateInstanceAttribute (the others
        # answer their defaults; INBOUND_CALLS and OUTBOUND_CALLS live on moto's instance).
        self.instance_attributes: dict[str, dict[str, str]] = {}

    def add_claim(self, claim: ClaimedNumber) -> None:
        self.phone_numbers[claim.id] = claim
        self.claims_by_target.add(claim, claim.target_arn)

    def retarget(self, claim: ClaimedNumber, target_arn: str) -> None:
        """Point ``claim`` at another instance or group (its place in list order stays)."""
        self.claims_by_target.move(claim, claim.target_arn, target_arn)
        claim.target_arn = target_arn

    def remove_claim(self, claim: ClaimedNumber) -> None:
        del self.phone_numbers[claim.id]
        self.claims_by_target.discard(claim, claim.target_arn)

    def add_group(self, group: TrafficDistributionGroup) -> None:
        self.groups[group.id] = group
        self.groups_by_instance.add(group, group.instance_id)

    def remove_group(self, group: TrafficDistributionGroup) -> None:
        del self.groups[group.id]
        self.groups_by_instance.discard(group, group.instance_id)


class _OnRegionState(Protocol):
    state: RegionState


S = TypeVar("S", bound=_OnRegionState)


def idempotent(
    operation: str,
) -> Callable[[Callable[Concatenate[S, P], T]], Callable[Concatenate[S, P], T]]:
    """Make a method taking ``client_token`` the lifecycle operation ``operation``: it runs
    under the lifecycle lock, and the same ClientToken with the same other arguments answers
    the first result again (``self.state.client_tokens``; a different request with the token is
    an IdempotencyException)."""

    def decorate(method: Callable[Concatenate[S, P], T]) -> Callable[Concatenate[S, P], T]:
        # The request is every argument but self, by name, defaults included, however it was
        # passed (not inspect's Signature.bind: this runs on every call).
        parameters = list(inspect.signature(method).parameters.values())[1:]
        names = [parameter.name for parameter in parameters]
        defaults = {p.name: p.default for p in parameters if p.default is not p.empty}

        @functools.wraps(method)
        def run(owner: S, /, *args: P.args, **kwargs: P.kwargs) -> T:
            request = {**defaults, **dict(zip(names, args, strict=False)), **kwargs}
            token = request.pop("client_token")
            digest = fingerprint(**request)
            with lifecycle_lock:  # the ClientToken check and record must not interleave
                return owner.state.client_tokens.run(
                    operation, token, digest, lambda: method(owner, *args, **kwargs)
                )

        return run

    return decorate


class NumberPool:
    """Which numbers are taken, by anyone: holders, cooldowns after release, where searches
    offered each number, and remembered runs of unavailable positions per ordered inventory."""

    def __init__(self) -> None:
        # number -> (account, Region, claim id) of the claim holding it
        self.holders: dict[str, tuple[str, str, str]] = {}
        # number -> end of the day a failed claim holds it for
        self.hold_ends: dict[str, datetime] = {}
        # number -> end of its cooldown
        self.cooldowns: dict[str, datetime] = {}
        # number -> (country, type) a search last offered it as
        self.offered: dict[str, tuple[str, str]] = {}
        # Remembered hole runs, valid while no number has become available again (see skips_for)
        self.skips: dict[tuple[Any, ...], tuple[tuple[int, datetime], dict[int, int]]] = {}
        self.freed = 0

    def unavailable(self, number: str, now: datetime) -> bool:
        """Claimed by anyone, held by a failed claim, or cooling down after a release."""
        if number in self.holders:
            end = self.hold_ends.get(number)
            if end is None or now < end:
                return True
        until = self.cooldowns.get(number)
        return until is not None and now < until

    def hold(
        self, number: str, holder: tuple[str, str, str], until: datetime | None = None
    ) -> None:
        """``holder`` takes ``number``: for good, or until ``until`` (a failed claim)."""
        self.holders[number] = holder
        if until is None:
            self.hold_ends.pop(number, None)
        else:
            self.hold_ends[number] = until

    def free(self, number: str, cooldown_until: datetime | None) -> None:
        self.holders.pop(number, None)
        self.hold_ends.pop(number, None)  # read only while a holder holds it: tidiness
        if cooldown_until is not None:
            self.cooldowns[number] = cooldown_until
        self.freed += 1

    def skips_for(self, key: tuple[Any, ...], now: datetime) -> dict[int, int]:
        """The remembered hole runs of the ordered inventory ``key``. Claims only add holes; a
        release or the clock (cooldowns ending) can remove one, so those start the memo afresh."""
        stamp = (self.freed, now)
        entry = self.skips.get(key)
        if entry is None or entry[0] != stamp:
            entry = (stamp, {})
            self.skips[key] = entry
        return entry[1]


class SharedState:
    """What every account and Region share: the ordered call log and the number pool."""

    def __init__(self) -> None:
        self.calls = CallJournal()
        self.pool = NumberPool()


_regions: RegionStore[RegionState] = RegionStore(RegionState)
_shared: ResetScoped[SharedState] = ResetScoped(SharedState)


def region_state(account_id: str, region: str) -> RegionState:
    return _regions.get(account_id, region)


def shared_state() -> SharedState:
    return _shared.get()


def recorded_calls() -> CallJournal:
    return _shared.get().calls
