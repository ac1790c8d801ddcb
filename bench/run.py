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


def _rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def search_after_claims(claims: int = 10_000) -> dict[str, float]:
    """Warm search cost with ``claims`` numbers of the same list claimed vs with none, and the
    memory the claims cost."""
    import gc

    from connect_mock import mock_connect

    with mock_connect(seed=0, search_limit=claims + 100, phone_number_quota=claims + 1):
        client, instance_id = _client_and_instance()
        query = {
            "InstanceId": instance_id,
            "PhoneNumberCountryCode": "US",
            "PhoneNumberType": "DID",
        }

        def search() -> object:
            return client.search_available_phone_numbers(**query, MaxResults=10)

        _per_call(search, 50)
        before = statistics.median(_per_call(search, CALLS_PER_ROUND) for _ in range(ROUNDS))
        pages = client.get_paginator("search_available_phone_numbers").paginate(
            **query, PaginationConfig={"MaxItems": claims, "PageSize": 10}
        )
        wanted = [e["PhoneNumber"] for e in pages.build_full_result()["AvailableNumbersList"]]
        gc.collect()
        rss_before = _rss_mb()
        for number in wanted:
            client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        gc.collect()
        rss_after = _rss_mb()
        _per_call(search, 50)
        after = statistics.median(_per_call(search, CALLS_PER_ROUND) for _ in range(ROUNDS))
    return {
        "claims": float(len(wanted)),
        "search_ms_none": before * 1e3,
        "search_ms_after": after * 1e3,
        "ratio": after / before,
        "rss_growth_mb": rss_after - rss_before,
    }


def server_throughput(clients: int = 4, calls: int = 150) -> dict[str, float]:
    """Requests/s of ``clients`` concurrent clients against `connect-mock serve`: search vs
    moto's own list_instances on the same server."""
    import threading

    import boto3
    import botocore.config

    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("connect-mock")), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # the server logs every request
        text=True,
    )
    try:
        assert process.stdout is not None
        endpoint = process.stdout.readline().rsplit(" ", 1)[1].strip()
        config = botocore.config.Config(max_pool_connections=clients * 2)

        def make_client() -> Any:
            return boto3.session.Session().client(
                "connect",
                region_name="us-east-1",
                endpoint_url=endpoint,
                aws_access_key_id="x",
                aws_secret_access_key="x",
                config=config,
            )

        setup = make_client()
        instance_id = setup.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="bench",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )["Id"]
        workers = [make_client() for _ in range(clients)]

        def search(client: Any) -> object:
            return client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                MaxResults=10,
            )

        def list_instances(client: Any) -> object:
            return client.list_instances()

        def throughput(call: Callable[[Any], object]) -> float:
            def run(client: Any) -> None:
                for _ in range(calls):
                    call(client)

            threads = [threading.Thread(target=run, args=(c,)) for c in workers]
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            return clients * calls / (time.perf_counter() - start)

        for call in (search, list_instances):
            throughput(call)  # warm both
        ours, theirs = [], []
        for _ in range(3):
            ours.append(throughput(search))
            theirs.append(throughput(list_instances))
    finally:
        process.terminate()
        process.communicate(timeout=30)
    search_rps, list_rps = statistics.median(ours), statistics.median(theirs)
    return {
        "search_rps": search_rps,
        "list_instances_rps": list_rps,
        "ratio": search_rps / list_rps,
    }


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
        "search_after_10000_claims_vs_none": search_after_claims(),
        "server_4_clients_search_vs_list_instances": server_throughput(),
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    warm = results["warm_search_vs_list_instances"]
    cold = results["cold_first_page_474_vs_list_instances"]
    imp = results["import_connect_mock_beyond_boto3_moto"]
    claims = results["search_after_10000_claims_vs_none"]
    server = results["server_4_clients_search_vs_list_instances"]
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
        (
            "search after 10,000 claims / none",
            f"{claims['ratio']:.2f}x",
            "<= 1.2x",
            f"{claims['search_ms_after']:.2f} ms vs {claims['search_ms_none']:.2f} ms",
        ),
        (
            "RSS growth for 10,000 claims",
            f"{claims['rss_growth_mb']:.1f} MB",
            "<= 20 MB",
            "",
        ),
        (
            "server, 4 clients: search / list_instances throughput",
            f"{server['ratio']:.2f}x",
            ">= 0.9x",
            f"{server['search_rps']:.0f} vs {server['list_instances_rps']:.0f} requests/s",
        ),
    ]
    print(f"machine: {results['machine']}")
    print(f"| {'measure':<52} | {'result':>8} | {'target':>9} | detail")
    print(f"|{'-' * 54}|{'-' * 10}|{'-' * 11}|{'-' * 30}")
    for name, value, target, detail in rows:
        print(f"| {name:<52} | {value:>8} | {target:>9} | {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
