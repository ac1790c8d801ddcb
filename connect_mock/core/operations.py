"""Which Connect operations the mock answers, and the errors botocore's model declares for each
(their HTTP statuses come from the model too, by code: see core.errors.ConnectServiceError)."""

from __future__ import annotations

from functools import lru_cache

from .._moto import connect_model, moto_connect_operations

__all__ = ["SERVED_OPERATIONS", "declared_errors", "declaring"]

# The operations connect_mock serves itself. Everything else about one (method, URI, members,
# constraints, errors) is read from botocore's model.
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
