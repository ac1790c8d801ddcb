"""Which Connect operations the mock answers, and the errors botocore's model declares for each
(their HTTP statuses come from the model too, by code: see exceptions.ConnectServiceError)."""

from __future__ import annotations

from functools import lru_cache

from ._moto import connect_model, moto_connect_operations
from .responses import SERVED_OPERATIONS


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
