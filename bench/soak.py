"""`make bench` (soak): a `connect-mock serve` process under a day's worth of CI traffic in
miniature. Its RSS is read after 10,000 and after 50,000 requests; the growth between the two
must stay within 5 MB (the call log is bounded, nothing else grows per request).

Requests cycle through searches of several countries, types and prefixes, their second pages,
a claim and release pair now and then, and moto's own ListInstances: what a test suite sends.
Writes bench/soak.json and prints one row.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

HERE = Path(__file__).resolve().parent
CHECKPOINTS = (10_000, 50_000)
AUTHORIZATION = (
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/connect/aws4_request, "
    "SignedHeaders=host, Signature=x"
)
QUERIES = [
    ("US", "DID", None),
    ("US", "TOLL_FREE", None),
    ("US", "DID", "+1206"),
    ("GB", "DID", None),
    ("DE", "DID", None),
    ("JP", "TOLL_FREE", None),
    ("CA", "DID", "+1416"),
    ("AU", "DID", None),
]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc")


class Traffic:
    """A cycle of requests against one server, through one keep-alive session."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.session = requests.Session()
        self.session.headers.update(
            {"Authorization": AUTHORIZATION, "Content-Type": "application/json"}
        )
        self.sent = 0
        created = self._call(
            "PUT",
            "/instance",
            {
                "IdentityManagementType": "CONNECT_MANAGED",
                "InstanceAlias": "soak",
                "InboundCallsEnabled": True,
                "OutboundCallsEnabled": True,
            },
        )
        self.instance_arn = created["Arn"]

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.session.request(
            method, self.endpoint + path, data=json.dumps(body) if body else None, timeout=30
        )
        self.sent += 1
        if response.status_code >= 500:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:200]}")
        return response.json() if response.content else {}

    def search(self, index: int) -> Any:
        country, kind, prefix = QUERIES[index % len(QUERIES)]
        query: dict[str, Any] = {
            "TargetArn": self.instance_arn,
            "PhoneNumberCountryCode": country,
            "PhoneNumberType": kind,
            "MaxResults": 10,
        }
        if prefix:
            query["PhoneNumberPrefix"] = prefix
        return self._call("POST", "/phone-number/search-available", query)

    def round(self, index: int) -> None:
        page = self.search(index)
        token = page.get("NextToken")
        if token and index % 2:
            self.search(index)  # the same first page again, as retried tests do
        if index % 10 == 0:
            number = page["AvailableNumbersList"][0]["PhoneNumber"]
            claimed = self._call(
                "POST",
                "/phone-number/claim",
                {"TargetArn": self.instance_arn, "PhoneNumber": number},
            )
            self._call("DELETE", f"/phone-number/{claimed['PhoneNumberId']}")
        if index % 5 == 0:
            self._call("GET", "/instance")


def main() -> int:
    process = subprocess.Popen(
        [sys.executable, "-m", "connect_mock", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        endpoint = process.stdout.readline().rsplit(" ", 1)[-1].strip()
        traffic = Traffic(endpoint)
        rss: dict[int, float] = {}
        start = time.perf_counter()
        index = 0
        for checkpoint in CHECKPOINTS:
            while traffic.sent < checkpoint:
                traffic.round(index)
                index += 1
            rss[checkpoint] = _rss_mb(process.pid)
        seconds = time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)
    first, last = CHECKPOINTS
    growth = rss[last] - rss[first]
    result = {
        "rss_mb": {str(key): round(value, 1) for key, value in rss.items()},
        "growth_mb": round(growth, 1),
        "requests": traffic.sent,
        "seconds": round(seconds, 1),
        "target_mb": 5.0,
        "met": growth <= 5.0,
    }
    (HERE / "soak.json").write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"| server RSS growth from {first:,} to {last:,} requests | {growth:.1f} MB | <= 5 MB | "
        f"{rss[first]:.1f} MB -> {rss[last]:.1f} MB, {traffic.sent:,} requests in "
        f"{seconds:.0f} s |"
    )
    return 0 if result["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
