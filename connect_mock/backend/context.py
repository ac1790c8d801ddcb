"""What the backend needs from the active mock, passed in rather than looked up."""

from __future__ import annotations

from typing import Protocol

from ..config import MockConfig
from ..core.clock import Clock
from ..core.tokens import TokenCodec
from ..inventory.sources import SourceNumbers


class Context(Protocol):
    """The running mock's configuration, virtual clock and declared End User Messaging SMS
    numbers (``runtime.Runtime`` is one)."""

    @property
    def config(self) -> MockConfig:
        """The options it runs with: seed, fixture inventories, limits, quotas."""
        ...

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
