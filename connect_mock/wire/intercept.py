"""Around every Connect request, moto's operations included: inject faults, answer, record."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .. import runtime
from .._http import Request, Response
from ..backend import recorded_calls
from ..core.calls import Call
from ..core.errors import ConnectServiceError
from .incoming import Incoming, read
from .regions import region_refusal

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
    else:
        if outcome is not None and outcome.failure is not None:
            incoming = replace(incoming, failure=outcome.failure)
        status, response_headers, body = answer(incoming)
        if outcome is not None and outcome.rule is not None and status >= 400:
            outcome.rule.unfire()  # refused for another reason: its outcome never applied
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
