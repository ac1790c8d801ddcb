"""Thin HTTP layer: route by botocore's model, check IAM, validate, call the backend, serialize."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from botocore import xform_name

from . import _settings
from ._moto import Request, Response, authorize, connect_model
from ._validation import RequestParser
from .calls import Call
from .exceptions import AccessDeniedException, ConnectServiceError
from .models import connect_mock_backends, recorded_calls

__all__ = ["SERVED_OPERATIONS", "handle", "intercept", "operation_of"]

# Operation name -> ConnectMockBackend method. Everything else about an operation (method, URI,
# members, constraints, errors) is read from botocore's model.
SERVED_OPERATIONS: dict[str, str] = {
    name: xform_name(name)
    for name in (
        "SearchAvailablePhoneNumbers",
        "ClaimPhoneNumber",
        "DescribePhoneNumber",
        "ListPhoneNumbersV2",
        "ListPhoneNumbers",
        "UpdatePhoneNumber",
        "UpdatePhoneNumberMetadata",
        "ReleasePhoneNumber",
        "CreateTrafficDistributionGroup",
        "DescribeTrafficDistributionGroup",
        "ListTrafficDistributionGroups",
        "DeleteTrafficDistributionGroup",
    )
}


@dataclass(frozen=True)
class Route:
    operation: str
    method: str
    path: re.Pattern[str]
    parser: RequestParser
    declared_errors: frozenset[str]


def _path_regex(request_uri: str, *, greedy_last: bool = False) -> re.Pattern[str]:
    """``/phone-number/{PhoneNumberId}`` -> a regex with one named group per URI label.

    ``{name+}`` labels are greedy; with ``greedy_last`` a label ending the path is too (moto's
    rule for its own routes: ``/tags/{resourceArn}`` takes ARNs with slashes)."""
    pieces = re.split(r"(\{[^}]+\})", request_uri.split("?", 1)[0])
    parts: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.startswith("{"):
            ends_path = index == len(pieces) - 2 and pieces[-1] == ""
            greedy = piece.endswith("+}") or (greedy_last and ends_path)
            name = piece[1:-1].rstrip("+").replace("-", "_")
            parts.append(f"(?P<{name}>{'.+' if greedy else '[^/]+'})")
        else:
            parts.append(re.escape(piece))
    return re.compile("".join(parts))


@lru_cache(maxsize=1)
def routes() -> tuple[Route, ...]:
    """Our operations' routes, compiled once from the model; literal paths before templated."""
    model = connect_model()
    table = []
    for name in SERVED_OPERATIONS:
        operation = model.operation_model(name)
        uri = operation.http["requestUri"]
        table.append(
            Route(
                operation=name,
                method=operation.http["method"],
                path=_path_regex(uri),
                parser=RequestParser(operation),
                declared_errors=frozenset(shape.name for shape in operation.error_shapes),
            )
        )
    table.sort(key=lambda route: route.path.pattern.count("(?P<"))
    return tuple(table)


def _json_response(
    status: int, body: dict[str, Any], request_id: str
) -> tuple[int, dict[str, str], str]:
    headers = {"Content-Type": "application/json", "x-amzn-RequestId": request_id}
    return status, headers, json.dumps(body)


def _first_segment(path: str) -> str:
    return path.lstrip("/").split("/", 1)[0]


@lru_cache(maxsize=1)
def _operation_index() -> dict[tuple[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Every Connect operation by method and literal first path segment ("" for a label),
    most specific first (the longest pattern, as moto orders them)."""
    model = connect_model()
    index: dict[tuple[str, str], list[tuple[re.Pattern[str], str]]] = {}
    for name in model.operation_names:
        http = model.operation_model(name).http
        uri = http["requestUri"]
        first = _first_segment(uri.split("?", 1)[0])
        key = (http["method"], "" if first.startswith("{") else first)
        index.setdefault(key, []).append((_path_regex(uri, greedy_last=True), name))
    return {
        key: tuple(sorted(entries, key=lambda entry: len(entry[0].pattern), reverse=True))
        for key, entries in index.items()
    }


@lru_cache(maxsize=4096)
def _match(method: str, path: str) -> tuple[Route | None, str | None, tuple[tuple[str, str], ...]]:
    """(our route, operation, URI parameters) of a request; cached, as SDKs repeat paths."""
    for route in routes():
        found = route.path.fullmatch(path)
        if found is not None and route.method == method:
            return route, route.operation, _decoded(found)
    index = _operation_index()
    for key in ((method, _first_segment(path)), (method, "")):
        for pattern, name in index.get(key, ()):
            found = pattern.fullmatch(path)
            if found is not None:
                return None, name, _decoded(found)
    return None, None, ()


def _decoded(found: re.Match[str]) -> tuple[tuple[str, str], ...]:
    return tuple((key, unquote(value)) for key, value in found.groupdict().items())


def operation_of(request: Request) -> str | None:
    """The Connect operation a request calls, by botocore's model (None: no such operation)."""
    return _match(request.method, request.path)[1]


def handle(request: Request) -> tuple[int, dict[str, str], str]:
    """Answer one request below connect_mock's URL roots (see urls.py)."""
    request_id = str(uuid.uuid4())
    route, _, uri_params = _match(request.method, request.path)
    if route is None:
        return _json_response(
            404,
            {"Message": f"connect_mock does not serve {request.method} {request.path}"},
            request_id,
        )
    denial = authorize(request, route.operation)
    if denial is not None:
        return AccessDeniedException(denial).to_response(request_id)
    backend = connect_mock_backends.get(request.account, request.region)
    try:
        params = route.parser.parse(
            request.body,
            uri_params=dict(uri_params),
            query=request.query,
            headers=request.headers,
        )
        result = getattr(backend, SERVED_OPERATIONS[route.operation])(params)
    except ConnectServiceError as error:
        return _as_declared(error, route.declared_errors).to_response(request_id)
    return _json_response(200, result, request_id)


# Errors the backend raises for bad input, and what an operation whose model does not declare
# them answers instead (the traffic distribution group operations declare InvalidRequestException
# and ResourceConflictException, not InvalidParameterException, ResourceNotFoundException or
# IdempotencyException), in order of preference.
_SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "InvalidParameterException": ("InvalidRequestException",),
    "ResourceNotFoundException": ("InvalidParameterException", "InvalidRequestException"),
    "IdempotencyException": (
        "ResourceConflictException",
        "InvalidParameterException",
        "InvalidRequestException",
    ),
}


def _as_declared(error: ConnectServiceError, declared: frozenset[str]) -> ConnectServiceError:
    """The error as the operation's model declares it: same message, declared code and status."""
    if error.code in declared:
        return error
    for code in _SUBSTITUTES.get(error.code, ()):
        if code in declared:
            return ConnectServiceError.declared(code, error.message)
    return error


def _error_code(status: int, headers: dict[str, Any], body: Any) -> str | None:
    """The error code of a response: our header, else moto's JSON ``__type``."""
    if status < 400:
        return None
    for key, value in headers.items():
        if key.lower() == "x-amzn-errortype":
            return str(value).split(":", 1)[0]
    try:
        document = json.loads(body)
    except (TypeError, ValueError):
        document = None
    if isinstance(document, dict) and isinstance(document.get("__type"), str):
        return str(document["__type"]).rsplit("#", 1)[-1]
    return f"HTTP{status}"


def _recorded_params(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.body) if request.body.strip() else {}
    except (ValueError, RecursionError):  # unreadable bodies are recorded with no params
        body = None
    params: dict[str, Any] = dict(body) if isinstance(body, dict) else {}
    params.update(_match(request.method, request.path)[2])
    params.update((key, values[0]) for key, values in request.query.items() if values)
    return params


def intercept(request: Request, answer: Callable[[], Response]) -> Response:
    """Around every Connect request (moto's operations and ours): inject faults, answer, record.

    A request moto could not read for us (``request.complete`` is False) is answered untouched
    and recorded as well as we can."""
    operation = operation_of(request) or "Unknown"
    outcome = None
    if request.complete:
        outcome = _settings.current().faults.decide(operation, request.account, request.region)
    if outcome is not None and outcome.latency:
        time.sleep(outcome.latency)
    if outcome is not None and outcome.error is not None:
        status, response_headers, body = ConnectServiceError.declared(
            outcome.error, outcome.message
        ).to_response()
    else:
        status, response_headers, body = answer()
    recorded_calls().append(
        Call(
            operation=operation,
            account=request.account,
            region=request.region,
            params=_recorded_params(request),
            status=status,
            error=_error_code(status, response_headers, body),
        )
    )
    return status, response_headers, body
