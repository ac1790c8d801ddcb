"""The typed domain: phone numbers and their claims, traffic distribution groups, the number pool
shared by every account, targets and ARNs, idempotency and paging; instance attributes, what
goes with a deleted instance, and tags.

Functions and methods take typed arguments and return domain objects; the active mock's
configuration comes in as a ``Context``. Nothing here knows HTTP (see ``wire``)."""

from .arns import TDG_REGION_PAIRS
from .associations import FlowAssociations
from .context import Context
from .distribution import Distribution, DistributionView, SignInDistribution, TrafficDistribution
from .flows import ContactFlows, FlowView
from .flowstate import Association, ContactFlow, content_sha256
from .groups import TrafficDistributionGroups
from .instances import InstanceAttributes, instance_deletion
from .models import ClaimedNumber, TrafficDistributionGroup
from .numbers import DescribedNumber, PhoneNumbers
from .paging import Page
from .search import AvailableNumber, SearchQuery, search_available
from .state import recorded_calls, region_state, shared_state
from .tagging import Tagging

__all__ = [
    "TDG_REGION_PAIRS",
    "Association",
    "AvailableNumber",
    "ClaimedNumber",
    "ContactFlow",
    "ContactFlows",
    "Context",
    "DescribedNumber",
    "Distribution",
    "DistributionView",
    "FlowAssociations",
    "FlowView",
    "InstanceAttributes",
    "Page",
    "PhoneNumbers",
    "SearchQuery",
    "SignInDistribution",
    "Tagging",
    "TrafficDistribution",
    "TrafficDistributionGroup",
    "TrafficDistributionGroups",
    "content_sha256",
    "instance_deletion",
    "recorded_calls",
    "region_state",
    "search_available",
    "shared_state",
]
