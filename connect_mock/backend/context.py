"""What the backend needs from the active mock, passed in rather than looked up."""

from __future__ import annotations

from typing import Protocol

from ..core.clock import Clock
from ..core.tokens import TokenCodec
from ..inventory.fixtures import Inventories
from ..inventory.sources import SourceNumbers


class Context(Protocol):
    """The running mock's configuration, virtual clock and declared End User Messaging SMS
    numbers (``runtime.Runtime`` is one)."""

    @property
    def seed(self) -> int: ...
    @property
    def inventories(self) -> Inventories: ...
    @property
    def search_limit(self) -> int: ...
    @property
    def phone_number_quota(self) -> int: ...
    @property
    def claim_release_limit(self) -> bool: ...
    @property
    def tokens(self) -> TokenCodec: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def injected_failure(self) -> str | None:
        """The FAILED message an outcome fault rule set for this call of an asynchronous
        operation, else None."""
        ...

    @property
    def source_numbers(self) -> SourceNumbers: ...
