"""The mock's clock. Virtual by default: it moves only when a test moves it, so time-based
behaviour (throttling buckets, cooldowns) gives the same result every run without sleeping.
A real clock (``connect-mock serve --clock real``) also follows wall time, for servers nobody
drives; it can still be advanced."""

from __future__ import annotations

import math
import threading
import time
from datetime import datetime, timedelta, timezone

__all__ = ["LATEST", "Clock"]

# The clock stays before this instant: datetime ends at 9999-12-31, and deadlines computed
# from "now" (cooldowns, the 180-day claim/release window, token ages) need room after it.
LATEST = datetime(9000, 1, 1, tzinfo=timezone.utc)


class Clock:
    """Time for the mock; ``advance()`` moves it (and with ``real=True`` so does wall time)."""

    def __init__(self, start: datetime | None = None, *, real: bool = False) -> None:
        if not isinstance(real, bool):
            raise TypeError(f"real must be True or False, not {type(real).__name__}")
        if start is None:
            start = datetime.now(timezone.utc).replace(microsecond=0)
        elif start.tzinfo is None:
            raise ValueError("Clock start must be timezone-aware, e.g. datetime(..., tzinfo=UTC)")
        elif start >= LATEST:
            raise ValueError(f"Clock start must be before {LATEST.isoformat()}, got {start}")
        self._start = start
        self._elapsed = 0.0
        self._wall_origin = time.monotonic() if real else None
        self._lock = threading.Lock()

    @property
    def real(self) -> bool:
        """True when the clock follows wall time as well as ``advance()``."""
        return self._wall_origin is not None

    def now(self) -> datetime:
        """The current date and time of the mock (UTC)."""
        return self._start + timedelta(seconds=self.monotonic())

    def monotonic(self) -> float:
        """Seconds of mock time since the clock was made."""
        if self._wall_origin is None:
            return self._elapsed
        return self._elapsed + (time.monotonic() - self._wall_origin)

    def advance(self, delta: float | timedelta) -> None:
        """Move time forward by ``delta`` seconds or a ``timedelta``; it cannot pass
        ``LATEST`` (9000-01-01 UTC)."""
        if isinstance(delta, timedelta):
            seconds = delta.total_seconds()
        elif isinstance(delta, int | float) and not isinstance(delta, bool):
            try:
                seconds = float(delta)
            except OverflowError:  # an int too large for a float
                seconds = float("inf")
        else:
            raise TypeError(
                f"advance() takes seconds (int or float) or a datetime.timedelta, "
                f"not {type(delta).__name__}"
            )
        if math.isnan(seconds):
            raise ValueError("advance() takes a number of seconds, not NaN")
        if seconds < 0:
            raise ValueError(f"the clock only moves forward; got {delta!r}")
        with self._lock:
            now = self.now()
            room = (LATEST - now).total_seconds()
            if seconds > room:
                raise ValueError(
                    f"the clock cannot pass {LATEST.isoformat()}: it is {now.isoformat()}, so "
                    f"it can advance at most {room:.0f} seconds more; got {delta!r}"
                )
            self._elapsed += seconds

    def __repr__(self) -> str:
        kind = "real" if self.real else "virtual"
        return f"<Clock {kind} {self.now().isoformat()}>"
