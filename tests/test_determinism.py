"""Same seed, same numbers, pinned by a golden sample.

That fresh processes agree whatever their ``PYTHONHASHSEED`` is, is proven with the other
determinism properties in tests/test_xdist_determinism.py: its two pytest runs (one process under
hash seed 0; ``-n 2`` under random hash seeds) run `sample` too and must each get GOLDEN. Here the
sample runs in this process, under whatever hash seed it has.
"""

from __future__ import annotations

from typing import Any

import boto3

from connect_mock import mock_connect


def sample(client: Any) -> dict[str, list[str]]:
    """The first four numbers of five searches on one new instance, by (country, type, prefix).

    Self-contained: its source is written into test_xdist_determinism's generated tests."""
    cases = [
        ("US", "DID", None),
        ("GB", "TOLL_FREE", None),
        ("DE", "DID", "+4930"),
        ("JP", "UIFN", None),
        ("FR", "SHARED", None),
    ]
    iid = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="d",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    out: dict[str, list[str]] = {}
    for country, kind, prefix in cases:
        query: dict[str, Any] = {
            "InstanceId": iid,
            "PhoneNumberCountryCode": country,
            "PhoneNumberType": kind,
            "MaxResults": 4,
        }
        if prefix:
            query["PhoneNumberPrefix"] = prefix
        page = client.search_available_phone_numbers(**query)
        out[f"{country} {kind} {prefix or ''}".strip()] = [
            entry["PhoneNumber"] for entry in page["AvailableNumbersList"]
        ]
    return out


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
    with mock_connect(seed=2024):
        assert sample(boto3.client("connect", region_name="eu-west-2")) == GOLDEN
