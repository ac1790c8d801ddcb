"""Server-side request parsing and validation derived from botocore's service model.

botocore validates on the client only ``required``, types and ``min``; the real service enforces
the rest (``max``, enums, patterns). We compile every constraint of an operation's input shape
once, so that the mock rejects what AWS rejects even when the client skips validation
(``parameter_validation=False``, other SDKs, raw HTTP).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from botocore.model import OperationModel, Shape, StructureShape

from ..core.errors import InvalidParameterException, SerializationException
from ..core.patterns import ModelPattern, compile_model_pattern

__all__ = ["RequestParser", "read_body", "shorten"]

# Constraints the API reference states in prose but the model does not carry, keyed by shape name.
# PhoneNumberPrefix: "If provided, it must contain + as part of the country code."
DOCUMENTED_CONSTRAINTS: dict[str, tuple[re.Pattern[str], str]] = {
    "PhoneNumberPrefix": (
        re.compile(r"\+"),
        "Member must contain '+' as part of the country code (for example +1206)",
    ),
}

_INT_RANGES = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
_EXPECTED = {"integer": "an integer", "long": "a long"}
_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")

Check = Callable[[Any, str, list[str]], Any]


def shorten(value: object, limit: int = 40) -> str:
    """Render a rejected value for an error message, cut to ``limit`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def model_pattern(shape: Shape) -> ModelPattern | None:
    """The shape's ``pattern`` as the service means it (Java syntax such as ``\\p{L}``
    included: see core.patterns), or None if the shape has none."""
    pattern = shape.metadata.get("pattern")
    if pattern is None:
        return None
    return compile_model_pattern(pattern)


def _violation(path: str, value: object, constraint: str) -> str:
    shown = "null" if value is None else f"'{shorten(value)}'"
    return f"Value {shown} at '{path}' failed to satisfy constraint: {constraint}"


_JSON_TYPES = {
    str: "string",
    bool: "boolean",
    int: "number",
    float: "number",
    list: "array",
    dict: "object",
    type(None): "null",
}


def _type_error(path: str, expected: str, value: object) -> SerializationException:
    got = _JSON_TYPES.get(type(value), type(value).__name__)
    shown = "" if value is None else " " + shorten(json.dumps(value, default=str))
    return SerializationException(f"Cannot read '{path}': expected {expected}, got {got}{shown}")


def _compile(shape: Shape) -> Check:  # noqa: C901 (one branch per kind of shape)
    """Build a function that checks one value of ``shape``, appending violations to a list.

    Type mismatches are not constraint violations but unreadable input: they raise the
    protocol's SerializationException at once, as a restJson1 service does.
    """
    kind = shape.type_name
    meta = shape.metadata
    if kind == "structure":
        assert isinstance(shape, StructureShape)
        return _compile_structure(shape)
    if kind == "list":
        return _compile_sized(shape, list, "a list", _compile(shape.member))
    if kind == "map":
        key_check = _compile(shape.key)
        value_check = _compile(shape.value)

        def check_items(value: dict[str, Any], path: str, errors: list[str]) -> None:
            for key, item in value.items():
                key_check(key, f"{path}.key", errors)
                value_check(item, f"{path}.{key}", errors)

        return _compile_sized(shape, dict, "an object", check_items)
    if kind == "string":
        enum = meta.get("enum")
        allowed = frozenset(enum) if enum else None
        pattern = model_pattern(shape)
        documented = DOCUMENTED_CONSTRAINTS.get(shape.name)

        def check_string(value: str, path: str, errors: list[str]) -> None:
            if allowed is not None and value not in allowed:
                choices = ", ".join(enum)
                errors.append(
                    _violation(path, value, f"Member must satisfy enum value set: [{choices}]")
                )
            if pattern is not None and pattern.fullmatch(value) is None:
                errors.append(
                    _violation(
                        path,
                        value,
                        f"Member must satisfy regular expression pattern: {pattern.pattern}",
                    )
                )
            elif documented is not None and documented[0].search(value) is None:
                errors.append(_violation(path, value, documented[1]))

        return _compile_sized(shape, str, "a string", check_string)
    if kind in _INT_RANGES:
        low, high = _INT_RANGES[kind]
        minimum, maximum = meta.get("min"), meta.get("max")

        def check_int(value: object, path: str, errors: list[str]) -> int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise _type_error(path, _EXPECTED[kind], value)
            if not low <= value <= high:
                raise _type_error(path, f"{_EXPECTED[kind]} in [{low}, {high}]", value)
            if minimum is not None and value < minimum:
                errors.append(
                    _violation(
                        path, value, f"Member must have value greater than or equal to {minimum}"
                    )
                )
            if maximum is not None and value > maximum:
                errors.append(
                    _violation(
                        path, value, f"Member must have value less than or equal to {maximum}"
                    )
                )
            return value

        return check_int
    if kind == "boolean":

        def check_bool(value: object, path: str, errors: list[str]) -> bool:
            if not isinstance(value, bool):
                raise _type_error(path, "a boolean", value)
            return value

        return check_bool
    if kind in ("double", "float"):

        def check_number(value: object, path: str, errors: list[str]) -> float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise _type_error(path, "a number", value)
            return float(value)

        return check_number
    if kind == "timestamp":

        def check_timestamp(value: object, path: str, errors: list[str]) -> object:
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise _type_error(path, "a timestamp", value)
            return value

        return check_timestamp
    # blob and anything newer: accept what JSON can carry, unchecked.
    return lambda value, path, errors: value


def _compile_sized(
    shape: Shape, python_type: type, expected: str, inner: Callable[..., Any]
) -> Check:
    minimum, maximum = shape.metadata.get("min"), shape.metadata.get("max")
    unit = "length" if python_type is str else "size"

    def check(raw: Any, path: str, errors: list[str]) -> Any:
        if not isinstance(raw, python_type):
            raise _type_error(path, expected, raw)
        value: Any = raw  # str, list or dict: sized
        if minimum is not None and len(value) < minimum:
            errors.append(
                _violation(
                    path, value, f"Member must have {unit} greater than or equal to {minimum}"
                )
            )
        if maximum is not None and len(value) > maximum:
            errors.append(
                _violation(path, value, f"Member must have {unit} less than or equal to {maximum}")
            )
        if python_type is list:
            for index, item in enumerate(value):
                inner(item, f"{path}.{index + 1}.member", errors)
        else:
            inner(value, path, errors)
        return value

    return check


def _compile_structure(shape: StructureShape) -> Check:
    members = {name: _compile(member) for name, member in shape.members.items()}
    required = tuple(shape.required_members)

    def check(value: Any, path: str, errors: list[str]) -> dict[str, Any]:
        if not isinstance(value, dict):  # a nested member: the request's own is always a dict
            raise _type_error(path, "a JSON object", value)
        prefix = f"{path}." if path else ""
        for name in required:
            if value.get(name) is None:
                errors.append(_violation(prefix + name, None, "Member must not be null"))
        # Unknown members are ignored, as AWS's JSON services do; null means absent.
        result: dict[str, Any] = {}
        for name, member_check in members.items():
            item = value.get(name)
            if item is not None:
                member_check(item, prefix + name, errors)
                result[name] = item
        return result

    return check


class RequestParser:
    """Reads one operation's request (body, path and query members) and validates it."""

    def __init__(self, operation: OperationModel) -> None:
        shape = operation.input_shape
        self._check = _compile_structure(shape) if shape is not None else None
        self._locations: dict[str, tuple[str, str, str]] = {}
        # URI labels whose model sets no minimum length: an empty one names nothing, and the
        # path would be another operation's or none (GET /phone-number/), so one is refused.
        self._labels_without_minimum: list[str] = []
        if shape is not None:
            for name, member in shape.members.items():
                location = member.serialization.get("location")
                if location in ("uri", "querystring", "header"):
                    wire = member.serialization.get("name", name)
                    self._locations[name] = (location, wire, member.type_name)
                if location == "uri" and not member.metadata.get("min"):
                    self._labels_without_minimum.append(name)

    def parse_document(
        self,
        document: Mapping[str, Any],
        uri_params: Mapping[str, str] | None = None,
        query: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """The validated parameters of a request whose body ``read_body`` read (the intercept
        reads each body once); raises SerializationException or InvalidParameterException."""
        params = dict(document)  # the caller's document stays as sent (the call log records it)
        for name, (location, wire, kind) in self._locations.items():
            raw: str | None = None
            if location == "uri" and uri_params is not None:
                raw = uri_params.get(wire)
            elif location == "querystring" and query is not None and query.get(wire):
                if kind == "list":  # ?PhoneNumberTypes=DID&PhoneNumberTypes=TOLL_FREE
                    params[name] = list(query[wire])
                    continue
                raw = query[wire][0]
            elif location == "header" and headers is not None:
                raw = headers.get(wire)
            if raw is not None:
                params[name] = _from_text(raw, kind)
        if self._check is None:
            return {}
        errors = [
            _violation(name, "", "Member must have length greater than or equal to 1")
            for name in self._labels_without_minimum
            if params.get(name) == ""
        ]
        result = self._check(params, "", errors)
        if errors:
            count = len(errors)
            noun = "error" if count == 1 else "errors"
            raise InvalidParameterException(
                f"{count} validation {noun} detected: " + "; ".join(errors)
            )
        return result  # type: ignore[no-any-return]


def read_body(body: bytes) -> dict[str, Any]:
    """The JSON object a request body holds ({} for an empty body); raises
    SerializationException for anything else."""
    if not body.strip():
        return {}
    try:
        document = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SerializationException(f"Request body is not valid UTF-8: {exc.reason}") from None
    except json.JSONDecodeError as exc:
        raise SerializationException(
            f"Request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise SerializationException("Request body is nested too deeply") from None
    except ValueError as exc:  # e.g. an integer literal over Python's 4300-digit limit
        raise SerializationException(f"Request body is not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise _type_error("request body", "a JSON object", document)
    return document


def _from_text(raw: str, kind: str) -> object:
    """Path, query and header members arrive as text; read them as their modelled type. Text
    that is not of that type stays text, for the member's check to refuse as it refuses the
    body's (one place says what an unreadable member is)."""
    # Digits only: Python's int() would also read " 5", "1_000" and non-ASCII digits.
    if kind in _INT_RANGES and _INTEGER_TEXT.fullmatch(raw):
        try:
            return int(raw)
        except ValueError:  # more digits than Python reads (4300): refused as text
            return raw
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw
