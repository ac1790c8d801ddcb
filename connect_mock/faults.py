"""Fault injection: ordered rules that fail, delay or throttle Connect calls.

A rule is parsed once, where it enters (``cm.faults.add``/``throttle``, fault files and
mappings, ``mock_connect(faults=...)``, the marker, ``POST /moto-api/connect-mock/faults``),
into a frozen ``FaultSpec`` or ``ThrottleSpec`` whose constructor makes every check; everything
downstream (``MockConfig.fault_rules``, the rules at work, the throttling buckets) takes specs
and checks nothing again.

A rule's JSON form uses the keyword names of ``Faults.add``:
``{"operation": "SearchAvailablePhoneNumbers", "error": "ThrottlingException", "times": 2}``;
a throttle is ``{"throttle": {"rate": 2.0, "burst": 5}}``.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import KW_ONLY, dataclass, field, fields
from typing import Any, TypeGuard, Union

from .core.clock import Clock
from .core.files import read_documents
from .core.names import did_you_mean
from .core.operations import connect_regions, declared_errors, declaring

__all__ = [
    "MAX_LATENCY",
    "FaultRule",
    "FaultSource",
    "FaultSpec",
    "Faults",
    "RuleSpec",
    "ThrottleRule",
    "ThrottleSpec",
    "parse_rules",
    "read_fault_rules",
]

# Longer than any SDK waits for an answer (boto3 reads for 60 s): a rule never holds a server
# thread for ever, and time.sleep never overflows.
MAX_LATENCY = 300.0
_MAXIMUM_COUNT = 2**63 - 1

DEFAULT_MESSAGES = {
    "ThrottlingException": "Rate exceeded",
    "InternalServiceException": "Request processing failed because of an error or failure "
    "with the service.",
    "AccessDeniedException": "You do not have sufficient permissions to perform this action.",
}
# The asynchronous operations: they answer 200, then the resource shows how it went
# (DescribePhoneNumber's PhoneNumberStatus). An outcome rule makes that FAILED. The backend reads
# the decision from Context.injected_failure.
OUTCOME_OPERATIONS = (
    "ClaimPhoneNumber",
    "ImportPhoneNumber",
    "UpdatePhoneNumber",
    "UpdatePhoneNumberMetadata",
)
OUTCOMES = ("FAILED",)


@dataclass(frozen=True)
class FaultSpec:
    """A checked fault rule: ``Faults.add``'s arguments, a JSON rule's keys. Immutable; the
    constructor makes every check, with the message every way in gives (TypeError for a value
    of the wrong type, ValueError for a wrong value)."""

    operation: str | None = None
    error: str | None = None
    _: KW_ONLY
    outcome: str | None = None
    times: int | None = None
    after: int = 0
    probability: float = 1.0
    latency: float = 0.0
    message: str | None = None
    region: str | None = None
    account: str | None = None
    # With operation None and an error: only the operations whose model declares that error.
    declaring: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Checked in this order (the first problem is the one reported), numbers made floats.
        object.__setattr__(self, "declaring", _check_target(self))
        _check_count("times", self.times, allow_none=True)
        _check_count("after", self.after, allow_none=False)
        object.__setattr__(self, "probability", _probability(self.probability))
        object.__setattr__(self, "latency", _latency(self.latency))
        for name in ("message", "region", "account"):
            _check_string(name, getattr(self, name))
        if self.region is not None and self.region not in connect_regions():
            raise ValueError(
                f"region {self.region!r} has no Amazon Connect; Regions with Connect: "
                + ", ".join(connect_regions())
            )
        account = self.account
        if account is not None and not (len(account) == 12 and account.isdigit()):
            raise ValueError(f"account must be a 12-digit AWS account ID, got {account!r}")

    def to_json(self) -> dict[str, Any]:
        """The rule's JSON form, as fault files and ``POST /faults`` take it."""
        return {key: getattr(self, key) for key in RULE_KEYS}


@dataclass(frozen=True)
class ThrottleSpec:
    """A checked throttle: ``Faults.throttle``'s arguments, ``{"throttle": {...}}`` in JSON.
    Immutable; the constructor makes every check."""

    rate: float = 2.0
    burst: int = 5
    operation: str | None = None

    def __post_init__(self) -> None:
        _check_string("operation", self.operation)
        _check_operation(self.operation)
        object.__setattr__(self, "rate", _rate(self.rate))
        _check_count("burst", self.burst, allow_none=False)

    def to_json(self) -> dict[str, Any]:
        """The throttle's JSON form, as fault files and ``POST /faults`` take it."""
        return {"throttle": {key: getattr(self, key) for key in THROTTLE_KEYS}}


RuleSpec = FaultSpec | ThrottleSpec
# The keys of a rule's JSON form: the specs' fields, in the order messages list them.
RULE_KEYS = tuple(spec_field.name for spec_field in fields(FaultSpec) if spec_field.init)
THROTTLE_KEYS = tuple(spec_field.name for spec_field in fields(ThrottleSpec))

FaultSource = Union[
    str,
    "os.PathLike[str]",
    Mapping[str, Any],
    RuleSpec,
    Iterable[Union[str, "os.PathLike[str]", Mapping[str, Any], RuleSpec]],
]


def parse_rules(document: Any, name: str = "<fault rules>") -> tuple[RuleSpec, ...]:
    """The specs of a rule document: a rule mapping or a list of them (specs are taken as they
    are). Raises ValueError naming ``name`` and the index of the first bad rule."""
    entries = [document] if isinstance(document, Mapping | RuleSpec) else document
    if not isinstance(entries, list | tuple):
        raise ValueError(f"{name}: expected a rule object or a list of rule objects")
    specs: list[RuleSpec] = []
    for index, entry in enumerate(entries):
        try:
            specs.append(_parse_rule(entry))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name}[{index}]: {exc}") from None
    return tuple(specs)


def _parse_rule(entry: object) -> RuleSpec:
    if isinstance(entry, RuleSpec):
        return entry
    if not isinstance(entry, Mapping):
        raise ValueError("expected a rule object")
    if "throttle" not in entry:
        _check_keys(entry, RULE_KEYS)
        return FaultSpec(**entry)
    options = entry["throttle"]
    if len(entry) > 1 or not isinstance(options, Mapping):
        raise ValueError('a throttle rule is {"throttle": {rate, burst, operation}}')
    _check_keys(options, THROTTLE_KEYS)
    return ThrottleSpec(**options)


def read_fault_rules(source: FaultSource | None) -> tuple[RuleSpec, ...]:
    """The specs of a fault source: a JSON file, a rule mapping, a spec, or a list of them
    (``serve --faults A --faults B``), in order.

    Raises ValueError naming the file and the rule of the first problem."""
    return read_documents(source, "fault", "<fault rules>", parse_rules)


@dataclass(frozen=True)
class Outcome:
    """What a rule does to one call: wait ``latency`` seconds, then fail with ``error`` if set;
    or answer as usual and leave the resource FAILED with ``failure`` (an outcome rule, whose
    firing ``rule.unfire()`` takes back if the call is refused for another reason)."""

    latency: float
    error: str | None
    message: str
    failure: str | None = None
    rule: FaultRule | None = None


@dataclass(eq=False)
class FaultRule:
    """A fault rule at work: its ``spec``, whose fields it shows (``rule.operation``,
    ``rule.times``, ...); ``matched`` and ``fired`` count the calls it matched and changed;
    ``remove()`` drops it."""

    spec: FaultSpec
    matched: int = 0
    fired: int = 0
    _rng: random.Random = field(repr=False, default_factory=random.Random)
    _owner: Faults | None = field(repr=False, default=None)

    @property
    def operation(self) -> str | None:
        return self.spec.operation

    @property
    def error(self) -> str | None:
        return self.spec.error

    @property
    def outcome(self) -> str | None:
        return self.spec.outcome

    @property
    def times(self) -> int | None:
        return self.spec.times

    @property
    def after(self) -> int:
        return self.spec.after

    @property
    def probability(self) -> float:
        return self.spec.probability

    @property
    def latency(self) -> float:
        return self.spec.latency

    @property
    def message(self) -> str | None:
        return self.spec.message

    @property
    def region(self) -> str | None:
        return self.spec.region

    @property
    def account(self) -> str | None:
        return self.spec.account

    def matches(self, operation: str, account: str, region: str) -> bool:
        spec = self.spec
        return (
            (spec.operation is None or spec.operation == operation)
            and (spec.declaring is None or operation in spec.declaring)
            and (spec.region is None or spec.region == region)
            and (spec.account is None or spec.account == account)
        )

    def apply(self, operation: str, account: str, region: str, now: float) -> Outcome | None:
        spec = self.spec
        if not self.matches(operation, account, region):
            return None
        self.matched += 1
        if self.matched <= spec.after:
            return None
        if spec.times is not None and self.fired >= spec.times:
            return None
        # Draw only for calls the rule could fire on, so earlier rules do not shift the sequence.
        if spec.probability < 1.0 and self._rng.random() >= spec.probability:
            return None
        self.fired += 1
        if spec.outcome is not None:
            failure = spec.message or f"{operation} {spec.outcome} (injected by connect_mock)"
            return Outcome(spec.latency, None, failure, failure=failure, rule=self)
        message = spec.message or DEFAULT_MESSAGES.get(
            spec.error or "", f"{spec.error} injected by connect_mock"
        )
        return Outcome(spec.latency, spec.error, message)

    def unfire(self) -> None:
        """The call it fired on was refused for another reason: the outcome never applied."""
        if self._owner is not None:
            with self._owner._lock:
                self.fired -= 1

    def remove(self) -> None:
        """Stop this rule from matching anything more."""
        if self._owner is not None:
            self._owner.remove(self)

    def to_json(self) -> dict[str, Any]:
        return {**self.spec.to_json(), "matched": self.matched, "fired": self.fired}


@dataclass(eq=False)
class ThrottleRule:
    """A throttle at work: its ``spec`` (``rate``, ``burst``, ``operation``), a token bucket per
    account, Region and operation on the mock's virtual clock; ``throttled`` counts the calls
    it refused."""

    spec: ThrottleSpec
    throttled: int = 0
    _buckets: dict[tuple[str, str, str], tuple[float, float]] = field(
        default_factory=dict, repr=False
    )
    _owner: Faults | None = field(repr=False, default=None)

    @property
    def rate(self) -> float:
        return self.spec.rate

    @property
    def burst(self) -> int:
        return self.spec.burst

    @property
    def operation(self) -> str | None:
        return self.spec.operation

    def apply(self, operation: str, account: str, region: str, now: float) -> Outcome | None:
        spec = self.spec
        if spec.operation is not None and spec.operation != operation:
            return None
        key = (account, region, operation)
        tokens, last = self._buckets.get(key, (float(spec.burst), now))
        tokens = min(float(spec.burst), tokens + (now - last) * spec.rate)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            return None
        self._buckets[key] = (tokens, now)
        self.throttled += 1
        return Outcome(0.0, "ThrottlingException", DEFAULT_MESSAGES["ThrottlingException"])

    def remove(self) -> None:
        if self._owner is not None:
            self._owner.remove(self)

    def to_json(self) -> dict[str, Any]:
        return {**self.spec.to_json(), "throttled": self.throttled}


Rule = FaultRule | ThrottleRule


class Faults:
    """The ordered fault rules of one mock (``cm.faults``); the first rule that fires wins."""

    def __init__(self, seed: int, clock: Clock) -> None:
        self._seed = seed
        self._clock = clock
        self._rules: list[Rule] = []
        self._added = 0
        self._lock = threading.Lock()

    def add(
        self,
        operation: str | None = None,
        error: str | None = None,
        *,
        outcome: str | None = None,
        times: int | None = None,
        after: int = 0,
        probability: float = 1.0,
        latency: float = 0.0,
        message: str | None = None,
        region: str | None = None,
        account: str | None = None,
    ) -> FaultRule:
        """Fail (``error``) and/or delay (``latency`` seconds) matching calls; or, with
        ``outcome="FAILED"``, let an asynchronous operation (``OUTCOME_OPERATIONS``) answer as
        usual and leave its resource FAILED with ``message``.

        ``operation`` None matches every Connect operation the mock answers (with an ``error``:
        every one whose model declares it); ``error`` must be declared; ``times`` None means
        forever; ``after`` lets the first N matching calls through; ``probability`` draws from a
        generator seeded by the mock's seed, so a run fails the same calls every time.
        """
        spec = FaultSpec(
            operation,
            error,
            outcome=outcome,
            times=times,
            after=after,
            probability=probability,
            latency=latency,
            message=message,
            region=region,
            account=account,
        )
        with self._lock:
            rule = self._fault_rule(spec)
            self._rules.append(rule)
        return rule

    def throttle(
        self, rate: float = 2.0, burst: int = 5, operation: str | None = None
    ) -> ThrottleRule:
        """Amazon Connect's API throttling: ``rate`` requests/s refilling a bucket of ``burst``,
        per account, Region and operation, on the mock's virtual clock (``cm.clock``)."""
        rule = ThrottleRule(ThrottleSpec(rate, burst, operation), _owner=self)
        with self._lock:
            self._rules.append(rule)
        return rule

    def load(self, document: Any, name: str = "<fault rules>") -> list[Rule]:
        """Add rules from a rule mapping, a spec, or a list of them (see the module doc); all or
        none: a bad rule is a ValueError naming it, and nothing is added."""
        return self.extend(parse_rules(document, name))

    def extend(self, specs: Iterable[RuleSpec]) -> list[Rule]:
        """Add rules from specs (checked when they were made), in order."""
        with self._lock:
            added = [
                self._fault_rule(spec)
                if isinstance(spec, FaultSpec)
                else ThrottleRule(spec, _owner=self)
                for spec in specs
            ]
            self._rules.extend(added)
        return added

    def _fault_rule(self, spec: FaultSpec) -> FaultRule:
        # Each rule draws from its own generator, seeded by the mock's seed and the rule's
        # place among those added: a run fails the same calls every time.
        self._added += 1
        digest = hashlib.blake2b(
            f"{self._seed}|{self._added}".encode(), key=b"connect-mock/faults", digest_size=8
        ).digest()
        return FaultRule(spec, _rng=random.Random(int.from_bytes(digest, "big")), _owner=self)

    def specs(self) -> tuple[RuleSpec, ...]:
        """The rules' specs (what ``load`` and ``extend`` take), without their counters."""
        with self._lock:
            return tuple(rule.spec for rule in self._rules)

    def remove(self, rule: Rule) -> None:
        with self._lock:
            self._rules = [r for r in self._rules if r is not rule]

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules = []

    def __iter__(self) -> Iterator[Rule]:
        return iter(list(self._rules))

    def __len__(self) -> int:
        return len(self._rules)

    def decide(self, operation: str, account: str, region: str) -> Outcome | None:
        """The outcome of the first rule that fires for this call, if any."""
        now = self._clock.monotonic()
        with self._lock:
            for rule in self._rules:
                outcome = rule.apply(operation, account, region, now)
                if outcome is not None:
                    return outcome
        return None

    def unfired(self) -> list[FaultRule]:
        """Rules with ``times=N`` that fired fewer than N times."""
        return [
            rule
            for rule in self._rules
            if isinstance(rule, FaultRule) and rule.times is not None and rule.fired < rule.times
        ]


# --- the checks ------------------------------------------------------------------------------


def _check_target(spec: FaultSpec) -> frozenset[str] | None:
    """Check what the rule does to which operation; returns the operations an error for no
    operation in particular applies to (those whose model declares it)."""
    operations = declared_errors()
    _check_string("operation", spec.operation)
    _check_operation(spec.operation)
    if spec.outcome is not None:
        _check_outcome(spec.operation, spec.error, spec.outcome)
        return None
    if spec.error is None:
        if spec.latency == 0.0:
            raise ValueError("a fault rule needs an error, an outcome or a latency")
        return None
    _check_string("error", spec.error)
    if spec.operation is not None:
        allowed = operations[spec.operation]
        if spec.error not in allowed:
            raise ValueError(
                f"{spec.error!r} is not an error the model declares for {spec.operation}"
                f"{did_you_mean(spec.error, allowed)}; allowed: {', '.join(sorted(allowed))}"
            )
        return None
    only = declaring(spec.error)
    if not only:
        known = sorted({code for errors in operations.values() for code in errors})
        raise ValueError(
            f"{spec.error!r} is not an error the model declares for any operation the mock "
            f"answers{did_you_mean(spec.error, known)}; declared: {', '.join(known)}"
        )
    return only


def _check_operation(operation: str | None) -> None:
    operations = declared_errors()
    if operation is not None and operation not in operations:
        raise ValueError(
            f"unknown operation {operation!r}{did_you_mean(operation, operations)}; the mock "
            f"answers: {', '.join(operations)}"
        )


def _check_outcome(operation: str | None, error: str | None, outcome: object) -> None:
    if not isinstance(outcome, str):
        raise TypeError(f"outcome must be a string, not {type(outcome).__name__}")
    if outcome not in OUTCOMES:
        raise ValueError(
            f"outcome must be {' or '.join(map(repr, OUTCOMES))}, got {outcome!r}"
            f"{did_you_mean(outcome, OUTCOMES)}"
        )
    if error is not None:
        raise ValueError(
            f"a rule has an error (the call is refused) or an outcome (the call is accepted, "
            f"then fails), not both; got error={error!r} and outcome={outcome!r}"
        )
    if operation not in OUTCOME_OPERATIONS:
        named = "no operation" if operation is None else f"{operation}, which answers at once"
        raise ValueError(
            f"outcome={outcome!r} applies to the asynchronous operations, "
            f"{', '.join(OUTCOME_OPERATIONS)}: their resource shows how the call went; got "
            f"{named} (use error=... to refuse a call)"
        )


def _check_string(name: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")


def _check_count(name: str, value: object, *, allow_none: bool) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    minimum = 0 if name == "after" else 1
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if value > _MAXIMUM_COUNT:  # beyond it, str() of the count may itself fail
        raise ValueError(f"{name} must be at most {_MAXIMUM_COUNT} (2**63 - 1)")


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_float(value: float) -> float:
    """``value`` as a float: infinity for an int too large for one."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _shown(value: float) -> str:
    # str() of an int of more than 4,300 digits raises: name its size instead.
    if isinstance(value, int) and value.bit_length() >= 1000:
        return f"a {value.bit_length()}-bit int"
    return str(value)


def _probability(value: object) -> float:
    if not _is_number(value):
        raise TypeError(f"probability must be a number, not {type(value).__name__}")
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"probability must be between 0 and 1, got {_shown(value)}")
    return float(value)


def _latency(value: object) -> float:
    if not _is_number(value):
        raise TypeError(f"latency must be seconds (a number), not {type(value).__name__}")
    seconds = _as_float(value)
    if not (math.isfinite(seconds) and 0 <= seconds <= MAX_LATENCY):
        raise ValueError(
            f"latency must be a number of seconds from 0 to {MAX_LATENCY:g}, got {_shown(value)}"
        )
    return seconds


def _rate(value: object) -> float:
    if not _is_number(value):
        raise TypeError(f"rate must be a number, not {type(value).__name__}")
    rate = _as_float(value)
    if not (math.isfinite(rate) and rate > 0):
        raise ValueError(
            f"rate must be a positive number of requests per second, got {_shown(value)}"
        )
    return rate


def _check_keys(entry: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(entry) - set(allowed))
    if unknown:
        raise ValueError(
            f"unknown key(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(allowed)}"
        )
