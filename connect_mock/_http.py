"""Plain types shared by the moto adapter (``_moto``) and the layers above it: a request as
connect_mock reads it, a response, and the warning a moto incompatibility raises. Imports
nothing of moto or of connect_mock."""

from __future__ import annotations

import logging
import re
import threading
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any
from urllib.parse import parse_qs, urlparse

# moto's default account (moto.core.models.DEFAULT_ACCOUNT_ID).
DEFAULT_ACCOUNT_ID = "123456789012"

Response = tuple[int, dict[str, str], Any]
RawHandler = Callable[[Any, str, Any], Response]

_lock = threading.Lock()


class ConnectMockCompatibilityWarning(UserWarning):
    """This moto release changed something connect_mock relies on."""


_reported: set[str] = set()


def moto_version() -> str:
    try:
        return metadata.version("moto")
    except metadata.PackageNotFoundError:  # pragma: no cover - moto is a dependency
        return "unknown"


def report_incompatibility(what: str, error: BaseException) -> None:
    """Warn once per kind of failure: which moto, what broke, what to do."""
    with _lock:
        if what in _reported:
            return
        _reported.add(what)
    message = (
        f"connect_mock cannot {what} with moto {moto_version()} "
        f"({type(error).__name__}: {error}); moto's own operations are served untouched. "
        "Upgrade connect_mock (pip install -U connect_mock), or pin a moto release "
        "connect_mock supports."
    )
    try:
        warnings.warn(message, ConnectMockCompatibilityWarning, stacklevel=3)
    except Warning:
        # Warnings turned into errors (-W error) must not turn into a failed moto request.
        logging.getLogger("connect_mock").warning(message)


@dataclass(frozen=True)
class Request:
    """One Connect request, as connect_mock reads it.

    ``complete`` is False when moto could not work out the caller (its private API changed):
    account and Region are then a best guess from the signature, good for recording only.
    """

    account: str
    region: str
    method: str
    path: str  # as sent: percent-escapes kept, no query
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes
    complete: bool = True
    _probe: Any = field(default=None, repr=False, compare=False)


_CREDENTIAL_REGION = re.compile(r"Credential=[^/,]+/[^/,]+/([a-z0-9-]+)/")


def read_without_moto(raw: Any, full_url: str, headers: Any) -> Request:
    url = urlparse(full_url)
    header_map: Mapping[str, str] = headers if hasattr(headers, "get") else {}
    found = _CREDENTIAL_REGION.search(str(header_map.get("Authorization", "")))
    body = raw.get_data() if hasattr(raw, "get_data") else getattr(raw, "body", b"")
    return Request(
        account=DEFAULT_ACCOUNT_ID,
        region=found.group(1) if found else "us-east-1",
        method=str(getattr(raw, "method", "GET")),
        path=url.path,
        query=parse_qs(url.query, keep_blank_values=True),
        headers=header_map,
        body=as_bytes(body),
        complete=False,
    )


def as_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        return bytes(body.read())
    return bytes(body)
