"""pytest plugin (registered through ``pytest11``): importing connect_mock makes plain ``mock_aws``
tests serve its operations; fixtures ``connect_mock_controller`` (``connect_mock``, its
deprecated alias), ``connect_instance`` and ``connect_server``; marker
``@pytest.mark.connect_mock(**mock_connect options)``; option ``--connect-mock-seed``.

pytest imports this module when it starts, before any conftest.py or pytest-env runs: it imports
nothing of moto or botocore (pytest, the standard library and connect_mock's light modules), so
that moto reads its settings (``S3_UPLOAD_PART_MIN_SIZE``, ``MOTO_ENABLE_AMI_VALIDATION``...) when
the suite imports moto, as without the plugin, and a suite that never uses moto starts as fast
as without it. Keep module-level imports here light (tests/test_plugin_startup.py checks); the
fixtures import the rest when a test uses them.

How our operations reach plain ``mock_aws`` tests is ``connect_mock._moto.after_routes_load``'s
job: an import hook, installed by ``import connect_mock``, adds them to moto's Connect routes
right after moto imports them. We chose that over registering from a pytest hook before each
test: it also serves a moto server that a conftest starts before the first test, code that
imports moto outside pytest's hooks, and plain scripts, with one mechanism; and a re-imported
routes module (pytester's in-process runs drop modules) gets ours again.
"""

from __future__ import annotations

import argparse
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

# Light: config imports no moto or botocore (see the module docstring).
from .config import OPTIONS, MockConfig, set_session_seed, suggest

if TYPE_CHECKING:
    from .control.remote import RemoteConnectMock
    from .mock import ConnectMock

_OPTIONS = ", ".join(OPTIONS)
_PREVIOUS_SEED = pytest.StashKey[int | None]()


def _seed(text: str) -> int:
    """--connect-mock-seed's type: a usage error, not a crash, for a seed out of range."""
    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}") from None
    try:
        MockConfig(seed=seed)  # the same check and message as everywhere else
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return seed


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("connect_mock").addoption(
        "--connect-mock-seed",
        type=_seed,
        default=None,
        help="seed for connect_mock inventories (also for plain mock_aws); default "
        "$CONNECT_MOCK_SEED or 0",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"connect_mock({_OPTIONS}): configure the connect_mock_controller and connect_server "
        "fixtures (mock_connect's options)",
    )
    seed = config.getoption("connect_mock_seed")
    if seed is not None:
        # Every unseeded mock of the session takes it: mock_connect(), the fixtures, mock_aws.
        config.stash[_PREVIOUS_SEED] = set_session_seed(seed)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _PREVIOUS_SEED in config.stash:
        set_session_seed(config.stash[_PREVIOUS_SEED])


def _marker_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The ``connect_mock`` marker's keyword arguments, over the session seed; relative
    fixture, fault and source-number paths are relative to pytest's rootdir, so that a test
    finds its files whatever directory pytest was started from."""
    options: dict[str, Any] = {"seed": request.config.getoption("connect_mock_seed")}
    marker = request.node.get_closest_marker("connect_mock")
    if marker is not None:
        if marker.args:
            raise TypeError(f"@pytest.mark.connect_mock takes keyword arguments only ({_OPTIONS})")
        for name in marker.kwargs:
            if name not in OPTIONS:
                message = (
                    f"@pytest.mark.connect_mock: unexpected keyword argument {name!r}; it takes "
                    f"mock_connect's options: {_OPTIONS}"
                )
                # The hint on a line of its own, after the list of options.
                hint = suggest(name, OPTIONS).strip()
                raise TypeError(f"{message}\n{hint}" if hint else message)
        options.update(marker.kwargs)
    for name, option in OPTIONS.items():
        if option.kind == "files" and name in options:
            options[name] = _from_rootdir(options[name], request.config.rootpath)
    return options


def _from_rootdir(source: Any, root: Path) -> Any:
    """``source`` (a path, a mapping, or a list of them) with relative paths made absolute
    against ``root``."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return path if path.is_absolute() else root / path
    if isinstance(source, list | tuple):
        return [_from_rootdir(item, root) for item in source]
    return source


def _marker_error(error: TypeError) -> TypeError:
    return TypeError(
        f"@pytest.mark.connect_mock: {error}; it takes mock_connect's options: {_OPTIONS}"
    )


@pytest.fixture
def connect_mock_controller(request: pytest.FixtureRequest) -> Iterator[ConnectMock]:
    """An active mock_connect (moto's mock_aws included) and its controller (``faults``,
    ``calls``, ``clock``); the ``connect_mock`` marker sets its options."""
    from .mock import ConnectMock

    options = _marker_options(request)
    try:
        mock = ConnectMock(**options)
    except TypeError as error:
        raise _marker_error(error) from None
    with mock:
        yield mock


@pytest.fixture
def connect_mock(connect_mock_controller: ConnectMock) -> ConnectMock:
    """Deprecated: use ``connect_mock_controller``. A test parameter named ``connect_mock``
    hides the package of that name inside the test."""
    warnings.warn(
        "the connect_mock fixture is deprecated: take connect_mock_controller instead (a "
        "parameter named connect_mock hides the connect_mock package inside the test)",
        DeprecationWarning,
        stacklevel=2,
    )
    return connect_mock_controller


class ConnectInstance(NamedTuple):
    """A boto3 Connect client and an instance created in the mock, ready to search."""

    client: Any
    instance_id: str
    instance_arn: str


@pytest.fixture
def connect_instance(connect_mock_controller: ConnectMock) -> ConnectInstance:
    """A Connect client in us-east-1 and a freshly created instance (inside
    connect_mock_controller)."""
    import boto3

    client = boto3.client("connect", region_name="us-east-1")
    created = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="connect-mock-test",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return ConnectInstance(client, created["Id"], created["Arn"])


@pytest.fixture(scope="session")
def connect_server_endpoint() -> Iterator[str]:
    """One moto server (with connect_mock) on a free loopback port for the whole session."""
    import threading

    from . import runtime
    from ._moto import make_server

    server = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, name="connect-mock-server", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        runtime.set_default(None)


@pytest.fixture
def connect_server(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, connect_server_endpoint: str
) -> Iterator[RemoteConnectMock]:
    """The session's server, reset for this test; ``AWS_ENDPOINT_URL_CONNECT`` points at it.

    Yields a controller speaking the server's control endpoints (``faults``, ``calls``,
    ``clock``, ``config``). The ``connect_mock`` marker takes mock_connect's options.
    """
    from . import runtime
    from ._moto import isolate_transitions
    from .control.remote import RemoteConnectMock
    from .runtime import Runtime

    options = _marker_options(request)
    try:
        config = MockConfig.create(**options)
    except TypeError as error:
        raise _marker_error(error) from None
    # The server is in this process: its mock is the default one, which plain mock_aws tests
    # use too. Restored afterwards, or this test's settings would be theirs.
    previous = runtime.get_default()
    remote = RemoteConnectMock(connect_server_endpoint)
    # The server is in this process: moto's state manager is ours too. Its reset (below) puts
    # our models on their default transitions; the ones found here are put back afterwards.
    restore_transitions = isolate_transitions()
    try:
        remote.reset()
        served = Runtime(config)
        runtime.set_default(served)
        monkeypatch.setenv("AWS_ENDPOINT_URL_CONNECT", connect_server_endpoint)
        for name, value in (
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_DEFAULT_REGION", "us-east-1"),
        ):
            if name not in os.environ:
                monkeypatch.setenv(name, value)
        yield remote
        try:
            served.check_faults_fired()
        finally:
            remote.reset()
    finally:
        runtime.set_default(previous)
        restore_transitions()
