"""``mock_connect``: moto's ``mock_aws`` plus connect_mock's configuration, as one object that is a
decorator, a context manager and ``start()``/``stop()``."""

from __future__ import annotations

import functools
import inspect
import unittest
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, overload

from . import runtime
from ._moto import aws_mock, isolate_transitions, moto_mock_active
from .backend import recorded_calls
from .config import OPTIONS, MockConfig, Options, refuse_unknown
from .core.calls import CallLog
from .core.clock import Clock
from .faults import Faults
from .inventory.fixtures import Inventories
from .inventory.sources import SourceNumbers
from .runtime import Runtime

if TYPE_CHECKING:
    # typing's own from Python 3.11: the package supports 3.10.
    from typing_extensions import Unpack

__all__ = ["ConnectMock", "current", "mock_connect"]

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

_BORROWED = object()  # the _aws of a mock started by plain mock_aws, not by us


def _nothing() -> None:
    pass


class ConnectMock:
    """A Connect phone-number mock and its controller.

    Its options are ``mock_connect``'s, declared once, with their types, in
    ``connect_mock.config.Options`` (the table in docs/api.md lists them).
    """

    def __init__(self, **options: Unpack[Options]) -> None:
        refuse_unknown(options, OPTIONS, "ConnectMock()")
        self._start_with(MockConfig.create(**options))

    @classmethod
    def _borrowing(cls, active: Runtime) -> ConnectMock:
        """A controller of a runtime that plain mock_aws serves with (started by moto)."""
        borrowed = cls.__new__(cls)
        borrowed._runtime = active
        borrowed._calls = CallLog(recorded_calls)
        borrowed._aws = _BORROWED
        return borrowed

    def _start_with(self, config: MockConfig) -> None:
        # The runtime exists before start(): cm.faults.add(...) and cm.clock work on it then.
        self._runtime = Runtime(config)
        self._runtime.controller = self
        self._calls = CallLog(recorded_calls)
        self._aws: Any = None
        self._restore_transitions: Callable[[], None] = _nothing

    @property
    def config(self) -> MockConfig:
        """The validated configuration this mock runs with."""
        return self._runtime.config

    @property
    def seed(self) -> int:
        return self.config.seed

    @property
    def search_limit(self) -> int:
        return self.config.search_limit

    @property
    def phone_number_quota(self) -> int:
        return self.config.phone_number_quota

    @property
    def inventories(self) -> Inventories:
        """The fixture numbers per (country, type) this mock was given."""
        return self.config.inventories

    @property
    def faults(self) -> Faults:
        """Fault rules: ``cm.faults.add(...)``, ``.throttle(...)``, ``.clear()``."""
        return self._runtime.faults

    @property
    def source_numbers(self) -> SourceNumbers:
        """AWS End User Messaging SMS numbers ImportPhoneNumber can import:
        ``cm.source_numbers.add("+18005550100", region="us-east-1").arn``."""
        return self._runtime.source_numbers

    @property
    def calls(self) -> CallLog:
        """Every Connect request answered since this mock started, in order."""
        return self._calls

    @property
    def clock(self) -> Clock:
        """The clock throttling, cooldowns and deadlines run on: ``cm.clock.advance(1.5)``."""
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
        # moto's state manager is process-wide: this mock starts on the default transitions
        # and leaves the ones it found.
        self._restore_transitions = isolate_transitions()
        runtime.push(self._runtime)
        self._calls.clear()
        return self

    def stop(self) -> None:
        """Stop mocking; moto's state goes with the outermost mock, as with mock_aws. With
        ``assert_all_faults_fired``, fails if a ``times=N`` rule fired fewer than N times."""
        self._stop(check_faults=True)

    def _stop(self, *, check_faults: bool) -> None:
        if self._aws is None:
            raise RuntimeError("stop() called on a mock_connect that is not started")
        if self._aws is _BORROWED:
            raise RuntimeError("this mock is plain mock_aws's: it stops when mock_aws does")
        aws, self._aws = self._aws, None
        runtime.remove(self._runtime)
        self._restore_transitions()
        aws.stop()
        if check_faults:
            self._runtime.check_faults_fired()

    def __enter__(self) -> ConnectMock:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        # A failing body is the news: the unfired-rules check would only hide it.
        self._stop(check_faults=kind is None)

    async def __aenter__(self) -> ConnectMock:
        return self.start()

    async def __aexit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._stop(check_faults=kind is None)

    def _fresh(self) -> ConnectMock:
        """An unstarted mock with this one's configuration and fault rules as they are now
        (rules added before decorating apply to every call, and so do source numbers), with
        fresh rule counters, clock and call log (one per decorated call); fixture files are not
        read again."""
        clone = ConnectMock.__new__(ConnectMock)
        clone._start_with(
            replace(
                self.config,
                fault_rules=self._runtime.faults.specs(),
                source_numbers=self._runtime.source_numbers.specs(),
            )
        )
        return clone

    @overload
    def __call__(self, target: type[T]) -> type[T]: ...
    @overload
    def __call__(self, target: F) -> F: ...
    def __call__(self, target: Any) -> Any:
        """Decorate a function (sync or async) or a test class."""
        if inspect.isclass(target):
            return _decorate_class(self, target)
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


def _call_hook(hook: Callable[..., Any], test: Any, method: Any) -> None:
    """pytest's rule: ``setup_method(self, method)`` or ``setup_method(self)``."""
    try:
        takes_method = len(inspect.signature(hook).parameters) >= 2
    except (TypeError, ValueError):  # no signature: pass it, as pytest does
        takes_method = True
    if takes_method:
        hook(test, method)
    else:
        hook(test)


def _decorate_class(mock: ConnectMock, klass: type[T]) -> type[T]:
    if issubclass(klass, unittest.TestCase):
        # setUp, the test and tearDown must all see the same mock, as with mock_aws.
        original_setup = klass.setUp

        def setUp(test: unittest.TestCase) -> None:
            running = mock._fresh().start()
            test.addCleanup(running.stop)
            original_setup(test)

        klass.setUp = setUp  # type: ignore[method-assign,assignment]
        return klass
    setup = getattr(klass, "setup_method", None)
    if setup is None:
        for name, attribute in list(vars(klass).items()):
            if name.startswith("test") and inspect.isfunction(attribute):
                setattr(klass, name, mock(attribute))
        return klass
    # pytest's setup_method, the test and teardown_method share one mock.
    teardown = getattr(klass, "teardown_method", None)

    def setup_method(test: Any, method: Any = None) -> None:
        running = mock._fresh().start()
        test._connect_mock = running
        try:
            _call_hook(setup, test, method)
        except BaseException:
            # pytest runs no teardown_method after a failed setup_method.
            running._stop(check_faults=False)
            raise

    def teardown_method(test: Any, method: Any = None) -> None:
        try:
            if teardown is not None:
                _call_hook(teardown, test, method)
        finally:
            test._connect_mock.stop()

    klass.setup_method = setup_method  # type: ignore[attr-defined]
    klass.teardown_method = teardown_method  # type: ignore[attr-defined]
    return klass


def current() -> ConnectMock:
    """The running mock (the innermost one): in decorated functions and classes, context
    managers, the ``connect_mock`` fixture and plain ``mock_aws`` tests alike."""
    if runtime.started() or moto_mock_active():
        active = runtime.in_force()
        if isinstance(active.controller, ConnectMock):
            return active.controller
        # Plain mock_aws (or a server in this process): the mock its requests are answered by.
        return ConnectMock._borrowing(active)
    raise RuntimeError(
        "no connect_mock is running: decorate the test with @mock_connect or @mock_aws, use "
        "'with mock_connect() as cm:', or take the connect_mock fixture"
    )


@overload
def mock_connect(target: F, /) -> F: ...
@overload
def mock_connect(**options: Unpack[Options]) -> ConnectMock: ...
def mock_connect(target: Any = None, /, **options: Any) -> Any:
    """Mock Amazon Connect's phone-number APIs (and, through moto, all of AWS).

    Use bare (``@mock_connect``), with options (``@mock_connect(seed=7)``), as a context manager
    (``with mock_connect(seed=7) as cm:``) or with ``start()``/``stop()``.
    """
    if target is None:
        refuse_unknown(options, OPTIONS, "mock_connect()")
        return ConnectMock(**options)
    if options:
        raise TypeError("use either @mock_connect or @mock_connect(**options), not both")
    return ConnectMock()(target)
