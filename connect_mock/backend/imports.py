"""ImportPhoneNumber: a number of AWS End User Messaging SMS into an instance; here, which
declared numbers can be imported (``PhoneNumbers.import_number`` does the import).

"You can call this API only in the same Amazon Web Services Region where the ... instance was
created. Call the DescribePhoneNumber API to verify the status of a previous ImportPhoneNumber
operation." and "By default you can claim or import and then release up to 200% of your maximum
number of active phone numbers" (ImportPhoneNumber, botocore's Connect model). So an import is a
claim whose number comes from a declared source number (``cm.source_numbers``): IN_PROGRESS, then
CLAIMED, or FAILED over the quota or the 200% rule, through the same steps as ClaimPhoneNumber.
"""

from __future__ import annotations

from datetime import datetime

from ..core.errors import (
    AccessDeniedException,
    InvalidParameterException,
    ResourceNotFoundException,
)
from ..inventory.sources import SourceNumber
from .context import Context
from .state import RegionState, shared_state

__all__ = ["importable_source", "require_free"]


def importable_source(context: Context, account_id: str, region: str, arn: str) -> SourceNumber:
    """The declared End User Messaging SMS number ``arn`` names, importable here."""
    source = context.source_numbers.get(arn)
    if source is None:
        raise ResourceNotFoundException(
            f"SourcePhoneNumberArn '{arn}' names no AWS End User Messaging SMS phone number "
            "(declare it with cm.source_numbers.add(...), the source_numbers option or POST "
            "/moto-api/connect-mock/source-numbers)"
        )
    if source.account_id != account_id:
        raise AccessDeniedException(
            f"Account {account_id} is not authorized to import '{arn}', which belongs "
            f"to account {source.account_id}"
        )
    if source.region != region:
        raise InvalidParameterException(
            f"SourcePhoneNumberArn '{arn}' is in Region {source.region}: import it into an "
            f"instance in {source.region} (this request was sent to {region})"
        )
    if source.connect_type is None:
        raise InvalidParameterException(
            f"'{arn}' is a {source.number_type} number: only short codes, 10DLC, long codes "
            "and toll-free numbers can be imported"
        )
    return source


def require_free(state: RegionState, source: SourceNumber, now: datetime) -> None:
    """Refuse a number that Connect already has: imported (by anyone) or claimed."""
    pool = shared_state().pool
    holder = pool.holders.get(source.phone_number)
    if holder is not None and holder[:2] == (state.account_id, state.region):
        claim = state.phone_numbers.get(holder[2])
        if claim is not None:
            raise InvalidParameterException(
                f"'{source.arn}' ({source.phone_number}) is already in Amazon Connect as "
                f"phone number {claim.arn}; release it before importing it again"
            )
    if pool.unavailable(source.phone_number, now):
        raise InvalidParameterException(
            f"Phone number not available: {source.phone_number} ('{source.arn}') is already "
            "in Amazon Connect"
        )
