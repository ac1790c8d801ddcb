"""Response documents as botocore's model describes them: one serializer per operation, compiled
once from its output shape, for every 200 the mock answers (connect_mock's operations and moto's
own Connect operations alike).

What it does to a document:

- keeps only the members the shape declares (anything else is dropped), and leaves out a member
  that is null, or an empty list or map whose shape sets ``min`` >= 1 (``TagMap``: 1-50 entries)
  inside the answer (a resource's ``Tags``); the answer's own members are kept, empty or not;
- timestamps in the protocol's format: restJson1 body timestamps are epoch seconds as JSON
  numbers unless the shape sets another ``timestampFormat`` (moto writes ISO 8601 strings, which
  botocore forgives and Go, JavaScript and Terraform do not);
- values as the declared type where the value says it unambiguously (``"3"`` for an integer,
  ``"true"`` for a boolean); a value that cannot be read as its type is left out.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import format_datetime
from functools import cache
from typing import Any

from botocore.model import Shape, StructureShape

from .._moto import connect_model

__all__ = ["conform", "conform_body", "output_serializer"]

# A converter's answer for a value it cannot read as its shape: the member is left out.
_DROP: Any = object()

Convert = Callable[[Any], Any]


def _epoch(value: Any) -> Any:
    """Seconds since the epoch of an ISO 8601 string, a datetime or a number."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return _number(value)  # "1735787045.25"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)  # moto's naive times are UTC
        seconds = value.timestamp()
        return int(seconds) if seconds.is_integer() else round(seconds, 6)
    return _number(value)


def _timestamp(shape: Shape) -> Convert:
    form = shape.serialization.get("timestampFormat") or "unixTimestamp"
    if form == "unixTimestamp":
        return _epoch

    def text(value: Any) -> Any:
        seconds = _epoch(value)
        if seconds is _DROP:
            return _DROP
        moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
        if form == "rfc822":
            return format_datetime(moment, usegmt=True)
        return moment.isoformat().replace("+00:00", "Z")

    return text


def _string(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return _DROP


def _integer(value: Any) -> Any:
    if isinstance(value, bool):
        return _DROP
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return _DROP
    return _DROP


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        return _DROP
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return _DROP
    return _DROP


_BOOLEANS = {True: True, False: False, "true": True, "false": False}


def _boolean(value: Any) -> Any:
    if isinstance(value, bool | str):
        return _BOOLEANS.get(value, _DROP)
    return _DROP


def _identity(value: Any) -> Any:
    return value


_SCALARS: dict[str, Convert] = {
    "string": _string,
    "integer": _integer,
    "long": _integer,
    "double": _number,
    "float": _number,
    "boolean": _boolean,
    "blob": _string,  # base64 text in JSON
}


# Shapes whose values pass unchanged when of exactly this Python type (bool is not an int here).
_EXACT_TYPES: dict[str, type] = {"string": str, "boolean": bool, "integer": int, "long": int}


class _Compiler:
    """Converters by shape name, so that a shape used in many places (or by itself, in a
    recursive structure) is compiled once."""

    def __init__(self) -> None:
        self._done: dict[str, Convert] = {}

    def compile(self, shape: Shape) -> Convert:
        known = self._done.get(shape.name)
        if known is not None:
            return known
        if shape.metadata.get("document"):
            return _identity
        kind = shape.type_name
        if kind == "structure":
            assert isinstance(shape, StructureShape)
            # Registered before its members are compiled: a recursive member finds it.
            cell: list[Convert] = []
            self._done[shape.name] = lambda value: cell[0](value)
            cell.append(self.structure(shape))
            self._done[shape.name] = cell[0]
            return cell[0]
        if kind == "list":
            converter = self._list(self.compile(shape.member))
        elif kind == "map":
            converter = self._map(self.compile(shape.key), self.compile(shape.value))
        elif kind == "timestamp":
            converter = _timestamp(shape)
        else:
            converter = _SCALARS.get(kind, _identity)
        self._done[shape.name] = converter
        return converter

    def structure(self, shape: StructureShape, *, keep_empty: bool = False) -> Convert:
        required = set(shape.required_members)
        members: dict[str, tuple[Convert, bool]] = {}
        for name, member in shape.members.items():
            # An empty list or map the shape says must hold at least one entry is left out.
            drop_empty = (
                not keep_empty
                and member.type_name in ("list", "map")
                and (member.metadata.get("min") or 0) >= 1
                and name not in required
            )
            members[name] = (self.compile(member), drop_empty)
        # Members already of their declared JSON type need no conversion: most of them (the
        # check is one dict lookup, a call per member is measurable on a page of numbers).
        as_they_are = {
            name: _EXACT_TYPES[member.type_name]
            for name, member in shape.members.items()
            if member.type_name in _EXACT_TYPES and not member.metadata.get("document")
        }

        def structure(value: Any) -> Any:
            if not isinstance(value, dict):
                return _DROP
            # Most documents need nothing done: one comprehension tells.
            kept = {
                name: item
                for name, item in value.items()
                if as_they_are.get(name) is item.__class__
            }
            if len(kept) == len(value):
                return kept
            out: dict[str, Any] = {}
            for name, item in value.items():
                if name in kept:
                    out[name] = item
                    continue
                member = members.get(name)
                if member is None or item is None:
                    continue
                converted = member[0](item)
                if converted is _DROP or (member[1] and not converted):
                    continue
                out[name] = converted
            return out

        return structure

    @staticmethod
    def _list(item_converter: Convert) -> Convert:
        def convert_list(value: Any) -> Any:
            if not isinstance(value, list | tuple):
                return _DROP
            converted = [item_converter(item) for item in value if item is not None]
            return [item for item in converted if item is not _DROP]

        return convert_list

    @staticmethod
    def _map(key_converter: Convert, value_converter: Convert) -> Convert:
        def convert_map(value: Any) -> Any:
            if not isinstance(value, dict):
                return _DROP
            out = {}
            for key, item in value.items():
                converted_key, converted = key_converter(key), value_converter(item)
                if converted_key is not _DROP and converted is not _DROP and item is not None:
                    out[converted_key] = converted
            return out

        return convert_map


_compiler = _Compiler()
_compiling = threading.Lock()


@cache
def output_serializer(operation: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The response document of ``operation`` as its output shape says (compiled once)."""
    shape = connect_model().operation_model(operation).output_shape
    if shape is None:
        return lambda document: {}
    # The answer's own members are kept even when empty: ListTagsForResource of an untagged
    # resource answers {"tags": {}} (callers read response["tags"]), a page may list nothing.
    assert isinstance(shape, StructureShape)
    with _compiling:  # the server's threads may ask for the first time at once
        convert = _compiler.structure(shape, keep_empty=True)

    def serialize(document: dict[str, Any]) -> dict[str, Any]:
        converted: dict[str, Any] = convert(document)
        return {} if converted is _DROP else converted

    return serialize


def conform(operation: str, document: dict[str, Any]) -> str:
    """``document`` serialized as ``operation``'s output shape, as a JSON body."""
    return json.dumps(output_serializer(operation)(document))


def conform_body(operation: str, body: Any) -> Any:
    """A 200's JSON body (moto's own operations answer text) as ``operation``'s output shape;
    a body that is not a JSON object is returned as it was."""
    if isinstance(body, bytes | bytearray):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            return body
    if not isinstance(body, str):
        return body
    if not body.strip():
        # restJson1 answers an operation without output members with an empty JSON object.
        return "{}"
    try:
        document = json.loads(body)
    except ValueError:
        return body
    if not isinstance(document, dict):
        return body
    return conform(operation, document)
