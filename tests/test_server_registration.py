"""Importing connect_mock also serves the operation from moto's own server (loopback)."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import botocore.config
import pytest
import requests
from moto.server import ThreadedMotoServer

import connect_mock
from tests.helpers import numbers


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    try:
        yield url
    finally:
        requests.post(f"{url}/moto-api/reset", timeout=5)
        server.stop()


def _client(endpoint: str, **config: bool) -> object:
    return boto3.client(
        "connect",
        region_name="us-east-1",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=botocore.config.Config(**config),
    )


def test_search_over_moto_server(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONNECT_MOCK_SEED", raising=False)
    client = _client(endpoint)
    instance_id = client.create_instance(  # type: ignore[attr-defined]
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="server",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    query = {"InstanceId": instance_id, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID"}
    first = client.search_available_phone_numbers(**query, MaxResults=4)  # type: ignore[attr-defined]
    second = client.search_available_phone_numbers(  # type: ignore[attr-defined]
        **query, MaxResults=4, NextToken=first["NextToken"]
    )
    assert len(numbers(first) + numbers(second)) == 8
    assert all(n.startswith("+44") for n in numbers(first) + numbers(second))

    with connect_mock.mock_connect(seed=0):
        local = boto3.client("connect", region_name="us-east-1")
        local_id = local.create_instance(
            IdentityManagementType="CONNECT_MANAGED",
            InstanceAlias="local",
            InboundCallsEnabled=True,
            OutboundCallsEnabled=True,
        )["Id"]
        in_process = local.search_available_phone_numbers(
            InstanceId=local_id, PhoneNumberCountryCode="GB", PhoneNumberType="DID", MaxResults=8
        )
    assert numbers(in_process) == numbers(first) + numbers(second)


def test_errors_over_moto_server_are_restjson1(endpoint: str) -> None:
    client = _client(endpoint, parameter_validation=False)
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:  # type: ignore[attr-defined]
        client.search_available_phone_numbers(  # type: ignore[attr-defined]
            InstanceId="x", PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=11
        )
    response = excinfo.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == (
        "InvalidParameterException"
    )
    raw = requests.post(
        f"{endpoint}/phone-number/search-available",
        data=b"\xff not json",
        headers={
            "Content-Type": "application/json",
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/"
            "us-east-1/connect/aws4_request, SignedHeaders=host, Signature=x",
        },
        timeout=5,
    )
    assert raw.status_code == 400
    assert raw.headers["x-amzn-ErrorType"] == "SerializationException"
