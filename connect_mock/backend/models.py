"""The backend's records: claimed phone numbers and traffic distribution groups, with their
statuses progressing through moto's state manager."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from .._moto import Progress, register_state_transition
from .arns import instance_id_of
from .paging import next_sequence

__all__ = [
    "LEGACY_TYPES",
    "QUOTA_MESSAGE",
    "RELEASE_COOLDOWN",
    "ClaimedNumber",
    "TrafficDistributionGroup",
]

RELEASE_COOLDOWN = timedelta(days=180)  # "up to 180 days" in the current API reference
QUOTA_MESSAGE = "The allowed limit for claimed phone numbers has been exceeded for your instance"
# The legacy ListPhoneNumbers reports the newer types as the two it always knew.
LEGACY_TYPES = {
    "UIFN": "TOLL_FREE",
    "THIRD_PARTY_TF": "TOLL_FREE",
    "SHARED": "DID",
    "THIRD_PARTY_DID": "DID",
    "SHORT_CODE": "DID",
}
PHONE_NUMBER_MODEL = "connect::phonenumber"
register_state_transition(PHONE_NUMBER_MODEL)


TDG_MODEL = "connect::trafficdistributiongroup"
register_state_transition(TDG_MODEL)


@dataclass(eq=False)
class ClaimedNumber:
    """A claim: IN_PROGRESS, then CLAIMED (or FAILED over the target's quota), through moto's
    state manager (model ``connect::phonenumber``: immediate unless a test sets otherwise)."""

    account_id: str
    region: str
    number: str
    country: str
    number_type: str
    target_arn: str  # changed only through RegionState.retarget: the list index follows it
    description: str | None
    fails: bool
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    # Creation order: what list pages and their NextTokens are positions in.
    seq: int = field(default_factory=next_sequence, repr=False)
    progress: Progress = field(init=False, repr=False)

    def __post_init__(self) -> None:
        final = "FAILED" if self.fails else "CLAIMED"
        self.progress = Progress(PHONE_NUMBER_MODEL, [("IN_PROGRESS", final)])

    @property
    def arn(self) -> str:
        return f"arn:aws:connect:{self.region}:{self.account_id}:phone-number/{self.id}"

    @property
    def instance_id(self) -> str | None:
        return instance_id_of(self.target_arn)

    @property
    def legacy_type(self) -> str:
        return LEGACY_TYPES.get(self.number_type, self.number_type)


@dataclass(eq=False)
class TrafficDistributionGroup:
    account_id: str
    region: str
    name: str
    description: str | None
    instance_arn: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    # Creation order: what list pages and their NextTokens are positions in.
    seq: int = field(default_factory=next_sequence, repr=False)
    progress: Progress = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.progress = Progress(TDG_MODEL, [("CREATION_IN_PROGRESS", "ACTIVE")])

    @property
    def instance_id(self) -> str:
        return self.instance_arn.rsplit("/", 1)[-1]

    @property
    def arn(self) -> str:
        return (
            f"arn:aws:connect:{self.region}:{self.account_id}:traffic-distribution-group/{self.id}"
        )
