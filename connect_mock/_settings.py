"""What the active mock was configured with, where the request handlers can find it.

The configuration belongs to the mock (``mock_connect(seed=...)``), not to moto's per-account
state, so it survives moto's resets; the innermost started mock wins.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from .core.clock import Clock
from .core.tokens import TokenCodec
from .faults import Faults
from .inventory.fixtures import Inventories

DEFAULT_SEARCH_LIMIT = 100
# "Phone numbers per instance": small by default in new accounts, adjustable. Five keeps
# quota tests short; raise it with mock_connect(phone_number_quota=...).
DEFAULT_PHONE_NUMBER_QUOTA = 5
SEED_ENVIRONMENT_VARIABLE = "CONNECT_MOCK_SEED"


@dataclass(frozen=True)
class Settings:
    seed: int = 0
    inventories: Inventories = field(default_factory=dict)
    search_limit: int = DEFAULT_SEARCH_LIMIT
    phone_number_quota: int = DEFAULT_PHONE_NUMBER_QUOTA
    assert_all_faults_fired: bool = False
    tokens: TokenCodec = field(init=False, repr=False, compare=False)
    clock: Clock = field(init=False, repr=False, compare=False)
    faults: Faults = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen for its configuration; the clock and fault rules are the mutable controller
        # state a test drives through cm.clock and cm.faults.
        object.__setattr__(self, "tokens", TokenCodec(self.seed))
        object.__setattr__(self, "clock", Clock())
        object.__setattr__(self, "faults", Faults(self.seed, self.clock))


_lock = threading.Lock()
_stack: list[Settings] = []
_default: Settings | None = None
_from_environment: Settings | None = None


def default_seed() -> int:
    """Seed for plain ``mock_aws`` and unseeded mocks: $CONNECT_MOCK_SEED, else 0."""
    raw = os.environ.get(SEED_ENVIRONMENT_VARIABLE, "0")
    try:
        return int(raw)
    except ValueError:
        raise ValueError(
            f"{SEED_ENVIRONMENT_VARIABLE}={raw!r} is not an integer; set it to a whole number "
            "or unset it"
        ) from None


def set_default(settings: Settings | None) -> None:
    """Settings used when no mock_connect is active (plain mock_aws, server mode)."""
    global _default
    with _lock:
        _default = settings


def get_default() -> Settings | None:
    """What ``set_default`` last set (None: seed from $CONNECT_MOCK_SEED, else 0)."""
    with _lock:
        return _default


def push(settings: Settings) -> None:
    with _lock:
        _stack.append(settings)


def remove(settings: Settings) -> None:
    with _lock:
        for index in range(len(_stack) - 1, -1, -1):
            if _stack[index] is settings:
                del _stack[index]
                return


def current() -> Settings:
    """The innermost active mock's settings, else the default, else seed $CONNECT_MOCK_SEED/0."""
    global _from_environment
    with _lock:
        if _stack:
            return _stack[-1]
        if _default is not None:
            return _default
        seed = default_seed()
        if _from_environment is None or _from_environment.seed != seed:
            _from_environment = Settings(seed=seed)
        return _from_environment
