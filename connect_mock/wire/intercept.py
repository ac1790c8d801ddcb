"""Around every Connect request, moto's operations included: inject faults, answer (moto's
operations held to the model: see moto_answers), record."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from .. import runtime
from .._http import Request, Response
from ..backend import recorded_calls
from ..core.calls import UNKNOWN_OPERATION, Call
from ..core.errors import ConnectServiceError
from .followups import followed
from .handler import handle
from .incoming import Incoming, read
from .moto_answers import answer_moto, error_code, is_moto_operation
from .regions import region_refusal

__all__ = ["intercept"]


def intercept(request: Request, answer: Callable[[Incoming], Response]) -> Response:
    """Around every Connect request (moto's operations and ours): read it once, inject faults,
    answer, record. ``answer`` gets what was read (our handler uses it; moto's handlers get the
    request as moto routed it).

    A request moto could not read for us (``request.complete`` is False) is answered untouched
    and recorded as well as we can."""
    incoming = read(request)
    operation = incoming.operation or UNKNOWN_OPERATION
    active = runtime.in_force()
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
        if incoming.route is not None and request.complete:
            # Our operation, on our own path or on one moto routes too (/tags/...).
            status, response_headers, body = handle(incoming)
        elif incoming.route is None and is_moto_operation(incoming.operation):
            status, response_headers, body = answer_moto(incoming, operation, followed(answer))
        else:
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
            error=error_code(status, response_headers, body),
        ),
        active.config.call_log_limit,
    )
    return status, response_headers, body
