"""Which Connect operations the mock answers, and the errors botocore's model declares for each."""

from __future__ import annotations

from functools import lru_cache

from ._moto import connect_model, moto_connect_operations
from .responses import SERVED_OPERATIONS


@lru_cache(maxsize=1)
def declared_errors() -> dict[str, dict[str, int]]:
    """Operation -> {error code: HTTP status} for every operation the mock answers
    (connect_mock's own and moto's Connect operations)."""
    model = connect_model()
    names = sorted(set(SERVED_OPERATIONS) | set(moto_connect_operations()))
    table: dict[str, dict[str, int]] = {}
    for name in names:
        operation = model.operation_model(name)
        table[name] = {
            shape.name: int(shape.metadata.get("error", {}).get("httpStatusCode", 400))
            for shape in operation.error_shapes
        }
    return table


def declaring(error: str) -> dict[str, int]:
    """Operation -> HTTP status, for every operation whose model declares ``error``."""
    return {op: errors[error] for op, errors in declared_errors().items() if error in errors}
