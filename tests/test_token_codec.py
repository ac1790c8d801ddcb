"""core.tokens.TokenCodec on its own: NextTokens round-trip, are bound to their query and seed,
and are refused when altered in any way, with one message."""

from __future__ import annotations

import base64
import struct

import pytest

from connect_mock.core.errors import InvalidParameterException
from connect_mock.core.tokens import TokenCodec
from tests.helpers import INVALID_TOKEN

BINDING = "123456789012|us-east-1|arn:aws:connect:us-east-1:123456789012:instance/i|US|DID|"
# version (1 byte), position (8), served (4), then a 16-byte MAC
PAYLOAD = struct.Struct(">BQI")
TOKEN_BYTES = PAYLOAD.size + 16


def raw(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def text(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def refused(codec: TokenCodec, token: str, binding: str = BINDING) -> None:
    with pytest.raises(InvalidParameterException) as excinfo:
        codec.decode(binding, token)
    assert excinfo.value.message == INVALID_TOKEN
    assert excinfo.value.status == 400


@pytest.mark.parametrize(
    ("position", "served"), [(0, 0), (10, 10), (123_456, 99), (2**64 - 1, 2**32 - 1)]
)
def test_a_token_round_trips(position: int, served: int) -> None:
    codec = TokenCodec(5)
    token = codec.encode(BINDING, position, served)
    assert codec.decode(BINDING, token) == (position, served)
    # Another codec of the same seed (another process, a restarted server) reads it too.
    assert TokenCodec(5).decode(BINDING, token) == (position, served)


def test_a_token_is_opaque_url_safe_text_of_fixed_length() -> None:
    token = TokenCodec(0).encode(BINDING, 10, 10)
    assert len(raw(token)) == TOKEN_BYTES
    assert len(token) == 39  # 29 bytes of base64, without padding
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    # The position is in there, but readable only as bytes: version 1, then position, served.
    assert PAYLOAD.unpack(raw(token)[: PAYLOAD.size]) == (1, 10, 10)


def test_tokens_are_deterministic_per_seed_binding_and_position() -> None:
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


def test_a_token_is_the_same_text_from_one_release_to_the_next() -> None:
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
def test_a_token_of_another_binding_is_refused(binding: str) -> None:
    codec = TokenCodec(0)
    refused(codec, codec.encode(BINDING, 10, 10), binding)


def test_a_token_of_another_seed_is_refused() -> None:
    refused(TokenCodec(1), TokenCodec(2).encode(BINDING, 10, 10))


def test_every_flipped_bit_is_refused() -> None:
    codec = TokenCodec(0)
    good = raw(codec.encode(BINDING, 10, 10))
    for index in range(len(good)):
        for bit in range(8):
            altered = bytearray(good)
            altered[index] ^= 1 << bit
            refused(codec, text(bytes(altered)))


def test_a_changed_version_byte_is_refused() -> None:
    codec = TokenCodec(0)
    good = raw(codec.encode(BINDING, 10, 10))
    for version in (0, 2, 255):
        refused(codec, text(bytes([version]) + good[1:]))


@pytest.mark.parametrize("cut", [1, 2, 16, TOKEN_BYTES - 1])
def test_a_shortened_or_lengthened_token_is_refused(cut: int) -> None:
    codec = TokenCodec(0)
    good = raw(codec.encode(BINDING, 10, 10))
    refused(codec, text(good[:-cut]))
    refused(codec, text(good + good[:cut]))


def test_only_the_issued_spelling_is_accepted() -> None:
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
    assert raw(slack) == raw(token)
    standard = base64.b64encode(raw(token)).decode().rstrip("=")  # '+' and '/' for '-' and '_'
    assert standard != token
    for spelling in (
        slack,
        standard,
        token + "=",
        " " + token,
        token + "\n",
        token[:9] + "!" + token[9:],
    ):
        refused(codec, spelling)
    assert codec.decode(BINDING, token) == (position, position)


@pytest.mark.parametrize("garbage", ["", "x", "====", "not a token", "🙂", "A" * 5000, "%00"])
def test_garbage_is_refused(garbage: str) -> None:
    refused(TokenCodec(0), garbage)
