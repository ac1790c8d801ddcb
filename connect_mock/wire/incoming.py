"""A Connect request read once, for the intercept (faults, the call log) and for our handler:
its operation and route by botocore's model, its URI parameters and its JSON body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._http import Request
from ..core.errors import ConnectServiceError
from .parse import RequestParser, read_body
from .routing import Route, match

__all__ = ["Incoming", "read"]


@dataclass(frozen=True)
class Incoming:
    request: Request
    route: Route | None  # connect_mock's own operation, else None
    operation: str | None  # by botocore's model; None when no operation has this method and path
    uri_params: tuple[tuple[str, str], ...]
    document: dict[str, Any]  # the body's JSON object ({} when it holds none)
    body_error: ConnectServiceError | None  # why the body is not a JSON object, if it is not
    # An outcome fault rule's FAILED message for this call (the intercept sets it), else None.
    failure: str | None = None

    def params(self, parser: RequestParser) -> dict[str, Any]:
        """The request's parameters as ``parser`` reads and validates them (body, path, query
        string, headers); raises the body's error, or the parser's."""
        if self.body_error is not None:
            raise self.body_error
        return parser.parse_document(
            self.document,
            uri_params=dict(self.uri_params),
            query=self.request.query,
            headers=self.request.headers,
        )

    def recorded_params(self) -> dict[str, Any]:
        """What the call log records: the body's members, then URI and query parameters."""
        params = dict(self.document)
        params.update(self.uri_params)
        params.update((key, values[0]) for key, values in self.request.query.items() if values)
        return params


def read(request: Request) -> Incoming:
    route, operation, uri_params = match(request.method, request.path)
    try:
        document, error = read_body(request.body), None
    except ConnectServiceError as exc:
        document, error = {}, exc
    return Incoming(request, route, operation, uri_params, document, error)
