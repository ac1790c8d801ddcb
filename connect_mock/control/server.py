"""Server mode: moto's server with connect_mock's operations, for any SDK, the AWS CLI, or code
under test in another process."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterable
from types import FrameType
from typing import Any, TextIO

from .. import _settings
from .._moto import make_server
from ..faults import FaultSource
from ..inventory.fixtures import FixtureSource, load_fixtures


def configure(
    *,
    seed: int = 0,
    fixtures: FixtureSource | Iterable[FixtureSource] | None = None,
    faults: FaultSource | None = None,
    search_limit: int = _settings.DEFAULT_SEARCH_LIMIT,
    phone_number_quota: int = _settings.DEFAULT_PHONE_NUMBER_QUOTA,
) -> _settings.Settings:
    """Make these the settings of requests served without an active mock_connect."""
    settings = _settings.Settings(
        seed=seed,
        inventories=load_fixtures(fixtures),
        search_limit=search_limit,
        phone_number_quota=phone_number_quota,
    )
    if faults is not None:
        settings.faults.load(faults)
    _settings.set_default(settings)
    return settings


def serve(
    host: str = "127.0.0.1",
    port: int = 5000,
    *,
    out: TextIO = sys.stdout,
    **options: Any,
) -> int:
    """Run until SIGINT or SIGTERM; print the endpoint and the variable SDKs read."""
    configure(**options)
    server = make_server(host, port)
    bound_host, bound_port = server.server_address[:2]
    endpoint = f"http://{bound_host}:{bound_port}"
    print(
        f"connect-mock serving moto (all services, Connect phone numbers) on {endpoint}", file=out
    )
    print(f"export AWS_ENDPOINT_URL_CONNECT={endpoint}", file=out)
    print("Press Ctrl+C to stop.", file=out, flush=True)

    def stop(signum: int, frame: FrameType | None) -> None:
        # shutdown() waits for serve_forever() to return, so it cannot run on its thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.serve_forever()
    finally:
        server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("connect-mock stopped.", file=out, flush=True)
    return 0
