"""Server mode: moto's server with connect_mock's operations, for any SDK, the AWS CLI, or code
under test in another process."""

from __future__ import annotations

import errno
import ipaddress
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

__all__ = ["PORT_VARIABLE", "AddressError", "client_url", "configure", "serve"]

# Where moto's services call moto back (Step Functions' service integrations, Lambda and Batch
# jobs, CloudFormation custom resources): http://localhost:$MOTO_PORT, 5000 when unset.
PORT_VARIABLE = "MOTO_PORT"

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class AddressError(ValueError):
    """``serve`` cannot listen where it was asked; ``option`` names the flag at fault
    (``--host`` or ``--port``), for the command line's usage message."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


def configure(**options: Any) -> Runtime:
    """Make a mock with these options (mock_connect's) serve requests made without an active
    mock_connect; returns its runtime."""
    active = Runtime(MockConfig.create(**options))
    runtime.set_default(active)
    return active


def client_url(host: str, port: int) -> str:
    """The URL a client on this machine reaches a server bound to ``host`` at: a wildcard
    address (0.0.0.0, ::) is no destination, so its loopback stands in; IPv6 goes in brackets."""
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return f"http://{host}:{port}"
    if address.is_unspecified:
        address = ipaddress.ip_address("::1" if address.version == 6 else "127.0.0.1")
    shown = f"[{address}]" if address.version == 6 else str(address)
    return f"http://{shown}:{port}"


def _listen(host: str, port: int) -> Any:
    """moto's server bound to ``host``:``port``, or AddressError naming the flag at fault."""
    try:
        # werkzeug prints a bare "Name or service not known" and exits for a host it cannot
        # resolve: resolve it first, to say which.
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise AddressError(
            "--host", f"cannot resolve {host!r}: {error.strerror or error}"
        ) from None
    try:
        return make_server(host, port)
    except OSError as error:
        if error.errno in (errno.EADDRINUSE, errno.EACCES):
            reason = "in use" if error.errno == errno.EADDRINUSE else "not allowed"
            raise AddressError(
                "--port", f"port {port} on {host} is {reason}: {error.strerror}"
            ) from None
        raise AddressError(
            "--host", f"cannot listen on {host}:{port}: {error.strerror or error}"
        ) from None


class _Stopper:
    """SIGINT and SIGTERM handling, in place before the server binds or prints: a signal that
    comes at any moment after the banner (or before it) stops the server cleanly."""

    def __init__(self) -> None:
        self.requested = False
        self._server: Any = None
        self._lock = threading.Lock()

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        with self._lock:
            self.requested = True
            server = self._server
        if server is not None:
            self._shut(server)

    def attach(self, server: Any) -> None:
        """Stop ``server`` on the next signal, or at once if one came already."""
        with self._lock:
            self._server = server
            requested = self.requested
        if requested:
            self._shut(server)

    @staticmethod
    def _shut(server: Any) -> None:
        # shutdown() waits for serve_forever() to return, so it cannot run on its thread. Called
        # before serve_forever() starts, it makes serve_forever() return at its first check.
        threading.Thread(target=server.shutdown, daemon=True).start()


def serve(
    host: str = "127.0.0.1",
    port: int = 5000,
    *,
    out: TextIO = sys.stdout,
    **options: Any,
) -> int:
    """Run until SIGINT or SIGTERM (also when SIGINT was inherited as ignored, as background
    jobs get it); print the endpoint and the variable SDKs read, and on every stop
    "connect-mock stopped.".

    While serving, ``MOTO_PORT`` is the port served on (the bound one for port 0), so that
    moto's callbacks reach this server, as under moto's own ``moto_server``."""
    stopper = _Stopper()
    previous_port = os.environ.get(PORT_VARIABLE)
    # Installed explicitly, whatever was inherited, before anything is bound or printed. Only
    # the main thread can install them (and receive signals): serve() run on another thread
    # (some pytest-xdist releases run tests on one) is stopped by its caller.
    previous = (
        {sig: signal.signal(sig, stopper) for sig in _STOP_SIGNALS}
        if threading.current_thread() is threading.main_thread()
        else {}
    )
    try:
        server = _listen(host, port)
        try:
            configure(**options)
        except BaseException:
            server.server_close()
            raise
        bound_host, bound_port = server.server_address[:2]
        # moto_server sets it only when unset, so `moto_server -p 5001` with MOTO_PORT=5000
        # calls back to 5000; we set the port we serve on, whatever was there.
        os.environ[PORT_VARIABLE] = str(bound_port)
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        print(
            "connect-mock serving moto (all services, Connect phone numbers) on "
            f"http://{shown}:{bound_port}",
            file=out,
        )
        print(f"export AWS_ENDPOINT_URL_CONNECT={client_url(bound_host, bound_port)}", file=out)
        print("Press Ctrl+C to stop.", file=out, flush=True)
        stopper.attach(server)
        try:
            server.serve_forever()
        finally:
            server.server_close()
        print("connect-mock stopped.", file=out, flush=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if previous_port is None:
            os.environ.pop(PORT_VARIABLE, None)
        else:
            os.environ[PORT_VARIABLE] = previous_port
    return 0
