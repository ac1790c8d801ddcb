"""Usage errors of the connect-mock command: one exit status (2) and argparse's form, naming the
flag, whether argparse or the mock finds the problem; and a usable URL in serve's export line."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys

import pytest

from connect_mock.cli import main
from connect_mock.control.server import client_url

SAMPLE_USAGE = "usage: connect-mock sample "
SERVE_USAGE = "usage: connect-mock serve "


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "argument --seed: seed must be at least 0, got -1"),
        ("1.5", "argument --seed: expected a whole number, got '1.5'"),
        (str(2**63), "argument --seed: seed must be at most 9223372036854775807 (2**63 - 1)"),
    ],
)
def test_a_bad_seed_is_a_usage_error_naming_the_flag(
    value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["sample", "US", "DID", "--seed", value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(SAMPLE_USAGE)
    assert f"connect-mock sample: error: {message}" in err


def test_a_bad_search_limit_names_its_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--search-limit", "0"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "connect-mock serve: error: argument --search-limit: search_limit must be at least 1, "
        "got 0\n"
    )


def test_a_port_in_use_is_a_usage_error_naming_the_port(
    capsys: pytest.CaptureFixture[str],
) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        with pytest.raises(SystemExit) as exited:
            main(["serve", "--port", str(port)])
    finally:
        taken.close()
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(SERVE_USAGE)
    assert err.endswith(
        f"connect-mock serve: error: argument --port: port {port} on 127.0.0.1 is in use: "
        "Address already in use\n"
    )


def test_an_unresolvable_host_is_a_usage_error_naming_the_host(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # .invalid never resolves (RFC 2606); the resolver answers without the network.
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--host", "no-such-host.invalid", "--port", "0"])
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(SERVE_USAGE)
    assert (
        "connect-mock serve: error: argument --host: cannot resolve 'no-such-host.invalid': " in err
    )


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("0.0.0.0", "http://127.0.0.1:5000"),
        ("::", "http://[::1]:5000"),
        ("127.0.0.1", "http://127.0.0.1:5000"),
        ("::1", "http://[::1]:5000"),
        ("192.0.2.7", "http://192.0.2.7:5000"),
        ("localhost", "http://localhost:5000"),
    ],
)
def test_the_export_line_names_an_address_clients_can_use(host: str, url: str) -> None:
    assert client_url(host, 5000) == url


def test_serve_on_every_interface_exports_the_loopback() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "connect_mock", "serve", "--host", "0.0.0.0", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    serving, export = process.stdout.readline(), process.stdout.readline()
    process.send_signal(signal.SIGTERM)
    rest, _ = process.communicate(timeout=60)
    port = serving.rsplit(":", 1)[1].strip()
    assert serving.endswith(f"on http://0.0.0.0:{port}\n")
    assert export == f"export AWS_ENDPOINT_URL_CONNECT=http://127.0.0.1:{port}\n"
    assert rest.endswith("connect-mock stopped.\n")
    assert process.returncode == 0
