"""The 200% rule of ClaimPhoneNumber and ReleasePhoneNumber: too much claim/release churn blocks
further claims.

"By default you can claim and release up to 200% of your maximum number of active phone
numbers. If you claim and release phone numbers using the UI or API during a rolling 180 day
cycle that exceeds 200% of your phone number service level quota, you will be blocked from
claiming any more numbers until 180 days past the oldest number released has expired."
(ClaimPhoneNumber and ReleasePhoneNumber, botocore's Connect model)

Counted as releases per target (the quota is per instance or group), on the mock's clock: the
worked example (quota 99: release 99, claim 99, release 99) blocks at 198 releases, 200%.
"""

from __future__ import annotations

import bisect
from datetime import datetime, timedelta

from .state import RegionState

__all__ = ["CHURN_WINDOW", "churn_failure", "record_release"]

CHURN_WINDOW = timedelta(days=180)  # "a rolling 180 day cycle"
CHURN_PERCENT = 200


def record_release(state: RegionState, target_arn: str, now: datetime) -> None:
    """A number claimed to ``target_arn`` was released at ``now``."""
    releases = state.releases[target_arn]  # sorted: bisect, not a scan, per claim and release
    bisect.insort(releases, now)
    # Only the window counts; older releases are forgotten.
    del releases[: bisect.bisect_right(releases, now - CHURN_WINDOW)]


def churn_failure(state: RegionState, target_arn: str, quota: int, now: datetime) -> str | None:
    """The FAILED message of a claim to ``target_arn`` the rule blocks, or None."""
    releases = state.releases.get(target_arn, [])
    first = bisect.bisect_right(releases, now - CHURN_WINDOW)  # the first in the window
    count = len(releases) - first
    limit = quota * CHURN_PERCENT // 100
    if limit == 0 or count < limit:  # quota 0: the quota itself refuses every claim
        return None
    # Unblocked once enough of the oldest releases have left the window.
    until = releases[first + count - limit] + CHURN_WINDOW
    # PhoneNumberStatus.Message holds at most 255 characters (PhoneNumberWorkflowMessage): the
    # target is the number's TargetArn, so the message need not repeat it.
    return (
        f"Blocked by the 200% claim/release rule: {count} numbers claimed to this target were "
        f"released in the last 180 days (quota {quota}). Claim again from "
        f"{until:%Y-%m-%d %H:%M:%S} UTC, or turn the rule off (claim_release_limit=False)."
    )
