"""`connect-mock serve` stops cleanly on SIGINT and SIGTERM however soon after its banner the
signal comes, also when SIGINT was inherited as ignored (background jobs, nohup, CI runners)."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

# Unmeasured: coverage's own SIGTERM handler ([coverage:run] sigterm) is not what a user runs.
pytestmark = pytest.mark.usefixtures("unmeasured_subprocesses")

# Tries per case; the bar is 50 of 50 on a loaded 2-core machine
# (CONNECT_MOCK_SIGNAL_TRIES=50 runs it), the suite runs fewer to stay quick.
TRIES = int(os.environ.get("CONNECT_MOCK_SIGNAL_TRIES", "10"))
# Servers started at once: each waits for its signal, so a batch costs one start-up.
BATCH = 5
BANNER_LINES = 3


def _stop_right_after_banner(sig: signal.Signals, sigint_ignored: bool) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "connect_mock", "serve", "--port", "0"]
    if sigint_ignored:
        # What a shell gives a background job: SIGINT ignored, inherited through exec.
        command = ["sh", "-c", f"trap '' INT; exec {shlex.join(command)}"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    banner = [process.stdout.readline() for _ in range(BANNER_LINES)]
    process.send_signal(sig)  # at once: no sleep, no request first
    try:
        rest, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        rest, err = process.communicate()
        return -1, "".join(banner) + rest, err + "\n(did not stop within 60 s)"
    return process.returncode, "".join(banner) + rest, err


@pytest.mark.parametrize(
    ("sig", "sigint_ignored"),
    [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)],
    ids=["SIGTERM", "SIGINT", "SIGINT-inherited-ignored"],
)
def test_a_signal_right_after_the_banner_stops_the_server_cleanly(
    sig: signal.Signals, sigint_ignored: bool
) -> None:
    with ThreadPoolExecutor(BATCH) as pool:
        results = list(
            pool.map(lambda _: _stop_right_after_banner(sig, sigint_ignored), range(TRIES))
        )
    failures = [
        (status, out, err)
        for status, out, err in results
        if status != 0 or not out.endswith("connect-mock stopped.\n") or err != ""
    ]
    assert failures == [], f"{len(failures)} of {TRIES} stops were not clean: {failures[:3]}"
    for _, out, _ in results:
        lines = out.splitlines()
        assert lines[1].startswith("export AWS_ENDPOINT_URL_CONNECT=http://127.0.0.1:")
        assert lines[2:] == ["Press Ctrl+C to stop.", "connect-mock stopped."]
