"""Server mode: moto's server with connect_mock's operations, for any SDK, the AWS CLI, or code
under test in another process."""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
from types import FrameType
from typing import Any, TextIO

from .. import runtime
from .._moto import make_server
from ..config import MockConfig
from ..runtime import Runtime

# Where moto's services call moto back (Step Functions' service integrations, Lambda and Batch
# jobs, CloudFormation custom resources): http://localhost:$MOTO_PORT, 5000 when unset.
PORT_VARIABLE = "MOTO_PORT"


def configure(**options: Any) -> Runtime:
    """Make a mock with these options (mock_connect's) serve requests made without an active
    mock_connect; returns its runtime."""
    active = Runtime(MockConfig.create(**options))
    runtime.set_default(active)
    return active


def serve(
    host: str = "127.0.0.1",
    port: int = 5000,
    *,
    out: TextIO = sys.stdout,
    **options: Any,
) -> int:
    """Run until SIGINT or SIGTERM; print the endpoint and the variable SDKs read.

    While serving, ``MOTO_PORT`` is the port served on (the bound one for port 0), so that
    moto's callbacks reach this server, as under moto's own ``moto_server``."""
    try:
        # werkzeug prints a bare "Name or service not known" and exits for a host it cannot
        # resolve: resolve it first, to say which.
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        server = make_server(host, port)
    except OSError as error:
        raise ValueError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
    try:
        configure(**options)
    except BaseException:
        server.server_close()
        raise
    bound_host, bound_port = server.server_address[:2]
    # moto_server sets it only when unset, so `moto_server -p 5001` with MOTO_PORT=5000 calls
    # back to 5000; we set the port we serve on, whatever was there.
    previous_port = os.environ.get(PORT_VARIABLE)
    os.environ[PORT_VARIABLE] = str(bound_port)
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
        if previous_port is None:
            os.environ.pop(PORT_VARIABLE, None)
        else:
            os.environ[PORT_VARIABLE] = previous_port
    print("connect-mock stopped.", file=out, flush=True)
    return 0
