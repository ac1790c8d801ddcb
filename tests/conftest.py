from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import botocore.loaders
import botocore.session
import pytest

from connect_mock import RemoteConnectMock, mock_connect
from connect_mock.plugin import ConnectInstance
from tests.helpers import WallTime, connect_client


@pytest.fixture(scope="session", autouse=True)
def _one_botocore_loader() -> Iterator[None]:
    """Every botocore session of a test process shares one data loader. moto's ``mock_aws`` gives
    each mock a new boto3 default session, whose own loader parsed the service models' JSON again
    for every test's first client (most of what the ``connect_instance`` fixture cost). A loader
    caches what it reads and hands every session the same objects, as one session's clients
    already share them."""
    shared = functools.cache(botocore.loaders.create_loader)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(botocore.session, "create_loader", shared)
        yield


@pytest.fixture
def wall_time(monkeypatch: pytest.MonkeyPatch) -> WallTime:
    """Real clocks made in this test read their wall time from the returned ``WallTime``."""
    from connect_mock.core import clock

    wall = WallTime()
    monkeypatch.setattr(clock, "time", wall)
    return wall


@pytest.fixture
def lax_client(connect_instance: ConnectInstance) -> Any:
    """A Connect client that skips botocore's own checks, as other SDKs and raw HTTP do."""
    return connect_client(lax=True)


@pytest.fixture
def search(connect_instance: ConnectInstance) -> Any:
    """search(**params) on the test instance, defaulting to US DID."""

    def run(**params: Any) -> dict[str, Any]:
        query: dict[str, Any] = {
            "InstanceId": connect_instance.instance_id,
            "PhoneNumberCountryCode": "US",
            "PhoneNumberType": "DID",
        }
        query.update(params)
        result: dict[str, Any] = connect_instance.client.search_available_phone_numbers(**query)
        return result

    return run


@pytest.fixture
def unmeasured_subprocesses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The processes the test starts run without coverage (`make unit` measures every Python
    process through COVERAGE_PROCESS_CONFIG, [coverage:run] patch = subprocess). For tests that
    start many processes to prove something of processes (start-up, signals, xdist, a wheel):
    the code they run is measured in-process by other tests, and measuring each process costs
    ~0.4 CPU-s more, ~15 s of `make unit` over those files."""
    monkeypatch.delenv("COVERAGE_PROCESS_CONFIG", raising=False)


@pytest.fixture(params=["in_process", "server"])
def server_endpoint(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """Each test twice: inside a fresh in-process mock_connect (None), and against the
    session's server, reset (its endpoint)."""
    if request.param == "server":
        server: RemoteConnectMock = request.getfixturevalue("connect_server")
        yield server.endpoint
    else:
        with mock_connect():
            yield None


# The files whose tests take longest (Terraform, pytest sessions in subprocesses, servers raced
# by threads, hypothesis): collected first. xdist hands tests out in collection order, so one of
# them collected last kept a worker busy alone at the end of the run. Only an order: a name that
# goes stale costs time, not a test.
LONGEST_FIRST = (
    "test_terraform.py",
    "test_xdist_determinism.py",
    "test_plugin_startup.py",
    "test_concurrency.py",
    "test_fuzz_control.py",
    "test_contract.py",
    "test_determinism.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: order kept within
