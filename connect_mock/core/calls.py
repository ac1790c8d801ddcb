"""Call recording: the Connect requests the mock answered, in order (``cm.calls``), the newest
``call_log_limit`` of them kept so that a long-running server does not grow without bound."""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, overload

from .names import did_you_mean

__all__ = ["UNKNOWN_OPERATION", "Call", "CallJournal", "CallLog"]

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


class CallJournal:
    """Every call recorded since moto's last reset, oldest dropped first beyond the limit."""

    def __init__(self) -> None:
        self._calls: deque[Call] = deque()
        self._lock = threading.Lock()
        self.total = 0  # calls ever recorded: positions for the views (CallLog) to start at
        self._cleared_at = 0

    def record(self, call: Call, limit: int) -> None:
        """Keep ``call``, and at most ``limit`` calls in all."""
        with self._lock:
            self._calls.append(call)
            self.total += 1
            self._trim(limit)

    def trim(self, limit: int) -> None:
        """Keep at most ``limit`` calls (the newest)."""
        with self._lock:
            self._trim(limit)

    def _trim(self, limit: int) -> None:
        while len(self._calls) > limit:
            self._calls.popleft()

    def clear(self) -> None:
        """Forget every call (``DELETE /moto-api/connect-mock/calls``)."""
        with self._lock:
            self._calls.clear()
            self._cleared_at = self.total

    def since(self, position: int) -> tuple[list[Call], int]:
        """The calls recorded after ``position`` that are kept, and how many of them were
        dropped to keep the limit."""
        with self._lock:
            recorded = self.total - max(position, self._cleared_at)
            kept = min(recorded, len(self._calls))
            calls = list(self._calls)[len(self._calls) - kept :] if kept else []
        return calls, recorded - kept


class CallLog(Sequence[Call]):
    """A read-only view of the calls made since the mock started (moto's reset empties it)."""

    def __init__(self, source: Callable[[], CallJournal]) -> None:
        self._source = source
        self._journal: CallJournal | None = None
        self._start = 0

    def _view(self) -> tuple[list[Call], int]:
        journal = self._source()
        if journal is not self._journal:  # moto reset since: everything now is ours
            return journal.since(0)
        return journal.since(self._start)

    def _calls(self) -> list[Call]:
        return self._view()[0]

    @property
    def dropped(self) -> int:
        """How many of this mock's calls were dropped, oldest first, to keep the log within
        ``call_log_limit``."""
        return self._view()[1]

    def clear(self) -> None:
        """Start this view afresh: the calls so far are no longer listed (a mock starting
        calls it too: earlier calls, of an enclosing mock, are not its own)."""
        self._journal = self._source()
        self._start = self._journal.total

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
        """Calls matching every criterion given (``error=None`` selects the successful ones).

        An operation or error code no call could have (not in Connect's model, and in no call
        recorded) is a ValueError naming the close matches: a misspelt name would otherwise
        select nothing, and ``assert cm.calls.filter(...) == []`` would pass untested."""
        calls = self._calls()
        if operation is not None:
            _check_name("operation", operation, calls, _known_operations())
        if error is not _ANY and error is not None:
            _check_name("error", error, calls, _known_errors())
        return [
            call
            for call in calls
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


# What intercept records for a request no Connect operation routes to, and for an error answer
# without an error code.
UNKNOWN_OPERATION = "Unknown"
_HTTP_STATUS_CODE = re.compile(r"HTTP[1-5][0-9][0-9]")


@lru_cache(maxsize=1)
def _known_operations() -> tuple[str, ...]:
    from .._moto import connect_model

    return (*connect_model().operation_names, UNKNOWN_OPERATION)


@lru_cache(maxsize=1)
def _known_errors() -> tuple[str, ...]:
    from .._moto import connect_model

    model = connect_model()
    return tuple(
        sorted(
            {
                shape.name
                for name in model.operation_names
                for shape in model.operation_model(name).error_shapes
            }
        )
    )


def _check_name(kind: str, name: object, calls: list[Call], known: tuple[str, ...]) -> None:
    if not isinstance(name, str):
        raise TypeError(f"{kind} must be a string, not {type(name).__name__}")
    recorded = {call.operation if kind == "operation" else call.error for call in calls}
    if name in known or name in recorded:
        return
    if kind == "error" and _HTTP_STATUS_CODE.fullmatch(name):
        return
    from .operations import declared_errors

    if kind == "operation":
        answered = tuple(declared_errors())
        raise ValueError(
            f"unknown operation {name!r}{did_you_mean(name, known)}: Connect has no operation "
            f"of that name, so no call can match it; the mock answers: {', '.join(answered)}"
        )
    raise ValueError(
        f"unknown error {name!r}{did_you_mean(name, known)}: Connect's model declares no error "
        f"of that name and no call recorded one; declared: {', '.join(known)}"
    )
