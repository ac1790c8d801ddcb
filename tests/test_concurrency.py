"""Threads and the mock: handlers answer on many threads at once (moto's server) and must not
trip over each other."""

from __future__ import annotations

import threading
from typing import Any

import boto3
import botocore.config

from connect_mock import mock_connect
from connect_mock._moto import DEFAULT_ACCOUNT_ID
from connect_mock.models import ClaimedNumber, connect_mock_backends

PREFIX = "+1206555"
CONFIG = botocore.config.Config(
    retries={"total_max_attempts": 1}, max_pool_connections=16, connect_timeout=10, read_timeout=60
)


def _create_instances(client: Any, count: int) -> list[str]:
    return [
        client.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias=f"race-{index}",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )["Id"]
        for index in range(count)
    ]


def _listed(client: Any) -> dict[str, str]:
    """Number -> PhoneNumberId of every claim ListPhoneNumbersV2 lists, over all its pages."""
    listed: dict[str, str] = {}
    pages = client.get_paginator("list_phone_numbers_v2").paginate(
        PaginationConfig={"PageSize": 1000}
    )
    for page in pages:
        for summary in page["ListPhoneNumbersSummaryList"]:
            assert summary["PhoneNumber"] not in listed, f"listed twice: {summary}"
            listed[summary["PhoneNumber"]] = summary["PhoneNumberId"]
    return listed


def test_a_claim_landing_while_list_walks_the_claims_is_not_a_500() -> None:
    """Regression: ListPhoneNumbersV2 iterated the live dict of claims, so a claim answered on
    another server thread meanwhile made it fail with "dictionary changed size during
    iteration" (a 500 over the server). Here the claim lands at a chosen point of the walk."""
    with mock_connect(seed=5, phone_number_quota=100):
        client = boto3.client("connect", region_name="us-east-1", config=CONFIG)
        instance_id = _create_instances(client, 1)[0]
        offered = [
            entry["PhoneNumber"]
            for entry in client.search_available_phone_numbers(
                InstanceId=instance_id,
                PhoneNumberCountryCode="US",
                PhoneNumberType="DID",
                PhoneNumberPrefix=PREFIX,
                MaxResults=4,
            )["AvailableNumbersList"]
        ]
        for number in offered[:3]:
            client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        backend = connect_mock_backends[DEFAULT_ACCOUNT_ID]["us-east-1"]
        status = backend._status
        landed: list[threading.Thread] = []

        def claim_elsewhere() -> None:
            backend.claim_phone_number({"InstanceId": instance_id, "PhoneNumber": offered[3]})

        def status_while_claiming(claim: ClaimedNumber) -> str:
            if not landed:  # at the first claim the list looks at
                landed.append(threading.Thread(target=claim_elsewhere, daemon=True))
                landed[0].start()
                # A fix may make the claim wait for the list instead: don't wait for it forever.
                landed[0].join(timeout=2)
            return status(claim)

        setattr(backend, "_status", status_while_claiming)  # noqa: B010 (a method, per object)
        try:
            listed = client.list_phone_numbers_v2(InstanceId=instance_id)
        finally:
            delattr(backend, "_status")
        landed[0].join(timeout=10)
        assert not landed[0].is_alive()
        numbers = [s["PhoneNumber"] for s in listed["ListPhoneNumbersSummaryList"]]
        assert numbers in (offered[:3], offered)
        assert sorted(_listed(client)) == sorted(offered)
