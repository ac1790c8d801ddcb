"""Around every Connect request, moto's operations included: inject faults, answer, record."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import cache
from typing import Any

from .. import runtime
from .._http import Request, Response
from .._moto import moto_connect_operations
from ..backend import recorded_calls
from ..core.calls import Call
from ..core.errors import ConnectServiceError
from ..core.operations import declared_errors
from .followups import followed
from .handler import as_declared, handle
from .incoming import Incoming, read
from .regions import region_refusal
from .routing import parser
from .serialize import conform_body

__all__ = ["intercept"]


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


_BAD_INPUT = ("InvalidParameterException", "InvalidRequestException")
_REPLACED_HEADERS = frozenset({"content-type", "x-amzn-errortype", "status", "content-length"})


def _error_message(body: Any) -> str | None:
    try:
        document = json.loads(body)
    except (TypeError, ValueError):
        return None
    if not isinstance(document, dict):
        return None
    message = document.get("Message", document.get("message"))
    return message if isinstance(message, str) else None


def _conformed(operation: str, answer: Response) -> Response:
    """moto's answer to one of its own Connect operations, as botocore's model describes it:
    a 200's JSON through the operation's output serializer (the one our answers go through), an
    error as ``{"Message": ...}`` with a code the operation declares and the model's status."""
    status, headers, body = answer
    kept = {key: value for key, value in headers.items() if key.lower() not in _REPLACED_HEADERS}
    if status == 200:
        return status, {**kept, "Content-Type": "application/json"}, conform_body(operation, body)
    code, message = _error_code(status, headers, body), _error_message(body)
    declared = declared_errors().get(operation, frozenset())
    if status < 400 or code is None or message is None:
        return answer
    error = as_declared(ConnectServiceError.declared(code, message), declared)
    if error.code not in declared:
        # An error the model does not declare (moto's paginator's InvalidToken): the
        # operation's own error for bad input, or for a failure of the service.
        wanted = _BAD_INPUT if status < 500 else ("InternalServiceException",)
        substitute = next((known for known in wanted if known in declared), None)
        if substitute is None:
            return answer  # nothing declared to answer with: moto's own, untouched
        error = ConnectServiceError.declared(substitute, message)
    error_status, error_headers, error_body = error.to_response()
    request_id = next((v for k, v in kept.items() if k.lower() == "x-amzn-requestid"), None)
    if request_id is not None:
        kept = {k: v for k, v in kept.items() if k.lower() != "x-amzn-requestid"}
        error_headers["x-amzn-RequestId"] = str(request_id)
    return error_status, {**kept, **error_headers}, error_body


def _refusal(incoming: Incoming, operation: str) -> ConnectServiceError | None:
    """Why moto's own operation must not get this request: input the model refuses (moto's
    handlers read what they expect and fail with a 500 on anything else), as the operation
    declares it; None if valid."""
    request = incoming.request
    try:
        if incoming.body_error is not None:
            raise incoming.body_error
        parser(operation).parse_document(
            incoming.document,
            uri_params=dict(incoming.uri_params),
            query=request.query,
            headers=request.headers,
        )
    except ConnectServiceError as error:
        return as_declared(error, declared_errors().get(operation, frozenset()))
    return None


def _answer_moto(
    incoming: Incoming, operation: str, answer: Callable[[Incoming], Response]
) -> Response:
    refusal = _refusal(incoming, operation)
    if refusal is not None:
        return refusal.to_response()
    return _conformed(operation, answer(incoming))


@cache
def _moto_operations() -> frozenset[str]:
    return frozenset(moto_connect_operations())


def intercept(request: Request, answer: Callable[[Incoming], Response]) -> Response:
    """Around every Connect request (moto's operations and ours): read it once, inject faults,
    answer, record. ``answer`` gets what was read (our handler uses it; moto's handlers get the
    request as moto routed it).

    A request moto could not read for us (``request.complete`` is False) is answered untouched
    and recorded as well as we can."""
    incoming = read(request)
    operation = incoming.operation or "Unknown"
    active = runtime.current()
    # A Region without Connect has no service to fail, delay or throttle: refused first.
    refusal = region_refusal(operation, request.region) if request.complete else None
    outcome = None
    if request.complete and refusal is None:
        outcome = active.faults.decide(operation, request.account, request.region)
    if outcome is not None and outcome.latency:
        time.sleep(outcome.latency)
    if refusal is not None:
        status, response_headers, body = refusal.to_response()
    elif outcome is not None and outcome.error is not None:
        status, response_headers, body = ConnectServiceError.declared(
            outcome.error, outcome.message
        ).to_response()
    elif incoming.route is not None and request.complete:
        # Our operation, on our own path or on one moto routes too (/tags/...).
        status, response_headers, body = handle(incoming)
    elif incoming.operation is not None and incoming.operation in _moto_operations():
        status, response_headers, body = _answer_moto(
            incoming, incoming.operation, followed(answer)
        )
    else:
        status, response_headers, body = answer(incoming)
    recorded_calls().record(
        Call(
            operation=operation,
            account=request.account,
            region=request.region,
            params=incoming.recorded_params(),
            status=status,
            error=_error_code(status, response_headers, body),
        ),
        active.config.call_log_limit,
    )
    return status, response_headers, body
