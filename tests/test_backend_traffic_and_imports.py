"""The backend of traffic distribution and imports on its own: typed arguments, model objects,
no HTTP (as tests/test_backend.py does for the rest)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from moto import mock_aws

from connect_mock.backend import (
    Distribution,
    PhoneNumbers,
    SignInDistribution,
    TrafficDistribution,
    TrafficDistributionGroups,
    shared_state,
)
from connect_mock.backend.models import FAILED_CLAIM_HOLD, QUOTA_MESSAGE
from connect_mock.config import MockConfig
from connect_mock.core.errors import (
    ConnectServiceError,
    InvalidParameterException,
    InvalidRequestException,
    ResourceNotFoundException,
)
from connect_mock.runtime import Runtime
from tests.helpers import ACCOUNT, moto_instance

FRANKFURT, LONDON = "eu-central-1", "eu-west-2"


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    with mock_aws():
        yield


def context(**options: Any) -> Runtime:
    return Runtime(MockConfig(**options))


def test_a_group_distributes_between_its_own_pair() -> None:
    ctx = context()
    instance_id, _ = moto_instance(FRANKFURT)
    group = TrafficDistributionGroups(ctx, ACCOUNT, FRANKFURT).create("eu", instance_id)
    assert group.regions == (FRANKFURT, LONDON)
    home = TrafficDistribution(ctx, ACCOUNT, FRANKFURT)
    view = home.get(group.id)
    assert view.group is group
    assert view.telephony == (Distribution(FRANKFURT, 100), Distribution(LONDON, 0))
    assert view.agents == view.telephony
    assert group.last_failover is None
    TrafficDistribution(ctx, ACCOUNT, LONDON).update(
        group.arn, telephony=[Distribution(LONDON, 90), Distribution(FRANKFURT, 10)]
    )
    assert home.get(group.arn).telephony == (Distribution(FRANKFURT, 10), Distribution(LONDON, 90))
    assert group.last_failover == ctx.clock.now()
    with pytest.raises(ResourceNotFoundException):
        TrafficDistribution(ctx, ACCOUNT, "us-east-1").get(group.arn)  # not its pair


def test_every_check_runs_before_anything_changes() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    group = TrafficDistributionGroups(ctx, ACCOUNT, "us-east-1").create("g", instance_id)
    distribution = TrafficDistribution(ctx, ACCOUNT, "us-east-1")
    good = [Distribution("us-east-1", 50), Distribution("us-west-2", 50)]
    for agents, sign_in in (
        ([Distribution("us-east-1", 50)], None),
        (None, [SignInDistribution("us-east-1", True)]),
    ):
        with pytest.raises(InvalidRequestException):
            distribution.update(group.id, telephony=good, agents=agents, sign_in=sign_in)
        assert (group.telephony, group.agents) == (
            {"us-east-1": 100, "us-west-2": 0},
            {"us-east-1": 100, "us-west-2": 0},
        )
        assert group.last_failover is None


def test_a_failed_import_holds_its_number_for_a_day() -> None:
    ctx = context(phone_number_quota=0)
    instance_id, instance_arn = moto_instance()
    source = ctx.source_numbers.add("+18005550100")
    claim = PhoneNumbers(ctx, ACCOUNT, "us-east-1").import_number(instance_id, source.arn)
    assert (claim.failure, claim.claimed, claim.source_arn) == (QUOTA_MESSAGE, False, source.arn)
    assert (claim.number, claim.number_type, claim.target_arn) == (
        "+18005550100",
        "TOLL_FREE",
        instance_arn,
    )
    pool = shared_state().pool
    assert pool.holders[source.phone_number] == (ACCOUNT, "us-east-1", claim.id)
    assert pool.hold_ends[source.phone_number] == ctx.clock.now() + FAILED_CLAIM_HOLD
    # ClaimPhoneNumber of the same number is no retry of the import.
    with pytest.raises(InvalidParameterException):
        PhoneNumbers(ctx, ACCOUNT, "us-east-1").claim(source.phone_number, instance_id=instance_id)


def test_a_released_import_leaves_no_cooldown() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    source = ctx.source_numbers.add("+18005550100")
    numbers = PhoneNumbers(ctx, ACCOUNT, "us-east-1")
    claim = numbers.import_number(instance_id, source.arn)
    numbers.release(claim.id)
    pool = shared_state().pool
    assert source.phone_number not in pool.holders
    assert source.phone_number not in pool.cooldowns
    assert numbers.state.releases[claim.target_arn] == [ctx.clock.now()]


def test_threads_importing_one_source_get_one_number() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    source = ctx.source_numbers.add("+18005550100")
    threads = 8
    start = threading.Barrier(threads)
    outcomes: list[str] = []
    lock = threading.Lock()

    def importer() -> None:
        start.wait()
        try:
            claim = PhoneNumbers(ctx, ACCOUNT, "us-east-1").import_number(instance_id, source.arn)
            result = f"imported {claim.id}"
        except ConnectServiceError as error:
            result = error.code
        with lock:
            outcomes.append(result)

    workers = [threading.Thread(target=importer, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    imported = [outcome for outcome in outcomes if outcome.startswith("imported")]
    assert len(imported) == 1
    assert sorted(set(outcomes) - set(imported)) == ["InvalidParameterException"]
    assert len(outcomes) == threads
