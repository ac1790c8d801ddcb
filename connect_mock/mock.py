"""``mock_connect``: moto's ``mock_aws`` plus connect_mock's configuration, as one object that is a
decorator, a context manager and ``start()``/``stop()``."""

from __future__ import annotations

import functools
import inspect
import unittest
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

from . import runtime
from ._moto import aws_mock
from .backend import recorded_calls
from .config import DEFAULT_PHONE_NUMBER_QUOTA, DEFAULT_SEARCH_LIMIT, MockConfig
from .core.calls import CallLog
from .core.clock import Clock
from .faults import Faults, FaultSource
from .inventory.fixtures import FixtureSource, Inventories
from .runtime import Runtime

__all__ = ["ConnectMock", "mock_connect"]

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class ConnectMock:
    """A Connect phone-number mock and its controller.

    ``seed`` fixes the inventories (default: $CONNECT_MOCK_SEED, else 0); ``fixtures`` are JSON
    files or mappings of explicit numbers (see docs/behaviour.md); ``search_limit`` is how
    many results one query hands out over all its pages before its NextTokens stop, so that
    auto-paginators finish; ``phone_number_quota`` is how many numbers one instance or traffic
    distribution group may hold (a claim over it ends FAILED); ``faults`` are fault rules (a JSON
    file, a rule mapping or a list); with ``assert_all_faults_fired`` a rule with ``times=N`` that
    fired fewer than N times fails ``stop()``.
    """

    def __init__(
        self,
        *,
        seed: int | None = None,
        fixtures: FixtureSource | Iterable[FixtureSource] | None = None,
        search_limit: int = DEFAULT_SEARCH_LIMIT,
        phone_number_quota: int = DEFAULT_PHONE_NUMBER_QUOTA,
        faults: FaultSource | None = None,
        assert_all_faults_fired: bool = False,
    ) -> None:
        self._start_with(
            MockConfig.create(
                seed=seed,
                fixtures=fixtures,
                search_limit=search_limit,
                phone_number_quota=phone_number_quota,
                faults=faults,
                assert_all_faults_fired=assert_all_faults_fired,
            )
        )

    def _start_with(self, config: MockConfig) -> None:
        self._config = config
        # The runtime exists before start(): cm.faults.add(...) and cm.clock work on it then.
        self._runtime = Runtime(config)
        self._calls = CallLog(recorded_calls)
        self._aws: Any = None

    @property
    def config(self) -> MockConfig:
        """The validated configuration this mock runs with."""
        return self._config

    @property
    def seed(self) -> int:
        return self._config.seed

    @property
    def search_limit(self) -> int:
        return self._config.search_limit

    @property
    def phone_number_quota(self) -> int:
        return self._config.phone_number_quota

    @property
    def inventories(self) -> Inventories:
        """The fixture numbers per (country, type) this mock was given."""
        return self._config.inventories

    @property
    def faults(self) -> Faults:
        """Fault rules: ``cm.faults.add(...)``, ``.throttle(...)``, ``.clear()``."""
        return self._runtime.faults

    @property
    def calls(self) -> CallLog:
        """Every Connect request answered since this mock started, in order."""
        return self._calls

    @property
    def clock(self) -> Clock:
        """The virtual clock throttling runs on: ``cm.clock.advance(1.5)``."""
        return self._runtime.clock

    @property
    def started(self) -> bool:
        return self._aws is not None

    def __repr__(self) -> str:
        state = "started" if self.started else "stopped"
        return f"<ConnectMock seed={self.seed} search_limit={self.search_limit} {state}>"

    def start(self) -> ConnectMock:
        """Start mocking (moto's mock_aws included); returns self."""
        if self._aws is not None:
            raise RuntimeError(
                "this mock_connect is already started; stop() it first, or create another "
                "mock_connect(...) to nest"
            )
        aws = aws_mock()
        aws.start()
        self._aws = aws
        runtime.push(self._runtime)
        self._calls._mark()
        return self

    def stop(self) -> None:
        """Stop mocking; moto's state goes with the outermost mock, as with mock_aws."""
        if self._aws is None:
            raise RuntimeError("stop() called on a mock_connect that is not started")
        aws, self._aws = self._aws, None
        runtime.remove(self._runtime)
        aws.stop()
        unfired = self.faults.unfired() if self._config.assert_all_faults_fired else []
        if unfired:
            listed = "; ".join(
                f"{rule.operation or 'any operation'} {rule.error or 'latency'} "
                f"fired {rule.fired} of {rule.times} time(s)"
                for rule in unfired
            )
            raise AssertionError(
                f"fault rule(s) with times=N did not fire N times: {listed}. Pass "
                "assert_all_faults_fired=False to mock_connect (or the connect_mock marker) to "
                "turn this check off."
            )

    def __enter__(self) -> ConnectMock:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _fresh(self) -> ConnectMock:
        """An unstarted mock with the same configuration and new fault rules, clock and call
        log (one per decorated call); fixture files are not read again."""
        clone = ConnectMock.__new__(ConnectMock)
        clone._start_with(self._config)
        return clone

    @overload
    def __call__(self, target: type[T]) -> type[T]: ...
    @overload
    def __call__(self, target: F) -> F: ...
    def __call__(self, target: Any) -> Any:
        """Decorate a function (sync or async) or a test class."""
        if inspect.isclass(target):
            return self._decorate_class(target)
        if not callable(target):
            raise TypeError(
                f"mock_connect decorates functions and classes, not {type(target).__name__}"
            )
        if inspect.iscoroutinefunction(target):

            @functools.wraps(target)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with self._fresh():
                    return await target(*args, **kwargs)

            return run_async

        @functools.wraps(target)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self._fresh():
                return target(*args, **kwargs)

        return run

    def _decorate_class(self, klass: type[T]) -> type[T]:
        if issubclass(klass, unittest.TestCase):
            # setUp, the test and tearDown must all see the same mock, as with mock_aws.
            original_setup = klass.setUp

            def setUp(test: unittest.TestCase) -> None:
                mock = self._fresh().start()
                test.addCleanup(mock.stop)
                original_setup(test)

            klass.setUp = setUp  # type: ignore[method-assign,assignment]
            return klass
        setup = getattr(klass, "setup_method", None)
        if setup is not None:
            # pytest's setup_method, the test and teardown_method share one mock.
            teardown = getattr(klass, "teardown_method", None)

            def setup_method(test: Any, method: Any = None) -> None:
                test._connect_mock = self._fresh().start()
                setup(test, method)

            def teardown_method(test: Any, method: Any = None) -> None:
                try:
                    if teardown is not None:
                        teardown(test, method)
                finally:
                    test._connect_mock.stop()

            klass.setup_method = setup_method  # type: ignore[attr-defined]
            klass.teardown_method = teardown_method  # type: ignore[attr-defined]
            return klass
        for name, attribute in list(vars(klass).items()):
            if name.startswith("test") and inspect.isfunction(attribute):
                setattr(klass, name, self(attribute))
        return klass


@overload
def mock_connect(target: F, /) -> F: ...
@overload
def mock_connect(
    *,
    seed: int | None = None,
    fixtures: FixtureSource | Iterable[FixtureSource] | None = None,
    search_limit: int = DEFAULT_SEARCH_LIMIT,
    phone_number_quota: int = DEFAULT_PHONE_NUMBER_QUOTA,
    faults: FaultSource | None = None,
    assert_all_faults_fired: bool = False,
) -> ConnectMock: ...
def mock_connect(target: Any = None, /, **options: Any) -> Any:
    """Mock Amazon Connect's phone-number APIs (and, through moto, all of AWS).

    Use bare (``@mock_connect``), with options (``@mock_connect(seed=7)``), as a context manager
    (``with mock_connect(seed=7) as cm:``) or with ``start()``/``stop()``.
    """
    if target is None:
        return ConnectMock(**options)
    if options:
        raise TypeError("use either @mock_connect or @mock_connect(**options), not both")
    return ConnectMock()(target)
