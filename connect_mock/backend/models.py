"""The backend's records: claimed phone numbers and traffic distribution groups, with their
statuses progressing through moto's state manager."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .._moto import Progress, register_state_transition
from ..core.errors import ResourceInUseException
from .arns import TDG_REGION_PAIRS, instance_id_of
from .paging import next_sequence

__all__ = [
    "FAILED_CLAIM_HOLD",
    "LEGACY_TYPES",
    "QUOTA_MESSAGE",
    "RELEASE_COOLDOWN",
    "ClaimedNumber",
    "TrafficDistributionGroup",
]

RELEASE_COOLDOWN = timedelta(days=180)  # "up to 180 days" in the current API reference
# "If you received a FAILED status from a ClaimPhoneNumber API call, you have one day to retry
# claiming the phone number before the number is released back to the inventory for other
# customers to claim." (PhoneNumberStatus, botocore's Connect model)
FAILED_CLAIM_HOLD = timedelta(days=1)
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
    """A claimed number and the status of the last claim or update of it: IN_PROGRESS, then
    CLAIMED, or FAILED with ``failure`` as its message, through moto's state manager (model
    ``connect::phonenumber``: immediate unless a test sets otherwise).

    The outcome is decided when the request is made, so that the quota counts stay exact:
    ``claimed`` says whether the number counts toward ``target_arn``'s quota. A claim that
    fails holds the number for a day (``hold_until``) and is claimed to nothing; an update that
    fails leaves the number claimed to its old target."""

    account_id: str
    region: str
    number: str
    country: str
    number_type: str
    target_arn: str  # changed only through RegionState.retarget: the list index follows it
    description: str | None
    failure: str | None
    claimed: bool = True
    hold_until: datetime | None = None
    # The AWS End User Messaging SMS number an ImportPhoneNumber brought in (None: claimed).
    source_arn: str | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    # Creation order: what list pages and their NextTokens are positions in.
    seq: int = field(default_factory=next_sequence, repr=False)
    progress: Progress = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.begin(self.failure)

    def begin(self, failure: str | None) -> None:
        """A new claim or update of this number: IN_PROGRESS, then FAILED or CLAIMED."""
        self.failure = failure
        final = "FAILED" if failure is not None else "CLAIMED"
        self.progress = Progress(PHONE_NUMBER_MODEL, [("IN_PROGRESS", final)])

    def require_settled(self) -> None:
        """Refuse a change while a claim or update is IN_PROGRESS, or after a claim FAILED."""
        status = self.progress.status
        if status == "IN_PROGRESS":
            raise ResourceInUseException(
                f"Phone number '{self.id}' is IN_PROGRESS; wait until it is CLAIMED"
            )
        if not self.claimed:
            until = self.hold_until.isoformat() if self.hold_until else "its day is over"
            raise ResourceInUseException(
                f"Phone number '{self.id}' is FAILED: its claim failed ({self.failure}). "
                f"Call ClaimPhoneNumber for {self.number} again before {until} to retry the "
                "claim, or release it"
            )

    def expired(self, now: datetime) -> bool:
        """A failed claim whose day is over: its number is back in the inventory."""
        return self.hold_until is not None and now >= self.hold_until

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
    """A group and its traffic distribution (Get/UpdateTrafficDistribution): percentages per
    Region, its home Region first, then the paired one. A new group sends all telephony traffic
    and all agents to its home Region (AWS does not document a new group's distribution)."""

    account_id: str
    region: str
    name: str
    description: str | None
    instance_arn: str
    instance_id: str  # the instance's, as found by it when the group was created
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    # Creation order: what list pages and their NextTokens are positions in.
    seq: int = field(default_factory=next_sequence, repr=False)
    progress: Progress = field(init=False, repr=False)
    telephony: dict[str, int] = field(init=False, repr=False)
    agents: dict[str, int] = field(init=False, repr=False)
    # When an UpdateTrafficDistribution last changed the distribution.
    last_failover: datetime | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.progress = Progress(TDG_MODEL, [("CREATION_IN_PROGRESS", "ACTIVE")])
        home, replica = self.regions
        self.telephony = {home: 100, replica: 0}
        self.agents = {home: 100, replica: 0}

    @property
    def regions(self) -> tuple[str, str]:
        """The Regions of the group's linked instances: where it was created, and its pair."""
        return self.region, TDG_REGION_PAIRS[self.region]

    @property
    def arn(self) -> str:
        return (
            f"arn:aws:connect:{self.region}:{self.account_id}:traffic-distribution-group/{self.id}"
        )
