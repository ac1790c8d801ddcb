"""The running mocks: each started mock's runtime (its configuration, virtual clock, fault rules
and NextToken codec) on one stack, and the one lookup of the runtime in force (``in_force``).

The runtime belongs to the mock (``mock_connect(seed=...)``), not to moto's per-account state,
so it survives moto's resets; the innermost started mock wins.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass

from ._moto import ResetScoped, set_progress_clock
from .config import MockConfig, default_seed
from .core.clock import Clock
from .core.tokens import TokenCodec
from .faults import Faults
from .inventory.sources import SourceNumbers

__all__ = [
    "Runtime",
    "configure",
    "get_default",
    "in_force",
    "push",
    "remove",
    "set_default",
    "started",
]


class Runtime:
    """A configuration at work: the clock, fault rules and source numbers a test drives
    (``cm.clock``, ``cm.faults``, ``cm.source_numbers``), starting from the configuration's,
    and the NextToken codec."""

    # What an outcome fault rule decided for the call at hand (see ``failing``): None, or the
    # message its asynchronous operation ends FAILED with.
    injected_failure: str | None = None
    # The mock_connect (mock.ConnectMock) this runtime is the runtime of; None for a server's
    # and plain mock_aws's.
    controller: object = None

    def __init__(self, config: MockConfig) -> None:
        self.reconfigure(config)

    def reconfigure(self, config: MockConfig) -> None:
        """Run with ``config`` from now on: the configured fault rules afresh (rules added
        since, in Python or over HTTP, are dropped) and a new NextToken key. Time carries on,
        on the same ``Clock`` unless the clock option changes (a new one then starts at the
        same time): cooldowns and holds computed on it stay right. ``POST /config`` does this
        to the mock in force, so that a mock_connect holding this runtime sees the change."""
        previous: Clock | None = getattr(self, "clock", None)
        real = config.clock == "real"
        if previous is not None and previous.real == real:
            clock = previous
        else:
            clock = Clock(previous.now() if previous is not None else None, real=real)
        faults = Faults(config.seed, clock)
        faults.extend(config.fault_rules)
        # Like the rules: the configured source numbers afresh, those added since dropped.
        sources = SourceNumbers()
        sources.load(list(config.source_numbers))
        self.config, self.clock, self.faults = config, clock, faults
        self.source_numbers = sources
        self.tokens = TokenCodec(config.seed)

    def check_faults_fired(self) -> None:
        """With ``assert_all_faults_fired``: fail if a ``times=N`` rule fired fewer than N
        times."""
        unfired = self.faults.unfired() if self.config.assert_all_faults_fired else []
        if unfired:
            listed = "; ".join(
                f"{rule.operation or 'any operation'} "
                f"{rule.error or (f'outcome {rule.outcome}' if rule.outcome else 'latency')} "
                f"fired {rule.fired} of {rule.times} time(s)"
                for rule in unfired
            )
            raise AssertionError(
                f"fault rule(s) with times=N did not fire N times: {listed}. Pass "
                "assert_all_faults_fired=False to mock_connect (or the connect_mock marker) to "
                "turn this check off."
            )

    def failing(self, message: str) -> Runtime:
        """This runtime as one call sees it whose resource an outcome rule leaves FAILED with
        ``message`` (the same clock, rules and configuration)."""
        call = copy.copy(self)
        call.injected_failure = message
        return call


@dataclass
class _Plain:
    """The runtime of plain mock_aws (no mock_connect started, no server). It lives in moto's
    reset-scoped state: its fault rules and clock, and what POST /config set, go with moto's
    reset, so that nothing one plain mock_aws test set reaches the next."""

    runtime: Runtime | None = None
    # POST /config set it: it keeps its seed when the session's or the environment's changes.
    configured: bool = False

    def get(self) -> Runtime:
        if self.configured and self.runtime is not None:
            return self.runtime
        seed = default_seed()
        if self.runtime is None or self.runtime.config.seed != seed:
            self.runtime = Runtime(MockConfig(seed=seed))
        return self.runtime


# The one stack of running mocks. Requests are answered by the innermost started mock_connect,
# else the server's mock (connect-mock serve, the connect_server fixture), else plain
# mock_aws's: ``in_force`` is that lookup, and everything else (the wire layer, the control
# endpoints, ``connect_mock.current()``) goes through it.
_lock = threading.Lock()
_stack: list[Runtime] = []  # started mock_connects' runtimes, innermost last
_server: Runtime | None = None
_plain: ResetScoped[_Plain] = ResetScoped(_Plain)


def set_default(runtime: Runtime | None) -> None:
    """The runtime of requests made when no mock_connect is started (a server's); None: plain
    mock_aws's."""
    global _server
    with _lock:
        _server = runtime


def get_default() -> Runtime | None:
    """What ``set_default`` last set."""
    with _lock:
        return _server


def push(runtime: Runtime) -> None:
    """A mock_connect started: its runtime is innermost until it is removed."""
    with _lock:
        _stack.append(runtime)


def remove(runtime: Runtime) -> None:
    """A mock_connect stopped (not necessarily the innermost: mocks may stop out of order)."""
    with _lock:
        for index in range(len(_stack) - 1, -1, -1):
            if _stack[index] is runtime:
                del _stack[index]
                return


def started() -> bool:
    """Whether a mock_connect is started."""
    with _lock:
        return bool(_stack)


def in_force() -> Runtime:
    """The runtime requests are answered with: the innermost started mock_connect's, else the
    server's, else plain mock_aws's (what ``POST /config`` set since moto's last reset, else
    seeded with ``--connect-mock-seed``, else $CONNECT_MOCK_SEED, else 0)."""
    with _lock:
        if _stack:
            return _stack[-1]
        if _server is not None:
            return _server
    plain = _plain.get()
    with _lock:
        return plain.get()


def configure(config: MockConfig) -> Runtime:
    """Make the runtime in force run with ``config`` (``POST /config``); returns it. Nothing set
    here reaches the mocks of later tests: a mock_connect's runtime goes with it, and plain
    mock_aws's with moto's reset."""
    plain = _plain.get()
    active = in_force()
    active.reconfigure(config)
    with _lock:
        if active is plain.runtime:
            plain.configured = True
    return active


# Timed state-manager progressions ({"progression": "time"}) run on the mock's clock, as
# everything else does: cm.clock.advance(11) completes a 10-second claim.
set_progress_clock(lambda: in_force().clock.now())
