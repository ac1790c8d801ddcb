"""ClientToken idempotency: the same token with the same request gets the first answer again
(``state.idempotent`` makes an operation use it)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from ..core.errors import IdempotencyException

T = TypeVar("T")


def fingerprint(**request: Any) -> bytes:
    """A digest of a request without its ClientToken (SDKs send a token with every call, so we
    keep 16 bytes per token rather than the request)."""
    body = json.dumps(request, sort_keys=True, default=str)
    return hashlib.blake2b(body.encode(), digest_size=16).digest()


class ClientTokens:
    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], tuple[bytes, Any]] = {}

    def run(self, operation: str, token: str | None, request: bytes, action: Callable[[], T]) -> T:
        """``action()``'s result, or the result of the earlier ``operation`` with ``token``.

        The same token with a different request is an IdempotencyException."""
        if token is None:
            return action()
        earlier = self._seen.get((operation, token))
        if earlier is not None:
            if earlier[0] != request:
                raise IdempotencyException(
                    f"ClientToken '{token}' was already used with a different {operation} request"
                )
            result: T = earlier[1]
            return result
        result = action()
        self._seen[(operation, token)] = (request, result)
        return result
