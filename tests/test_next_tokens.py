"""NextToken: opaque, authenticated and bound to its query; every altered, forged or foreign token
refused with InvalidParameterException and one message. Over a thousand bit-flipped, truncated,
re-encoded, garbage and foreign tokens for SearchAvailablePhoneNumbers (and search tokens for
ListPhoneNumbersV2) through the API, and ``core.tokens.TokenCodec`` on its own."""

from __future__ import annotations

import base64
import random
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import botocore.exceptions
import pytest

from connect_mock import mock_connect
from connect_mock.core.errors import InvalidParameterException
from connect_mock.core.tokens import TokenCodec
from tests.helpers import INVALID_TOKEN, connect_client, create_instance, invalid_token

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
MINIMUM = 1000


def _raw(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@dataclass(frozen=True)
class Query:
    """One search (or ListPhoneNumbersV2) request, to be sent with some NextToken."""

    client: Any
    operation: str
    params: tuple[tuple[str, Any], ...]

    def send(self, token: str | None = None) -> dict[str, Any]:
        params = dict(self.params)
        if token is not None:
            params["NextToken"] = token
        result: dict[str, Any] = getattr(self.client, self.operation)(**params)
        return result

    def token(self, after: str | None = None) -> str:
        """The NextToken this query issues (after the page of ``after``)."""
        token: str = self.send(after)["NextToken"]
        return token


def _search(client: Any, instance_id: str, **params: Any) -> Query:
    query: dict[str, Any] = {
        "InstanceId": instance_id,
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "DID",
        "MaxResults": 3,
        **params,
    }
    return Query(client, "search_available_phone_numbers", tuple(query.items()))


def _bit_flips(token: str) -> Iterator[str]:
    raw = _raw(token)
    for index in range(len(raw)):
        for bit in range(8):
            altered = bytearray(raw)
            altered[index] ^= 1 << bit
            yield _encode(bytes(altered))


def _character_edits(token: str) -> Iterator[str]:
    """Other spellings of the same or nearly the same bytes: every character replaced by its
    neighbour in the alphabet (the last one carries unused bits), padding, the standard
    alphabet, whitespace and junk a lenient base64 decoder would skip."""
    for index, char in enumerate(token):
        yield token[:index] + B64[(B64.index(char) + 1) % 64] + token[index + 1 :]
    yield token + "=" * (-len(token) % 4)
    yield token + "===="
    yield token.replace("-", "+").replace("_", "/") + ("+" if "-" not in token else "")
    yield " " + token
    yield token + "\n"
    yield token[:10] + "!" + token[10:]
    yield token[:20] + " " + token[20:]
    yield token + token
    yield token + "A"
    yield token + "AAAA"
    yield token.upper() if token.upper() != token else token.lower()


def _truncations(token: str) -> Iterator[str]:
    for cut in range(1, len(token)):
        yield token[:cut]
    raw = _raw(token)
    for cut in range(1, len(raw)):
        yield _encode(raw[:cut])


def _garbage(rng: random.Random) -> Iterator[str]:
    for length in range(1, 65):  # random bytes of every length up to 64, the token's included
        yield _encode(rng.randbytes(length))
    for _ in range(60):  # a well-formed layout (version 1, position, served) with a forged MAC
        payload = b"\x01" + rng.randbytes(12)
        yield _encode(payload + rng.randbytes(16))
    for _ in range(30):
        yield base64.b64encode(rng.randbytes(29)).decode()  # standard alphabet, padded
    for _ in range(30):
        yield "".join(rng.choice(B64) for _ in range(rng.randint(1, 80)))
    yield from ["x", "not a token", "%%%%", "A" * 5000, "🙂", "null", "{}", "\u00e9" * 39, "====="]


def _refused(query: Query, token: str) -> None:
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        query.send(token)
    response = excinfo.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400, token
    assert response["Error"]["Code"] == "InvalidParameterException", token
    operation = "".join(part.title() for part in query.operation.split("_"))
    assert response["Error"]["Message"] == invalid_token(operation), token


def test_a_thousand_tampered_tokens_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with mock_connect(seed=5):
        client = connect_client(lax=True)
        instance_id, _ = create_instance(client, "home")
        home = _search(client, instance_id)
        first = home.token()
        second = home.token(after=first)
        home.send(second)  # both real tokens are good: refusals below are the tampering's

        # Tokens of other queries, each good for its own query.
        other_instance, _ = create_instance(client, "other")
        west = connect_client("us-west-2", lax=True)
        foreign_queries = [
            _search(client, instance_id, PhoneNumberCountryCode="CA"),
            _search(client, instance_id, PhoneNumberType="TOLL_FREE"),
            _search(client, instance_id, PhoneNumberPrefix="+1206"),
            _search(client, instance_id, PhoneNumberPrefix="+1"),
            _search(client, other_instance),
            _search(west, create_instance(west, "west")[0]),
        ]
        foreign = {query: query.token() for query in foreign_queries}
        for query, token in foreign.items():
            query.send(token)
        sent = 0
        with mock_connect(seed=6):  # the same query under another seed
            other_seed = home.token()
            _refused(home, first)
            sent += 1
        monkeypatch.setenv("MOTO_ACCOUNT_ID", "111111111111")
        elsewhere = connect_client(lax=True)
        elsewhere_query = _search(elsewhere, create_instance(elsewhere, "elsewhere")[0])
        other_account = elsewhere_query.token()
        _refused(elsewhere_query, first)  # (the account is the caller's: check it while it is)
        sent += 1
        monkeypatch.delenv("MOTO_ACCOUNT_ID")

        # Tokens of the list operations, and search tokens given to ListPhoneNumbersV2.
        offered = home.send()["AvailableNumbersList"]
        for entry in offered[:2]:
            client.claim_phone_number(InstanceId=instance_id, PhoneNumber=entry["PhoneNumber"])
        list_v2 = Query(client, "list_phone_numbers_v2", (("MaxResults", 1),))
        legacy = Query(
            client, "list_phone_numbers", (("InstanceId", instance_id), ("MaxResults", 1))
        )
        list_tokens = [list_v2.token(), legacy.token()]
        list_v2.send(list_tokens[0])

        cases: list[tuple[Query, str]] = []
        for token in (first, second):
            cases += [(home, altered) for altered in _bit_flips(token)]
            cases += [(home, altered) for altered in _character_edits(token)]
            cases += [(home, altered) for altered in _truncations(token)]
        cases += [(home, altered) for altered in _garbage(random.Random(20250101))]
        for query, token in foreign.items():
            cases.append((home, token))  # another query's token in ours
            cases.append((query, first))  # and ours in theirs
            cases += [(home, altered) for altered in _truncations(token)][::8]
        for token in (other_seed, other_account):
            cases.append((home, token))
            cases += [(home, altered) for altered in _truncations(token)][::8]
        for token in (foreign[foreign_queries[0]], other_account):
            cases += [(home, altered) for altered in _bit_flips(token)]
        cases += [(home, token) for token in list_tokens]
        cases += [
            (list_v2, token)
            for token in (first, second, other_seed, other_account, *foreign.values())
        ]
        cases.append((list_v2, list_tokens[1]))  # the legacy list's token

        assert not [token for query, token in cases if query == home and token in (first, second)]
        cases = list(dict.fromkeys(cases))  # truncations of similar tokens coincide
        for query, token in cases:
            _refused(query, token)
            sent += 1
        assert sent >= MINIMUM


# --- through the API: what the thousand above do not cover ------------------------------------


def test_a_token_of_another_seed_is_refused_until_that_seed_is_back() -> None:
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


def test_only_the_issued_spelling_of_a_next_token_is_accepted() -> None:
    # base64 decoding ignores the last character's unused bits, reads '+' and '/' as well as
    # '-' and '_', and skips whitespace and junk: such edits of a token used to be accepted.
    with mock_connect():
        client = connect_client(lax=True)
        query = {
            "InstanceId": create_instance(client, "spelling")[0],
            "PhoneNumberCountryCode": "US",
            "PhoneNumberType": "DID",
            "MaxResults": 2,
        }
        token = client.search_available_phone_numbers(**query)["NextToken"]
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        slack = token[:-1] + alphabet[alphabet.index(token[-1]) ^ 1]
        assert base64.urlsafe_b64decode(slack + "=") == base64.urlsafe_b64decode(token + "=")
        for edited in (slack, token + "=", " " + token, token[:9] + "!" + token[9:]):
            with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
                client.search_available_phone_numbers(**query, NextToken=edited)
            assert excinfo.value.response["Error"]["Message"] == INVALID_TOKEN
        client.search_available_phone_numbers(**query, NextToken=token)


# --- core.tokens.TokenCodec on its own -------------------------------------------------------


BINDING = "123456789012|us-east-1|arn:aws:connect:us-east-1:123456789012:instance/i|US|DID|"
# version (1 byte), position (8), served (4), then a 16-byte MAC
PAYLOAD = struct.Struct(">BQI")
TOKEN_BYTES = PAYLOAD.size + 16


def _codec_refuses(codec: TokenCodec, token: str, binding: str = BINDING) -> None:
    with pytest.raises(InvalidParameterException) as excinfo:
        codec.decode(binding, token)
    assert excinfo.value.message == INVALID_TOKEN
    assert excinfo.value.status == 400


@pytest.mark.parametrize(
    ("position", "served"), [(0, 0), (10, 10), (123_456, 99), (2**64 - 1, 2**32 - 1)]
)
def test_codec_token_round_trips(position: int, served: int) -> None:
    codec = TokenCodec(5)
    token = codec.encode(BINDING, position, served)
    assert codec.decode(BINDING, token) == (position, served)
    # Another codec of the same seed (another process, a restarted server) reads it too.
    assert TokenCodec(5).decode(BINDING, token) == (position, served)


def test_codec_token_is_opaque_url_safe_text_of_fixed_length() -> None:
    token = TokenCodec(0).encode(BINDING, 10, 10)
    assert len(_raw(token)) == TOKEN_BYTES
    assert len(token) == 39  # 29 bytes of base64, without padding
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    # The position is in there, but readable only as bytes: version 1, then position, served.
    assert PAYLOAD.unpack(_raw(token)[: PAYLOAD.size]) == (1, 10, 10)


def test_codec_tokens_are_deterministic_per_seed_binding_and_position() -> None:
    codec = TokenCodec(1)
    token = codec.encode(BINDING, 20, 20)
    assert codec.encode(BINDING, 20, 20) == TokenCodec(1).encode(BINDING, 20, 20) == token
    others = {
        TokenCodec(2).encode(BINDING, 20, 20),
        codec.encode(BINDING + "x", 20, 20),
        codec.encode(BINDING, 21, 20),
        codec.encode(BINDING, 20, 21),
    }
    assert token not in others
    assert len(others) == 4


def test_codec_token_is_the_same_text_from_one_release_to_the_next() -> None:
    # A client paging through a server that is upgraded between two pages (same seed) carries
    # on: the key derivation, layout and MAC are fixed, so is the text.
    assert TokenCodec(0).encode(BINDING, 10, 10) == "AQAAAAAAAAAKAAAACufUlEdPz2UfAbSgoORIWwo"
    assert TokenCodec(0).decode(BINDING, "AQAAAAAAAAAKAAAACufUlEdPz2UfAbSgoORIWwo") == (10, 10)


@pytest.mark.parametrize(
    "binding",
    [
        BINDING.replace("|US|", "|CA|"),
        BINDING.replace("|DID|", "|TOLL_FREE|"),
        BINDING + "1206",
        BINDING.replace("us-east-1|", "us-west-2|"),
        BINDING.replace("123456789012|", "111111111111|", 1),
        "",
    ],
)
def test_codec_token_of_another_binding_is_refused(binding: str) -> None:
    codec = TokenCodec(0)
    _codec_refuses(codec, codec.encode(BINDING, 10, 10), binding)


def test_codec_token_of_another_seed_is_refused() -> None:
    _codec_refuses(TokenCodec(1), TokenCodec(2).encode(BINDING, 10, 10))


def test_codec_every_flipped_bit_is_refused() -> None:
    codec = TokenCodec(0)
    good = _raw(codec.encode(BINDING, 10, 10))
    for index in range(len(good)):
        for bit in range(8):
            altered = bytearray(good)
            altered[index] ^= 1 << bit
            _codec_refuses(codec, _encode(bytes(altered)))


def test_codec_a_changed_version_byte_is_refused() -> None:
    codec = TokenCodec(0)
    good = _raw(codec.encode(BINDING, 10, 10))
    for version in (0, 2, 255):
        _codec_refuses(codec, _encode(bytes([version]) + good[1:]))


@pytest.mark.parametrize("cut", [1, 2, 16, TOKEN_BYTES - 1])
def test_codec_a_shortened_or_lengthened_token_is_refused(cut: int) -> None:
    codec = TokenCodec(0)
    good = _raw(codec.encode(BINDING, 10, 10))
    _codec_refuses(codec, _encode(good[:-cut]))
    _codec_refuses(codec, _encode(good + good[:cut]))


def test_codec_only_the_issued_spelling_is_accepted() -> None:
    # The base64 decoder also reads other spellings of the same bytes: all refused.
    codec = TokenCodec(0)
    # A token with a '-' or '_', which standard base64 spells '+' or '/'.
    token = next(
        token
        for token in (codec.encode(BINDING, n, n) for n in range(100))
        if "-" in token or "_" in token
    )
    position, _ = codec.decode(BINDING, token)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    slack = token[:-1] + alphabet[alphabet.index(token[-1]) ^ 1]  # unused low bits
    assert _raw(slack) == _raw(token)
    standard = base64.b64encode(_raw(token)).decode().rstrip("=")  # '+' and '/' for '-' and '_'
    assert standard != token
    for spelling in (
        slack,
        standard,
        token + "=",
        " " + token,
        token + "\n",
        token[:9] + "!" + token[9:],
    ):
        _codec_refuses(codec, spelling)
    assert codec.decode(BINDING, token) == (position, position)


@pytest.mark.parametrize("garbage", ["", "x", "====", "not a token", "🙂", "A" * 5000, "%00"])
def test_codec_garbage_is_refused(garbage: str) -> None:
    _codec_refuses(TokenCodec(0), garbage)
