"""`make demo`'s tour runs offline and shows what it says it shows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_tour_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "tour.py")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    out = result.stdout
    for line in (
        "== US DID, 3 numbers",
        "== US DID with prefix +1206 (Seattle)",
        "== boto3's paginator over GB DID finishes: 100 numbers (the default search_limit)",
        "   released: 0 associations; it cools down for 180 days",
        "   HTTP 429 ThrottlingException: Rate exceeded",
        "   HTTP 400 InvalidParameterException",
    ):
        assert line in out
    assert "InvalidParameterException: Phone number not available: +1" in out
    assert "to flow 'Tour inbound': 1 association" in out
