"""Importing connect_mock also serves the operation from moto's own server (loopback)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from moto.server import ThreadedMotoServer

import connect_mock
from tests.helpers import connect_client, create_instance, numbers, search_numbers


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


def test_search_over_moto_server(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONNECT_MOCK_SEED", raising=False)
    client = connect_client(endpoint=endpoint)
    instance_id, _ = create_instance(client, "server")
    query = {"InstanceId": instance_id, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID"}
    first = client.search_available_phone_numbers(**query, MaxResults=4)
    second = client.search_available_phone_numbers(
        **query, MaxResults=4, NextToken=first["NextToken"]
    )
    assert len(numbers(first) + numbers(second)) == 8
    assert all(n.startswith("+44") for n in numbers(first) + numbers(second))

    with connect_mock.mock_connect(seed=0):
        local = connect_client()
        local_id, _ = create_instance(local, "local")
        in_process = search_numbers(
            local, local_id, PhoneNumberCountryCode="GB", PhoneNumberType="DID", MaxResults=8
        )
    assert in_process == numbers(first) + numbers(second)


def test_errors_over_moto_server_are_restjson1(endpoint: str) -> None:
    client = connect_client(endpoint=endpoint, lax=True)
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.search_available_phone_numbers(
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
