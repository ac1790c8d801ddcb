"""Which Connect operations the mock answers, the errors botocore's model declares for each
(their HTTP statuses come from the model too, by code: see core.errors.ConnectServiceError), and
the Regions that have Connect."""

from __future__ import annotations

from functools import lru_cache

import botocore.session

from .._moto import connect_model, moto_connect_operations, unknown_regions_allowed

__all__ = ["SERVED_OPERATIONS", "connect_regions", "declared_errors", "declaring", "has_connect"]

# The operations connect_mock serves itself. Everything else about one (method, URI, members,
# constraints, errors) is read from botocore's model. wire.operations builds the operation table
# (each one's handler, then its route) from this list when it is imported, and refuses a name
# without a handler or a handler of a name not listed: the wire layer is above this one, so the
# list lives here for what reads it below (declared errors, fault rules, the call log).
SERVED_OPERATIONS: tuple[str, ...] = (
    "SearchAvailablePhoneNumbers",
    "ClaimPhoneNumber",
    "DescribePhoneNumber",
    "ListPhoneNumbersV2",
    "ListPhoneNumbers",
    "UpdatePhoneNumber",
    "UpdatePhoneNumberMetadata",
    "ReleasePhoneNumber",
    "CreateTrafficDistributionGroup",
    "DescribeTrafficDistributionGroup",
    "ListTrafficDistributionGroups",
    "DeleteTrafficDistributionGroup",
    "CreateContactFlow",
    "DescribeContactFlow",
    "ListContactFlows",
    "UpdateContactFlowContent",
    "UpdateContactFlowName",
    "UpdateContactFlowMetadata",
    "DeleteContactFlow",
    "AssociatePhoneNumberContactFlow",
    "DisassociatePhoneNumberContactFlow",
    "ListFlowAssociations",
    "BatchGetFlowAssociation",
    "GetTrafficDistribution",
    "UpdateTrafficDistribution",
    "ImportPhoneNumber",
    "DescribeInstanceAttribute",
    "UpdateInstanceAttribute",
    "ListInstanceAttributes",
    # moto serves these too, storing tags for any ARN string; ours hold the tags of the
    # resources we own to the model (see backend.tagging) and keep moto's behaviour for others.
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
)


@lru_cache(maxsize=1)
def declared_errors() -> dict[str, frozenset[str]]:
    """Operation -> error codes, for every operation the mock answers (connect_mock's own and
    moto's Connect operations)."""
    model = connect_model()
    names = sorted(set(SERVED_OPERATIONS) | set(moto_connect_operations()))
    return {
        name: frozenset(shape.name for shape in model.operation_model(name).error_shapes)
        for name in names
    }


def declaring(error: str) -> frozenset[str]:
    """The operations whose model declares ``error``."""
    return frozenset(op for op, errors in declared_errors().items() if error in errors)


@lru_cache(maxsize=1)
def connect_regions() -> tuple[str, ...]:
    """The Regions botocore's endpoint data lists for Amazon Connect, in every partition: the
    Regions moto's Connect backends exist for (us-gov-west-1 included)."""
    session = botocore.session.get_session()
    return tuple(
        sorted(
            region
            for partition in session.get_available_partitions()
            for region in session.get_available_regions("connect", partition_name=partition)
        )
    )


def has_connect(region: str) -> bool:
    """Whether requests signed for ``region`` are served: a Region with Connect, or any Region
    when moto is told to serve Regions it does not know (``MOTO_ALLOW_NONEXISTENT_REGION``)."""
    return region in _connect_region_set() or unknown_regions_allowed()


@lru_cache(maxsize=1)
def _connect_region_set() -> frozenset[str]:
    return frozenset(connect_regions())  # asked on every request
