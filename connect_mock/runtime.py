"""The running mocks: each started mock's runtime (its configuration, virtual clock, fault rules
and NextToken codec), innermost first, where the request handlers find it.

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
from .inventory.fixtures import Inventories
from .inventory.sources import SourceNumbers

__all__ = [
    "Runtime",
    "configure_current",
    "current",
    "get_default",
    "push",
    "remove",
    "set_default",
]


class Runtime:
    """A configuration at work: the clock, fault rules and source numbers a test drives
    (``cm.clock``, ``cm.faults``, ``cm.source_numbers``), starting from the configuration's,
    and the NextToken codec."""

    # What an outcome fault rule decided for the call at hand (see ``failing``): None, or the
    # message its asynchronous operation ends FAILED with.
    injected_failure: str | None = None

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

    @property
    def seed(self) -> int:
        return self.config.seed

    @property
    def inventories(self) -> Inventories:
        return self.config.inventories

    @property
    def search_limit(self) -> int:
        return self.config.search_limit

    @property
    def phone_number_quota(self) -> int:
        return self.config.phone_number_quota

    @property
    def claim_release_limit(self) -> bool:
        return self.config.claim_release_limit


@dataclass
class _Configured:
    runtime: Runtime | None = None  # what POST /config set
    # Plain mock_aws's mock otherwise (seeded from the environment): its fault rules and clock
    # go with moto's reset, so a rule one plain mock_aws test added never reaches the next.
    from_environment: Runtime | None = None


_lock = threading.Lock()
_stack: list[Runtime] = []
_default: Runtime | None = None
# What POST /config set under plain mock_aws (no mock_connect, no server): moto's reset, which
# the next mock_aws does, wipes it, so it never reaches later tests.
_configured: ResetScoped[_Configured] = ResetScoped(_Configured)


def set_default(runtime: Runtime | None) -> None:
    """The runtime of requests made when no mock_connect is active (plain mock_aws, server)."""
    global _default
    with _lock:
        _default = runtime


def get_default() -> Runtime | None:
    """What ``set_default`` last set (None: seed from $CONNECT_MOCK_SEED, else 0)."""
    with _lock:
        return _default


def push(runtime: Runtime) -> None:
    with _lock:
        _stack.append(runtime)


def remove(runtime: Runtime) -> None:
    with _lock:
        for index in range(len(_stack) - 1, -1, -1):
            if _stack[index] is runtime:
                del _stack[index]
                return


def current() -> Runtime:
    """The innermost active mock's runtime, else the default, else what ``POST /config`` set
    since moto's last reset, else seed $CONNECT_MOCK_SEED/0."""
    with _lock:
        if _stack:
            return _stack[-1]
        if _default is not None:
            return _default
    scoped = _configured.get()
    if scoped.runtime is not None:
        return scoped.runtime
    with _lock:
        seed = default_seed()
        if scoped.from_environment is None or scoped.from_environment.seed != seed:
            scoped.from_environment = Runtime(MockConfig(seed=seed))
        return scoped.from_environment


def configure_current(config: MockConfig) -> Runtime:
    """Make the mock in force run with ``config`` (``POST /config``): the innermost active
    mock_connect, else the default (a server's), else plain mock_aws's until moto's next reset.
    Nothing set here reaches the mocks of later tests."""
    with _lock:
        target = _stack[-1] if _stack else _default
    if target is None:
        configured = _configured.get()
        target = configured.runtime
        if target is None:
            configured.runtime = Runtime(config)
            return configured.runtime
    target.reconfigure(config)
    return target


# Timed state-manager progressions ({"progression": "time"}) run on the mock's clock, as
# everything else does: cm.clock.advance(11) completes a 10-second claim.
set_progress_clock(lambda: current().clock.now())
