"""pytest plugin (registered through ``pytest11``): importing connect_mock makes plain ``mock_aws``
tests serve its operations; fixtures ``connect_mock`` and ``connect_instance``; marker
``@pytest.mark.connect_mock(**mock_connect options)``; option ``--connect-mock-seed``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest

from . import _settings
from .mock import ConnectMock

_OPTIONS = "seed, fixtures, search_limit, phone_number_quota, faults, assert_all_faults_fired"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("connect_mock").addoption(
        "--connect-mock-seed",
        type=int,
        default=None,
        help="seed for connect_mock inventories (also for plain mock_aws); default "
        "$CONNECT_MOCK_SEED or 0",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"connect_mock({_OPTIONS}): configure the connect_mock fixture (mock_connect's options)",
    )
    seed = config.getoption("connect_mock_seed")
    if seed is not None:
        _settings.set_default(_settings.Settings(seed=seed))


def pytest_unconfigure(config: pytest.Config) -> None:
    if config.getoption("connect_mock_seed") is not None:
        _settings.set_default(None)


@pytest.fixture
def connect_mock(request: pytest.FixtureRequest) -> Iterator[ConnectMock]:
    """An active mock_connect (moto's mock_aws included); the marker sets its options."""
    options: dict[str, Any] = {"seed": request.config.getoption("connect_mock_seed")}
    marker = request.node.get_closest_marker("connect_mock")
    if marker is not None:
        if marker.args:
            raise TypeError(f"@pytest.mark.connect_mock takes keyword arguments only ({_OPTIONS})")
        options.update(marker.kwargs)
    try:
        mock = ConnectMock(**options)
    except TypeError as error:
        raise TypeError(
            f"@pytest.mark.connect_mock: {error}; it takes mock_connect's options: {_OPTIONS}"
        ) from None
    with mock:
        yield mock


class ConnectInstance(NamedTuple):
    """A boto3 Connect client and an instance created in the mock, ready to search."""

    client: Any
    instance_id: str
    instance_arn: str


@pytest.fixture
def connect_instance(connect_mock: ConnectMock) -> ConnectInstance:
    """A Connect client in us-east-1 and a freshly created instance (inside connect_mock)."""
    import boto3

    client = boto3.client("connect", region_name="us-east-1")
    created = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="connect-mock-test",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return ConnectInstance(client, created["Id"], created["Arn"])
