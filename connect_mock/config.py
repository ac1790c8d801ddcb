"""One validated configuration for every way a mock is configured: ``mock_connect(...)``, the
``connect_mock`` marker, ``connect-mock serve`` flags and ``POST /moto-api/connect-mock/config``
(same option names, same checks, same messages)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .inventory.fixtures import FixtureSource, Inventories, load_fixtures
from .inventory.sources import SourceNumbers, SourceNumberSource, read_source_numbers

if TYPE_CHECKING:
    from .faults import FaultSource, RuleSpec

# The fault rules are imported where they are used: they load botocore's Connect model, and the
# pytest plugin uses this module when pytest starts, in suites that may never use Connect.

__all__ = [
    "CLOCKS",
    "DEFAULT_CALL_LOG_LIMIT",
    "DEFAULT_PHONE_NUMBER_QUOTA",
    "DEFAULT_SEARCH_LIMIT",
    "OPTIONS",
    "SEED_ENVIRONMENT_VARIABLE",
    "SETTABLE",
    "MockConfig",
    "default_seed",
    "set_session_seed",
]

DEFAULT_SEARCH_LIMIT = 100
# "Phone numbers per instance": small by default in new accounts, adjustable. Five keeps
# quota tests short; raise it with mock_connect(phone_number_quota=...).
DEFAULT_PHONE_NUMBER_QUOTA = 5
# Calls kept in the call log (cm.calls, GET /calls); older ones are dropped first. A server
# answering CI traffic all day must not grow without bound; ~1 KB per call.
DEFAULT_CALL_LOG_LIMIT = 10_000
# "virtual": time moves only when a test advances it; "real": it follows wall time too.
CLOCKS = ("virtual", "real")
SEED_ENVIRONMENT_VARIABLE = "CONNECT_MOCK_SEED"
# The options of mock_connect, the marker and serve, in the order the docs list them.
OPTIONS = (
    "seed",
    "fixtures",
    "search_limit",
    "phone_number_quota",
    "faults",
    "assert_all_faults_fired",
    "call_log_limit",
    "clock",
    "claim_release_limit",
    "source_numbers",
)
# Options with a (name, minimum) range; the maximum of all is a 64-bit signed integer's, as
# Connect's own Long parameters.
_MAXIMUM = 2**63 - 1
_COUNTS = {"seed": 0, "search_limit": 1, "phone_number_quota": 0, "call_log_limit": 0}
# True/False options.
_SWITCHES = ("assert_all_faults_fired", "claim_release_limit")
# What POST /moto-api/connect-mock/config may set: no files (a request never names one), and
# not assert_all_faults_fired, which checks a test's rules when it ends.
SETTABLE = (*_COUNTS, "clock", *_SWITCHES[1:])


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
    fault_rules: tuple[RuleSpec, ...] = field(default=(), repr=False)
    assert_all_faults_fired: bool = False
    call_log_limit: int = DEFAULT_CALL_LOG_LIMIT
    clock: str = "virtual"
    claim_release_limit: bool = True
    # End User Messaging SMS numbers ImportPhoneNumber finds (entries as in source-number files).
    source_numbers: tuple[Mapping[str, Any], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        for name, minimum in _COUNTS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
            if value < minimum:
                raise ValueError(f"{name} must be at least {minimum}, got {value}")
            if value > _MAXIMUM:
                # str() of an int of more than 4,300 digits raises: name its size instead.
                shown = value if value.bit_length() < 1000 else f"a {value.bit_length()}-bit int"
                raise ValueError(f"{name} must be at most {_MAXIMUM} (2**63 - 1), got {shown}")
        for name in _SWITCHES:
            if not isinstance(getattr(self, name), bool):
                raise TypeError(
                    f"{name} must be True or False, not {type(getattr(self, name)).__name__}"
                )
        if not isinstance(self.clock, str):
            raise TypeError(f"clock must be 'virtual' or 'real', not {type(self.clock).__name__}")
        if self.clock not in CLOCKS:
            raise ValueError(f"clock must be 'virtual' or 'real', got {self.clock!r}")
        # Specs were checked when made; a mapping given here is parsed into one. None, nothing
        # to parse: a seed alone (--connect-mock-seed, checked when pytest starts) must not
        # load the fault rules' botocore model.
        if self.fault_rules != ():
            from .faults import parse_rules

            object.__setattr__(self, "fault_rules", parse_rules(self.fault_rules))
        SourceNumbers().load(list(self.source_numbers))

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
        call_log_limit: int = DEFAULT_CALL_LOG_LIMIT,
        clock: str = "virtual",
        claim_release_limit: bool = True,
        source_numbers: SourceNumberSource | None = None,
    ) -> MockConfig:
        """From the options users write: fixture, fault and source-number files are read
        here, once."""
        from .faults import read_fault_rules

        return cls(
            seed=default_seed() if seed is None else seed,
            inventories=load_fixtures(fixtures),
            search_limit=search_limit,
            phone_number_quota=phone_number_quota,
            fault_rules=read_fault_rules(faults),
            assert_all_faults_fired=assert_all_faults_fired,
            call_log_limit=call_log_limit,
            clock=clock,
            claim_release_limit=claim_release_limit,
            source_numbers=read_source_numbers(source_numbers),
        )

    def updated(self, changes: Mapping[str, Any]) -> MockConfig:
        """This configuration with some of the ``SETTABLE`` options changed."""
        unknown = sorted(set(changes) - set(SETTABLE))
        if unknown:
            raise ValueError(
                f"unknown option(s) {', '.join(map(repr, unknown))}; settable here: "
                + ", ".join(SETTABLE)
                + " (fixture, fault and source-number files are read from the command line or "
                "the constructor only; add fault rules with POST /moto-api/connect-mock/faults "
                "and source numbers with POST /moto-api/connect-mock/source-numbers)"
            )
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The ``SETTABLE`` options."""
        return {name: getattr(self, name) for name in SETTABLE}
