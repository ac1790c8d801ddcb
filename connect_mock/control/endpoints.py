"""HTTP control of the mock, beside moto's own ``/moto-api/...`` endpoints, for server mode and
other processes:

- ``GET /moto-api/connect-mock/faults``: the rules; ``POST``: add a rule object or a list of them
  (keys as ``cm.faults.add``'s keywords, or ``{"throttle": {...}}``); ``DELETE``: remove all.
- ``GET /moto-api/connect-mock/calls``: the calls answered since moto's last reset.
- ``GET /moto-api/connect-mock/config``: seed, search_limit, phone_number_quota,
  claim_release_limit, clock; ``POST``: set any of them but the clock (a fresh start: the clock
  restarts and the fault rules are the configured ones again).
- ``POST /moto-api/connect-mock/clock`` with ``{"advance": seconds}``: move the virtual clock.

They act on the mock in force for requests without an active ``mock_connect``: those of
``connect-mock serve`` or the ``connect_server`` fixture.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from .. import runtime
from .._http import Response
from ..backend import recorded_calls
from ..runtime import Runtime

_JSON = {"Content-Type": "application/json"}


def _answer(status: int, document: dict[str, Any]) -> Response:
    return status, dict(_JSON), json.dumps(document)


def faults_endpoint(method: str, body: bytes) -> Response:
    faults = runtime.current().faults
    if method == "GET":
        return _answer(200, {"rules": [rule.to_json() for rule in faults]})
    if method == "DELETE":
        faults.clear()
        return _answer(200, {"rules": []})
    if method == "POST":
        try:
            document = json.loads(body or b"null")
        except (ValueError, UnicodeDecodeError) as exc:
            return _answer(400, {"Message": f"body is not JSON: {exc}"})
        try:
            added = faults.load(document)
        except ValueError as exc:
            return _answer(400, {"Message": str(exc)})
        return _answer(201, {"rules": [rule.to_json() for rule in added]})
    return _answer(405, {"Message": f"{method} is not allowed; use GET, POST or DELETE"})


def calls_endpoint(method: str, body: bytes) -> Response:
    if method != "GET":
        return _answer(405, {"Message": f"{method} is not allowed; use GET"})
    return _answer(200, {"calls": [call.to_json() for call in recorded_calls()]})


def _config(active: Runtime) -> dict[str, Any]:
    return {**active.config.to_json(), "clock": active.clock.now().isoformat()}


def config_endpoint(method: str, body: bytes) -> Response:
    active = runtime.current()
    if method == "GET":
        return _answer(200, _config(active))
    if method != "POST":
        return _answer(405, {"Message": f"{method} is not allowed; use GET or POST"})
    try:
        document = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        return _answer(400, {"Message": f"body is not JSON: {exc}"})
    if not isinstance(document, dict):
        return _answer(400, {"Message": "expected an object of options"})
    try:
        updated = Runtime(active.config.updated(document))
    except (TypeError, ValueError) as exc:
        return _answer(400, {"Message": str(exc)})
    runtime.set_default(updated)
    return _answer(200, _config(updated))


def clock_endpoint(method: str, body: bytes) -> Response:
    clock = runtime.current().clock
    if method == "GET":
        return _answer(200, {"now": clock.now().isoformat()})
    if method != "POST":
        return _answer(405, {"Message": f"{method} is not allowed; use GET or POST"})
    try:
        document = json.loads(body or b"{}")
        seconds = document["advance"]
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            raise TypeError
        if not math.isfinite(seconds):
            raise ValueError
        clock.advance(seconds)
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return _answer(400, {"Message": 'expected {"advance": seconds} with seconds >= 0'})
    return _answer(200, {"now": clock.now().isoformat()})


url_paths: dict[str, Callable[[str, bytes], Response]] = {
    "{0}/moto-api/connect-mock/faults$": faults_endpoint,
    "{0}/moto-api/connect-mock/calls$": calls_endpoint,
    "{0}/moto-api/connect-mock/config$": config_endpoint,
    "{0}/moto-api/connect-mock/clock$": clock_endpoint,
}
