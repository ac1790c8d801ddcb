"""The running mocks: each started mock's runtime (its configuration, virtual clock, fault rules
and NextToken codec), innermost first, where the request handlers find it.

The runtime belongs to the mock (``mock_connect(seed=...)``), not to moto's per-account state,
so it survives moto's resets; the innermost started mock wins.
"""

from __future__ import annotations

import threading

from .config import MockConfig, default_seed
from .core.clock import Clock
from .core.tokens import TokenCodec
from .faults import Faults
from .inventory.fixtures import Inventories

__all__ = ["Runtime", "current", "get_default", "push", "remove", "set_default"]


class Runtime:
    """A configuration at work: the clock and fault rules a test drives (``cm.clock``,
    ``cm.faults``), starting from the configuration's rules, and the NextToken codec."""

    def __init__(self, config: MockConfig) -> None:
        self.config = config
        self.clock = Clock()
        self.faults = Faults(config.seed, self.clock)
        self.faults.load(config.fault_rules)
        self.tokens = TokenCodec(config.seed)

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


_lock = threading.Lock()
_stack: list[Runtime] = []
_default: Runtime | None = None
_from_environment: Runtime | None = None


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
    """The innermost active mock's runtime, else the default, else seed $CONNECT_MOCK_SEED/0."""
    global _from_environment
    with _lock:
        if _stack:
            return _stack[-1]
        if _default is not None:
            return _default
        seed = default_seed()
        if _from_environment is None or _from_environment.seed != seed:
            _from_environment = Runtime(MockConfig(seed=seed))
        return _from_environment
