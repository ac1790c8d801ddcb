"""The mock's virtual clock: it moves only when a test moves it, so time-based behaviour
(throttling buckets, cooldowns) gives the same result every run without sleeping."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

__all__ = ["Clock"]


class Clock:
    """Virtual time; ``advance()`` moves it, nothing else does."""

    def __init__(self, start: datetime | None = None) -> None:
        if start is None:
            start = datetime.now(timezone.utc).replace(microsecond=0)
        elif start.tzinfo is None:
            raise ValueError("Clock start must be timezone-aware, e.g. datetime(..., tzinfo=UTC)")
        self._start = start
        self._elapsed = 0.0
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The current virtual date and time (UTC)."""
        return self._start + timedelta(seconds=self._elapsed)

    def monotonic(self) -> float:
        """Seconds of virtual time since the clock was made."""
        return self._elapsed

    def advance(self, delta: float | timedelta) -> None:
        """Move time forward by ``delta`` seconds or a ``timedelta``."""
        if isinstance(delta, timedelta):
            seconds = delta.total_seconds()
        elif isinstance(delta, int | float) and not isinstance(delta, bool):
            seconds = float(delta)
        else:
            raise TypeError(
                f"advance() takes seconds (int or float) or a datetime.timedelta, "
                f"not {type(delta).__name__}"
            )
        if not seconds >= 0:  # also refuses NaN
            raise ValueError(f"the clock only moves forward; got {delta!r}")
        with self._lock:
            self._elapsed += seconds

    def __repr__(self) -> str:
        return f"<Clock {self.now().isoformat()}>"
