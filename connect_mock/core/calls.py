"""Call recording: every Connect request the mock answered, in order (``cm.calls``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, overload

__all__ = ["Call", "CallLog"]

_ANY: Any = object()


@dataclass(frozen=True)
class Call:
    """One answered request. SDK retries are separate calls."""

    operation: str
    account: str
    region: str
    params: dict[str, Any]
    status: int
    error: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class CallLog(Sequence[Call]):
    """A read-only view of the calls made since the mock started (moto's reset empties it)."""

    def __init__(self, source: Callable[[], list[Call]]) -> None:
        self._source = source
        self._list: list[Call] | None = None
        self._start = 0

    def _mark(self) -> None:
        """Start the view here: earlier calls (of an enclosing mock) are not this mock's."""
        self._list = self._source()
        self._start = len(self._list)

    def _calls(self) -> list[Call]:
        current = self._source()
        if current is not self._list:  # moto reset since: everything now is ours
            return list(current)
        return current[self._start :]

    @overload
    def __getitem__(self, index: int) -> Call: ...
    @overload
    def __getitem__(self, index: slice) -> list[Call]: ...
    def __getitem__(self, index: int | slice) -> Call | list[Call]:
        return self._calls()[index]

    def __len__(self) -> int:
        return len(self._calls())

    def __iter__(self) -> Iterator[Call]:
        return iter(self._calls())

    def __repr__(self) -> str:
        return f"<CallLog {self._calls()!r}>"

    def filter(
        self,
        operation: str | None = None,
        *,
        error: str | None = _ANY,
        status: int | None = None,
        region: str | None = None,
        account: str | None = None,
    ) -> list[Call]:
        """Calls matching every criterion given (``error=None`` selects the successful ones)."""
        return [
            call
            for call in self._calls()
            if (operation is None or call.operation == operation)
            and (error is _ANY or call.error == error)
            and (status is None or call.status == status)
            and (region is None or call.region == region)
            and (account is None or call.account == account)
        ]

    @property
    def operations(self) -> list[str]:
        """The operation of each call, in order."""
        return [call.operation for call in self._calls()]

    @property
    def errors(self) -> list[str | None]:
        """The error code of each call (None for a success), in order."""
        return [call.error for call in self._calls()]
