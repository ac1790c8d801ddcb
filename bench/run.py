"""`make bench`: connect_mock's costs as ratios to moto's own Connect calls, measured in one run.

Ratios, not seconds: the machines are noisy, so each figure compares two things measured side by
side (interleaved rounds, median of rounds). In-process figures are CPU time of the process
(``time.process_time``), so that other work on a shared machine does not count; server throughput
is wall time. Writes bench/results.json and prints a table.
"""

from __future__ import annotations

import json
import os
import platform
import resource
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


def _client_and_instance(region: str = "us-east-1") -> tuple[Any, str]:
    import boto3

    client = boto3.client("connect", region_name=region)
    instance_id = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="bench",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    return client, instance_id


def _searcher(client: Any, instance_id: str, **extra: Any) -> Callable[[], Any]:
    """A warm-able US DID search of 10 numbers (``extra``: more request members)."""

    def search() -> Any:
        return client.search_available_phone_numbers(
            InstanceId=instance_id,
            PhoneNumberCountryCode="US",
            PhoneNumberType="DID",
            MaxResults=10,
            **extra,
        )

    return search


def _per_call(fn: Callable[[], object], calls: int) -> float:
    start = time.process_time()
    for _ in range(calls):
        fn()
    return (time.process_time() - start) / calls


def _interleaved(first: Callable[[], object], second: Callable[[], object]) -> tuple[float, float]:
    """Median seconds per call of ``first`` and of ``second``, measured in alternating rounds."""
    for fn in (first, second):
        _per_call(fn, 50)
    ones, twos = [], []
    for _ in range(ROUNDS):
        ones.append(_per_call(first, CALLS_PER_ROUND))
        twos.append(_per_call(second, CALLS_PER_ROUND))
    return statistics.median(ones), statistics.median(twos)


def warm_search_vs_list_instances() -> dict[str, float]:
    from connect_mock import mock_connect

    with mock_connect(seed=0):
        client, instance_id = _client_and_instance()
        search_s, list_s = _interleaved(_searcher(client, instance_id), client.list_instances)
    return {
        "search_ms": search_s * 1e3,
        "list_instances_ms": list_s * 1e3,
        "ratio": search_s / list_s,
    }


def _moto_handlers_unwrapped() -> dict[str, Any]:
    """moto's Connect routes as moto registers them: ours left out, moto's handlers unwrapped
    from connect_mock's intercept (what a process without connect_mock serves)."""
    from moto.connect import urls as connect_urls

    return {
        path: getattr(handler, "__wrapped__", handler)
        for path, handler in connect_urls.url_paths.items()
        if getattr(handler, "__wrapped__", None) is not None
        or not getattr(handler, "__connect_mock__", False)
    }


def moto_operation_overhead() -> dict[str, float]:
    """moto's own ``list_instances`` with connect_mock's routes and intercept / with moto's own
    routes only, in one process: the routes table is swapped between rounds (moto reads it on
    every in-process request)."""
    from moto.connect import urls as connect_urls

    from connect_mock import mock_connect

    with mock_connect(seed=0):
        client, _ = _client_and_instance()
        with_plugin = dict(connect_urls.url_paths)
        without_plugin = _moto_handlers_unwrapped()

        def use(paths: dict[str, Any]) -> None:
            connect_urls.url_paths.clear()
            connect_urls.url_paths.update(paths)

        try:
            ones, twos = [], []
            for paths in (with_plugin, without_plugin):
                use(paths)
                _per_call(client.list_instances, 50)
            for _ in range(ROUNDS):
                use(with_plugin)
                ones.append(_per_call(client.list_instances, CALLS_PER_ROUND))
                use(without_plugin)
                twos.append(_per_call(client.list_instances, CALLS_PER_ROUND))
        finally:
            use(with_plugin)
    plugin_s, moto_s = statistics.median(ones), statistics.median(twos)
    return {"with_ms": plugin_s * 1e3, "without_ms": moto_s * 1e3, "ratio": plugin_s / moto_s}


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
    start = time.process_time()
    for _ in calls:
        client.list_instances()
    baseline = time.process_time() - start
    start = time.process_time()
    for country, kind in calls:
        client.search_available_phone_numbers(InstanceId=iid, PhoneNumberCountryCode=country,
                                              PhoneNumberType=kind)
    cold = time.process_time() - start
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


# moto's Connect and /moto-api routes are imported first, so that `import connect_mock` adds ours
# to them at once: the figure includes that work (otherwise done on the first Connect request).
IMPORT_SCRIPT = r"""
import time
t0 = time.perf_counter()
import boto3, moto, moto.connect.models, moto.connect.urls, moto.moto_api._internal.urls
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


def permutation_lookup(lookups: int = 20_000) -> dict[str, float]:
    """CPU time of one lookup in a keyed permutation of 10^10 numbers (how an inventory shuffles a
    number space), median of rounds. (Was a timed unit test, tests/test_permute.py.)"""
    from connect_mock.inventory.permute import Permutation

    perm = Permutation(10**10, b"speed")
    rounds = []
    for first in range(0, 5 * lookups, lookups):
        start = time.process_time()
        for index in range(first, first + lookups):
            perm[index]
        rounds.append((time.process_time() - start) / lookups)
    return {"microseconds": statistics.median(rounds) * 1e6}


STARTUP_TEST = "def test_one():\n    assert 1 + 1 == 2\n"


def _child_cpu_seconds(command: list[str], cwd: str) -> float:
    """CPU time (user + system) of ``command`` run to its end in ``cwd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=_plain_pytest_env())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _plain_pytest_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS")}


def pytest_startup(runs: int = 3) -> dict[str, float]:
    """pytest running a one-test suite that imports nothing of AWS: with the plugin (as
    installed) / with ``-p no:connect_mock``. CPU time of the whole run, min of ``runs`` each,
    in alternation."""
    import tempfile

    with tempfile.TemporaryDirectory() as suite:
        Path(suite, "pytest.ini").write_text("[pytest]\n")  # its own rootdir: no addopts of ours
        Path(suite, "test_one.py").write_text(STARTUP_TEST)
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_one.py"]
        on: list[float] = []
        off: list[float] = []
        for _ in range(runs):
            on.append(_child_cpu_seconds(command, suite))
            off.append(_child_cpu_seconds([*command, "-p", "no:connect_mock"], suite))
    return {"plugin_s": min(on), "no_plugin_s": min(off), "ratio": min(on) / min(off)}


def _rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _timed_prefix_search(prefix: str) -> tuple[str, float]:
    """In the active mock: the first number of a warm US DID search with ``prefix``, and the
    seconds per call of that search."""
    search = _searcher(*_client_and_instance(), PhoneNumberPrefix=prefix)
    first = str(search()["AvailableNumbersList"][0]["PhoneNumber"])
    _per_call(search, 50)
    return first, _per_call(search, CALLS_PER_ROUND)


def fixture_search(size: int = 100_000) -> dict[str, float]:
    """Warm search with a ``size``-number fixture of the searched country and type vs none (the
    same query, a prefix inside the fixture: the fixture's numbers with it are one range)."""
    from connect_mock import mock_connect

    fixture = {
        "AvailableNumbersList": [
            {
                "PhoneNumber": f"+1{area}{line:07d}",
                "PhoneNumberCountryCode": "US",
                "PhoneNumberType": "DID",
            }
            for area in (206, 312, 415, 646)
            for line in range(size // 4)
        ]
    }
    mocks = {"none": mock_connect(seed=0), "fixture": mock_connect(seed=0, fixtures=fixture)}
    rounds: dict[str, list[float]] = {"none": [], "fixture": []}
    # Alternating rounds, each in its own mock (the fixture is read and sorted once, above).
    for _ in range(ROUNDS):
        for name, mock in mocks.items():
            with mock:
                first, seconds = _timed_prefix_search("+1312")
            assert (first == "+13120000000") == (name == "fixture")
            rounds[name].append(seconds)
    plain, fixed = rounds["none"], rounds["fixture"]
    none_s, fixture_s = statistics.median(plain), statistics.median(fixed)
    return {
        "fixture_numbers": float(size),
        "search_ms_none": none_s * 1e3,
        "search_ms_fixture": fixture_s * 1e3,
        "ratio": fixture_s / none_s,
    }


def _available(client: Any, instance_id: str, count: int) -> list[str]:
    """``count`` US DID numbers no one holds, through the search paginator."""
    query = {"InstanceId": instance_id, "PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"}
    pages = client.get_paginator("search_available_phone_numbers").paginate(
        **query, PaginationConfig={"MaxItems": count, "PageSize": 10}
    )
    return [entry["PhoneNumber"] for entry in pages.build_full_result()["AvailableNumbersList"]]


def _claim_all(client: Any, instance_id: str, numbers: list[str]) -> None:
    for number in numbers:
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)


def claims_at_scale(claims: int = 10_000, few: int = 100) -> dict[str, dict[str, float]]:
    """With ``claims`` numbers claimed in one Region and ``few`` in another: warm search before
    and after the claims, the memory they cost, a 10-claim ListPhoneNumbersV2 page in each
    Region, and releasing every claim page by page through the paginator against single
    releases."""
    import gc

    from connect_mock import mock_connect

    with mock_connect(seed=0, search_limit=claims + few + 100, phone_number_quota=claims + 1):
        client, instance_id = _client_and_instance()
        small, small_instance = _client_and_instance("us-west-2")
        search = _searcher(client, instance_id)
        _per_call(search, 50)
        before = statistics.median(_per_call(search, CALLS_PER_ROUND) for _ in range(ROUNDS))
        wanted = _available(client, instance_id, claims)
        gc.collect()
        rss_before = _rss_mb()
        _claim_all(client, instance_id, wanted)
        gc.collect()
        rss_after = _rss_mb()
        _per_call(search, 50)
        after = statistics.median(_per_call(search, CALLS_PER_ROUND) for _ in range(ROUNDS))
        _claim_all(small, small_instance, _available(small, small_instance, few))

        many_s, few_s = _interleaved(
            lambda: client.list_phone_numbers_v2(MaxResults=10),
            lambda: small.list_phone_numbers_v2(MaxResults=10),
        )

        # A single release: each of the few claims released on its own, the median.
        singles = []
        for summary in small.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]:
            start = time.process_time()
            small.release_phone_number(PhoneNumberId=summary["PhoneNumberId"])
            singles.append(time.process_time() - start)
        # Every claim released as the paginator hands out its pages (the list calls counted).
        start = time.process_time()
        released = 0
        for page in client.get_paginator("list_phone_numbers_v2").paginate():
            for summary in page["ListPhoneNumbersSummaryList"]:
                client.release_phone_number(PhoneNumberId=summary["PhoneNumberId"])
                released += 1
        per_release = (time.process_time() - start) / released
        assert released == claims
        assert client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    single = statistics.median(singles)
    return {
        "search": {
            "claims": float(claims),
            "search_ms_none": before * 1e3,
            "search_ms_after": after * 1e3,
            "ratio": after / before,
            "rss_growth_mb": rss_after - rss_before,
        },
        "list_page": {
            "claims": float(claims),
            "few": float(few),
            "page_ms_many": many_s * 1e3,
            "page_ms_few": few_s * 1e3,
            "ratio": many_s / few_s,
        },
        "release": {
            "released": float(released),
            "per_release_ms": per_release * 1e3,
            "single_release_ms": single * 1e3,
            "ratio": per_release / single,
        },
    }


_FLOW = json.dumps(
    {
        "Version": "2019-10-30",
        "StartAction": "bye",
        "Actions": [{"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}}],
    }
)


def _routed_instance(client: Any, instance_id: str, count: int) -> tuple[str, list[str]]:
    """Claim ``count`` numbers to the instance and associate each with a new flow: (flow ID,
    the numbers' IDs)."""
    flow_id = client.create_contact_flow(
        InstanceId=instance_id, Name="bench", Type="CONTACT_FLOW", Content=_FLOW
    )["ContactFlowId"]
    ids = []
    for number in _available(client, instance_id, count):
        claimed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        client.associate_phone_number_contact_flow(
            PhoneNumberId=claimed["PhoneNumberId"], InstanceId=instance_id, ContactFlowId=flow_id
        )
        ids.append(claimed["PhoneNumberId"])
    return flow_id, ids


def flow_associations_at_scale(many: int = 10_000, few: int = 100) -> dict[str, float]:
    """Two instances of one Region, one with ``many`` numbers routed to a flow and one with
    ``few``: a ListFlowAssociations page of 10 and an associate (replacing the number's flow)
    in each, interleaved."""
    from connect_mock import mock_connect

    with mock_connect(seed=0, search_limit=many + few + 100, phone_number_quota=many + 1):
        client, big = _client_and_instance()
        _, small = _client_and_instance()
        big_flow, big_ids = _routed_instance(client, big, many)
        small_flow, small_ids = _routed_instance(client, small, few)

        def lister(instance_id: str) -> Callable[[], object]:
            return lambda: client.list_flow_associations(
                InstanceId=instance_id, ResourceType="VOICE_PHONE_NUMBER", MaxResults=10
            )

        def associator(instance_id: str, flow_id: str, ids: list[str]) -> Callable[[], object]:
            turn = iter(range(10**9))
            return lambda: client.associate_phone_number_contact_flow(
                PhoneNumberId=ids[next(turn) % len(ids)],
                InstanceId=instance_id,
                ContactFlowId=flow_id,
            )

        many_s, few_s = _interleaved(lister(big), lister(small))
        assoc_many_s, assoc_few_s = _interleaved(
            associator(big, big_flow, big_ids), associator(small, small_flow, small_ids)
        )
        assert len(lister(big)()["FlowAssociationSummaryList"]) == 10  # type: ignore[index]
    return {
        "associations": float(many),
        "few": float(few),
        "page_ms_many": many_s * 1e3,
        "page_ms_few": few_s * 1e3,
        "ratio": many_s / few_s,
        "associate_ms_many": assoc_many_s * 1e3,
        "associate_ms_few": assoc_few_s * 1e3,
        "associate_ratio": assoc_many_s / assoc_few_s,
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


def _machine() -> dict[str, Any]:
    from importlib import metadata

    with open("/proc/meminfo") as meminfo:
        memory_kb = int(meminfo.readline().split()[1])
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gib": round(memory_kb / 2**20, 1),
        **{name: metadata.version(name) for name in ("moto", "boto3", "botocore")},
    }


def main() -> int:
    os.environ.pop("CONNECT_MOCK_SEED", None)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": _machine(),
        "warm_search_vs_list_instances": warm_search_vs_list_instances(),
        "moto_list_instances_with_vs_without_plugin": moto_operation_overhead(),
        "cold_first_page_474_vs_list_instances": cold_first_pages(),
        "import_connect_mock_beyond_boto3_moto": import_cost(),
        "pytest_startup_plugin_vs_off": pytest_startup(),
        "permutation_lookup_10e10": permutation_lookup(),
    }
    # Before the fixture's row: the RSS growth of the claims must not reuse the memory that the
    # 100,000-entry fixture document leaves free in the allocator.
    at_scale = claims_at_scale()
    results |= {
        "search_100000_fixture_vs_none": fixture_search(),
        "search_after_10000_claims_vs_none": at_scale["search"],
        "list_page_10000_claims_vs_100": at_scale["list_page"],
        "release_10000_paginated_vs_single": at_scale["release"],
        "flow_associations_10000_vs_100": flow_associations_at_scale(),
        "server_4_clients_search_vs_list_instances": server_throughput(),
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    warm = results["warm_search_vs_list_instances"]
    overhead = results["moto_list_instances_with_vs_without_plugin"]
    cold = results["cold_first_page_474_vs_list_instances"]
    imp = results["import_connect_mock_beyond_boto3_moto"]
    startup = results["pytest_startup_plugin_vs_off"]
    fixture = results["search_100000_fixture_vs_none"]
    claims = at_scale["search"]
    page = at_scale["list_page"]
    release = at_scale["release"]
    server = results["server_4_clients_search_vs_list_instances"]
    routed = results["flow_associations_10000_vs_100"]
    rows = [
        (
            "warm 10-number search / list_instances",
            f"{warm['ratio']:.2f}x",
            "<= 0.80x",
            f"{warm['search_ms']:.2f} ms vs {warm['list_instances_ms']:.2f} ms",
        ),
        (
            "moto's list_instances with connect_mock / without",
            f"{overhead['ratio']:.2f}x",
            "<= 1.10x",
            f"{overhead['with_ms']:.2f} ms vs {overhead['without_ms']:.2f} ms",
        ),
        (
            f"cold first page, {cold['calls']:.0f} country x type / list_instances",
            f"{cold['ratio']:.2f}x",
            "<= 1.5x",
            f"{cold['search_s']:.2f} s vs {cold['list_instances_s']:.2f} s",
        ),
        ("import connect_mock beyond boto3 + moto", f"{imp['seconds']:.3f} s", "<= 0.15 s", ""),
        (
            "pytest start-up (no AWS): plugin / plugin off",
            f"{startup['ratio']:.2f}x",
            "<= 1.15x",
            f"{startup['plugin_s']:.2f} s vs {startup['no_plugin_s']:.2f} s CPU",
        ),
        (
            "keyed permutation lookup, 10^10 numbers (CPU)",
            f"{results['permutation_lookup_10e10']['microseconds']:.1f} us",
            "<= 10 us",
            "",
        ),
        (
            "search with a 100,000-number fixture / none",
            f"{fixture['ratio']:.2f}x",
            "<= 1.3x",
            f"{fixture['search_ms_fixture']:.2f} ms vs {fixture['search_ms_none']:.2f} ms",
        ),
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
            "ListPhoneNumbersV2 page of 10, 10,000 claims / 100",
            f"{page['ratio']:.2f}x",
            "<= 1.3x",
            f"{page['page_ms_many']:.2f} ms vs {page['page_ms_few']:.2f} ms",
        ),
        (
            "release 10,000 through the paginator / single release",
            f"{release['ratio']:.2f}x",
            "",
            f"{release['per_release_ms']:.2f} ms vs {release['single_release_ms']:.2f} ms",
        ),
        (
            "ListFlowAssociations page of 10, 10,000 / 100",
            f"{routed['ratio']:.2f}x",
            "<= 1.3x",
            f"{routed['page_ms_many']:.2f} ms vs {routed['page_ms_few']:.2f} ms",
        ),
        (
            "associate (replace), 10,000 associations / 100",
            f"{routed['associate_ratio']:.2f}x",
            "<= 1.3x",
            f"{routed['associate_ms_many']:.2f} ms vs {routed['associate_ms_few']:.2f} ms",
        ),
        (
            "server, 4 clients: search / list_instances throughput",
            f"{server['ratio']:.2f}x",
            ">= 0.9x",
            f"{server['search_rps']:.0f} vs {server['list_instances_rps']:.0f} requests/s",
        ),
    ]
    print(f"machine: {results['machine']}")
    print(f"| {'measure':<54} | {'result':>8} | {'target':>9} | detail")
    print(f"|{'-' * 56}|{'-' * 10}|{'-' * 11}|{'-' * 30}")
    for name, value, target, detail in rows:
        print(f"| {name:<54} | {value:>8} | {target:>9} | {detail}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
