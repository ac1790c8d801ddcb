"""The typed domain: phone numbers and their claims, traffic distribution groups, the number pool
shared by every account, targets and ARNs, idempotency and paging.

Functions and methods take typed arguments and return domain objects; the active mock's
configuration comes in as a ``Context``. Nothing here knows HTTP (see ``wire``)."""

from .arns import TDG_REGION_PAIRS
from .context import Context
from .distribution import Distribution, DistributionView, SignInDistribution, TrafficDistribution
from .groups import TrafficDistributionGroups
from .models import ClaimedNumber, TrafficDistributionGroup
from .numbers import DescribedNumber, PhoneNumbers
from .paging import Page
from .search import AvailableNumber, SearchQuery, search_available
from .state import recorded_calls, region_state, shared_state

__all__ = [
    "TDG_REGION_PAIRS",
    "AvailableNumber",
    "ClaimedNumber",
    "Context",
    "DescribedNumber",
    "Distribution",
    "DistributionView",
    "Page",
    "PhoneNumbers",
    "SearchQuery",
    "SignInDistribution",
    "TrafficDistribution",
    "TrafficDistributionGroup",
    "TrafficDistributionGroups",
    "recorded_calls",
    "region_state",
    "search_available",
    "shared_state",
]
