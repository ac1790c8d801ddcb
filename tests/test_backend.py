"""The typed backend on its own: no HTTP, no boto3. A ``Runtime`` is the context; instances are
made through moto's Connect backend directly; the backend's state lives in moto-reset stores, so
every test runs inside a fresh ``mock_aws``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from moto import mock_aws

from connect_mock.backend import (
    TDG_REGION_PAIRS,
    PhoneNumbers,
    SearchQuery,
    TrafficDistributionGroups,
    region_state,
    search_available,
    shared_state,
)
from connect_mock.backend.arns import Arn, instance_id_of, parse_arn
from connect_mock.backend.churn import CHURN_WINDOW, churn_failure, record_release
from connect_mock.backend.idempotency import ClientTokens, fingerprint
from connect_mock.backend.models import LEGACY_TYPES, QUOTA_MESSAGE, RELEASE_COOLDOWN
from connect_mock.config import MockConfig
from connect_mock.core.errors import (
    AccessDeniedException,
    ConnectServiceError,
    IdempotencyException,
    InvalidParameterException,
    InvalidRequestException,
    ResourceInUseException,
    ResourceNotFoundException,
)
from connect_mock.inventory.fixtures import load_fixtures
from connect_mock.runtime import Runtime
from tests.helpers import (
    ACCOUNT,
    INVALID_TOKEN,
    REGION,
    expected_numbers,
    invalid_token,
    manual_progress,
    moto_instance,
)

SEED = 7
NO_INSTANCE = f"Instance 'nope' was not found in account {ACCOUNT}, Region {REGION}"


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    """moto's state, and with it the backend's, fresh for each test."""
    with mock_aws():
        yield


def context(seed: int = SEED, **options: Any) -> Runtime:
    """A runtime (the context the backend takes) of a configuration with these options."""
    return Runtime(MockConfig(seed=seed, **options))


def message(excinfo: pytest.ExceptionInfo[ConnectServiceError]) -> str:
    return excinfo.value.message


def search(
    ctx: Runtime,
    instance_id: str,
    max_results: int | None = None,
    next_token: str | None = None,
    *,
    region: str = REGION,
    account: str = ACCOUNT,
    **query: str,
) -> tuple[list[str], str | None]:
    """(numbers, NextToken) of one page of a search, US DID unless ``query`` says otherwise."""
    fields = {"country": "US", "number_type": "DID", **query}
    page = search_available(
        ctx,
        account,
        region,
        SearchQuery(instance_id=instance_id, **fields),
        max_results,
        next_token,
    )
    for entry in page.items:
        assert (entry.country, entry.number_type) == (fields["country"], fields["number_type"])
    return [entry.number for entry in page.items], page.next_token


# --- search ----------------------------------------------------------------------------------


def test_search_pages_walk_the_ordered_inventory() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    first, token = search(ctx, instance_id, 4)
    assert first == expected_numbers(SEED, 4)
    assert token is not None
    second, _ = search(ctx, instance_id, 6, token)
    assert first + second == expected_numbers(SEED, 10)
    # Without MaxResults: a page of 10.
    assert search(ctx, instance_id)[0] == expected_numbers(SEED, 10)


def test_search_results_follow_the_seed_and_the_prefix() -> None:
    instance_id, _ = moto_instance()
    assert search(context(seed=1), instance_id, 5)[0] == expected_numbers(1, 5)
    assert search(context(seed=2), instance_id, 5)[0] == expected_numbers(2, 5)
    seattle, _ = search(context(), instance_id, 5, prefix="+1206")
    assert seattle == expected_numbers(SEED, 5, prefix="+1206")
    assert all(number.startswith("+1206") for number in seattle)


def test_the_search_limit_ends_a_query_and_its_tokens() -> None:
    ctx = context(search_limit=5)
    instance_id, _ = moto_instance()
    pages: list[list[str]] = []
    token = None
    while True:
        found, token = search(ctx, instance_id, 2, token)
        pages.append(found)
        if token is None:
            break
    expected = expected_numbers(SEED, 5)
    assert pages == [expected[0:2], expected[2:4], expected[4:5]]


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("country", "CA"),
        ("number_type", "TOLL_FREE"),
        ("prefix", "+1206"),
        ("region", "us-west-2"),
        ("seed", "8"),
        ("instance", "another"),
    ],
)
def test_a_next_token_is_bound_to_its_query(change: str, value: str) -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    _, token = search(ctx, instance_id, 3)
    assert token is not None
    query: dict[str, str] = {}
    region, target = REGION, instance_id
    if change == "region":
        region = value
        target, _ = moto_instance(region)
    elif change == "seed":
        ctx = context(seed=int(value))
    elif change == "instance":
        target, _ = moto_instance()
    else:
        query[change] = value
    with pytest.raises(InvalidParameterException) as excinfo:
        search(ctx, target, 3, token, region=region, **query)
    assert message(excinfo) == INVALID_TOKEN


def test_a_next_token_binds_the_target_not_how_it_is_named() -> None:
    ctx = context()
    instance_id, instance_arn = moto_instance()
    _, token = search(ctx, instance_id, 3)
    by_arn = search_available(
        ctx,
        ACCOUNT,
        REGION,
        SearchQuery("US", "DID", target_arn=instance_arn),
        3,
        token,
    )
    assert [entry.number for entry in by_arn.items] == expected_numbers(SEED, 6)[3:]


def test_a_search_offers_no_claimed_number_and_remembers_what_it_offered() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    offered = expected_numbers(SEED, 6)
    PhoneNumbers(ctx, ACCOUNT, REGION).claim(offered[1], instance_id=instance_id)
    assert search(ctx, instance_id, 5)[0] == offered[:1] + offered[2:]
    assert shared_state().pool.offered == dict.fromkeys(offered[:1] + offered[2:], ("US", "DID"))


@pytest.mark.parametrize(
    ("instance_id", "target_arn", "expected"),
    [
        (None, None, "Missing target: you must enter InstanceId or TargetArn"),
        (
            "11111111-2222-3333-4444-555555555555",
            None,
            "InstanceId '11111111-2222-3333-4444-555555555555' does not name an Amazon Connect "
            f"instance in account {ACCOUNT}, Region {REGION}",
        ),
        (
            None,
            "arn:aws:s3:::bucket",
            "TargetArn 'arn:aws:s3:::bucket' is not the ARN of an Amazon Connect instance "
            "(arn:aws:connect:REGION:ACCOUNT:instance/ID) or traffic distribution group",
        ),
    ],
)
def test_a_search_needs_one_known_target(
    instance_id: str | None, target_arn: str | None, expected: str
) -> None:
    query = SearchQuery("US", "DID", instance_id=instance_id, target_arn=target_arn)
    with pytest.raises(InvalidParameterException) as excinfo:
        search_available(context(), ACCOUNT, REGION, query)
    assert message(excinfo) == expected


def test_a_target_of_another_account_is_access_denied() -> None:
    _, arn = moto_instance(account="210987654321")
    query = SearchQuery("US", "DID", target_arn=arn)
    with pytest.raises(AccessDeniedException) as excinfo:
        search_available(context(), ACCOUNT, REGION, query)
    assert message(excinfo) == (
        f"Account {ACCOUNT} is not authorized to access TargetArn '{arn}', which belongs to "
        "account 210987654321"
    )


# --- claims ----------------------------------------------------------------------------------


def test_claims_over_the_quota_end_failed_and_hold_the_number_for_their_owner() -> None:
    ctx = context(phone_number_quota=2)
    instance_id, instance_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    offered = expected_numbers(SEED, 3)
    made = [claims.claim(number, instance_id=instance_id) for number in offered]
    described = [claims.describe(claim.id) for claim in made]
    assert [(d.status, d.message) for d in described] == [
        ("CLAIMED", None),
        ("CLAIMED", None),
        ("FAILED", QUOTA_MESSAGE),
    ]
    assert QUOTA_MESSAGE == (
        "The allowed limit for claimed phone numbers has been exceeded for your instance"
    )
    assert region_state(ACCOUNT, REGION).active_claims == {instance_arn: 2}
    # The failed claim is listed nowhere and counts toward no quota; its number is held for
    # a day (offered to no one), and its owner may retry the claim, to a target with room.
    assert claims.list_v2(instance_id=instance_id).items == made[:2]
    assert search(ctx, instance_id, 1)[0] == expected_numbers(SEED, 4)[3:]
    other_id, _ = moto_instance()
    again = claims.claim(offered[2], instance_id=other_id)
    assert again is made[2]
    assert claims.describe(again.id).status == "CLAIMED"


@pytest.mark.parametrize("number", ["taken", "+10000000000", "+19995550100"])
def test_a_number_no_one_can_claim_is_refused_by_number(number: str) -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    if number == "taken":
        number = expected_numbers(SEED, 1)[0]
        claims.claim(number, instance_id=instance_id)
    with pytest.raises(InvalidParameterException) as excinfo:
        claims.claim(number, instance_id=instance_id)
    assert message(excinfo) == f"Phone number not available: {number}"


def test_a_claim_finds_the_numbers_country_and_type_without_a_search() -> None:
    instance_id, _ = moto_instance()
    (number,) = expected_numbers(SEED, 1, "GB", "DID", "+4420")
    claim = PhoneNumbers(context(), ACCOUNT, REGION).claim(number, instance_id=instance_id)
    assert (claim.number, claim.country, claim.number_type) == (number, "GB", "DID")
    assert claim.instance_id == instance_id


def test_unknown_claims_are_not_found_by_id_or_arn() -> None:
    claims = PhoneNumbers(context(), ACCOUNT, REGION)
    for reference in (
        "11111111-2222-3333-4444-555555555555",
        f"arn:aws:connect:{REGION}:{ACCOUNT}:phone-number/11111111-2222-3333-4444-555555555555",
    ):
        with pytest.raises(ResourceNotFoundException) as excinfo:
            claims.describe(reference)
        assert message(excinfo) == (
            f"Phone number '{reference}' was not found in account {ACCOUNT}, Region {REGION}"
        )


def test_a_claim_is_found_by_its_arn_only_in_its_own_account_and_region() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    claim = PhoneNumbers(ctx, ACCOUNT, REGION).claim(
        expected_numbers(SEED, 1)[0], instance_id=instance_id
    )
    assert PhoneNumbers(ctx, ACCOUNT, REGION).find(claim.arn) is claim
    for account, region in ((ACCOUNT, "us-west-2"), ("111111111111", REGION)):
        with pytest.raises(ResourceNotFoundException):
            PhoneNumbers(ctx, account, region).find(claim.arn)
        with pytest.raises(ResourceNotFoundException):
            PhoneNumbers(ctx, account, region).find(claim.id)


# --- idempotency -----------------------------------------------------------------------------


def test_the_same_client_token_and_request_get_the_first_claim_again() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    first, second = expected_numbers(SEED, 2)
    one = claims.claim(first, instance_id=instance_id, client_token="t-1")
    again = claims.claim(first, instance_id=instance_id, client_token="t-1")
    assert again is one
    assert list(region_state(ACCOUNT, REGION).phone_numbers.values()) == [one]
    with pytest.raises(IdempotencyException) as excinfo:
        claims.claim(second, instance_id=instance_id, client_token="t-1")
    assert message(excinfo) == (
        "ClientToken 't-1' was already used with a different ClaimPhoneNumber request"
    )
    # Tokens are per operation: the same token on a release is a first use.
    claims.release(one.id, client_token="t-1")
    assert claims.list_v2().items == []


def test_a_failed_action_records_nothing_under_its_client_token() -> None:
    tokens = ClientTokens()
    runs: list[int] = []

    def failing() -> int:
        runs.append(1)
        raise InvalidParameterException("no")

    request = fingerprint(number="+1")
    for _ in range(2):
        with pytest.raises(InvalidParameterException):
            tokens.run("ClaimPhoneNumber", "t", request, failing)
    assert len(runs) == 2
    assert tokens.run("ClaimPhoneNumber", "t", request, lambda: 5) == 5
    assert tokens.run("ClaimPhoneNumber", "t", request, lambda: 6) == 5
    # Without a token every call runs.
    assert tokens.run("ClaimPhoneNumber", None, request, lambda: 1) == 1
    assert tokens.run("ClaimPhoneNumber", None, request, lambda: 2) == 2


def test_a_client_token_replays_a_request_however_its_arguments_are_passed() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    groups = TrafficDistributionGroups(ctx, ACCOUNT, REGION)
    made = groups.create("g", instance_id, client_token="c")
    # Positionally or by name, a default given or left out: the same request.
    assert groups.create(name="g", instance=instance_id, client_token="c") is made
    assert groups.create("g", instance_id, description=None, tags=None, client_token="c") is made
    with pytest.raises(IdempotencyException) as excinfo:
        groups.create("g", instance_id, description="other", client_token="c")
    assert message(excinfo) == (
        "ClientToken 'c' was already used with a different CreateTrafficDistributionGroup request"
    )
    assert [group.name for group in groups.list().items] == ["g"]


def test_a_request_fingerprint_is_its_content_not_its_spelling() -> None:
    assert fingerprint(a=1, b="x") == fingerprint(b="x", a=1)
    assert fingerprint(a=1, b="x") != fingerprint(a=1, b="y")
    assert fingerprint(tags={"k": "v", "l": "w"}) == fingerprint(tags={"l": "w", "k": "v"})
    assert fingerprint(desc=None) != fingerprint(desc="None")
    assert len(fingerprint(a=1)) == 16


def test_an_arn_is_read_by_its_kind() -> None:
    base = f"arn:aws:connect:{REGION}:{ACCOUNT}"
    assert parse_arn(f"{base}:instance/i-1") == Arn(REGION, ACCOUNT, "instance", "i-1", "i-1")
    assert parse_arn(f"{base}:instance/i-1/contact-flow/f-1") == Arn(
        REGION, ACCOUNT, "contact-flow", "f-1", "i-1"
    )
    assert parse_arn(f"{base}:phone-number/p-1") == Arn(REGION, ACCOUNT, "phone-number", "p-1")
    assert parse_arn(f"{base}:traffic-distribution-group/g-1") == Arn(
        REGION, ACCOUNT, "traffic-distribution-group", "g-1"
    )
    for text in (
        f"{base}:instance/i-1/contact-flow/f-1:$SAVED",  # a ContactFlowId's suffix is not the ARN's
        f"{base}:instance/i-1/queue/q-1",
        f"arn:aws:connect:{REGION}:123:instance/i-1",  # an account is 12 digits
        f"arn:aws:s3:{REGION}:{ACCOUNT}:instance/i-1",
        "i-1",
    ):
        assert parse_arn(text) is None, text
    assert instance_id_of(f"{base}:instance/i-1") == "i-1"
    assert instance_id_of(f"{base}:traffic-distribution-group/g-1") is None
    assert instance_id_of(f"{base}:instance/i-1/contact-flow/f-1") is None


# --- release and cooldown --------------------------------------------------------------------


def test_a_released_number_cools_down_on_the_runtime_clock() -> None:
    ctx = context(phone_number_quota=1)
    instance_id, instance_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    number, other = expected_numbers(SEED, 2)
    claim = claims.claim(number, instance_id=instance_id)
    claims.release(claim.arn)
    with pytest.raises(ResourceNotFoundException):
        claims.find(claim.id)
    # The quota counts it no more: another claim to the instance is CLAIMED.
    assert region_state(ACCOUNT, REGION).active_claims == {instance_arn: 0}
    assert claims.describe(claims.claim(other, instance_id=instance_id).id).status == "CLAIMED"
    assert timedelta(days=180) == RELEASE_COOLDOWN
    ctx.clock.advance(RELEASE_COOLDOWN - timedelta(seconds=1))
    assert number not in search(ctx, instance_id, 10)[0]
    with pytest.raises(InvalidParameterException) as excinfo:
        claims.claim(number, instance_id=instance_id)
    assert message(excinfo) == f"Phone number not available: {number}"
    ctx.clock.advance(1)
    assert search(ctx, instance_id, 1)[0] == [number]  # back at its old place
    other_id, _ = moto_instance()
    assert claims.describe(claims.claim(number, instance_id=other_id).id).status == "CLAIMED"


def test_a_claim_in_progress_cannot_be_released_or_updated() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    with manual_progress("connect::phonenumber", times=2):
        claim = claims.claim(expected_numbers(SEED, 1)[0], instance_id=instance_id)
        expected = f"Phone number '{claim.id}' is IN_PROGRESS; wait until it is CLAIMED"
        with pytest.raises(ResourceInUseException) as released:
            claims.release(claim.id)
        assert message(released) == expected
        with pytest.raises(ResourceInUseException) as updated:
            claims.update(claim.id, instance_id=instance_id)
        assert message(updated) == expected
        assert [claims.describe(claim.id).status for _ in range(3)] == [
            "IN_PROGRESS",
            "IN_PROGRESS",
            "CLAIMED",
        ]
        claims.release(claim.id)


# --- update ----------------------------------------------------------------------------------


def test_an_update_moves_the_claim_between_the_quota_counts() -> None:
    ctx = context(phone_number_quota=1)
    first_id, first_arn = moto_instance()
    second_id, second_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    numbers = expected_numbers(SEED, 3)
    moved = claims.claim(numbers[0], instance_id=first_id)
    assert claims.update(moved.arn, instance_id=second_id) is moved
    assert (moved.target_arn, moved.instance_id) == (second_arn, second_id)
    assert region_state(ACCOUNT, REGION).active_claims == {first_arn: 0, second_arn: 1}
    # The first instance has room again; the second is at its quota.
    assert claims.describe(claims.claim(numbers[1], instance_id=first_id).id).status == "CLAIMED"
    over = claims.claim(numbers[2], instance_id=second_id)
    assert claims.describe(over.id).status == "FAILED"
    assert claims.list_v2(instance_id=second_id).items == [moved]


def test_an_update_names_exactly_one_target() -> None:
    ctx = context()
    instance_id, instance_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    claim = claims.claim(expected_numbers(SEED, 1)[0], instance_id=instance_id)
    with pytest.raises(InvalidParameterException) as excinfo:
        claims.update(claim.id, instance_id=instance_id, target_arn=instance_arn)
    assert message(excinfo) == (
        "Specify either InstanceId or TargetArn, not both "
        f"(got InstanceId '{instance_id}' and TargetArn '{instance_arn}')"
    )
    claims.update(claim.id, instance_id=instance_id, client_token="u")
    with pytest.raises(IdempotencyException) as reused:
        claims.update(claim.id, target_arn=instance_arn, client_token="u")
    assert message(reused) == (
        "ClientToken 'u' was already used with a different UpdatePhoneNumber request"
    )


# --- lists -----------------------------------------------------------------------------------

FIXTURE = {
    "AvailableNumbersList": [
        {"PhoneNumber": number, "PhoneNumberCountryCode": "US", "PhoneNumberType": kind}
        for number, kind in (
            ("+18885550100", "THIRD_PARTY_TF"),
            ("+12125550100", "THIRD_PARTY_DID"),
            ("+1234567", "SHORT_CODE"),
        )
    ]
}


def test_the_legacy_list_reports_newer_types_as_toll_free_or_did() -> None:
    ctx = context(inventories=load_fixtures(FIXTURE), phone_number_quota=10)
    instance_id, _ = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    kinds = ["DID", "TOLL_FREE", "UIFN", "SHARED"]
    for kind in kinds:
        country = "FR" if kind == "SHARED" else "US"
        (number,) = search(ctx, instance_id, 1, country=country, number_type=kind)[0]
        claims.claim(number, instance_id=instance_id)
    for entry in FIXTURE["AvailableNumbersList"]:
        claims.claim(entry["PhoneNumber"], instance_id=instance_id)
    kinds += ["THIRD_PARTY_TF", "THIRD_PARTY_DID", "SHORT_CODE"]
    listed = claims.list_legacy(instance_id).items
    assert [claim.number_type for claim in listed] == kinds
    assert [claim.legacy_type for claim in listed] == [
        "DID",
        "TOLL_FREE",
        "TOLL_FREE",
        "DID",
        "TOLL_FREE",
        "DID",
        "DID",
    ]
    assert LEGACY_TYPES == {
        "UIFN": "TOLL_FREE",
        "THIRD_PARTY_TF": "TOLL_FREE",
        "SHARED": "DID",
        "THIRD_PARTY_DID": "DID",
        "SHORT_CODE": "DID",
    }
    toll_free = claims.list_legacy(instance_id, legacy_types=["TOLL_FREE"]).items
    assert [claim.number_type for claim in toll_free] == ["TOLL_FREE", "UIFN", "THIRD_PARTY_TF"]
    assert [c.number_type for c in claims.list_v2(types=["TOLL_FREE"]).items] == ["TOLL_FREE"]
    french = claims.list_legacy(instance_id, countries=["FR"]).items
    assert [(claim.country, claim.number_type) for claim in french] == [("FR", "SHARED")]


def test_the_legacy_list_needs_a_known_instance() -> None:
    with pytest.raises(ResourceNotFoundException) as excinfo:
        PhoneNumbers(context(), ACCOUNT, REGION).list_legacy("nope")
    assert message(excinfo) == NO_INSTANCE


def test_list_pages_and_their_tokens() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    made = [claims.claim(n, instance_id=instance_id) for n in expected_numbers(SEED, 5)]
    first = claims.list_legacy(instance_id, max_results=2)
    assert first.items == made[:2]
    assert first.next_token is not None
    second = claims.list_legacy(instance_id, max_results=3, next_token=first.next_token)
    assert (second.items, second.next_token) == (made[2:], None)
    # The token is bound to the operation and its filters.
    with pytest.raises(InvalidParameterException) as excinfo:
        claims.list_v2(instance_id=instance_id, max_results=2, next_token=first.next_token)
    assert message(excinfo) == invalid_token("ListPhoneNumbersV2")
    with pytest.raises(InvalidParameterException):
        claims.list_legacy(instance_id, legacy_types=["DID"], next_token=first.next_token)


# --- traffic distribution groups -------------------------------------------------------------


@pytest.mark.parametrize(("home", "pair"), sorted(TDG_REGION_PAIRS.items()))
def test_a_group_is_a_target_in_both_regions_of_its_pair_only(home: str, pair: str) -> None:
    assert TDG_REGION_PAIRS[pair] == home
    ctx = context()
    instance_id, instance_arn = moto_instance(home)
    group = TrafficDistributionGroups(ctx, ACCOUNT, home).create("g", instance_id)
    assert group.arn == f"arn:aws:connect:{home}:{ACCOUNT}:traffic-distribution-group/{group.id}"
    assert group.instance_arn == instance_arn
    assert TrafficDistributionGroups(ctx, ACCOUNT, pair).find(group.arn) is group
    # The group is a target of searches in either Region of the pair, of claims in its own.
    first, second = (
        search_available(ctx, ACCOUNT, region, SearchQuery("US", "DID", target_arn=group.arn))
        .items[0]
        .number
        for region in (home, pair)
    )
    claim = PhoneNumbers(ctx, ACCOUNT, home).claim(first, target_arn=group.arn)
    assert (claim.target_arn, claim.instance_id) == (group.arn, None)
    with pytest.raises(InvalidParameterException) as alternate:
        PhoneNumbers(ctx, ACCOUNT, pair).claim(second, target_arn=group.arn)
    assert message(alternate) == (
        "ClaimPhoneNumber takes a traffic distribution group only in the Region where the group "
        f"was created: call ClaimPhoneNumber in {home}, where traffic distribution group "
        f"'{group.arn}' was created (this request was sent to {pair})"
    )
    listed = [
        PhoneNumbers(ctx, ACCOUNT, r).list_v2(target_arn=group.arn).items for r in (home, pair)
    ]
    assert listed == [[claim], [claim]]
    with pytest.raises(ResourceInUseException) as excinfo:
        TrafficDistributionGroups(ctx, ACCOUNT, home).delete(group.id)
    assert message(excinfo) == (
        f"Traffic distribution group '{group.id}' still has phone numbers claimed to it; "
        "release or move them first"
    )
    # Outside the pair the group is neither found nor a target.
    elsewhere = next(region for region in TDG_REGION_PAIRS if region not in (home, pair))
    with pytest.raises(ResourceNotFoundException):
        TrafficDistributionGroups(ctx, ACCOUNT, elsewhere).find(group.arn)
    with pytest.raises(InvalidParameterException) as refused:
        search_available(ctx, ACCOUNT, elsewhere, SearchQuery("US", "DID", target_arn=group.arn))
    assert message(refused) == (
        f"TargetArn '{group.arn}' does not name a traffic distribution group of account "
        f"{ACCOUNT} usable in Region {elsewhere}"
    )


def test_groups_exist_only_in_the_documented_pairs() -> None:
    instance_id, _ = moto_instance("ap-southeast-2")
    with pytest.raises(InvalidRequestException) as excinfo:
        TrafficDistributionGroups(context(), ACCOUNT, "ap-southeast-2").create("g", instance_id)
    assert message(excinfo) == (
        "Traffic distribution groups exist only in the Region pairs us-east-1/us-west-2 and "
        "eu-central-1/eu-west-2, not in ap-southeast-2"
    )


def test_a_group_takes_an_instance_not_another_arn() -> None:
    moto_instance()
    arn = f"arn:aws:connect:{REGION}:{ACCOUNT}:phone-number/x"
    with pytest.raises(InvalidRequestException) as excinfo:
        TrafficDistributionGroups(context(), ACCOUNT, REGION).create("g", arn)
    assert message(excinfo) == (
        f"InstanceId '{arn}' is neither the ID nor the ARN of an Amazon Connect instance "
        "(arn:aws:connect:REGION:ACCOUNT:instance/ID)"
    )


def test_group_names_are_unique_and_instances_must_exist() -> None:
    ctx = context()
    groups = TrafficDistributionGroups(ctx, ACCOUNT, REGION)
    instance_id, instance_arn = moto_instance()
    groups.create("g", instance_arn)  # by ARN too
    with pytest.raises(InvalidRequestException) as excinfo:
        groups.create("g", instance_id)
    assert message(excinfo) == "A traffic distribution group named 'g' already exists"
    with pytest.raises(ResourceNotFoundException) as missing:
        groups.create("h", "nope")
    assert message(missing) == NO_INSTANCE
    # The same ClientToken and request: the first group, not a name clash.
    made = groups.create("t", instance_id, client_token="c")
    assert groups.create("t", instance_id, client_token="c") is made
    assert [g.name for g in groups.list().items] == ["g", "t"]
    assert [g.name for g in groups.list(instance=instance_id).items] == ["g", "t"]
    assert [g.name for g in groups.list(instance=instance_arn).items] == ["g", "t"]
    assert groups.list(instance="other").items == []
    # An ARN that reads right but is not the instance's (another partition) names nothing.
    elsewhere = instance_arn.replace("arn:aws:", "arn:aws-us-gov:")
    with pytest.raises(ResourceNotFoundException) as missing:
        groups.create("u", elsewhere)
    assert message(missing) == (
        f"Instance '{elsewhere}' was not found in account {ACCOUNT}, Region {REGION}"
    )


def test_a_group_list_page_holds_ten_groups_unless_max_results_says_otherwise() -> None:
    """The default page (AWS's is undocumented: docs/behaviour.md), and a NextToken bound to
    its query."""
    groups = TrafficDistributionGroups(context(), ACCOUNT, REGION)
    instance_id, _ = moto_instance()
    for n in range(11):
        groups.create(f"g{n}", instance_id)
    first = groups.list()
    assert [g.name for g in first.items] == [f"g{n}" for n in range(10)]
    assert [g.name for g in groups.list(next_token=first.next_token).items] == ["g10"]
    assert [g.name for g in groups.list(max_results=3).items] == ["g0", "g1", "g2"]
    with pytest.raises(InvalidParameterException) as excinfo:
        groups.list(instance=instance_id, next_token=first.next_token)  # another query's token
    assert message(excinfo) == invalid_token("ListTrafficDistributionGroups")


# --- the 200% claim/release rule -------------------------------------------------------------


def test_the_churn_count_is_the_releases_of_the_last_180_days() -> None:
    state = region_state(ACCOUNT, REGION)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    target = "arn:aws:connect:us-east-1:123456789012:instance/i"
    for day in (0, 10, 20):
        record_release(state, target, start + timedelta(days=day))
    # Quota 2: 4 releases are 200%; 3 are not. Quota 1: 2 are, and the block lifts when all
    # but one of the releases are 180 days old (the second, released on day 10).
    assert churn_failure(state, target, 2, start + timedelta(days=20)) is None
    failure = churn_failure(state, target, 1, start + timedelta(days=20))
    assert failure is not None
    assert "3 numbers claimed to this target were released in the last 180 days" in failure
    assert "Claim again from 2026-07-10 00:00:00 UTC," in failure  # day 10 + 180
    # PhoneNumberStatus.Message (PhoneNumberWorkflowMessage) holds at most 255 characters.
    assert len(failure) <= 255
    assert churn_failure(state, target, 1, start + timedelta(days=190)) is None
    # Quota 0 blocks by the quota itself, never by churn; other targets have their own count.
    assert churn_failure(state, target, 0, start) is None
    assert churn_failure(state, target + "x", 1, start + timedelta(days=20)) is None
    assert timedelta(days=180) == CHURN_WINDOW


def churn_cycles(ctx: Runtime, claims: PhoneNumbers, instance_id: str, numbers: list[str]) -> None:
    """Claim and release each of ``numbers`` (each claim CLAIMED), one minute apart."""
    for number in numbers:
        claim = claims.claim(number, instance_id=instance_id)
        assert claims.describe(claim.id).status == "CLAIMED"
        claims.release(claim.id)
        ctx.clock.advance(60)


def test_the_churn_rule_blocks_at_exactly_200_percent_of_the_quota() -> None:
    ctx = context(phone_number_quota=100)
    instance_id, instance_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    numbers = expected_numbers(SEED, 202)
    churn_cycles(ctx, claims, instance_id, numbers[:199])
    start = ctx.clock.now() - timedelta(minutes=199)
    # 199 releases: under 200% of 100. The 200th claim is CLAIMED, the 201st is FAILED.
    last = claims.claim(numbers[199], instance_id=instance_id)
    assert claims.describe(last.id).status == "CLAIMED"
    claims.release(last.id)
    blocked = claims.describe(claims.claim(numbers[200], instance_id=instance_id).id)
    assert (blocked.status, blocked.message) == (
        "FAILED",
        "Blocked by the 200% claim/release rule: 200 numbers claimed to this target were "
        "released in the last 180 days (quota 100). Claim again from "
        f"{start + CHURN_WINDOW:%Y-%m-%d %H:%M:%S} UTC, or turn the rule off "
        "(claim_release_limit=False).",
    )
    # Blocked by churn, not by the quota: the target holds no number.
    assert region_state(ACCOUNT, REGION).active_claims == {instance_arn: 0}


def test_the_churn_block_ends_when_the_oldest_counted_release_is_180_days_old() -> None:
    ctx = context(phone_number_quota=1)
    instance_id, _ = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    numbers = expected_numbers(SEED, 4)
    released_at = ctx.clock.now()
    churn_cycles(ctx, claims, instance_id, numbers[:2])  # 2 releases, a minute apart: 200%
    ctx.clock.advance(CHURN_WINDOW - timedelta(minutes=2, microseconds=1))
    failed = claims.claim(numbers[2], instance_id=instance_id)
    described = claims.describe(failed.id)
    assert described.status == "FAILED"
    assert described.message is not None
    assert f"Claim again from {released_at + CHURN_WINDOW:%Y-%m-%d %H:%M:%S} UTC" in (
        described.message
    )
    claims.release(failed.id)  # a failed claim's release is no churn
    # At exactly 180 days the first release has left the window: one release, 100%.
    ctx.clock.advance(timedelta(microseconds=1))
    assert ctx.clock.now() == released_at + CHURN_WINDOW
    claimed = claims.claim(numbers[3], instance_id=instance_id)
    assert claims.describe(claimed.id).status == "CLAIMED"


def test_the_churn_block_reads_the_releases_still_in_the_window() -> None:
    # Quota 2 (200%: 4 releases): five releases on days 0, 100, 110, 120 and 130. On day 185
    # the first has left the window, four remain: blocked until the day-100 one leaves.
    ctx = context(phone_number_quota=2)
    instance_id, _ = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    numbers = iter(expected_numbers(SEED, 8))
    start = ctx.clock.now()
    held = [claims.claim(next(numbers), instance_id=instance_id) for _ in range(2)]
    for day in (0, 100, 110, 120, 130):
        ctx.clock.advance(start + timedelta(days=day) - ctx.clock.now())
        claims.release(held.pop(0).id)
        if day < 120:
            held.append(claims.claim(next(numbers), instance_id=instance_id))
            assert claims.describe(held[-1].id).status == "CLAIMED"
    ctx.clock.advance(start + timedelta(days=185) - ctx.clock.now())
    blocked = claims.describe(claims.claim(next(numbers), instance_id=instance_id).id)
    assert blocked.message is not None
    assert blocked.message.startswith(
        "Blocked by the 200% claim/release rule: 4 numbers claimed to this target were released "
        "in the last 180 days (quota 2). Claim again from "
        f"{start + timedelta(days=280):%Y-%m-%d %H:%M:%S} UTC"
    )


def test_without_the_churn_rule_only_the_quota_refuses() -> None:
    ctx = context(phone_number_quota=1, claim_release_limit=False)
    instance_id, _ = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    numbers = expected_numbers(SEED, 6)
    churn_cycles(ctx, claims, instance_id, numbers[:4])
    kept = claims.claim(numbers[4], instance_id=instance_id)
    assert claims.describe(kept.id).status == "CLAIMED"
    over = claims.describe(claims.claim(numbers[5], instance_id=instance_id).id)
    assert (over.status, over.message) == ("FAILED", QUOTA_MESSAGE)


def test_a_retried_claim_takes_the_new_target_and_description_and_keeps_its_day() -> None:
    ctx = context(phone_number_quota=1)
    full_id, full_arn = moto_instance()
    other_id, other_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    first, second = expected_numbers(SEED, 2)
    claims.claim(first, instance_id=full_id)
    failed = claims.claim(second, instance_id=full_id, description="one")
    assert failed.hold_until == ctx.clock.now() + timedelta(days=1)
    # Retried within the day to the same full target: FAILED again, its day unchanged.
    ctx.clock.advance(timedelta(hours=12))
    again = claims.claim(second, instance_id=full_id, description="two")
    assert again is failed
    assert (again.description, again.hold_until) == ("two", failed.hold_until)
    assert claims.describe(again.id).status == "FAILED"
    # Retried to a target with room: CLAIMED there, listed there, and no longer held for a day.
    done = claims.claim(second, instance_id=other_id, description="three", tags={"k": "v"})
    assert done is failed
    described = claims.describe(done.id)
    assert (described.status, described.message, described.tags) == ("CLAIMED", None, {"k": "v"})
    assert (done.target_arn, done.description, done.hold_until) == (other_arn, "three", None)
    assert claims.list_v2(instance_id=other_id).items == [done]
    assert region_state(ACCOUNT, REGION).active_claims == {full_arn: 1, other_arn: 1}
    ctx.clock.advance(timedelta(days=2))
    assert claims.find(done.id) is done  # a claimed number is not let go
    # ... nor offered or claimable again once the failed claim's day would have ended.
    assert search(ctx, other_id, 1)[0] == expected_numbers(SEED, 3)[2:]
    rival_id, _ = moto_instance(account="111111111111")
    with pytest.raises(InvalidParameterException) as excinfo:
        PhoneNumbers(ctx, "111111111111", REGION).claim(second, instance_id=rival_id)
    assert message(excinfo) == f"Phone number not available: {second}"
    assert claims.describe(done.id).status == "CLAIMED"


def test_a_failed_claim_holds_its_number_until_exactly_one_day_later() -> None:
    ctx = context(phone_number_quota=1)
    instance_id, _ = moto_instance()
    rival_id, _ = moto_instance(account="111111111111")
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    rival = PhoneNumbers(ctx, "111111111111", REGION)
    first, second = expected_numbers(SEED, 2)
    claims.claim(first, instance_id=instance_id)
    failed = claims.claim(second, instance_id=instance_id)
    ctx.clock.advance(timedelta(days=1, microseconds=-1))
    with pytest.raises(InvalidParameterException) as excinfo:
        rival.claim(second, instance_id=rival_id)
    assert message(excinfo) == f"Phone number not available: {second}"
    assert claims.find(failed.id) is failed
    ctx.clock.advance(timedelta(microseconds=1))
    with pytest.raises(ResourceNotFoundException):
        claims.find(failed.id)
    taken = rival.claim(second, instance_id=rival_id)
    assert rival.describe(taken.id).status == "CLAIMED"
    # The owner's day is over: its retry is a new claim, and the number is taken.
    with pytest.raises(InvalidParameterException):
        claims.claim(second, instance_id=instance_id)


def test_an_update_to_the_same_full_target_is_no_move() -> None:
    ctx = context(phone_number_quota=1)
    instance_id, instance_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    claim = claims.claim(expected_numbers(SEED, 1)[0], instance_id=instance_id)
    assert claims.update(claim.id, target_arn=instance_arn) is claim
    assert claims.describe(claim.id).status == "CLAIMED"
    assert region_state(ACCOUNT, REGION).active_claims == {instance_arn: 1}


def test_an_update_to_a_full_target_fails_and_leaves_the_number() -> None:
    ctx = context(phone_number_quota=1)
    first_id, first_arn = moto_instance()
    second_id, second_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    one, two = expected_numbers(SEED, 2)
    moving = claims.claim(one, instance_id=first_id)
    claims.claim(two, instance_id=second_id)
    claims.update(moving.id, instance_id=second_id)
    described = claims.describe(moving.id)
    assert (described.status, described.message) == ("FAILED", QUOTA_MESSAGE)
    assert moving.target_arn == first_arn
    assert region_state(ACCOUNT, REGION).active_claims == {first_arn: 1, second_arn: 1}
    # A failed update leaves a claimed number: it may be updated again or released.
    assert claims.describe(moving.id).status == "FAILED"
    claims.release(moving.id)
    assert region_state(ACCOUNT, REGION).active_claims == {first_arn: 0, second_arn: 1}


def test_a_metadata_update_changes_only_a_given_description() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    claim = claims.claim(expected_numbers(SEED, 1)[0], instance_id=instance_id, description="a")
    claims.update_metadata(claim.id, description="b")
    assert (claim.description, claims.describe(claim.id).status) == ("b", "CLAIMED")
    claims.update_metadata(claim.arn)
    assert (claim.description, claims.describe(claim.id).status) == ("b", "CLAIMED")
    with manual_progress("connect::phonenumber", times=1):
        claims.update_metadata(claim.id, description="c")
        with pytest.raises(ResourceInUseException) as excinfo:
            claims.update_metadata(claim.id, description="d")
    assert message(excinfo) == f"Phone number '{claim.id}' is IN_PROGRESS; wait until it is CLAIMED"
    assert claim.description == "c"


def test_a_released_claim_frees_its_number_and_its_quota_and_counts_once() -> None:
    ctx = context(phone_number_quota=1)
    instance_id, instance_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    number = expected_numbers(SEED, 1)[0]
    claim = claims.claim(number, instance_id=instance_id, tags={"k": "v"})
    claims.release(claim.id, client_token="r")
    claims.release(claim.id, client_token="r")  # the same request again: nothing more happens
    state = region_state(ACCOUNT, REGION)
    assert state.active_claims == {instance_arn: 0}
    assert state.releases[instance_arn] == [ctx.clock.now()]
    with pytest.raises(ResourceNotFoundException):
        claims.release(claim.id)
    assert claims.list_v2().items == []


def test_each_operation_keeps_its_own_client_tokens() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    other_id, other_arn = moto_instance()
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    claim = claims.claim(expected_numbers(SEED, 1)[0], instance_id=instance_id, client_token="t")
    # The same token on each other operation is a first use; a different request under it is not.
    claims.update(claim.id, instance_id=other_id, client_token="t")
    assert claims.describe(claim.id).status == "CLAIMED"
    claims.update_metadata(claim.id, description="d", client_token="t")
    assert claims.describe(claim.id).status == "CLAIMED"
    refusals: dict[str, Callable[[], object]] = {
        "UpdatePhoneNumber": lambda: claims.update(
            claim.id, instance_id=instance_id, client_token="t"
        ),
        "UpdatePhoneNumberMetadata": lambda: claims.update_metadata(
            claim.id, description="e", client_token="t"
        ),
        "ReleasePhoneNumber": lambda: claims.release(claim.arn, client_token="t"),
    }
    claims.release(claim.id, client_token="t")
    for operation, call in refusals.items():
        with pytest.raises(IdempotencyException) as excinfo:
            call()
        assert message(excinfo) == (
            f"ClientToken 't' was already used with a different {operation} request"
        )
    assert (claim.target_arn, claim.description) == (other_arn, "d")


def test_a_group_numbers_changes_are_refused_in_the_groups_other_region() -> None:
    ctx = context()
    instance_id, _ = moto_instance()
    group = TrafficDistributionGroups(ctx, ACCOUNT, REGION).create("g", instance_id)
    claim = PhoneNumbers(ctx, ACCOUNT, REGION).claim(
        expected_numbers(SEED, 1)[0], target_arn=group.arn
    )
    pair = TDG_REGION_PAIRS[REGION]
    there = PhoneNumbers(ctx, ACCOUNT, pair)
    # Described from the other Region by ARN; changed only where it was claimed.
    assert there.describe(claim.arn).claim is claim
    changes: dict[str, Callable[[], object]] = {
        "UpdatePhoneNumber": lambda: there.update(claim.arn, target_arn=group.arn),
        "UpdatePhoneNumberMetadata": lambda: there.update_metadata(claim.arn, description="x"),
        "ReleasePhoneNumber": lambda: there.release(claim.arn),
    }
    for operation, call in changes.items():
        with pytest.raises(InvalidParameterException) as excinfo:
            call()
        assert message(excinfo) == (
            f"{operation} works only in the Region where the number was claimed: call "
            f"{operation} in {REGION}, where phone number '{claim.arn}' was claimed (this "
            f"request was sent to {pair})"
        )
    # By its UUID the other Region does not find it, and says where to call.
    with pytest.raises(ResourceNotFoundException) as not_found:
        there.update_metadata(claim.id, description="x")
    assert message(not_found) == (
        f"Phone number '{claim.id}' was not found in account {ACCOUNT}, Region {pair}. It was "
        f"claimed in {REGION}: call UpdatePhoneNumberMetadata in {REGION}"
    )
    assert (claim.description, claim.target_arn) == (None, group.arn)
    assert PhoneNumbers(ctx, ACCOUNT, REGION).find(claim.id) is claim


def test_a_failed_claim_whose_day_is_over_leaves_its_group_deletable() -> None:
    ctx = context(phone_number_quota=1)
    instance_id, _ = moto_instance()
    groups = TrafficDistributionGroups(ctx, ACCOUNT, REGION)
    group = groups.create("g", instance_id)
    claims = PhoneNumbers(ctx, ACCOUNT, REGION)
    first, second = expected_numbers(SEED, 2)
    held = claims.claim(first, target_arn=group.arn)
    failed = claims.claim(second, target_arn=group.arn)
    assert claims.describe(failed.id).status == "FAILED"
    claims.release(held.id)
    ctx.clock.advance(timedelta(days=1))
    # Someone else claims the number the failed claim held: that claim is gone for good.
    rival_id, _ = moto_instance(account="111111111111")
    PhoneNumbers(ctx, "111111111111", REGION).claim(second, instance_id=rival_id)
    assert failed.id not in region_state(ACCOUNT, REGION).phone_numbers
    groups.delete(group.id)
    with pytest.raises(ResourceNotFoundException):
        groups.find(group.id)


def test_a_phone_number_list_page_holds_a_hundred_unless_max_results_says_otherwise() -> None:
    """ListPhoneNumbersV2 and ListPhoneNumbers without MaxResults page by 100 (undocumented;
    the model's maximum for both)."""
    ctx = context(phone_number_quota=101, search_limit=101)
    instance_id, _ = moto_instance()
    numbers = PhoneNumbers(ctx, ACCOUNT, REGION)
    query = SearchQuery(country="US", number_type="DID", instance_id=instance_id)
    offered = search_available(ctx, ACCOUNT, REGION, query, 101, None).items
    claims = [numbers.claim(entry.number, instance_id=instance_id).id for entry in offered]
    for listing in (numbers.list_v2, numbers.list_legacy):
        first = listing(instance_id=instance_id)
        assert [c.id for c in first.items] == claims[:100]
        rest = listing(instance_id=instance_id, next_token=first.next_token)
        assert ([c.id for c in rest.items], rest.next_token) == ([claims[100]], None)
        assert len(listing(instance_id=instance_id, max_results=7).items) == 7
