"""Fault injection: ordered rules that fail, delay or throttle Connect calls.

A rule's JSON form (fault files, ``mock_connect(faults=...)``,
``POST /moto-api/connect-mock/faults``) uses the keyword names of ``Faults.add``:
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
from dataclasses import dataclass, field
from typing import Any, Union

from .core.clock import Clock
from .core.files import read_documents
from .core.names import did_you_mean
from .core.operations import connect_regions

__all__ = ["MAX_LATENCY", "FaultRule", "FaultSource", "Faults", "ThrottleRule", "read_fault_rules"]

# Longer than any SDK waits for an answer (boto3 reads for 60 s): a rule never holds a server
# thread for ever, and time.sleep never overflows.
MAX_LATENCY = 300.0
_MAXIMUM_COUNT = 2**63 - 1

FaultSource = Union[
    str,
    "os.PathLike[str]",
    Mapping[str, Any],
    Iterable[Union[str, "os.PathLike[str]", Mapping[str, Any]]],
]

DEFAULT_MESSAGES = {
    "ThrottlingException": "Rate exceeded",
    "InternalServiceException": "Request processing failed because of an error or failure "
    "with the service.",
    "AccessDeniedException": "You do not have sufficient permissions to perform this action.",
}
# The asynchronous operations: they answer 200, then the resource shows how it went
# (DescribePhoneNumber's PhoneNumberStatus). An outcome rule makes that FAILED. The backend reads
# the decision from Context.injected_failure; ImportPhoneNumber joins with one line here once
# its backend does the same.
OUTCOME_OPERATIONS = (
    "ClaimPhoneNumber",
    "ImportPhoneNumber",
    "UpdatePhoneNumber",
    "UpdatePhoneNumberMetadata",
)
OUTCOMES = ("FAILED",)
RULE_KEYS = (
    "operation",
    "error",
    "outcome",
    "times",
    "after",
    "probability",
    "latency",
    "message",
    "region",
    "account",
)
THROTTLE_KEYS = ("rate", "burst", "operation")


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
    """One injected fault. ``fired`` counts the calls it changed; ``remove()`` drops it."""

    operation: str | None
    error: str | None
    times: int | None
    after: int
    probability: float
    latency: float
    message: str | None
    region: str | None
    account: str | None
    outcome: str | None = None
    # With operation None and an error: only the operations whose model declares that error.
    declaring: frozenset[str] | None = field(repr=False, default=None)
    matched: int = 0
    fired: int = 0
    _rng: random.Random = field(repr=False, default_factory=random.Random)
    _owner: Faults | None = field(repr=False, default=None)

    def matches(self, operation: str, account: str, region: str) -> bool:
        return (
            (self.operation is None or self.operation == operation)
            and (self.declaring is None or operation in self.declaring)
            and (self.region is None or self.region == region)
            and (self.account is None or self.account == account)
        )

    def apply(self, operation: str, account: str, region: str, now: float) -> Outcome | None:
        if not self.matches(operation, account, region):
            return None
        self.matched += 1
        if self.matched <= self.after:
            return None
        if self.times is not None and self.fired >= self.times:
            return None
        # Draw only for calls the rule could fire on, so earlier rules do not shift the sequence.
        if self.probability < 1.0 and self._rng.random() >= self.probability:
            return None
        self.fired += 1
        if self.outcome is not None:
            failure = self.message or f"{operation} {self.outcome} (injected by connect_mock)"
            return Outcome(self.latency, None, failure, failure=failure, rule=self)
        message = self.message or DEFAULT_MESSAGES.get(
            self.error or "", f"{self.error} injected by connect_mock"
        )
        return Outcome(self.latency, self.error, message)

    def unfire(self) -> None:
        """The call it fired on was refused for another reason: the outcome never applied."""
        if self._owner is not None:
            with self._owner._lock:
                self.fired -= 1

    def remove(self) -> None:
        """Stop this rule from matching anything more."""
        if self._owner is not None:
            self._owner.remove(self)

    def spec(self) -> dict[str, Any]:
        """The rule as ``Faults.load`` takes it."""
        return {key: getattr(self, key) for key in RULE_KEYS}

    def to_json(self) -> dict[str, Any]:
        return {**self.spec(), "matched": self.matched, "fired": self.fired}


@dataclass(eq=False)
class ThrottleRule:
    """A token bucket per account, Region and operation on the mock's virtual clock."""

    rate: float
    burst: int
    operation: str | None
    throttled: int = 0
    _buckets: dict[tuple[str, str, str], tuple[float, float]] = field(
        default_factory=dict, repr=False
    )
    _owner: Faults | None = field(repr=False, default=None)

    def apply(self, operation: str, account: str, region: str, now: float) -> Outcome | None:
        if self.operation is not None and self.operation != operation:
            return None
        key = (account, region, operation)
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            return None
        self._buckets[key] = (tokens, now)
        self.throttled += 1
        return Outcome(0.0, "ThrottlingException", DEFAULT_MESSAGES["ThrottlingException"])

    def remove(self) -> None:
        if self._owner is not None:
            self._owner.remove(self)

    def spec(self) -> dict[str, Any]:
        """The rule as ``Faults.load`` takes it."""
        return {"throttle": {key: getattr(self, key) for key in THROTTLE_KEYS}}

    def to_json(self) -> dict[str, Any]:
        return {**self.spec(), "throttled": self.throttled}


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
        from .core.operations import declared_errors, declaring

        operations = declared_errors()
        _check_operation(operation, operations)
        only: frozenset[str] | None = None
        if outcome is not None:
            _check_outcome(operation, error, outcome)
        elif error is not None and operation is not None:
            allowed = operations[operation]
            if error not in allowed:
                raise ValueError(
                    f"{error!r} is not an error the model declares for {operation}"
                    f"{did_you_mean(error, allowed)}; allowed: {', '.join(sorted(allowed))}"
                )
        elif error is not None:
            only = declaring(error)
            if not only:
                known = sorted({code for errors in operations.values() for code in errors})
                raise ValueError(
                    f"{error!r} is not an error the model declares for any operation the mock "
                    f"answers{did_you_mean(error, known)}; declared: {', '.join(known)}"
                )
        elif latency == 0.0:
            raise ValueError("a fault rule needs an error, an outcome or a latency")
        _check_count("times", times, allow_none=True)
        _check_count("after", after, allow_none=False)
        if isinstance(probability, bool) or not isinstance(probability, int | float):
            raise TypeError(f"probability must be a number, not {type(probability).__name__}")
        if not 0.0 <= probability <= 1.0:
            raise ValueError(f"probability must be between 0 and 1, got {probability}")
        if isinstance(latency, bool) or not isinstance(latency, int | float):
            raise TypeError(f"latency must be seconds (a number), not {type(latency).__name__}")
        if not (math.isfinite(latency) and 0 <= latency <= MAX_LATENCY):
            raise ValueError(
                f"latency must be a number of seconds from 0 to {MAX_LATENCY:g}, got {latency}"
            )
        for name, value in (("message", message), ("region", region), ("account", account)):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{name} must be a string, not {type(value).__name__}")
        if region is not None and region not in connect_regions():
            raise ValueError(
                f"region {region!r} has no Amazon Connect; Regions with Connect: "
                + ", ".join(connect_regions())
            )
        if account is not None and not (len(account) == 12 and account.isdigit()):
            raise ValueError(f"account must be a 12-digit AWS account ID, got {account!r}")
        with self._lock:
            self._added += 1
            digest = hashlib.blake2b(
                f"{self._seed}|{self._added}".encode(), key=b"connect-mock/faults", digest_size=8
            ).digest()
            rule = FaultRule(
                operation=operation,
                error=error,
                times=times,
                after=after,
                probability=float(probability),
                latency=float(latency),
                message=message,
                region=region,
                account=account,
                outcome=outcome,
                declaring=only,
                _rng=random.Random(int.from_bytes(digest, "big")),
                _owner=self,
            )
            self._rules.append(rule)
        return rule

    def throttle(
        self, rate: float = 2.0, burst: int = 5, operation: str | None = None
    ) -> ThrottleRule:
        """Amazon Connect's API throttling: ``rate`` requests/s refilling a bucket of ``burst``,
        per account, Region and operation, on the mock's virtual clock (``cm.clock``)."""
        from .core.operations import declared_errors

        _check_operation(operation, declared_errors())
        if isinstance(rate, bool) or not isinstance(rate, int | float):
            raise TypeError(f"rate must be a number, not {type(rate).__name__}")
        if not (math.isfinite(rate) and rate > 0):
            raise ValueError(f"rate must be a positive number of requests per second, got {rate}")
        _check_count("burst", burst, allow_none=False)
        rule = ThrottleRule(rate=float(rate), burst=burst, operation=operation, _owner=self)
        with self._lock:
            self._rules.append(rule)
        return rule

    def load(self, document: Any, name: str = "<fault rules>") -> list[Rule]:
        """Add rules from a rule mapping or a list of them (see the module doc); all or none."""
        entries = [document] if isinstance(document, Mapping) else document
        if not isinstance(entries, list | tuple):
            raise ValueError(f"{name}: expected a rule object or a list of rule objects")
        added: list[Rule] = []
        for index, entry in enumerate(entries):
            where = f"{name}[{index}]"
            if not isinstance(entry, Mapping):
                raise ValueError(f"{where}: expected a rule object")
            try:
                if "throttle" in entry:
                    extra = set(entry) - {"throttle"}
                    options = entry["throttle"]
                    if extra or not isinstance(options, Mapping):
                        raise ValueError(
                            'a throttle rule is {"throttle": {rate, burst, operation}}'
                        )
                    _check_keys(options, THROTTLE_KEYS)
                    added.append(self.throttle(**options))
                else:
                    _check_keys(entry, RULE_KEYS)
                    added.append(self.add(**entry))
            except (TypeError, ValueError) as exc:
                for rule in added:
                    self.remove(rule)
                raise ValueError(f"{where}: {exc}") from None
        return added

    def specs(self) -> tuple[dict[str, Any], ...]:
        """The rules as ``load`` takes them, without their counters."""
        with self._lock:
            return tuple(rule.spec() for rule in self._rules)

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


def read_fault_rules(source: FaultSource | None) -> tuple[Mapping[str, Any], ...]:
    """The rule documents of a fault source: a JSON file, a rule mapping, or a list of rule
    mappings and files (``serve --faults A --faults B``), in order.

    Raises ValueError naming the file and the rule of the first problem."""
    return read_documents(source, "fault", "<fault rules>", _checked_rules)


def _checked_rules(document: Any, name: str) -> tuple[Mapping[str, Any], ...]:
    Faults(0, Clock()).load(document, name)  # checks every rule
    return tuple([document] if isinstance(document, Mapping) else document)


def _check_operation(operation: str | None, operations: Mapping[str, object]) -> None:
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


def _check_keys(entry: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(entry) - set(allowed))
    if unknown:
        raise ValueError(
            f"unknown key(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(allowed)}"
        )
