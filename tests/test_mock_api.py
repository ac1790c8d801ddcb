"""mock_connect: decorator (bare and with options, functions, async, classes), context manager,
start()/stop(), nesting with moto's mock_aws."""

from __future__ import annotations

import asyncio
import importlib.metadata
import unittest
from typing import Any

import pytest
from moto import mock_aws

import connect_mock
from connect_mock import ConnectMock, mock_connect
from tests.helpers import connect_client, create_instance, expected_numbers, search_numbers


def _first_numbers(count: int = 3) -> list[str]:
    """The first US DID numbers the active mock offers a new instance."""
    client = connect_client()
    instance_id, _ = create_instance(client, "api")
    return search_numbers(client, instance_id, MaxResults=count)


def _seeded(seed: int) -> list[str]:
    """What a fresh mock with ``seed`` offers first, computed without any mock."""
    return expected_numbers(seed, 3)


def test_context_manager_yields_the_controller() -> None:
    with mock_connect(seed=7, search_limit=30) as cm:
        assert isinstance(cm, ConnectMock)
        assert (cm.seed, cm.search_limit, cm.started) == (7, 30, True)
        assert _first_numbers() == _seeded(7)
    assert not cm.started


def test_start_and_stop() -> None:
    cm = mock_connect(seed=3)
    assert cm.start() is cm
    try:
        assert _first_numbers() == _seeded(3)
    finally:
        cm.stop()
    assert repr(cm) == "<ConnectMock seed=3 search_limit=100 stopped>"


def test_starting_twice_or_stopping_unstarted_says_what_to_do() -> None:
    cm = mock_connect()
    with pytest.raises(RuntimeError, match="not started"):
        cm.stop()
    with cm, pytest.raises(RuntimeError, match="already started; stop\\(\\) it first"):
        cm.start()


@mock_connect
def test_bare_decorator() -> None:
    assert _first_numbers() == _seeded(0)


@mock_connect(seed=11)
def test_decorator_with_options() -> None:
    assert _first_numbers() == _seeded(11)


def test_decorated_function_keeps_name_and_result() -> None:
    @mock_connect(seed=2)
    def work(count: int) -> list[str]:
        """Search, then claim the first number found."""
        client = connect_client()
        instance_id, _ = create_instance(client, "work")
        found = search_numbers(client, instance_id, MaxResults=count)
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=found[0])
        return found

    assert (work.__name__, work.__doc__) == ("work", "Search, then claim the first number found.")
    assert work(2) == expected_numbers(2, 2)
    # Each call gets a fresh, started mock: the first call's claim is not in the second's.
    assert work(2) == expected_numbers(2, 2)


def test_async_functions_can_be_decorated() -> None:
    @mock_connect(seed=5)
    async def work() -> list[str]:
        return _first_numbers()

    assert asyncio.run(work()) == _seeded(5)


@mock_connect(seed=13)
class TestDecoratedClass:
    def test_method_runs_inside_the_mock(self) -> None:
        assert _first_numbers() == _seeded(13)

    def helper(self) -> str:
        return "left alone"

    def test_helpers_are_not_wrapped(self) -> None:
        assert self.helper() == "left alone"


def test_unittest_classes_see_the_mock_in_setup() -> None:
    seen: dict[str, Any] = {}

    @mock_connect(seed=17)
    class Case(unittest.TestCase):
        def setUp(self) -> None:
            self.client = connect_client()
            self.instance_id, _ = create_instance(self.client, "setup")
            seen["setup"] = search_numbers(self.client, self.instance_id, MaxResults=3)

        def test_it(self) -> None:
            # The instance made in setUp: the same mock, not merely the same seed.
            seen["test"] = search_numbers(self.client, self.instance_id, MaxResults=3)

    result = unittest.TextTestRunner(stream=open("/dev/null", "w")).run(  # noqa: SIM115
        unittest.defaultTestLoader.loadTestsFromTestCase(Case)
    )
    assert result.wasSuccessful(), result.errors + result.failures
    assert seen["setup"] == seen["test"] == _seeded(17)


def test_nesting_inside_mock_aws_keeps_its_state() -> None:
    with mock_aws():
        client = connect_client()
        instance_id, _ = create_instance(client, "outer")
        with mock_connect(seed=21):
            inner = search_numbers(client, instance_id, MaxResults=3)
        after = search_numbers(client, instance_id, MaxResults=3)
    assert inner == _seeded(21)
    assert after == _seeded(0)  # the inner mock's seed ends with it


def test_the_innermost_mock_connect_wins() -> None:
    with mock_connect(seed=1):
        with mock_connect(seed=2):
            assert _first_numbers() == _seeded(2)
        assert _first_numbers() == _seeded(1)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"seed": "7"}, TypeError, "seed must be an int, not str"),
        ({"seed": True}, TypeError, "seed must be an int, not bool"),
        ({"search_limit": 0}, ValueError, "search_limit must be at least 1, got 0"),
        ({"search_limit": 2.5}, TypeError, "search_limit must be an int, not float"),
        ({"sede": 1}, TypeError, "unexpected keyword argument 'sede'"),
    ],
)
def test_bad_options_raise_typed_errors(
    options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        mock_connect(**options)


def test_bare_decorator_with_options_is_refused() -> None:
    with pytest.raises(TypeError, match="either @mock_connect or @mock_connect"):
        mock_connect(lambda: None, seed=1)  # type: ignore[call-overload]


def test_decorating_a_non_callable_is_refused() -> None:
    with pytest.raises(TypeError, match="decorates functions and classes, not int"):
        mock_connect(seed=1)(42)  # type: ignore[call-overload]


def test_importing_twice_registers_once() -> None:
    from moto.connect import urls as moto_urls

    from connect_mock._moto import register_connect
    from connect_mock.wire.handler import handle
    from connect_mock.wire.intercept import intercept
    from connect_mock.wire.urls import PATHS

    before = dict(moto_urls.url_paths)
    register_connect(PATHS, handle, intercept)
    assert moto_urls.url_paths == before
    ours = [path for path in moto_urls.url_paths if path in PATHS]
    assert ours == list(moto_urls.url_paths)[: len(PATHS)]
    # Every Connect handler, moto's included, passes through the interceptor exactly once.
    for handler in moto_urls.url_paths.values():
        assert getattr(handler, "__connect_mock__", False)
        assert not getattr(getattr(handler, "__wrapped__", None), "__connect_mock__", False)


def test_the_version_is_the_installed_distributions() -> None:
    # setup.cfg reads the version from connect_mock.__version__; the installed metadata must
    # agree (a stale install, or a version set in two places, would not).
    assert connect_mock.__version__ == importlib.metadata.version("connect_mock")


@mock_connect(seed=19)
class TestSetupMethodSharesTheMock:
    def setup_method(self, method: Any) -> None:
        self.client = connect_client()
        self.instance_id, _ = create_instance(self.client, "setup-method")

    def teardown_method(self, method: Any) -> None:
        # Still inside the mock: the instance made in setup_method is there.
        listed = self.client.list_instances()["InstanceSummaryList"]
        assert self.instance_id in [instance["Id"] for instance in listed]

    def test_the_instance_from_setup_is_usable(self) -> None:
        assert search_numbers(self.client, self.instance_id, MaxResults=3) == _seeded(19)

    def test_each_test_starts_afresh(self) -> None:
        # What pytest does between two tests of this class, here within one test so that it
        # does not depend on which tests ran before (or on which xdist worker): teardown, setup.
        first = self.instance_id
        self.client.claim_phone_number(InstanceId=first, PhoneNumber=_seeded(19)[0])
        self.teardown_method(None)
        self.setup_method(None)
        listed = self.client.list_instances()["InstanceSummaryList"]
        assert [instance["Id"] for instance in listed] == [self.instance_id] != [first]
        assert search_numbers(self.client, self.instance_id, MaxResults=3) == _seeded(19)
