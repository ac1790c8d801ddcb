"""Thin HTTP layer: route by botocore's model, check IAM, validate, call the backend, serialize."""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs, unquote

from . import _settings
from ._moto import (
    BaseResponse,
    Handler,
    HTTPException,
    RequestInfo,
    camelcase_to_underscores,
    connect_model,
)
from ._validation import RequestParser
from .calls import Call
from .exceptions import AccessDeniedException, ConnectServiceError
from .models import ConnectMockBackend, connect_mock_backends, recorded_calls

__all__ = ["SERVED_OPERATIONS", "ConnectMockResponse", "intercept"]

# Operation name -> ConnectMockBackend method. Everything else about an operation (method, URI,
# members, constraints, errors) is read from botocore's model.
SERVED_OPERATIONS: dict[str, str] = {
    name: camelcase_to_underscores(name)
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


def _path_regex(request_uri: str) -> re.Pattern[str]:
    """``/phone-number/{PhoneNumberId}`` -> a regex with one named group per URI label."""
    path = request_uri.split("?", 1)[0]
    parts: list[str] = []
    for piece in re.split(r"(\{[^}]+\})", path):
        if piece.startswith("{"):
            name = piece[1:-1]
            greedy = name.endswith("+")
            parts.append(f"(?P<{name.rstrip('+')}>{'.+' if greedy else '[^/]+'})")
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


class ConnectMockResponse(BaseResponse):
    """Handles the Connect paths connect_mock serves (registered on moto's Connect service)."""

    use_raw_body = True  # we decode ourselves: bad UTF-8 must be a 400, not a traceback

    def __init__(self) -> None:
        super().__init__(service_name="connect")
        self._operation = ""

    @classmethod
    def dispatch(cls, request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str]:
        return cls().handle(request, full_url, headers)

    def _get_action(self) -> str:
        # moto's IAM enforcement asks this for the action name (connect:<Operation>).
        return self._operation

    def handle(self, request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str]:
        request_id = str(uuid.uuid4())
        self.setup_class(request, full_url, headers)
        path = self.raw_path.split("?", 1)[0]
        for route in routes():
            match = route.path.fullmatch(path)
            if match is not None and route.method == self.method:
                break
        else:
            return _json_response(
                404,
                {"Message": f"connect_mock does not serve {self.method} {path}"},
                request_id,
            )
        self._operation = route.operation
        try:
            self._authenticate_and_authorize_normal_action("*")
        except HTTPException as denied:
            return AccessDeniedException(_access_denied_message(denied)).to_response(request_id)
        backend: ConnectMockBackend = connect_mock_backends[self.current_account][self.region]
        try:
            uri_params = {key: unquote(value) for key, value in match.groupdict().items()}
            params = route.parser.parse(
                self.raw_body or b"",
                uri_params=uri_params,
                query=parse_qs(self.parsed_url.query, keep_blank_values=True),
                headers=self.headers,
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


def _access_denied_message(denied: HTTPException) -> str:
    """moto's denial carries an XML body; keep only its human-readable message."""
    description = str(getattr(denied, "description", "") or denied)
    found = re.search(r"<Message>(.*?)</Message>", description, re.S)
    return found.group(1) if found else description


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


def _recorded_params(info: RequestInfo) -> dict[str, Any]:
    try:
        body = json.loads(info.body) if info.body.strip() else {}
    except (ValueError, RecursionError):  # unreadable bodies are recorded with no params
        body = None
    params: dict[str, Any] = dict(body) if isinstance(body, dict) else {}
    params.update(info.uri_params)
    params.update((key, values[0]) for key, values in info.query.items() if values)
    return params


def intercept(handler: Handler) -> Handler:
    """Wrap a Connect handler (moto's or ours): inject faults, then record the call."""

    def connect_mock_intercept(
        request: Any, full_url: str, headers: Any
    ) -> tuple[int, dict[str, str], Any]:
        info = RequestInfo(request, full_url, headers)
        operation = info.operation or "Unknown"
        settings = _settings.current()
        outcome = settings.faults.decide(operation, info.account, info.region)
        if outcome is not None and outcome.latency:
            time.sleep(outcome.latency)
        if outcome is not None and outcome.error is not None:
            error = ConnectServiceError.declared(outcome.error, outcome.message)
            status, response_headers, body = error.to_response()
        else:
            status, response_headers, body = handler(request, full_url, headers)
        recorded_calls().append(
            Call(
                operation=operation,
                account=info.account,
                region=info.region,
                params=_recorded_params(info),
                status=status,
                error=_error_code(status, response_headers, body),
            )
        )
        return status, response_headers, body

    # Not functools.wraps: moto's server names Flask endpoints after a handler called "dispatch"
    # by reading its __self__, which our wrapper does not have.
    connect_mock_intercept.__connect_mock__ = True  # type: ignore[attr-defined]
    connect_mock_intercept.__wrapped__ = handler  # type: ignore[attr-defined]
    return connect_mock_intercept
