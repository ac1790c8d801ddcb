"""HTTP control of the mock, beside moto's own ``/moto-api/...`` endpoints, for server mode and
other processes:

- ``GET /moto-api/connect-mock/faults``: the rules; ``POST``: add a rule object or a list of them
  (keys as ``cm.faults.add``'s keywords, or ``{"throttle": {...}}``); ``DELETE``: remove all.
- ``GET /moto-api/connect-mock/calls``: the calls answered since moto's last reset (the newest
  ``call_log_limit``) and how many were dropped; ``DELETE``: forget them.
- ``GET /moto-api/connect-mock/config``: the settable options and the time (``now``);
  ``POST``: set any of them (the fault rules are the configured ones again; time carries on).
- ``GET /moto-api/connect-mock/clock``: the time; ``POST`` with ``{"advance": seconds}``: move it.
- ``GET /moto-api/connect-mock/source-numbers``: the AWS End User Messaging SMS numbers
  ImportPhoneNumber finds; ``POST``: declare an entry, a list of them or ``{"PhoneNumbers":
  [...]}`` (as in source-number files); ``DELETE``: forget them all.

They act on the mock in force: the innermost active ``mock_connect`` in this process, else the
one of ``connect-mock serve`` or the ``connect_server`` fixture. Bodies are JSON whatever their
Content-Type (``curl -d`` sends a form type); a refused request changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from .. import runtime
from .._http import Response
from ..backend import recorded_calls
from ..runtime import Runtime

__all__ = ["MAX_BODY_BYTES", "MAX_DEPTH", "url_paths"]

MAX_BODY_BYTES = 1 << 20
# Fault rules nest three levels ({"throttle": {...}} in a list); anything deeper is abuse, and
# json.loads itself overflows the stack at some thousands of levels.
MAX_DEPTH = 16
_JSON = {"Content-Type": "application/json"}


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _answer(status: int, document: dict[str, Any]) -> Response:
    return status, dict(_JSON), json.dumps(document)


def _depth(document: Any) -> int:
    deepest, pending = 0, [(document, 1)]
    while pending:
        value, level = pending.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:  # deeper is refused anyway: stop looking
                children = value.values() if isinstance(value, dict) else value
                pending.extend((child, level + 1) for child in children)
    return deepest


def _read_json(body: bytes, expected: str, empty: Any = None) -> Any:
    """The body's JSON document (``empty`` for an empty body, if not None); ``expected`` says
    what the endpoint takes, for the messages."""
    if len(body) > MAX_BODY_BYTES:
        raise _Refused(413, f"the body is {len(body)} bytes; the limit is {MAX_BODY_BYTES}")
    if not body.strip():
        if empty is not None:
            return empty
        raise _Refused(400, f"the body is empty; expected {expected}")
    try:
        document = json.loads(body)
    except RecursionError:
        raise _Refused(400, f"the body nests deeper than {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError) as exc:
        reason = str(exc)
        if "int_max_str_digits" in reason:  # Python's advice would mislead an HTTP client
            reason = "a number has more than 4300 digits"
        raise _Refused(400, f"the body is not JSON ({reason}); expected {expected}") from None
    if _depth(document) > MAX_DEPTH:
        raise _Refused(400, f"the body nests deeper than {MAX_DEPTH} levels")
    return document


def _no_body(method: str, body: bytes) -> None:
    if body.strip():
        raise _Refused(400, f"{method} takes no body")


def _endpoint(
    allowed: tuple[str, ...],
) -> Callable[[Callable[[str, bytes], Response]], Callable[[str, bytes], Response]]:
    """Refuse other methods (405) and turn ``_Refused`` into its answer."""

    def wrap(handler: Callable[[str, bytes], Response]) -> Callable[[str, bytes], Response]:
        def endpoint(method: str, body: bytes) -> Response:
            if method not in allowed:
                return _answer(
                    405, {"Message": f"{method} is not allowed; use {' or '.join(allowed)}"}
                )
            try:
                if method in ("GET", "DELETE"):
                    _no_body(method, body)
                return handler(method, body)
            except _Refused as refused:
                return _answer(refused.status, {"Message": str(refused)})

        return endpoint

    return wrap


class _Collection(Protocol):
    """What the faults and source-numbers endpoints manage: items with a JSON form."""

    def __iter__(self) -> Iterator[Any]: ...
    def clear(self) -> None: ...
    def load(self, document: Any) -> list[Any]: ...


def _collection(
    method: str, body: bytes, key: str, collection: _Collection, expected: str
) -> Response:
    """GET lists the items under ``key``, DELETE removes them, POST adds a document's (all or
    nothing; 201 with the added ones)."""
    if method == "GET":
        return _answer(200, {key: [item.to_json() for item in collection]})
    if method == "DELETE":
        collection.clear()
        return _answer(200, {key: []})
    document = _read_json(body, expected)
    try:
        added = collection.load(document)
    except ValueError as exc:
        raise _Refused(400, str(exc)) from None
    return _answer(201, {key: [item.to_json() for item in added]})


@_endpoint(("GET", "POST", "DELETE"))
def faults_endpoint(method: str, body: bytes) -> Response:
    faults = runtime.in_force().faults
    return _collection(method, body, "rules", faults, "a rule object or a list of rule objects")


@_endpoint(("GET", "DELETE"))
def calls_endpoint(method: str, body: bytes) -> Response:
    journal = recorded_calls()
    if method == "DELETE":
        journal.clear()
    calls, dropped = journal.since(0)
    return _answer(200, {"calls": [call.to_json() for call in calls], "dropped": dropped})


def _config(active: Runtime) -> dict[str, Any]:
    return {**active.config.to_json(), "now": active.clock.now().isoformat()}


@_endpoint(("GET", "POST"))
def config_endpoint(method: str, body: bytes) -> Response:
    if method == "GET":
        return _answer(200, _config(runtime.in_force()))
    options = 'an object of options, e.g. {"seed": 1}'
    document = _read_json(body, options, empty={})
    if not isinstance(document, dict):
        raise _Refused(400, f"expected {options}")
    try:
        updated = runtime.in_force().config.updated(document)
    except (TypeError, ValueError) as exc:
        raise _Refused(400, str(exc)) from None
    configured = runtime.configure(updated)
    recorded_calls().trim(updated.call_log_limit)  # a lower limit holds from now on
    return _answer(200, _config(configured))


@_endpoint(("GET", "POST", "DELETE"))
def source_numbers_endpoint(method: str, body: bytes) -> Response:
    sources = runtime.in_force().source_numbers
    expected = 'an entry, a list of entries or {"PhoneNumbers": [...]}'
    return _collection(method, body, "PhoneNumbers", sources, expected)


@_endpoint(("GET", "POST"))
def clock_endpoint(method: str, body: bytes) -> Response:
    clock = runtime.in_force().clock
    if method == "POST":
        expected = '{"advance": seconds} with seconds a number >= 0'
        document = _read_json(body, expected)
        if not isinstance(document, dict) or set(document) != {"advance"}:
            raise _Refused(400, f"expected {expected}")
        seconds = document["advance"]
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            raise _Refused(400, f"advance must be a number, not {json.dumps(seconds)[:50]}")
        try:
            clock.advance(document["advance"])
        except (TypeError, ValueError) as exc:
            raise _Refused(400, f"{exc}; expected {expected}") from None
    return _answer(200, {"now": clock.now().isoformat()})


def unknown_endpoint(method: str, body: bytes) -> Response:
    """Any other path under the control prefix: a JSON 404, as every refusal here is."""
    listed = ", ".join(f"/moto-api/connect-mock/{name}" for name in _ENDPOINTS)
    return _answer(404, {"Message": f"no such control endpoint; connect_mock's are {listed}"})


# The control endpoints, by name: the routes and the 404's list are built from this one table.
_ENDPOINTS: dict[str, Callable[[str, bytes], Response]] = {
    "faults": faults_endpoint,
    "calls": calls_endpoint,
    "config": config_endpoint,
    "clock": clock_endpoint,
    "source-numbers": source_numbers_endpoint,
}

url_paths: dict[str, Callable[[str, bytes], Response]] = {
    **{f"{{0}}/moto-api/connect-mock/{name}$": answer for name, answer in _ENDPOINTS.items()},
    # Last: routes are tried in order in process, and by specificity in the server (where the
    # named group becomes a Flask converter; a bare ".*" would be taken literally).
    "{0}/moto-api/connect-mock/?$": unknown_endpoint,
    "{0}/moto-api/connect-mock/(?P<rest>.*)$": unknown_endpoint,
}
