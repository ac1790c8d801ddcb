"""`make bench`: connect_mock's costs as ratios to moto's own Connect calls, measured in one run.

Ratios, not seconds: the machines are noisy, so each figure compares two things measured side by
side (interleaved rounds, median of rounds). Writes bench/results.json and prints a table.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROUNDS = 15
CALLS_PER_ROUND = 200


def _client_and_instance() -> tuple[Any, str]:
    import boto3

    client = boto3.client("connect", region_name="us-east-1")
    instance_id = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="bench",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    return client, instance_id


def _per_call(fn: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def warm_search_vs_list_instances() -> dict[str, float]:
    from connect_mock import mock_connect

    with mock_connect(seed=0):
        client, instance_id = _client_and_instance()

        def search() -> object:
            return client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                MaxResults=10,
            )

        def list_instances() -> object:
            return client.list_instances()

        for fn in (search, list_instances):  # warm caches, model, router
            _per_call(fn, 50)
        ours, theirs = [], []
        for _ in range(ROUNDS):
            ours.append(_per_call(search, CALLS_PER_ROUND))
            theirs.append(_per_call(list_instances, CALLS_PER_ROUND))
    search_s, list_s = statistics.median(ours), statistics.median(theirs)
    return {
        "search_ms": search_s * 1e3,
        "list_instances_ms": list_s * 1e3,
        "ratio": search_s / list_s,
    }


COLD_SCRIPT = r"""
import json, sys, time
import boto3, botocore.session
from connect_mock import mock_connect
countries = botocore.session.get_session().get_service_model("connect").shape_for(
    "PhoneNumberCountryCode").enum
with mock_connect(seed=0):
    client = boto3.client("connect", region_name="us-east-1")
    iid = client.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias="c",
        InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
    calls = [(c, t) for c in countries for t in ("DID", "TOLL_FREE")]
    client.list_instances()  # moto's router and the Connect model are loaded by both sides
    start = time.perf_counter()
    for _ in calls:
        client.list_instances()
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    for country, kind in calls:
        client.search_available_phone_numbers(InstanceId=iid, PhoneNumberCountryCode=country,
                                              PhoneNumberType=kind)
    cold = time.perf_counter() - start
print(json.dumps({"calls": len(calls), "search_s": cold, "list_instances_s": baseline}))
"""


def cold_first_pages() -> dict[str, float]:
    """First page of every country x {DID, TOLL_FREE} in a fresh process (no plan data loaded)."""
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT], capture_output=True, text=True, check=True
        ).stdout
        runs.append(json.loads(out))
    best = min(runs, key=lambda run: run["search_s"] / run["list_instances_s"])
    median = statistics.median(run["search_s"] / run["list_instances_s"] for run in runs)
    return {
        "calls": best["calls"],
        "search_s": best["search_s"],
        "list_instances_s": best["list_instances_s"],
        "ratio": median,
    }


IMPORT_SCRIPT = r"""
import time
t0 = time.perf_counter()
import boto3, moto, moto.connect.models
t1 = time.perf_counter()
import connect_mock
t2 = time.perf_counter()
print(t2 - t1)
"""


def import_cost() -> dict[str, float]:
    samples = [
        float(
            subprocess.run(
                [sys.executable, "-c", IMPORT_SCRIPT],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(5)
    ]
    return {"seconds": statistics.median(samples)}


def main() -> int:
    os.environ.pop("CONNECT_MOCK_SEED", None)
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.machine(),
            "cpus": os.cpu_count(),
        },
        "warm_search_vs_list_instances": warm_search_vs_list_instances(),
        "cold_first_page_474_vs_list_instances": cold_first_pages(),
        "import_connect_mock_beyond_boto3_moto": import_cost(),
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    warm = results["warm_search_vs_list_instances"]
    cold = results["cold_first_page_474_vs_list_instances"]
    imp = results["import_connect_mock_beyond_boto3_moto"]
    rows = [
        (
            "warm 10-number search / list_instances",
            f"{warm['ratio']:.2f}x",
            "<= 1.10x",
            f"{warm['search_ms']:.2f} ms vs {warm['list_instances_ms']:.2f} ms",
        ),
        (
            f"cold first page, {cold['calls']:.0f} country x type / list_instances",
            f"{cold['ratio']:.2f}x",
            "<= 1.5x",
            f"{cold['search_s']:.2f} s vs {cold['list_instances_s']:.2f} s",
        ),
        ("import connect_mock beyond boto3 + moto", f"{imp['seconds']:.3f} s", "<= 0.15 s", ""),
    ]
    print(f"machine: {results['machine']}")
    print(f"| {'measure':<52} | {'result':>8} | {'target':>9} | detail")
    print(f"|{'-' * 54}|{'-' * 10}|{'-' * 11}|{'-' * 30}")
    for name, value, target, detail in rows:
        print(f"| {name:<52} | {value:>8} | {target:>9} | {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
