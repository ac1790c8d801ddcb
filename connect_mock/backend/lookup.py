"""Which claim a PhoneNumberId names, seen from one account and Region: by UUID in the Region it
was claimed in, by ARN there and, for numbers claimed to a traffic distribution group, in the
other Region of the group's pair too; and the failed claims that hold a number for a day."""

from __future__ import annotations

from datetime import datetime

from .._moto import drop_tags
from ..core.errors import InvalidParameterException, ResourceNotFoundException
from .arns import TDG_REGION_PAIRS, parse_arn
from .models import ClaimedNumber
from .state import NumberPool, region_state

__all__ = ["drop_expired", "failed_claim_of", "find_claim", "is_group"]

# The operations that take a number claimed to a traffic distribution group from the group's
# other Region too, by its full ARN (their documentation says so); the others change a claim
# only where it was made.
EITHER_REGION = frozenset(
    {
        "DescribePhoneNumber",
        "AssociatePhoneNumberContactFlow",
        "DisassociatePhoneNumberContactFlow",
    }
)


def is_group(target_arn: str) -> bool:
    """Whether ``target_arn`` is a traffic distribution group's."""
    arn = parse_arn(target_arn)
    return arn is not None and arn.kind == "traffic-distribution-group"


def find_claim(
    account_id: str, region: str, reference: str, operation: str, now: datetime
) -> ClaimedNumber:
    """The claim ``reference`` (UUID or ARN) names for ``operation`` called in ``region``;
    ResourceNotFoundException, or InvalidParameterException for a change asked in the wrong
    Region."""
    claim = None
    arn = parse_arn(reference)
    if arn is None:
        claim = region_state(account_id, region).phone_numbers.get(reference)
    elif arn.kind == "phone-number" and arn.account == account_id:
        claim = _by_arn(account_id, region, arn.region, arn.id)
        claim = claim if claim is not None and claim.arn == reference else None
    if claim is not None and claim.expired(now):
        claim = None  # a failed claim's day is over: the number went back
    if claim is None:
        hint = (
            ""
            if arn is not None
            else _alternate_hint(account_id, region, reference, operation, now)
        )
        raise ResourceNotFoundException(
            f"Phone number '{reference}' was not found in account {account_id}, "
            f"Region {region}{hint}"
        )
    if claim.region != region and operation not in EITHER_REGION:
        # "You can call this API only in the Amazon Web Services Region where the number was
        # claimed." (ReleasePhoneNumber; the mock holds both updates to the same rule)
        raise InvalidParameterException(
            f"{operation} works only in the Region where the number was claimed: call "
            f"{operation} in {claim.region}, where phone number '{reference}' was claimed "
            f"(this request was sent to {region})"
        )
    return claim


def _by_arn(account_id: str, region: str, arn_region: str, claim_id: str) -> ClaimedNumber | None:
    # "If the number is claimed to a traffic distribution group, and you are calling in the
    # Amazon Web Services Region where the traffic distribution group was created, you can use
    # either a phone number ARN or UUID value [...] if [...] you are calling this API in the
    # alternate Amazon Web Services Region associated with the traffic distribution group, you
    # must provide a full phone number ARN." (DescribePhoneNumber)
    if arn_region == region:
        return region_state(account_id, region).phone_numbers.get(claim_id)
    if arn_region == TDG_REGION_PAIRS.get(region):
        claim = region_state(account_id, arn_region).phone_numbers.get(claim_id)
        return claim if claim is not None and is_group(claim.target_arn) else None
    return None


def _alternate_hint(
    account_id: str, region: str, claim_id: str, operation: str, now: datetime
) -> str:
    """What to do about the UUID of a number claimed to a group in the other Region ("If a
    UUID is provided in this scenario, you receive a ResourceNotFoundException.")."""
    paired = TDG_REGION_PAIRS.get(region)
    if paired is None:
        return ""
    claim = region_state(account_id, paired).phone_numbers.get(claim_id)
    if claim is None or claim.expired(now) or not is_group(claim.target_arn):
        return ""
    if operation in EITHER_REGION:
        return (
            f". It is claimed to traffic distribution group '{claim.target_arn}' in {paired}; "
            f"in {region}, the group's alternate Region, pass the full phone number ARN: "
            f"{claim.arn}"
        )
    return f". It was claimed in {paired}: call {operation} in {paired}"


def failed_claim_of(
    pool: NumberPool, account_id: str, region: str, number: str, source_arn: str | None = None
) -> ClaimedNumber | None:
    """This account and Region's FAILED claim holding ``number`` within its day (with
    ``source_arn``: its FAILED import of that End User Messaging SMS number)."""
    holder = pool.holders.get(number)
    if holder is None or holder[:2] != (account_id, region):
        return None
    claim = region_state(account_id, region).phone_numbers.get(holder[2])
    if claim is None or claim.claimed or claim.progress.status != "FAILED":
        return None
    if claim.source_arn != source_arn:
        return None
    return claim


def drop_expired(pool: NumberPool, number: str, now: datetime) -> None:
    """Forget the failed claim whose day is over that still holds ``number`` in the pool."""
    holder = pool.holders.get(number)
    end = pool.hold_ends.get(number)
    if holder is None or end is None or now < end:
        return
    account, region, claim_id = holder
    state = region_state(account, region)
    claim = state.phone_numbers.get(claim_id)
    if claim is not None:
        state.remove_claim(claim)
        drop_tags(account, region, claim.arn)
    pool.free(number, None)
