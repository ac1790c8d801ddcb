"""Same seed, same numbers, whatever runs the tests: pytest alone or under ``-n 2``, in the
collected order or reversed, with different ``PYTHONHASHSEED`` values.

A generated test file (searches, pages, claims that shift later searches, releases and
cooldowns, fixture inventories, seeded fault draws, plain ``mock_aws``, the ``connect_mock``
fixture, ``connect_server``, and tests/test_determinism.py's golden sample) records what each test
saw; two pytest processes run it and every test must have seen the same thing in both. The two
runs differ in all three ways at once, which proves what one run per way did (four runs before):
run A is one process, the collected order, hash seed 0; run B is ``-n 2``, each worker running
its tests in reversed order, under random hash seeds (each worker its own). A test whose numbers
depended on any of these (on the tests before it, the worker, or ``hash()``) would differ. The
test checks that the runs did vary so: A's order is the collected one, each worker of B ran its
tests in reversed order, both workers ran tests, and A and B's two workers saw three different
``hash()`` values.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import UNUSED_PLUGINS
from tests.test_determinism import GOLDEN, sample

pytestmark = pytest.mark.usefixtures("unmeasured_subprocesses")

CONFTEST = '''
import json
import os
from pathlib import Path

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("NUMBERS_REVERSED") == "1":
        items.reverse()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    collected = "".join(item.nodeid + "\\n" for item in items)
    (Path(os.environ["NUMBERS_OUT"]) / f"collected-{worker}.log").write_text(collected)


@pytest.fixture
def record(request):
    """record(value): what this test saw, for the comparing test to read back."""
    out = Path(os.environ["NUMBERS_OUT"])

    def write(value):
        name = request.node.nodeid.replace("/", "_").replace(":", "_")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        # hash(): the test reads back that the runs had different hash seeds.
        document = {"value": value, "worker": worker, "hash": hash("connect_mock")}
        (out / f"{name}.json").write_text(json.dumps(document, sort_keys=True))
        with open(out / "order.log", "a") as log:
            log.write(f"{worker} {request.node.nodeid}\\n")

    return write
'''

TESTS = """
from __future__ import annotations

import functools
from datetime import timedelta

import boto3
import botocore.config
import pytest
from moto import mock_aws

from connect_mock import mock_connect

QUERY = {"PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"}
ONE_ATTEMPT = botocore.config.Config(retries={"total_max_attempts": 1})


@functools.lru_cache(maxsize=None)
def client(endpoint=None, region="us-east-1"):
    # One client per endpoint (in-process: None): a new one costs ~0.2 s.
    return boto3.client("connect", region_name=region, config=ONE_ATTEMPT,
                        endpoint_url=endpoint)


def instance(connect):
    return connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED", InstanceAlias="order",
        InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]


def search(connect, instance_id, **params):
    page = connect.search_available_phone_numbers(InstanceId=instance_id, **(QUERY | params))
    return [entry["PhoneNumber"] for entry in page["AvailableNumbersList"]], page.get("NextToken")


def pages(connect, instance_id, count, **params):
    seen, token = [], None
    for _ in range(count):
        extra = {"NextToken": token} if token else {}
        numbers, token = search(connect, instance_id, **params, **extra)
        seen.append(numbers)
    return seen


# Claims and searches of the same seed and prefix in two tests: if state leaked from one test
# to the next, the order they run in would change what the second one sees.
@pytest.mark.parametrize("step", ["claim", "search"])
def test_claims_do_not_leak_into_other_tests(step, record):
    with mock_connect(seed=3):
        connect = client()
        iid = instance(connect)
        first, _ = search(connect, iid, PhoneNumberPrefix="+1425", MaxResults=6)
        if step == "claim":
            for number in first[:3]:
                connect.claim_phone_number(InstanceId=iid, PhoneNumber=number)
        after, _ = search(connect, iid, PhoneNumberPrefix="+1425", MaxResults=6)
        record({"before": first, "after": after})


def test_claims_shift_pages_and_cooldowns_end(record):
    with mock_connect(seed=11, phone_number_quota=10) as cm:
        connect = client()
        iid = instance(connect)
        before = pages(connect, iid, 3, PhoneNumberPrefix="+1206", MaxResults=4)
        claimed = [before[0][1], before[1][0], before[2][3]]
        ids = [
            connect.claim_phone_number(InstanceId=iid, PhoneNumber=n)["PhoneNumberId"]
            for n in claimed
        ]
        during = pages(connect, iid, 3, PhoneNumberPrefix="+1206", MaxResults=4)
        listed = sorted(
            s["PhoneNumber"] for s in connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
        )
        connect.release_phone_number(PhoneNumberId=ids[0])
        cooling = pages(connect, iid, 1, PhoneNumberPrefix="+1206", MaxResults=4)
        cm.clock.advance(timedelta(days=180))
        back = pages(connect, iid, 1, PhoneNumberPrefix="+1206", MaxResults=4)
        record({"before": before, "during": during, "listed": listed, "cooling": cooling,
                "back": back})


@pytest.mark.parametrize(
    ("country", "kind", "prefix"),
    [("US", "TOLL_FREE", None), ("GB", "DID", "+4420"), ("DE", "DID", None),
     ("JP", "UIFN", None), ("FR", "SHARED", None), ("AU", "TOLL_FREE", None)],
)
@pytest.mark.parametrize("seed", [0, 1, 2024])
def test_inventories(seed, country, kind, prefix, record):
    with mock_connect(seed=seed):
        connect = client()
        iid = instance(connect)
        params = {"PhoneNumberCountryCode": country, "PhoneNumberType": kind, "MaxResults": 5}
        if prefix:
            params["PhoneNumberPrefix"] = prefix
        record(pages(connect, iid, 2, **params))


def test_fixture_numbers_come_first(record):
    inventory = {"AvailableNumbersList": [
        {"PhoneNumber": "+12065550100", "PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"},
        {"PhoneNumber": "+12065550101", "PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"},
    ]}
    with mock_connect(seed=4, fixtures=inventory):
        connect = client()
        record(pages(connect, instance(connect), 2, MaxResults=3))


def test_fault_draws_are_seeded(record):
    with mock_connect(seed=9) as cm:
        connect = client()
        iid = instance(connect)
        cm.faults.add("SearchAvailablePhoneNumbers", "ThrottlingException", probability=0.4)
        outcomes = []
        for _ in range(20):
            try:
                search(connect, iid, MaxResults=1)
                outcomes.append("ok")
            except connect.exceptions.ThrottlingException:
                outcomes.append("throttled")
        record(outcomes)


@mock_aws
def test_plain_mock_aws(record):
    connect = client()
    record(pages(connect, instance(connect), 2, MaxResults=4))


@pytest.mark.connect_mock(seed=11)
def test_connect_mock_fixture(connect_instance, record):
    record(pages(connect_instance.client, connect_instance.instance_id, 3,
                 PhoneNumberPrefix="+1206", MaxResults=4))


@pytest.mark.connect_mock(seed=11)
def test_connect_server(connect_server, record):
    connect = client(connect_server.endpoint)
    record(pages(connect, instance(connect), 3, PhoneNumberPrefix="+1206", MaxResults=4))


def test_golden_sample(record):
    with mock_connect(seed=2024):
        record(sample(client(region="eu-west-2")))
"""

RUNS: list[tuple[str, list[str], bool, str]] = [
    # name, extra pytest options, reversed order, PYTHONHASHSEED (random: each process its own)
    ("serial", [], False, "0"),
    ("xdist-reversed", ["-n", "2"], True, "random"),
]


def _environment(out: Path, reverse: bool, hash_seed: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Not ours to inherit: an outer xdist worker's identity, the outer test's options and
        # seed, a connect_server endpoint.
        if not key.startswith(("PYTEST_", "CONNECT_MOCK_"))
        and key not in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CONNECT")
    }
    env.update(
        NUMBERS_OUT=str(out),
        NUMBERS_REVERSED="1" if reverse else "0",
        PYTHONHASHSEED=hash_seed,
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


class Run:
    """What one pytest run's tests recorded."""

    def __init__(self, out: Path) -> None:
        self.values: dict[str, Any] = {}  # test -> what it saw
        self.hashes: dict[str, int] = {}  # worker ("main" without xdist) -> hash("connect_mock")
        for path in sorted(out.glob("*.json")):
            document = json.loads(path.read_text())
            self.values[path.stem] = document["value"]
            self.hashes.setdefault(document["worker"], document["hash"])
            assert self.hashes[document["worker"]] == document["hash"]
        # worker -> node ids in the order it collected them (after any reversal)
        self.collected = {
            path.stem.removeprefix("collected-"): path.read_text().splitlines()
            for path in out.glob("collected-*.log")
        }
        # worker -> node ids in the order it ran them
        self.order: dict[str, list[str]] = {}
        for line in (out / "order.log").read_text().splitlines():
            worker, nodeid = line.split(" ", 1)
            self.order.setdefault(worker, []).append(nodeid)


def test_numbers_are_the_same_under_xdist_any_order_and_hash_seed(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "conftest.py").write_text(textwrap.dedent(CONFTEST))
    tests = textwrap.dedent(TESTS) + "\n\n" + inspect.getsource(sample)
    (project / "test_numbers.py").write_text(tests)
    began = time.monotonic()
    processes: dict[str, tuple[subprocess.Popen[str], Path]] = {}
    for name, options, reverse, hash_seed in RUNS:
        out = tmp_path / name
        out.mkdir()
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly"]
        command += [*UNUSED_PLUGINS, "-q", "-o", "addopts=", *options, "test_numbers.py"]
        processes[name] = (
            subprocess.Popen(
                command,
                cwd=project,
                env=_environment(out, reverse, hash_seed),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            ),
            out,
        )
    runs: dict[str, Run] = {}
    try:
        for name, (process, out) in processes.items():
            # The timeout only stops a hang; no assertion depends on how long the runs take.
            output, _ = process.communicate(timeout=600)
            assert process.returncode == 0, f"{name} run failed:\n{output}"
            runs[name] = Run(out)
    finally:
        for process, _ in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    print(f"{len(RUNS)} pytest runs in {time.monotonic() - began:.1f}s")

    serial, xdist = runs["serial"], runs["xdist-reversed"]
    reference = serial.values
    assert len(reference) == 27
    assert xdist.values == reference, "the -n 2 reversed run saw other numbers than the serial run"
    # The runs varied what the docstring says. A: one process, the collected order.
    assert list(serial.order) == ["main"]
    order = serial.order["main"]
    assert order == serial.collected["main"]
    assert len(order) == len(reference)
    # B: both workers collected the tests reversed and ran them in that order, all tests
    # between them.
    assert set(xdist.order) == {"gw0", "gw1"}, xdist.order
    assert xdist.collected == {"gw0": order[::-1], "gw1": order[::-1]}
    for worker, ran in xdist.order.items():
        positions = [order.index(nodeid) for nodeid in ran]
        assert positions == sorted(positions, reverse=True), f"{worker} ran {ran}"
    assert sorted(xdist.order["gw0"] + xdist.order["gw1"]) == sorted(order)
    # Three processes, three hash seeds: A's (0), each of B's workers' own.
    assert len({serial.hashes["main"], xdist.hashes["gw0"], xdist.hashes["gw1"]}) == 3

    # The server answers what the in-process mock does for the same seed.
    server = reference["test_numbers.py__test_connect_server"]
    assert server == reference["test_numbers.py__test_connect_mock_fixture"]
    # tests/test_determinism.py's golden sample, here in fresh processes and other hash seeds.
    assert reference["test_numbers.py__test_golden_sample"] == GOLDEN
    # The recorded values are numbers, not empty lists that would agree trivially.
    claimed = reference["test_numbers.py__test_claims_do_not_leak_into_other_tests[claim]"]
    assert len(claimed["before"]) == 6
    assert claimed["after"][:3] == claimed["before"][3:]
    searched = reference["test_numbers.py__test_claims_do_not_leak_into_other_tests[search]"]
    assert searched["after"] == searched["before"] == claimed["before"]
    assert "throttled" in reference["test_numbers.py__test_fault_draws_are_seeded"]
    assert "ok" in reference["test_numbers.py__test_fault_draws_are_seeded"]


LEAK = """
import boto3
import pytest
from moto import mock_aws

from connect_mock import mock_connect


def numbers():
    client = boto3.client("connect", region_name="us-east-1")
    instance_id = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED", InstanceAlias="leak",
        InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
    page = client.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=4)
    return [entry["PhoneNumber"] for entry in page["AvailableNumbersList"]]


@pytest.mark.connect_mock(seed=11)
def test_1_server(connect_server):
    assert connect_server.seed == 11
    numbers()


@mock_aws
def test_2_plain_mock_aws_afterwards(request):
    seen = numbers()
    with mock_connect(seed=request.config.getoption("connect_mock_seed") or 0):
        assert seen == numbers()
"""


@pytest.mark.parametrize("option", [[], ["--connect-mock-seed", "5"]])
def test_a_server_tests_seed_is_not_the_next_tests(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, option: list[str]
) -> None:
    """Regression: connect_server configures the in-process server by replacing the default
    settings, which plain mock_aws tests use too, and never put them back: a plain mock_aws
    test got seed 0 (or --connect-mock-seed) or the seed of the last connect_server test,
    depending on test order and on which xdist worker ran what."""
    monkeypatch.delenv("CONNECT_MOCK_SEED", raising=False)
    pytester.makepyfile(test_leak=LEAK)
    result = pytester.runpytest_subprocess("-p", "no:randomly", *UNUSED_PLUGINS, *option)
    result.assert_outcomes(passed=2)
