"""Server mode with clients nobody here wrote: `connect-mock serve`, the connect_server fixture,
the AWS CLI, the JavaScript SDK v3, and an example program run as a separate process."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import boto3
import botocore.exceptions
import pytest
import requests

from connect_mock import RemoteConnectMock, RemoteError
from tests.helpers import (
    UNUSED_PLUGINS,
    connect_client,
    create_instance,
    expected_numbers,
    numbers,
    run_js,
    search_numbers,
)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
JS = ROOT / "tests" / "js"


# --- connect-mock serve ------------------------------------------------------------------------


def test_serve_prints_the_endpoint_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    faults = tmp_path / "faults.json"
    faults.write_text(
        json.dumps(
            [{"operation": "ListInstances", "error": "InternalServiceException", "times": 1}]
        )
    )
    process = subprocess.Popen(
        [str(BIN / "connect-mock"), "serve", "--port", "0", "--seed", "4", "--faults", str(faults)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        export = process.stdout.readline()
        assert banner.startswith(
            "connect-mock serving moto (all services, Connect phone numbers) on http://127.0.0.1:"
        )
        endpoint = banner.rsplit(" ", 1)[1].strip()
        assert export == f"export AWS_ENDPOINT_URL_CONNECT={endpoint}\n"
        client = connect_client(endpoint=endpoint, attempts=1)
        with pytest.raises(client.exceptions.InternalServiceException):
            client.list_instances()  # the rule from --faults
        instance_id, _ = create_instance(client, "server")
        assert search_numbers(client, instance_id, MaxResults=5) == expected_numbers(4, 5)
        # moto's other services are on the same port.
        s3 = boto3.client(
            "s3",
            region_name="us-east-1",
            endpoint_url=endpoint,
            aws_access_key_id="x",
            aws_secret_access_key="x",
        )
        s3.create_bucket(Bucket="same-port")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["same-port"]
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=30)
        assert process.returncode == 0
        assert out.endswith("connect-mock stopped.\n")
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_serve_refuses_a_bad_fixture_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    result = subprocess.run(
        [str(BIN / "connect-mock"), "serve", "--port", "0", "--fixtures", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"connect-mock: {bad}: AvailableNumbersList")


# --- the fixture ------------------------------------------------------------------------------


def test_the_fixture_points_sdks_at_the_server(connect_server: RemoteConnectMock) -> None:
    assert os.environ["AWS_ENDPOINT_URL_CONNECT"] == connect_server.endpoint
    client = connect_client()  # no endpoint: the variable
    instance_id, _ = create_instance(client, "server")
    page = search_numbers(
        client, instance_id, PhoneNumberCountryCode="GB", PhoneNumberType="TOLL_FREE", MaxResults=6
    )
    assert [c.operation for c in connect_server.calls] == [
        "CreateInstance",
        "SearchAvailablePhoneNumbers",
    ]
    assert connect_server.seed == 0
    # The same numbers as in-process for the same seed: those of the ordered inventory.
    assert page == expected_numbers(0, 6, "GB", "TOLL_FREE")


@pytest.mark.connect_mock(
    seed=8, faults=[{"operation": "ListInstances", "error": "InternalServiceException"}]
)
def test_the_marker_configures_the_server(connect_server: RemoteConnectMock) -> None:
    assert connect_server.seed == 8
    client = connect_client(attempts=1)
    with pytest.raises(client.exceptions.InternalServiceException):
        client.list_instances()
    instance_id, _ = create_instance(client, "server")
    assert search_numbers(client, instance_id, MaxResults=3) == expected_numbers(8, 3)


RESET = """
import boto3

def client():
    return boto3.client("connect", region_name="us-east-1")

def test_first_dirties_the_server(connect_server):
    created = client().create_instance(
        IdentityManagementType="CONNECT_MANAGED", InstanceAlias="dirty",
        InboundCallsEnabled=True, OutboundCallsEnabled=True)
    client().search_available_phone_numbers(
        InstanceId=created["Id"], PhoneNumberCountryCode="US", PhoneNumberType="DID")
    connect_server.faults.add("ListInstances", "InternalServiceException", times=5)
    connect_server.clock.advance(3600)
    assert len(connect_server.faults.list()) == 1

def test_second_finds_it_clean(connect_server):
    assert client().list_instances()["InstanceSummaryList"] == []
    assert connect_server.faults.list() == []
    assert [c.operation for c in connect_server.calls] == ["ListInstances"]
"""


def test_state_is_reset_between_tests(pytester: pytest.Pytester) -> None:
    """Two tests of one session in a fixed order (a session of its own, so that the second
    always follows the first on the same server, whatever ran before here)."""
    pytester.makepyfile(test_reset=RESET)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-p", "no:randomly", *UNUSED_PLUGINS
    )
    result.assert_outcomes(passed=2)


def test_the_remote_controller(connect_server: RemoteConnectMock) -> None:
    rule = connect_server.faults.throttle(rate=1, burst=1, operation="ListInstances")
    assert rule["throttle"] == {"rate": 1.0, "burst": 1, "operation": "ListInstances"}
    client = connect_client(attempts=1)
    client.list_instances()
    with pytest.raises(botocore.exceptions.ClientError, match="Rate exceeded"):
        client.list_instances()
    connect_server.clock.advance(1)
    client.list_instances()
    with pytest.raises(RemoteError, match="not an error the model declares"):
        connect_server.faults.add("ListInstances", "ThrottlingException")
    with pytest.raises(RemoteError, match="seed must be at least 0, got -1"):
        connect_server.configure(seed=-1)
    assert [c.error for c in connect_server.calls] == [None, "ThrottlingException", None]
    assert (
        requests.post(
            f"{connect_server.endpoint}/moto-api/connect-mock/clock",
            json={"advance": -1},
            timeout=5,
        ).status_code
        == 400
    )


# --- the AWS CLI -------------------------------------------------------------------------------


def _aws_search(endpoint: str, target_arn: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``aws connect search-available-phone-numbers`` for US DID numbers of ``target_arn``."""
    env = dict(
        os.environ,
        AWS_ACCESS_KEY_ID="x",
        AWS_SECRET_ACCESS_KEY="x",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_ENDPOINT_URL_CONNECT=endpoint,
        AWS_PAGER="",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
    return subprocess.run(
        [
            str(BIN / "aws"),
            "connect",
            "search-available-phone-numbers",
            "--target-arn",
            target_arn,
            "--phone-number-country-code",
            "US",
            "--phone-number-type",
            "DID",
            *args,
            "--output",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_aws_cli_gets_the_same_numbers_as_boto3(connect_server: RemoteConnectMock) -> None:
    client = connect_client()
    instance_id, instance_arn = create_instance(client, "server")
    # Without --max-items the CLI pages through everything: the search limit ends the query.
    result = _aws_search(connect_server.endpoint, instance_arn)
    assert result.returncode == 0, result.stderr
    from_cli = [e["PhoneNumber"] for e in json.loads(result.stdout)["AvailableNumbersList"]]
    assert len(from_cli) == 100
    full = (
        client.get_paginator("search_available_phone_numbers")
        .paginate(InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID")
        .build_full_result()
    )
    assert from_cli == numbers(full)


def test_the_aws_cli_reports_the_modelled_error(connect_server: RemoteConnectMock) -> None:
    _, instance_arn = create_instance(connect_client(), "server")
    result = _aws_search(connect_server.endpoint, instance_arn, "--page-size", "11")
    assert result.returncode == 255  # AWS CLI v1: a service error
    assert (
        "An error occurred (InvalidParameterException) when calling the "
        "SearchAvailablePhoneNumbers operation: 1 validation error detected: Value '11' at "
        "'MaxResults' failed to satisfy constraint: Member must have value less than or equal to 10"
    ) in result.stderr


# --- the JavaScript SDK v3 ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def node_modules() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail(
            "Node.js and npm are needed for the JS SDK test (make test installs the lock file)"
        )
    if not (JS / "node_modules" / "@aws-sdk" / "client-connect").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=JS,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return JS / "node_modules"


def test_the_javascript_sdk(node_modules: Path, connect_server: RemoteConnectMock) -> None:
    seen = run_js("check.mjs")
    assert seen["firstPage"] == expected_numbers(0, 5, "GB", "DID")
    assert len(seen["paginated"]) == 100
    assert seen["paginated"][:5] == seen["firstPage"]
    assert seen["validation"]["name"] == "InvalidParameterException"
    assert seen["validation"]["status"] == 400
    assert "Member must have value less than or equal to 10" in seen["validation"]["message"]
    assert seen["ruleStatus"] == 201
    assert seen["throttled"] == {
        "name": "ThrottlingException",
        "status": 429,
        "message": "Rate exceeded",
    }
    assert seen["afterThrottle"] == 10
    # moto's own instance operations, through the conformance layer: CreatedTime is a Date.
    instance = seen["describedInstance"]
    assert (instance["id"], instance["alias"]) == (seen["instanceId"], "js-sdk")
    assert (instance["status"], instance["inbound"], instance["createdIsDate"]) == (
        "ACTIVE",
        True,
        True,
    )
    assert abs(instance["createdMs"] / 1000 - time.time()) < 600
    assert seen["listedInstances"] == [
        {"id": seen["instanceId"], "createdMs": instance["createdMs"]}
    ]
    assert seen["deleted"] == 200
    assert seen["afterDelete"] == [seen["instanceId"]]
    assert seen["missingInstance"]["name"] == "ResourceNotFoundException"
    assert seen["missingInstance"]["status"] == 404


# --- an example program, as a separate process -------------------------------------------------


def test_the_provisioning_example_retries_through_throttling(
    connect_server: RemoteConnectMock,
) -> None:
    connect_server.faults.add("ClaimPhoneNumber", "ThrottlingException", times=2)
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "provision.py"), "--prefix", "+1206", "--release"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["PhoneNumber"].startswith("+1206")
    assert (outcome["Status"], outcome["Released"]) == ("CLAIMED", True)
    assert result.stderr.count("throttled, retrying") == 2
    claims = [c for c in connect_server.calls if c.operation == "ClaimPhoneNumber"]
    assert [c.error for c in claims] == ["ThrottlingException", "ThrottlingException", None]
    assert [c.operation for c in connect_server.calls][-1] == "ReleasePhoneNumber"


def test_a_phone_number_arn_travels_url_encoded_in_the_path(
    connect_server: RemoteConnectMock,
) -> None:
    client = connect_client()
    instance_id, _ = create_instance(client, "server")
    (number,) = search_numbers(client, instance_id, MaxResults=1)
    arn = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)["PhoneNumberArn"]
    summary = client.describe_phone_number(PhoneNumberId=arn)["ClaimedPhoneNumberSummary"]
    assert (summary["PhoneNumber"], summary["PhoneNumberArn"]) == (number, arn)
    client.update_phone_number_metadata(PhoneNumberId=arn, PhoneNumberDescription="by ARN")
    client.release_phone_number(PhoneNumberId=arn)
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_phone_number(PhoneNumberId=arn)
    paths = [c.params.get("PhoneNumberId") for c in connect_server.calls[-4:]]
    assert paths == [arn, arn, arn, arn]
