"""pytest plugin the compat runner loads into each job's suite (`-p connect_mock_compat_guard`).

The tests directory is a package, so pytest puts the repo on sys.path; this checks, in every
process that collects tests, that connect_mock still came from the job's venv (the installed
wheel) and not from the work tree.
"""

from __future__ import annotations

import os
import sys

import pytest


def pytest_collection_finish(session: pytest.Session) -> None:
    venv = os.environ["CONNECT_MOCK_COMPAT_VENV"]
    wrong = [
        f"{name} from {getattr(module, '__file__', None)}"
        for name, module in list(sys.modules.items())
        if name.split(".")[0] == "connect_mock"
        and not str(getattr(module, "__file__", "")).startswith(venv)
    ]
    if wrong:
        message = "compat: not the installed package: " + ", ".join(wrong)
        print(message, file=sys.stderr)  # an xdist worker's error shows only as a crash
        raise pytest.UsageError(message)
