"""Helpers and constants shared by the tests: clients, instances, pages, errors, and the numbers
a search should return, computed without the mock."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
import botocore.config
import pytest
from moto.connect.models import connect_backends
from moto.moto_api import state_manager

from connect_mock.inventory.ordered import OrderedInventory

# moto's default account: every request without credentials of another account is made in it.
ACCOUNT = "123456789012"
REGION = "us-east-1"
# For the pytest sessions the tests start: the installed plugins our tests never use whose imports
# cost most of a session's start-up (faker's and hypothesis's: ~1.6 of ~2 CPU-s a process, xdist
# workers included). They import nothing of AWS, so a session without them proves the same.
UNUSED_PLUGINS = ("-p", "no:faker", "-p", "no:hypothesispytest")
# The message of every refused NextToken (connect_mock.core.tokens), spelled out independently.
# The fields a NextToken is bound to, as its error message names them, per operation.
TOKEN_FIELDS = {
    "SearchAvailablePhoneNumbers": (
        "target, PhoneNumberCountryCode, PhoneNumberType, PhoneNumberPrefix"
    ),
    "ListPhoneNumbersV2": (
        "TargetArn, InstanceId, PhoneNumberCountryCodes, PhoneNumberTypes, PhoneNumberPrefix"
    ),
    "ListPhoneNumbers": "InstanceId, PhoneNumberTypes, PhoneNumberCountryCodes",
    "ListTrafficDistributionGroups": "InstanceId",
    "ListContactFlows": "InstanceId, ContactFlowTypes",
    "ListFlowAssociations": "InstanceId, ResourceType",
    "ListInstanceAttributes": "InstanceId",
}


def invalid_token(operation: str = "SearchAvailablePhoneNumbers") -> str:
    """The message of a NextToken the operation did not issue for this query."""
    return (
        "Invalid NextToken: it is malformed, was altered, or was issued for a different query "
        f"({TOKEN_FIELDS[operation]} or seed). Pass back the NextToken of the previous page of "
        "the same query unchanged, or start again without one."
    )


INVALID_TOKEN = invalid_token()


def connect_client(
    region: str = REGION,
    *,
    lax: bool = False,
    endpoint: str | None = None,
    attempts: int | None = None,
    account: str | None = None,
    own_session: bool = False,
    **config: Any,
) -> Any:
    """A boto3 Connect client.

    ``lax``: without botocore's parameter validation, as other SDKs and raw HTTP send requests;
    ``endpoint``: a server's URL (with dummy credentials); ``attempts``: total attempts per call
    (1: no retries); ``account``: moto attributes the calls to this account
    (``x-moto-account-id``); ``own_session``: a client of a new boto3 session (boto3's default
    session is not thread-safe); other keywords go to ``botocore.config.Config``.
    """
    if lax:
        config["parameter_validation"] = False
    if attempts is not None:
        config["retries"] = {"total_max_attempts": attempts, "mode": "standard"}
    options: dict[str, Any] = {"region_name": region}
    if config:
        options["config"] = botocore.config.Config(**config)
    if endpoint is not None:
        options.update(
            endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing"
        )
    session = boto3.session.Session() if own_session else boto3
    client = session.client("connect", **options)
    if account is not None:

        def stamp(request: Any, **_: Any) -> None:
            request.headers["x-moto-account-id"] = account

        client.meta.events.register("before-sign.connect.*", stamp)
    return client


def client_without_connect_rights(region: str = REGION) -> Any:
    """A Connect client of an IAM user allowed only s3:ListBucket (see ``iam_user_client``)."""
    return iam_user_client("nobody", ["s3:ListBucket"], region)


def connect_regions() -> list[str]:
    """The Regions with Connect, sorted: botocore's endpoint data, every partition."""
    session = boto3.session.Session()
    return sorted(
        region
        for partition in session.get_available_partitions()
        for region in session.get_available_regions("connect", partition_name=partition)
    )


def no_connect(region: str) -> str:
    """The message refusing a request signed for ``region``, a Region without Connect."""
    regions = ", ".join(connect_regions())
    return f"Region '{region}' has no Amazon Connect; Regions with Connect: {regions}"


def create_instance(client: Any, alias: str = "test") -> tuple[str, str]:
    """Create a Connect instance (moto's CreateInstance) through ``client``: (id, ARN)."""
    created = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias=alias,
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    return str(created["Id"]), str(created["Arn"])


def moto_instance(region: str = REGION, account: str = ACCOUNT) -> tuple[str, str]:
    """A Connect instance created in moto's backend directly (what CreateInstance does), for
    tests of the backend without HTTP: (id, ARN)."""
    created = connect_backends[account][region].create_instance(
        identity_management_type="CONNECT_MANAGED",
        inbound_calls_enabled=True,
        outbound_calls_enabled=True,
        instance_alias="backend",
    )
    return str(created["Id"]), str(created["Arn"])


def numbers(page: dict[str, Any]) -> list[str]:
    """The PhoneNumber values of one SearchAvailablePhoneNumbers page (or a full result)."""
    return [entry["PhoneNumber"] for entry in page["AvailableNumbersList"]]


def search_numbers(client: Any, instance_id: str, **params: Any) -> list[str]:
    """The numbers of one SearchAvailablePhoneNumbers page for ``instance_id``; the country
    and type default to US DID."""
    query = {"PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"} | params
    return numbers(client.search_available_phone_numbers(InstanceId=instance_id, **query))


def expected_numbers(
    seed: int, count: int, country: str = "US", number_type: str = "DID", prefix: str = ""
) -> list[str]:
    """The first ``count`` numbers a fresh mock with ``seed`` (no fixtures, nothing claimed)
    offers, read straight from the ordered inventory: no mock, no HTTP."""
    found, _ = OrderedInventory(seed, country, number_type, prefix.lstrip("+"), None).scan(0, count)
    return found


def client_error(excinfo: pytest.ExceptionInfo[Any]) -> tuple[int, str, str]:
    """(HTTP status, error code, message) of a botocore ClientError."""
    response = excinfo.value.response
    return (
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Code"],
        response["Error"]["Message"],
    )


@contextmanager
def manual_progress(model: str, times: int) -> Iterator[None]:
    """Within the block, moto's state manager moves ``model`` (``connect::phonenumber``,
    ``connect::trafficdistributiongroup``) to its next status only after ``times`` describes."""
    state_manager.set_transition(model, {"progression": "manual", "times": times})
    try:
        yield
    finally:
        state_manager.unset_transition(model)


JS = Path(__file__).resolve().parent / "js"


def run_js(script: str) -> Any:
    """Run ``tests/js/<script>`` with Node.js (dummy credentials; the endpoint from the
    environment, as the ``connect_server`` fixture sets it) and return the JSON it prints."""
    env = dict(os.environ, AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x")
    result = subprocess.run(
        ["node", str(JS / script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=JS,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def iam_user_client(user: str, actions: list[str], region: str = REGION) -> Any:
    """A Connect client of a new IAM user allowed only ``actions`` (inside ``mock_aws`` with
    ``set_initial_no_auth_action_count(3)``: the three IAM calls here are not checked)."""
    iam = boto3.client("iam", region_name=region)
    iam.create_user(UserName=user)
    key = iam.create_access_key(UserName=user)["AccessKey"]
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}],
    }
    iam.put_user_policy(UserName=user, PolicyName="only", PolicyDocument=json.dumps(policy))
    return boto3.client(
        "connect",
        region_name=region,
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )


def serve_options(monkeypatch: Any, argv: list[str]) -> dict[str, Any]:
    """The options ``connect-mock serve ARGV`` hands ``control.server.serve`` (not serving)."""
    import connect_mock.control.server
    from connect_mock.cli import main

    seen: dict[str, Any] = {}

    def serve(host: str, port: int, **options: Any) -> int:
        seen.update(options)
        return 0

    monkeypatch.setattr(connect_mock.control.server, "serve", serve)
    assert main(["serve", *argv]) == 0
    return seen


class WallTime:
    """The wall time a real clock (``clock="real"``) follows, standing still until a test moves
    it, so that a test of real clocks asserts no timing window."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds
