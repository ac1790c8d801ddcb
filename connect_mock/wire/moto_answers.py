"""moto's own Connect operations held to botocore's model: their input validated as ours is,
their answers through the same output serializer as ours, their errors as the operation
declares them."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from .._http import Response
from .._moto import moto_connect_operations
from ..core.errors import ConnectServiceError
from ..core.operations import declared_errors
from .handler import as_declared
from .incoming import Incoming
from .routing import parser
from .serialize import conform_body

__all__ = ["answer_moto", "error_code", "is_moto_operation"]


def error_code(status: int, headers: dict[str, Any], body: Any) -> str | None:
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
    code, message = error_code(status, headers, body), _error_message(body)
    declared = declared_errors().get(operation, frozenset())
    if status < 400 or code is None or message is None:
        return answer
    if code == "HTTP404":
        # No route took the path (moto's table is stricter than the model's greedy last label,
        # e.g. DELETE /instance/0/attribute/0 read as DeleteInstance): the unrouted 404, as is.
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
    try:
        incoming.params(parser(operation))
    except ConnectServiceError as error:
        return as_declared(error, declared_errors().get(operation, frozenset()))
    return None


def answer_moto(
    incoming: Incoming, operation: str, answer: Callable[[Incoming], Response]
) -> Response:
    """moto's answer to ``incoming`` (through ``answer``), or the refusal of its input."""
    refusal = _refusal(incoming, operation)
    if refusal is not None:
        return refusal.to_response()
    return _conformed(operation, answer(incoming))


@cache
def _moto_operations() -> frozenset[str]:
    return frozenset(moto_connect_operations())


def is_moto_operation(operation: str | None) -> bool:
    """Whether moto itself implements ``operation`` (CreateInstance, TagResource, ...). (An
    operation connect_mock also serves is connect_mock's where its route matches.)"""
    return operation is not None and operation in _moto_operations()
