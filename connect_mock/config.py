"""One validated configuration for every way a mock is configured: ``mock_connect(...)``, the
``connect_mock`` marker, ``connect-mock serve`` flags and ``POST /moto-api/connect-mock/config``
(same option names, same checks, same messages)."""

import difflib
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypedDict

from .inventory.fixtures import FixtureSource, Inventories, load_fixtures
from .inventory.sources import SourceNumbers, SourceNumberSource, read_source_numbers

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .faults import FaultSource, RuleSpec

# The fault rules are imported where they are used: they load botocore's Connect model, and the
# pytest plugin uses this module when pytest starts, in suites that may never use Connect.

__all__ = [
    "OPTIONS",
    "SEED_ENVIRONMENT_VARIABLE",
    "SETTABLE",
    "MockConfig",
    "Option",
    "Options",
    "default_seed",
    "refuse_unknown",
    "set_session_seed",
]

SEED_ENVIRONMENT_VARIABLE = "CONNECT_MOCK_SEED"
# The most any whole-number option may be: a 64-bit signed integer's, as Connect's own Long
# parameters.
_MAXIMUM = 2**63 - 1


def _read_faults(source: "FaultSource | None") -> "tuple[RuleSpec, ...]":
    from .faults import read_fault_rules

    return read_fault_rules(source)


@dataclass(frozen=True)
class Option:
    """What an option is besides its type, declared beside it in ``Options``.

    ``mock_connect``, ``ConnectMock`` and the ``connect_mock`` marker take every option;
    ``connect-mock serve`` has a flag for those with ``serve``; ``POST
    /moto-api/connect-mock/config`` sets those with ``settable``."""

    default: Any
    # What it does: the docs' option table (docs/api.md) shows it.
    help: str
    # "count": a whole number from ``minimum`` to 2**63 - 1; "switch": True or False;
    # "choice": one of ``choices``; "files": files or mappings, read once by ``read``.
    kind: Literal["count", "switch", "choice", "files"]
    minimum: int = 0
    choices: tuple[str, ...] = ()
    # Reads what users pass into the MockConfig field ``stored_as`` (default: the option's name).
    read: Callable[[Any], Any] | None = field(default=None, repr=False, compare=False)
    stored_as: str = ""
    serve: bool = True
    # connect-mock serve's help for the flag (argparse fills in %(default)s).
    flag_help: str = ""
    # The flag's default where it is not ``default`` (the command line's seed is 0, not the
    # environment's).
    flag_default: Any = None
    settable: bool = False
    # Its key in ``Options``, filled in from there.
    name: str = ""

    @property
    def flag(self) -> str:
        """Its command-line flag (``--no-...`` for a switch that is on by default)."""
        negated = self.kind == "switch" and self.default is True
        return "--" + ("no-" if negated else "") + self.name.replace("_", "-")

    @property
    def target(self) -> str:
        """The MockConfig field it sets."""
        return self.stored_as or self.name


class Options(TypedDict, total=False):
    """``mock_connect``'s options: the one declaration every entry point is built from. Each is
    its type (``mock_connect(**options: Unpack[Options])``, for type checkers and IDEs) and its
    ``Option``: default, meaning, checks, flag and whether ``/config`` may set it."""

    seed: Annotated[
        int | None,
        Option(
            None,
            "fixes the inventories ([behaviour.md](behaviour.md#inventories)); `None`: "
            "`--connect-mock-seed`, else `$CONNECT_MOCK_SEED`, else 0",
            "count",
            read=lambda seed: default_seed() if seed is None else seed,
            flag_help="inventory seed (default %(default)s)",
            flag_default=0,
            settable=True,
        ),
    ]
    fixtures: Annotated[
        FixtureSource | Iterable[FixtureSource] | None,
        Option(
            None,
            "a fixture file path, a mapping of the same shape, or a list of them, later ones over "
            "earlier ones ([behaviour.md](behaviour.md#fixture-files)); a bad one raises "
            "`FixtureError`",
            "files",
            read=load_fixtures,
            stored_as="inventories",
            flag_help="inventory fixture JSON (repeatable)",
        ),
    ]
    search_limit: Annotated[
        int,
        Option(
            100,
            "how many results one search query hands out over all its pages before its "
            "`NextToken`s stop",
            "count",
            minimum=1,
            flag_help="results per query (default %(default)s)",
            settable=True,
        ),
    ]
    # "Phone numbers per instance": small by default in new accounts, adjustable. Five
    # keeps quota tests short.
    phone_number_quota: Annotated[
        int,
        Option(
            5,
            "how many numbers one instance or traffic distribution group may hold; a claim over it "
            "ends `FAILED`",
            "count",
            flag_help="numbers one instance or group may hold (default %(default)s)",
            settable=True,
        ),
    ]
    faults: Annotated[
        "FaultSource | None",
        Option(
            None,
            "fault rules: a JSON file path, a rule mapping, or a list of files and rule mappings "
            "([faults-and-calls.md](faults-and-calls.md#fault-rules))",
            "files",
            read=_read_faults,
            stored_as="fault_rules",
            flag_help="fault rules JSON (repeatable)",
        ),
    ]
    # A server has no end at which to check a test's rules.
    assert_all_faults_fired: Annotated[
        bool,
        Option(
            False,
            "`stop()` raises `AssertionError` if a rule with `times=N` fired fewer than N times",
            "switch",
            serve=False,
        ),
    ]
    # A server answering CI traffic all day must not grow without bound; ~1 KB per call.
    call_log_limit: Annotated[
        int,
        Option(
            10_000,
            "how many calls `cm.calls` keeps; beyond it the oldest are dropped and counted in "
            "`cm.calls.dropped`",
            "count",
            flag_help="calls kept for GET /moto-api/connect-mock/calls, oldest dropped first "
            "(default %(default)s)",
            settable=True,
        ),
    ]
    clock: Annotated[
        str,
        Option(
            "virtual",
            '`"virtual"`: time moves only with `cm.clock.advance`; `"real"`: it follows wall time '
            "too (and can still be advanced)",
            "choice",
            choices=("virtual", "real"),
            flag_help="virtual: time moves only through POST /moto-api/connect-mock/clock; real: "
            "it follows wall time too, so throttling buckets refill as the real service's do "
            "(default %(default)s)",
            settable=True,
        ),
    ]
    claim_release_limit: Annotated[
        bool,
        Option(
            True,
            "the 200% claim/release rule: a claim to a target with 200% of its quota released in "
            "180 days ends `FAILED` ([lifecycle.md](lifecycle.md#the-200-claimrelease-rule)); "
            "`False` turns it off",
            "switch",
            flag_help="turn off the 200%% claim/release rule (on by default)",
            settable=True,
        ),
    ]
    source_numbers: Annotated[
        SourceNumberSource | None,
        Option(
            None,
            "AWS End User Messaging SMS numbers for `ImportPhoneNumber`: a JSON file path (a saved "
            "`describe-phone-numbers` answer works as it is), an entry mapping, or a list of files "
            "and entries ([source numbers](#source-numbers)); a bad one raises `ValueError` naming "
            "the file and entry",
            "files",
            read=read_source_numbers,
            flag_help="AWS End User Messaging SMS numbers for ImportPhoneNumber, JSON (repeatable)",
        ),
    ]


# The options by name, in the order the docs list them.
OPTIONS: Mapping[str, Option] = MappingProxyType(
    {
        name: replace(annotated.__metadata__[0], name=name)
        for name, annotated in Options.__annotations__.items()
    }
)
# What POST /moto-api/connect-mock/config may set: no files (a request never names one), and
# not assert_all_faults_fired, which checks a test's rules when it ends.
SETTABLE = tuple(name for name, option in OPTIONS.items() if option.settable)


def refuse_unknown(names: Iterable[str], allowed: Iterable[str], where: str) -> None:
    """TypeError naming the first of ``names`` that is not ``allowed``, and the option it was
    likely meant to be: ``{where} got an unexpected keyword argument 'sede' (did you mean
    'seed'?)``."""
    known = list(allowed)
    for name in names:
        if name not in known:
            hint = suggest(name, known)
            raise TypeError(f"{where} got an unexpected keyword argument {name!r}{hint}")


def suggest(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'seed'?)`` for a misspelling of one of ``known``, else ``""``."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_session_seed: int | None = None


def _check(option: Option, value: Any) -> None:
    """TypeError or ValueError if ``value`` is not one ``option`` takes (files are checked by
    loading them)."""
    name = option.name
    if option.kind == "count":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        if value < option.minimum:
            raise ValueError(f"{name} must be at least {option.minimum}, got {value}")
        if value > _MAXIMUM:
            # str() of an int of more than 4,300 digits raises: name its size instead.
            shown = value if value.bit_length() < 1000 else f"a {value.bit_length()}-bit int"
            raise ValueError(f"{name} must be at most {_MAXIMUM} (2**63 - 1), got {shown}")
    elif option.kind == "switch":
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, not {type(value).__name__}")
    elif option.kind == "choice":
        expected = " or ".join(map(repr, option.choices))
        if not isinstance(value, str):
            raise TypeError(f"{name} must be {expected}, not {type(value).__name__}")
        if value not in option.choices:
            raise ValueError(f"{name} must be {expected}, got {value!r}")


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


def _default(name: str) -> Any:
    return OPTIONS[name].default


@dataclass(frozen=True)
class MockConfig:
    """What a mock is configured with. Immutable; every field is checked on construction."""

    seed: int = 0  # the option's None is resolved by ``create`` (``default_seed``)
    inventories: Inventories = field(default_factory=dict, repr=False)
    search_limit: int = _default("search_limit")
    phone_number_quota: int = _default("phone_number_quota")
    fault_rules: "tuple[RuleSpec, ...]" = field(default=(), repr=False)
    assert_all_faults_fired: bool = _default("assert_all_faults_fired")
    call_log_limit: int = _default("call_log_limit")
    clock: str = _default("clock")
    claim_release_limit: bool = _default("claim_release_limit")
    # End User Messaging SMS numbers ImportPhoneNumber finds (entries as in source-number files).
    source_numbers: tuple[Mapping[str, Any], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        # Counts, then switches, then choices: which error a mock given several bad options
        # raises is the same as before the options were declared in one table.
        for kind in ("count", "switch", "choice"):
            for option in OPTIONS.values():
                if option.kind == kind:
                    _check(option, getattr(self, option.target))
        # Specs were checked when made; a mapping given here is parsed into one. None, nothing
        # to parse: a seed alone (--connect-mock-seed, checked when pytest starts) must not
        # load the fault rules' botocore model.
        if self.fault_rules != ():
            from .faults import parse_rules

            object.__setattr__(self, "fault_rules", parse_rules(self.fault_rules))
        SourceNumbers().load(list(self.source_numbers))

    @classmethod
    def create(cls, **options: "Unpack[Options]") -> "MockConfig":
        """From the options users write (``OPTIONS``; absent ones take their default):
        fixture, fault and source-number files are read here, once."""
        refuse_unknown(options, OPTIONS, "MockConfig.create()")
        fields: dict[str, Any] = {}
        for name, option in OPTIONS.items():
            value = options.get(name, option.default)
            fields[option.target] = value if option.read is None else option.read(value)
        return cls(**fields)

    def updated(self, changes: Mapping[str, Any]) -> "MockConfig":
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
