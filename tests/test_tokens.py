"""NextToken: opaque, authenticated and bound to its query."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from connect_mock import mock_connect
from connect_mock.plugin import ConnectInstance
from tests.helpers import INVALID_TOKEN, connect_client, create_instance


def _refused(search: Any, **params: Any) -> None:
    with pytest.raises(Exception) as excinfo:  # noqa: PT011 - checked precisely below
        search(**params)
    response = excinfo.value.response  # type: ignore[attr-defined]
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"] == {"Code": "InvalidParameterException", "Message": INVALID_TOKEN}


def _flip(token: str, index: int) -> str:
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw[index] ^= 0x01
    return base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")


def test_every_altered_byte_is_refused(search: Any) -> None:
    token = search(MaxResults=2)["NextToken"]
    length = len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    for index in range(length):
        _refused(search, NextToken=_flip(token, index))


@pytest.mark.parametrize("cut", [1, 5, 20])
def test_a_truncated_token_is_refused(search: Any, cut: int) -> None:
    token = search(MaxResults=2)["NextToken"]
    _refused(search, NextToken=token[:-cut])


@pytest.mark.parametrize("garbage", ["x", "not a token", "%%%%", "A" * 5000, "🙂"])
def test_garbage_is_refused(search: Any, garbage: str) -> None:
    _refused(search, NextToken=garbage)


@pytest.mark.parametrize(
    "other_query",
    [
        {"PhoneNumberCountryCode": "CA"},
        {"PhoneNumberType": "TOLL_FREE"},
        {"PhoneNumberPrefix": "+1206"},
    ],
)
def test_a_token_of_another_query_is_refused(search: Any, other_query: dict[str, str]) -> None:
    token = search(MaxResults=2)["NextToken"]
    _refused(search, NextToken=token, **other_query)


def test_a_token_of_another_instance_is_refused(
    connect_instance: ConnectInstance, search: Any
) -> None:
    token = search(MaxResults=2)["NextToken"]
    other, _ = create_instance(connect_instance.client, "other")
    _refused(search, NextToken=token, InstanceId=other)


def test_a_token_of_another_seed_is_refused() -> None:
    # Same account, instance and query; only the seed changes (an inner mock_connect).
    with mock_connect(seed=1):
        client = connect_client()
        instance_id, _ = create_instance(client, "seeded")
        query = {
            "InstanceId": instance_id,
            "PhoneNumberCountryCode": "US",
            "PhoneNumberType": "DID",
        }
        token = client.search_available_phone_numbers(**query, MaxResults=2)["NextToken"]
        with mock_connect(seed=2):
            with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
                client.search_available_phone_numbers(**query, NextToken=token)
            assert excinfo.value.response["Error"]["Message"] == INVALID_TOKEN
        # Back under seed 1 the token is good again.
        client.search_available_phone_numbers(**query, NextToken=token)


def test_tokens_are_deterministic(search: Any) -> None:
    assert search(MaxResults=3)["NextToken"] == search(MaxResults=3)["NextToken"]
