"""Answer a request below connect_mock's URL roots: route, check IAM, validate, call the
operation, serialize; errors as the operation's model declares them."""

from __future__ import annotations

import json
import uuid

from .. import runtime
from .._http import Response
from .._moto import authorize
from ..core.errors import AccessDeniedException, ConnectServiceError, ResourceNotFoundException
from ..core.operations import declared_errors
from .incoming import Incoming
from .serialize import conform

__all__ = ["as_declared", "handle", "handle_unroutable"]


def _headers(request_id: str) -> dict[str, str]:
    return {"Content-Type": "application/json", "x-amzn-RequestId": request_id}


def _not_served(incoming: Incoming, request_id: str) -> Response:
    """The mock's JSON 404 for a path and method no operation of ours has."""
    request = incoming.request
    message = f"connect_mock does not serve {request.method} {request.path}"
    return 404, _headers(request_id), json.dumps({"Message": message})


def handle(incoming: Incoming) -> Response:
    """Answer one request below connect_mock's URL roots (see urls.py), as the intercept read
    it."""
    request_id = str(uuid.uuid4())
    request, route = incoming.request, incoming.route
    if route is None:
        return _not_served(incoming, request_id)
    denial = authorize(request, route.operation)
    if denial is not None:
        return AccessDeniedException(denial).to_response(request_id)
    try:
        params = incoming.params(route.parser)
        context = runtime.in_force()
        if incoming.failure is not None:
            context = context.failing(incoming.failure)
        result = route.handler(context, request.account, request.region, params)
    except ConnectServiceError as error:
        return as_declared(error, route.declared_errors).to_response(request_id)
    # The same serializer as moto's own operations' answers go through (see moto_answers).
    return 200, _headers(request_id), conform(route.operation, result)


def handle_unroutable(incoming: Incoming) -> Response:
    """A request of one of moto's own operations whose URI label holds a slash (an ARN, which
    the server decodes from %2F) or a newline: moto's routes take none. Its instance operations
    take the instance's ID, so an ARN names nothing: the operation's not-found error, as in
    process."""
    request_id = str(uuid.uuid4())
    operation = incoming.operation
    labelled = [
        (name, value) for name, value in incoming.uri_params if "/" in value or "\n" in value
    ]
    if operation is None or not labelled:
        return _not_served(incoming, request_id)
    name, value = labelled[0]
    hint = ": it takes the ID, not the ARN" if value.startswith("arn:") else ""
    error = ResourceNotFoundException(f"{name} '{value}' names nothing {operation} finds{hint}")
    return as_declared(error, declared_errors().get(operation, frozenset())).to_response(request_id)


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


def as_declared(error: ConnectServiceError, declared: frozenset[str]) -> ConnectServiceError:
    """The error as the operation's model declares it: same message, declared code and status."""
    if error.code in declared:
        return error
    for code in _SUBSTITUTES.get(error.code, ()):
        if code in declared:
            return error.redeclared(code)
    return error
