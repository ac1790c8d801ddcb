"""ImportPhoneNumber: a number of AWS End User Messaging SMS into an instance (a mixin of
numbers.PhoneNumbers).

"You can call this API only in the same Amazon Web Services Region where the ... instance was
created. Call the DescribePhoneNumber API to verify the status of a previous ImportPhoneNumber
operation." and "By default you can claim or import and then release up to 200% of your maximum
number of active phone numbers" (ImportPhoneNumber, botocore's Connect model). So an import is a
claim whose number comes from a declared source number (``cm.source_numbers``): IN_PROGRESS, then
CLAIMED, or FAILED over the quota or the 200% rule, through the same steps as ClaimPhoneNumber.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ..core.errors import (
    AccessDeniedException,
    InvalidParameterException,
    ResourceNotFoundException,
)
from ..inventory.sources import CONNECT_TYPES, SourceNumber
from .context import Context
from .idempotency import fingerprint
from .lookup import drop_expired, failed_claim_of
from .models import FAILED_CLAIM_HOLD, ClaimedNumber
from .state import RegionState, lifecycle_lock, shared_state
from .targets import resolve

__all__ = ["NumberImports"]


class NumberImports:
    """The import operation of ``PhoneNumbers`` (one account's claims in one Region)."""

    context: Context
    account_id: str
    region: str
    state: RegionState

    # From PhoneNumbers: the steps an import shares with ClaimPhoneNumber.
    _claim_failure: Callable[[str, datetime], str | None]
    _retry: Callable[[ClaimedNumber, str, str | None, datetime], None]
    _settle: Callable[[ClaimedNumber, dict[str, str] | None], ClaimedNumber]

    def import_number(
        self,
        instance_id: str,
        source_arn: str,
        *,
        description: str | None = None,
        tags: dict[str, str] | None = None,
        client_token: str | None = None,
    ) -> ClaimedNumber:
        request = fingerprint(instance=instance_id, source=source_arn, desc=description, tags=tags)
        with lifecycle_lock:
            return self.state.client_tokens.run(
                "ImportPhoneNumber",
                client_token,
                request,
                lambda: self._import(instance_id, source_arn, description, tags),
            )

    def _import(
        self,
        instance_id: str,
        source_arn: str,
        description: str | None,
        tags: dict[str, str] | None,
    ) -> ClaimedNumber:
        if instance_id.startswith("arn:"):
            # resolve() would point at TargetArn, which ImportPhoneNumber does not have.
            raise InvalidParameterException(
                f"InstanceId '{instance_id}' is an ARN: ImportPhoneNumber takes the instance's ID "
                "(the last part of its ARN)"
            )
        target = resolve(self.account_id, self.region, instance_id, None)
        source = self._source(source_arn)
        pool = shared_state().pool
        now = self.context.clock.now()
        drop_expired(pool, source.phone_number, now)
        claim = failed_claim_of(pool, self.account_id, self.region, source.phone_number, source.arn)
        if claim is not None:
            self._retry(claim, target, description, now)
            return self._settle(claim, tags)
        self._require_free(source, now)
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

    def _source(self, arn: str) -> SourceNumber:
        """The declared End User Messaging SMS number ``arn`` names, importable here."""
        source = self.context.source_numbers.get(arn)
        if source is None:
            raise ResourceNotFoundException(
                f"SourcePhoneNumberArn '{arn}' names no AWS End User Messaging SMS phone number "
                "(declare it with cm.source_numbers.add(...), the source_numbers option or POST "
                "/moto-api/connect-mock/source-numbers)"
            )
        if source.account_id != self.account_id:
            raise AccessDeniedException(
                f"Account {self.account_id} is not authorized to import '{arn}', which belongs "
                f"to account {source.account_id}"
            )
        if source.region != self.region:
            raise InvalidParameterException(
                f"SourcePhoneNumberArn '{arn}' is in Region {source.region}: import it into an "
                f"instance in {source.region} (this request was sent to {self.region})"
            )
        if source.connect_type is None:
            raise InvalidParameterException(
                f"'{arn}' is a {source.number_type} number: only short codes, 10DLC, long codes "
                "and toll-free numbers can be imported"
            )
        return source

    def _require_free(self, source: SourceNumber, now: datetime) -> None:
        """Refuse a number that Connect already has: imported (by anyone) or claimed."""
        pool = shared_state().pool
        holder = pool.holders.get(source.phone_number)
        if holder is not None and holder[:2] == (self.account_id, self.region):
            claim = self.state.phone_numbers.get(holder[2])
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
