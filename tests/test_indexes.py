"""The creation-order indexes that list pages start from with a bisection: claims per target and
groups per instance on a Region's state (``backend.paging.CreationIndex``), in step with claims,
moves, releases, group deletes and moto's reset."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
from moto import mock_aws

from connect_mock.backend import PhoneNumbers, TrafficDistributionGroups, region_state
from connect_mock.backend.models import ClaimedNumber
from connect_mock.backend.paging import CreationIndex, CreationOrder
from connect_mock.config import MockConfig
from connect_mock.runtime import Runtime
from tests.helpers import ACCOUNT, REGION, expected_numbers, moto_instance

SEED = 11


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    with mock_aws():
        yield


@dataclass(frozen=True)
class Record:
    seq: int


def seqs(records: Iterator[Record] | CreationOrder[Record]) -> list[int]:
    return [record.seq for record in records]


# --- the index on its own --------------------------------------------------------------------


def test_a_creation_order_is_sorted_by_seq_whatever_the_order_of_adds() -> None:
    order: CreationOrder[Record] = CreationOrder()
    records = {seq: Record(seq) for seq in (5, 1, 9, 3, 7)}
    for record in records.values():
        order.add(record)
    order.add(records[5])  # already there: once
    assert seqs(order) == [1, 3, 5, 7, 9]
    # A page starts after the record its cursor names, or after where it was.
    assert seqs(order.after(0)) == [1, 3, 5, 7, 9]
    assert seqs(order.after(5)) == [7, 9]
    assert seqs(order.after(4)) == [5, 7, 9]
    assert seqs(order.after(9)) == seqs(order.after(100)) == []
    for seq in (1, 9, 5):  # first, last, middle
        order.discard(records[seq])
    order.discard(Record(4))  # never added: nothing
    assert seqs(order) == [3, 7]
    assert len(order) == 2


def test_a_move_changes_the_key_and_keeps_the_place() -> None:
    index: CreationIndex[Record] = CreationIndex()
    records = [Record(seq) for seq in range(1, 7)]
    for record in records:
        index.add(record, "a" if record.seq % 2 else "b")
    index.move(records[2], "a", "b")  # seq 3 joins b between 2 and 4
    assert seqs(index.order("b")) == [2, 3, 4, 6]
    assert seqs(index.order("a")) == [1, 5]
    assert seqs(index.order()) == [1, 2, 3, 4, 5, 6]
    index.move(records[2], "b", "b")  # to where it is: nothing
    assert seqs(index.order("b")) == [2, 3, 4, 6]
    for record in (records[0], records[4]):
        index.discard(record, "a")
    assert seqs(index.order("a")) == []
    assert seqs(index.order("c")) == []
    assert seqs(index.order()) == [2, 3, 4, 6]


# --- claims ------------------------------------------------------------------------------------


def context(quota: int = 1000) -> Runtime:
    return Runtime(MockConfig(seed=SEED, phone_number_quota=quota))


def listed(
    claims: PhoneNumbers,
    page_size: int,
    *,
    instance_id: str | None = None,
    target_arn: str | None = None,
) -> list[ClaimedNumber]:
    """Every claim ListPhoneNumbersV2 lists, page by page."""
    found: list[ClaimedNumber] = []
    token = None
    while True:
        page = claims.list_v2(
            instance_id=instance_id,
            target_arn=target_arn,
            max_results=page_size,
            next_token=token,
        )
        found += page.items
        token = page.next_token
        if token is None:
            return found


def scanned(target: str | None = None) -> list[ClaimedNumber]:
    """What a list must show, by a scan of every claim of the Region: in creation order."""
    state = region_state(ACCOUNT, REGION)
    claims = sorted(state.phone_numbers.values(), key=lambda claim: claim.seq)
    return [
        claim
        for claim in claims
        if (target is None or claim.target_arn == target) and claim.progress.status != "FAILED"
    ]


def test_list_pages_follow_creation_order_through_moves_and_releases() -> None:
    ctx = context()
    (a_id, a_arn), (b_id, b_arn) = moto_instance(), moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    made = [
        claims.claim(number, instance_id=a_id if i % 2 == 0 else b_id)
        for i, number in enumerate(expected_numbers(SEED, 6))
    ]
    claims.update(made[2].id, instance_id=b_id)  # from A into B, between made[1] and made[3]
    assert claims.list_v2(instance_id=b_id).items == [made[1], made[2], made[3], made[5]]
    assert claims.list_v2(target_arn=a_arn).items == [made[0], made[4]]
    assert claims.list_legacy(b_id).items == [made[1], made[2], made[3], made[5]]
    assert claims.list_v2().items == made
    # A cursor is a place in creation order: a move or release ahead of it changes nothing
    # before it, and the next page starts after it.
    first = claims.list_v2(instance_id=b_id, max_results=2)
    assert first.items == [made[1], made[2]]
    claims.update(made[3].id, instance_id=a_id)
    claims.release(made[1].id)
    second = claims.list_v2(instance_id=b_id, max_results=2, next_token=first.next_token)
    assert (second.items, second.next_token) == ([made[5]], None)
    assert claims.list_v2(instance_id=b_id).items == [made[2], made[5]] == scanned(b_arn)
    assert claims.list_v2(instance_id=a_id).items == [made[0], made[3], made[4]] == scanned(a_arn)


def test_failed_claims_are_indexed_until_released_but_never_listed() -> None:
    ctx = context(quota=2)
    instance_id, instance_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    made = [claims.claim(n, instance_id=instance_id) for n in expected_numbers(SEED, 4)]
    assert [claims.describe(claim.id).status for claim in made] == [
        "CLAIMED",
        "CLAIMED",
        "FAILED",
        "FAILED",
    ]
    state = region_state(ACCOUNT, REGION)
    assert list(state.claims_by_target.order(instance_arn)) == made
    assert claims.list_v2(instance_id=instance_id, max_results=1).next_token is not None
    assert listed(claims, 1, instance_id=instance_id) == made[:2]
    assert claims.list_v2(instance_id=instance_id, max_results=2).next_token is None
    for claim in made[2:]:
        claims.release(claim.id)
    assert list(state.claims_by_target.order(instance_arn)) == made[:2]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_agrees_with_a_scan_after_any_claims_moves_and_releases(seed: int) -> None:
    ctx = context()
    instances = [moto_instance() for _ in range(3)]
    group = TrafficDistributionGroups(ctx, ACCOUNT, REGION).create("g", instances[0][0])
    targets = [arn for _, arn in instances] + [group.arn]
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    pool = iter(expected_numbers(SEED, 200))
    held: list[ClaimedNumber] = []
    steps = random.Random(seed)  # an own generator: the global one stays untouched
    for _ in range(120):
        action = steps.choice(("claim", "claim", "move", "release"))
        if action == "claim" or not held:
            held.append(claims.claim(next(pool), target_arn=steps.choice(targets)))
        elif action == "move":
            claims.update(steps.choice(held).id, target_arn=steps.choice(targets))
        else:
            claims.release(held.pop(steps.randrange(len(held))).id)
    assert held
    for target in targets:
        assert listed(claims, 3, target_arn=target) == scanned(target)
        assert claims.list_v2(target_arn=target, max_results=1000).items == scanned(target)
    assert listed(claims, 7) == scanned() == sorted(held, key=lambda claim: claim.seq)
    state = region_state(ACCOUNT, REGION)
    assert sum(len(state.claims_by_target.order(t)) for t in targets) == len(held)


def test_moto_reset_wipes_the_indexes() -> None:
    ctx = context()
    instance_id, instance_arn = moto_instance()
    group = TrafficDistributionGroups(ctx, ACCOUNT, REGION).create("g", instance_id)
    PhoneNumbers(ctx, ACCOUNT, REGION).claim(expected_numbers(SEED, 1)[0], instance_id=instance_id)
    state = region_state(ACCOUNT, REGION)
    assert len(state.claims_by_target.order()) == len(state.groups_by_instance.order()) == 1
    requests.post("http://motoapi.amazonaws.com/moto-api/reset", timeout=5)
    fresh = region_state(ACCOUNT, REGION)
    assert fresh is not state
    assert len(fresh.claims_by_target.order(instance_arn)) == 0
    assert len(fresh.groups_by_instance.order(group.instance_id)) == 0
    instance_id, _ = moto_instance()
    assert PhoneNumbers(ctx, ACCOUNT, REGION).list_v2(instance_id=instance_id).items == []


# --- traffic distribution groups ---------------------------------------------------------------


def test_group_pages_per_instance_follow_creation_order_through_deletes() -> None:
    ctx = context()
    (a_id, a_arn), (b_id, _) = moto_instance(), moto_instance()
    groups = TrafficDistributionGroups(ctx, ACCOUNT, REGION)
    made = [groups.create(f"g{i}", a_id if i % 3 else b_id) for i in range(7)]
    of_a = [group for group in made if group.instance_arn == a_arn]
    assert groups.list(instance=a_id).items == of_a
    assert groups.list(instance=a_arn).items == of_a  # an ARN names the same instance
    assert groups.list(instance=f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/x").items == []
    first = groups.list(instance=a_id, max_results=2)
    assert first.items == of_a[:2]
    groups.delete(of_a[2].id)
    second = groups.list(instance=a_id, max_results=2, next_token=first.next_token)
    assert (second.items, second.next_token) == (of_a[3:], None)
    assert groups.list().items == [group for group in made if group is not of_a[2]]
    assert groups.list(instance=b_id).items == [made[0], made[3], made[6]]
