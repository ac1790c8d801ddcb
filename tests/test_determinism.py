"""Same seed, same numbers: across processes and PYTHONHASHSEED, pinned by a golden sample."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json, boto3
from connect_mock import mock_connect
out = {}
with mock_connect(seed=2024):
    client = boto3.client("connect", region_name="eu-west-2")
    iid = client.create_instance(IdentityManagementType="CONNECT_MANAGED", InstanceAlias="d",
        InboundCallsEnabled=True, OutboundCallsEnabled=True)["Id"]
    cases = [("US", "DID", None), ("GB", "TOLL_FREE", None), ("DE", "DID", "+4930"),
             ("JP", "UIFN", None), ("FR", "SHARED", None)]
    for country, kind, prefix in cases:
        query = dict(InstanceId=iid, PhoneNumberCountryCode=country, PhoneNumberType=kind,
                     MaxResults=4)
        if prefix:
            query["PhoneNumberPrefix"] = prefix
        page = client.search_available_phone_numbers(**query)
        out[f"{country} {kind} {prefix or ''}".strip()] = [
            e["PhoneNumber"] for e in page["AvailableNumbersList"]]
print(json.dumps(out, sort_keys=True))
"""


def _run(hash_seed: str) -> dict[str, list[str]]:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    env.pop("CONNECT_MOCK_SEED", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded: dict[str, list[str]] = json.loads(result.stdout)
    return loaded


def test_processes_with_different_hash_seeds_agree() -> None:
    runs = [_run(seed) for seed in ("0", "1", "random")]
    assert runs[0] == runs[1] == runs[2]
    assert all(len(v) == 4 for v in runs[0].values())


GOLDEN: dict[str, list[str]] = {
    "DE DID +4930": [
        "+493023038733051",
        "+493080138064820",
        "+493055996831603",
        "+493057491503950",
    ],
    "FR SHARED": ["+33826740278", "+33840012056", "+33820672125", "+33820450299"],
    "GB TOLL_FREE": ["+44800144567", "+448005377106", "+448004351699", "+448005242565"],
    "JP UIFN": ["+80059628759", "+80047247130", "+80039636109", "+80073667781"],
    "US DID": ["+13048463600", "+14639649865", "+12193624012", "+16037558634"],
}


def test_golden_sample() -> None:
    """Any change to the inventories must be deliberate: update GOLDEN and the CHANGELOG."""
    assert _run("0") == GOLDEN
