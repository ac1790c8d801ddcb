"""Routing from botocore's model: which Connect operation a request calls, and connect_mock's
own routes (the operation table's entries) with their request parsers and handlers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import unquote

from .._moto import connect_model, moto_connect_operations
from ..core.operations import declared_errors
from .operations import OPERATIONS, Operation
from .parse import RequestParser

__all__ = ["Route", "match", "parser", "routes"]


@dataclass(frozen=True)
class Route:
    """One operation connect_mock serves: its entry in the operation table, routed."""

    operation: str
    method: str
    path: re.Pattern[str]
    parser: RequestParser
    declared_errors: frozenset[str]
    handler: Operation


def _path_regex(
    request_uri: str, *, greedy_last: bool = False, empty: bool = False
) -> re.Pattern[str]:
    """``/phone-number/{PhoneNumberId}`` -> a regex with one named group per URI label.

    ``{name+}`` labels are greedy; with ``greedy_last`` a label ending the path is too (moto's
    rule for its own routes: ``/tags/{resourceArn}`` takes ARNs with slashes), and the others
    may hold slashes as well (the server decodes ``%2F``: ``/instance/arn:...:instance/ID``).
    With ``empty`` a label may be empty (``GET /phone-number/``), so that the operation's
    parser refuses it."""
    pieces = re.split(r"(\{[^}]+\})", request_uri.split("?", 1)[0])
    parts: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.startswith("{"):
            ends_path = index == len(pieces) - 2 and pieces[-1] == ""
            greedy = piece.endswith("+}") or (greedy_last and ends_path)
            name = piece[1:-1].rstrip("+").replace("-", "_")
            pattern = (".*" if greedy else "[^/]*") if empty else (".+" if greedy else "[^/]+")
            if greedy_last and not greedy:
                pattern = ".*?" if empty else ".+?"
            parts.append(f"(?P<{name}>{pattern})")
        else:
            parts.append(re.escape(piece))
    return re.compile("".join(parts))


@lru_cache(maxsize=1)
def routes() -> tuple[Route, ...]:
    """The operation table's routes, compiled once from the model; literal paths before
    templated."""
    model = connect_model()
    # Operations moto serves too (TagResource...): a label ending the path is read as moto
    # reads it, greedily (an ARN's "/"), so that both agree on what the path names.
    motos = frozenset(moto_connect_operations())
    table = []
    for name, handler in OPERATIONS.items():
        http = model.operation_model(name).http
        table.append(
            Route(
                operation=name,
                method=http["method"],
                path=_path_regex(http["requestUri"], greedy_last=name in motos, empty=True),
                parser=parser(name),
                declared_errors=declared_errors()[name],
                handler=handler,
            )
        )
    table.sort(key=lambda route: route.path.pattern.count("(?P<"))
    return tuple(table)


@cache
def parser(operation: str) -> RequestParser:
    """The request parser of any Connect operation (moto's own are validated with it too)."""
    return RequestParser(connect_model().operation_model(operation))


def _first_segment(path: str) -> str:
    return path.lstrip("/").split("/", 1)[0]


@lru_cache(maxsize=1)
def _operation_index() -> dict[tuple[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Every Connect operation by method and literal first path segment ("" for a label),
    most specific first (the longest pattern, as moto orders them). A label may be empty
    (``GET /instance/`` is DescribeInstance without its InstanceId), so that the operation's
    validation refuses it."""
    model = connect_model()
    index: dict[tuple[str, str], list[tuple[re.Pattern[str], str]]] = {}
    for name in model.operation_names:
        http = model.operation_model(name).http
        uri = http["requestUri"]
        first = _first_segment(uri.split("?", 1)[0])
        key = (http["method"], "" if first.startswith("{") else first)
        index.setdefault(key, []).append((_path_regex(uri, greedy_last=True, empty=True), name))
    return {
        key: tuple(sorted(entries, key=lambda entry: len(entry[0].pattern), reverse=True))
        for key, entries in index.items()
    }


@lru_cache(maxsize=4096)
def match(method: str, path: str) -> tuple[Route | None, str | None, tuple[tuple[str, str], ...]]:
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
