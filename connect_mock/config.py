"""One validated configuration for every way a mock is configured: ``mock_connect(...)``, the
``connect_mock`` marker, ``connect-mock serve`` flags and ``POST /moto-api/connect-mock/config``
(same option names, same checks, same messages)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .core.clock import Clock
from .faults import Faults, FaultSource, read_fault_rules
from .inventory.fixtures import FixtureSource, Inventories, load_fixtures

__all__ = [
    "DEFAULT_PHONE_NUMBER_QUOTA",
    "DEFAULT_SEARCH_LIMIT",
    "OPTIONS",
    "SEED_ENVIRONMENT_VARIABLE",
    "MockConfig",
    "default_seed",
    "set_session_seed",
]

DEFAULT_SEARCH_LIMIT = 100
# "Phone numbers per instance": small by default in new accounts, adjustable. Five keeps
# quota tests short; raise it with mock_connect(phone_number_quota=...).
DEFAULT_PHONE_NUMBER_QUOTA = 5
SEED_ENVIRONMENT_VARIABLE = "CONNECT_MOCK_SEED"
# The options of mock_connect, the marker and serve, in the order the docs list them.
OPTIONS = (
    "seed",
    "fixtures",
    "search_limit",
    "phone_number_quota",
    "faults",
    "assert_all_faults_fired",
    "claim_release_limit",
)
# Options with a (name, minimum) range, settable on a running server too.
_COUNTS = {"seed": 0, "search_limit": 1, "phone_number_quota": 0}
# True/False options; those after the first are settable on a running server too.
_SWITCHES = ("assert_all_faults_fired", "claim_release_limit")
_SETTABLE = (*_COUNTS, *_SWITCHES[1:])


_session_seed: int | None = None


def set_session_seed(seed: int | None) -> int | None:
    """Make ``seed`` the seed of this test session (pytest's ``--connect-mock-seed``; None
    unsets it); returns the one it replaces."""
    global _session_seed
    if seed is not None:
        MockConfig(seed=seed)  # the same check and message as everywhere else
    previous, _session_seed = _session_seed, seed
    return previous


def default_seed() -> int:
    """Seed for plain ``mock_aws`` and unseeded mocks: ``--connect-mock-seed``, else
    $CONNECT_MOCK_SEED, else 0."""
    if _session_seed is not None:
        return _session_seed
    raw = os.environ.get(SEED_ENVIRONMENT_VARIABLE, "0")
    try:
        seed = int(raw)
    except ValueError:
        seed = -1
    if seed < 0:
        raise ValueError(
            f"{SEED_ENVIRONMENT_VARIABLE}={raw!r} is not a whole number >= 0; set it to one "
            "or unset it"
        )
    return seed


@dataclass(frozen=True)
class MockConfig:
    """What a mock is configured with. Immutable; every field is checked on construction."""

    seed: int = 0
    inventories: Inventories = field(default_factory=dict, repr=False)
    search_limit: int = DEFAULT_SEARCH_LIMIT
    phone_number_quota: int = DEFAULT_PHONE_NUMBER_QUOTA
    fault_rules: tuple[Mapping[str, Any], ...] = field(default=(), repr=False)
    assert_all_faults_fired: bool = False
    claim_release_limit: bool = True

    def __post_init__(self) -> None:
        for name, minimum in _COUNTS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
            if value < minimum:
                raise ValueError(f"{name} must be at least {minimum}, got {value}")
        for name in _SWITCHES:
            if not isinstance(getattr(self, name), bool):
                raise TypeError(
                    f"{name} must be True or False, not {type(getattr(self, name)).__name__}"
                )
        # Rules are checked (names, errors each operation declares) by loading them once.
        Faults(self.seed, Clock()).load(self.fault_rules)

    @classmethod
    def create(
        cls,
        *,
        seed: int | None = None,
        fixtures: FixtureSource | Iterable[FixtureSource] | None = None,
        search_limit: int = DEFAULT_SEARCH_LIMIT,
        phone_number_quota: int = DEFAULT_PHONE_NUMBER_QUOTA,
        faults: FaultSource | None = None,
        assert_all_faults_fired: bool = False,
        claim_release_limit: bool = True,
    ) -> MockConfig:
        """From the options users write: fixture and fault files are read here, once."""
        return cls(
            seed=default_seed() if seed is None else seed,
            inventories=load_fixtures(fixtures),
            search_limit=search_limit,
            phone_number_quota=phone_number_quota,
            fault_rules=read_fault_rules(faults),
            assert_all_faults_fired=assert_all_faults_fired,
            claim_release_limit=claim_release_limit,
        )

    def updated(self, changes: Mapping[str, Any]) -> MockConfig:
        """This configuration with some of seed, search_limit, phone_number_quota,
        claim_release_limit changed."""
        unknown = sorted(set(changes) - set(_SETTABLE))
        if unknown:
            raise ValueError(
                f"unknown option(s) {', '.join(map(repr, unknown))}; settable: "
                + ", ".join(_SETTABLE)
            )
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _SETTABLE}
