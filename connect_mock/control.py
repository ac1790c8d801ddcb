"""HTTP control of the mock, beside moto's own ``/moto-api/...`` endpoints, for server mode and
other processes:

- ``GET /moto-api/connect-mock/faults``: the rules; ``POST``: add a rule object or a list of them
  (keys as ``cm.faults.add``'s keywords, or ``{"throttle": {...}}``); ``DELETE``: remove all.
- ``GET /moto-api/connect-mock/calls``: the calls answered since moto's last reset.
"""

from __future__ import annotations

import json
from typing import Any

from . import _settings
from ._moto import Handler
from .models import recorded_calls

Response = tuple[int, dict[str, str], str]

_JSON = {"Content-Type": "application/json"}


def _answer(status: int, document: dict[str, Any]) -> Response:
    return status, dict(_JSON), json.dumps(document)


def faults_endpoint(request: Any, full_url: str, headers: Any) -> Response:
    faults = _settings.current().faults
    method = request.method
    if method == "GET":
        return _answer(200, {"rules": [rule.to_json() for rule in faults]})
    if method == "DELETE":
        faults.clear()
        return _answer(200, {"rules": []})
    if method == "POST":
        try:
            document = json.loads(request.data or b"null")
        except (ValueError, UnicodeDecodeError) as exc:
            return _answer(400, {"Message": f"body is not JSON: {exc}"})
        try:
            added = faults.load(document)
        except ValueError as exc:
            return _answer(400, {"Message": str(exc)})
        return _answer(201, {"rules": [rule.to_json() for rule in added]})
    return _answer(405, {"Message": f"{method} is not allowed; use GET, POST or DELETE"})


def calls_endpoint(request: Any, full_url: str, headers: Any) -> Response:
    if request.method != "GET":
        return _answer(405, {"Message": f"{request.method} is not allowed; use GET"})
    return _answer(200, {"calls": [call.to_json() for call in recorded_calls()]})


url_paths: dict[str, Handler] = {
    "{0}/moto-api/connect-mock/faults$": faults_endpoint,
    "{0}/moto-api/connect-mock/calls$": calls_endpoint,
}
