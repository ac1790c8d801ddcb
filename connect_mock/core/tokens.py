"""Opaque, authenticated NextTokens bound to the query that issued them."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct

from .errors import InvalidParameterException

_VERSION = 1
_LAYOUT = struct.Struct(">BQI")  # version, position in the ordered list, results served so far
_MAC_BYTES = 16


class TokenCodec:
    """Issues and checks NextTokens with a key derived from the mock's seed.

    The MAC covers the query binding (account, region, target, country, type, prefix), so a
    token altered by one bit, cut short, or carried over to another query is refused, and the
    same query at the same position always gets the same token.
    """

    def __init__(self, seed: int) -> None:
        self._key = hashlib.blake2b(
            str(seed).encode(), key=b"connect-mock/next-token", digest_size=32
        ).digest()

    def _mac(self, binding: str, payload: bytes) -> bytes:
        return hmac.new(self._key, binding.encode() + b"\0" + payload, hashlib.sha256).digest()[
            :_MAC_BYTES
        ]

    def encode(self, binding: str, position: int, served: int) -> str:
        payload = _LAYOUT.pack(_VERSION, position, served)
        raw = payload + self._mac(binding, payload)
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(
        self,
        binding: str,
        token: str,
        query: str = "target, PhoneNumberCountryCode, PhoneNumberType, PhoneNumberPrefix",
    ) -> tuple[int, int]:
        """(position, served) of a token this query issued; InvalidParameterException otherwise,
        whose message names the fields of the ``query``."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError):
            raw = b""
        # Only the very text we issued: the decoder also reads other spellings of the same bytes
        # (the unused low bits of the last character, '+' and '/', skipped whitespace and junk).
        if base64.urlsafe_b64encode(raw).decode().rstrip("=") != token:
            raw = b""
        payload, mac = raw[: _LAYOUT.size], raw[_LAYOUT.size :]
        if len(raw) != _LAYOUT.size + _MAC_BYTES or not hmac.compare_digest(
            mac, self._mac(binding, payload)
        ):
            raise InvalidParameterException(
                "Invalid NextToken: it is malformed, was altered, or was issued for a different "
                f"query ({query} or seed). Pass back the NextToken of the previous page of the "
                "same query unchanged, or start again without one."
            )
        # The MAC covers the version byte, so only tokens we issued, all version 1, get here.
        _, position, served = _LAYOUT.unpack(payload)
        return position, served
