"""wire.parse.RequestParser on its own, built from botocore's operation models: what it reads from
the body, path, query string and headers, what it refuses, and in which words."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import botocore.session
import pytest
from botocore.model import ServiceModel

from connect_mock._moto import moto_connect_operations
from connect_mock.core.errors import (
    ConnectServiceError,
    InvalidParameterException,
    SerializationException,
)
from connect_mock.core.operations import SERVED_OPERATIONS
from connect_mock.wire.parse import RequestParser, model_pattern, read_body, shorten

CONNECT = botocore.session.get_session().get_service_model("connect")
TYPES = ", ".join(CONNECT.shape_for("PhoneNumberType").enum)
US_DID = b'{"PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"'


def parser(operation: str) -> RequestParser:
    return RequestParser(CONNECT.operation_model(operation))


def parse(request_parser: RequestParser, body: bytes, *args: Any, **kwargs: Any) -> Any:
    """A request as the handler reads it: its body once (``read_body``), then its members."""
    return request_parser.parse_document(read_body(body), *args, **kwargs)


SEARCH = parser("SearchAvailablePhoneNumbers")


def search_body(extra: str = "") -> bytes:
    return US_DID + (b", " + extra.encode() if extra else b"") + b"}"


def error(
    kind: type[ConnectServiceError], run: Any, *args: Any, **kwargs: Any
) -> ConnectServiceError:
    with pytest.raises(kind) as excinfo:
        run(*args, **kwargs)
    assert excinfo.value.status == 400
    return excinfo.value


def violations(*items: str) -> str:
    noun = "error" if len(items) == 1 else "errors"
    return f"{len(items)} validation {noun} detected: " + "; ".join(items)


def test_a_valid_body_is_read_without_unknown_or_null_members() -> None:
    body = search_body(
        '"PhoneNumberPrefix": "+1206", "MaxResults": 10, "Other": 1, "NextToken": null'
    )
    assert parse(SEARCH, body) == {
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "DID",
        "PhoneNumberPrefix": "+1206",
        "MaxResults": 10,
    }


@pytest.mark.parametrize("body", [b"", b"  \n", b"{}", b'{"PhoneNumberType": null}'])
def test_required_members_must_not_be_null(body: bytes) -> None:
    refused = error(InvalidParameterException, parse, SEARCH, body)
    assert refused.message == violations(
        "Value null at 'PhoneNumberCountryCode' failed to satisfy constraint: "
        "Member must not be null",
        "Value null at 'PhoneNumberType' failed to satisfy constraint: Member must not be null",
    )


def test_an_enum_member_takes_only_the_models_values() -> None:
    assert TYPES.startswith("TOLL_FREE, DID, UIFN")
    refused = error(
        InvalidParameterException,
        parse,
        SEARCH,
        b'{"PhoneNumberCountryCode": "US", "PhoneNumberType": "NOPE"}',
    )
    assert refused.message == violations(
        "Value 'NOPE' at 'PhoneNumberType' failed to satisfy constraint: "
        f"Member must satisfy enum value set: [{TYPES}]"
    )


@pytest.mark.parametrize(
    ("value", "constraint"),
    [
        (0, "Member must have value greater than or equal to 1"),
        (11, "Member must have value less than or equal to 10"),
        (-5, "Member must have value greater than or equal to 1"),
    ],
)
def test_max_results_out_of_the_models_range(value: int, constraint: str) -> None:
    refused = error(InvalidParameterException, parse, SEARCH, search_body(f'"MaxResults": {value}'))
    assert refused.message == violations(
        f"Value '{value}' at 'MaxResults' failed to satisfy constraint: {constraint}"
    )


@pytest.mark.parametrize("value", [1, 10])
def test_max_results_at_the_ends_of_its_range(value: int) -> None:
    assert parse(SEARCH, search_body(f'"MaxResults": {value}'))["MaxResults"] == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"5"', "Cannot read 'MaxResults': expected an integer, got string \"5\""),
        ("true", "Cannot read 'MaxResults': expected an integer, got boolean true"),
        ("1.5", "Cannot read 'MaxResults': expected an integer, got number 1.5"),
        (
            "2147483648",
            "Cannot read 'MaxResults': expected an integer in [-2147483648, 2147483647], "
            "got number 2147483648",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_unreadable(value: str, message: str) -> None:
    refused = error(SerializationException, parse, SEARCH, search_body(f'"MaxResults": {value}'))
    assert refused.message == message


@pytest.mark.parametrize(
    ("prefix", "constraint"),
    [
        ("44", "Member must contain '+' as part of the country code (for example +1206)"),
        ("+12a", "Member must satisfy regular expression pattern: \\+?[0-9]{1,11}"),
        ("+123456789012", "Member must satisfy regular expression pattern: \\+?[0-9]{1,11}"),
    ],
)
def test_the_prefix_pattern_and_the_documented_plus(prefix: str, constraint: str) -> None:
    refused = error(
        InvalidParameterException, parse, SEARCH, search_body(f'"PhoneNumberPrefix": "{prefix}"')
    )
    assert refused.message == violations(
        f"Value '{prefix}' at 'PhoneNumberPrefix' failed to satisfy constraint: {constraint}"
    )


def test_every_violation_is_reported_at_once_and_long_values_are_cut() -> None:
    long_id = "x" * 101
    body = (
        b'{"PhoneNumberType": "NOPE", "MaxResults": 0, "InstanceId": "' + long_id.encode() + b'"}'
    )
    refused = error(InvalidParameterException, parse, SEARCH, body)
    assert refused.message == violations(
        "Value null at 'PhoneNumberCountryCode' failed to satisfy constraint: "
        "Member must not be null",
        f"Value '{'x' * 37}...' at 'InstanceId' failed to satisfy constraint: "
        "Member must have length less than or equal to 100",
        "Value 'NOPE' at 'PhoneNumberType' failed to satisfy constraint: "
        f"Member must satisfy enum value set: [{TYPES}]",
        "Value '0' at 'MaxResults' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1",
    )
    assert shorten("y" * 40) == "y" * 40
    assert shorten({"a": 1}) == '{"a": 1}'


@pytest.mark.parametrize(
    ("operation", "body", "kind", "message"),
    [
        (
            "ListPhoneNumbersV2",
            b'{"PhoneNumberTypes": ["DID", "NOPE"]}',
            InvalidParameterException,
            violations(
                "Value 'NOPE' at 'PhoneNumberTypes.2.member' failed to satisfy constraint: "
                f"Member must satisfy enum value set: [{TYPES}]"
            ),
        ),
        (
            "ListPhoneNumbersV2",
            b'{"PhoneNumberTypes": "DID"}',
            SerializationException,
            "Cannot read 'PhoneNumberTypes': expected a list, got string \"DID\"",
        ),
        (
            "ClaimPhoneNumber",
            b'{"PhoneNumber": "+12065550100", "Tags": {}}',
            InvalidParameterException,
            violations(
                "Value '{}' at 'Tags' failed to satisfy constraint: "
                "Member must have size greater than or equal to 1"
            ),
        ),
        (
            "ClaimPhoneNumber",
            b'{"PhoneNumber": "+12065550100", "Tags": {"a": 5}}',
            SerializationException,
            "Cannot read 'Tags.a': expected a string, got number 5",
        ),
        (
            "ClaimPhoneNumber",
            b'{"PhoneNumber": "2065550100"}',
            InvalidParameterException,
            violations(
                "Value '2065550100' at 'PhoneNumber' failed to satisfy constraint: "
                "Member must satisfy regular expression pattern: \\+[1-9]\\d{1,14}$"
            ),
        ),
    ],
)
def test_list_map_and_pattern_members_are_checked_item_by_item(
    operation: str, body: bytes, kind: type[ConnectServiceError], message: str
) -> None:
    assert error(kind, parse, parser(operation), body).message == message


# --- path, query string, headers ---------------------------------------------------------------


def test_a_path_member_comes_from_the_uri_and_wins_over_the_body() -> None:
    describe = parser("DescribePhoneNumber")
    assert parse(describe, b"", uri_params={"PhoneNumberId": "abc"}) == {"PhoneNumberId": "abc"}
    assert parse(describe, b'{"PhoneNumberId": "body"}', uri_params={"PhoneNumberId": "abc"}) == {
        "PhoneNumberId": "abc"
    }
    missing = error(InvalidParameterException, parse, describe, b"")
    assert missing.message == violations(
        "Value null at 'PhoneNumberId' failed to satisfy constraint: Member must not be null"
    )


def test_query_members_are_read_by_their_wire_names_and_modelled_types() -> None:
    listing = parser("ListPhoneNumbers")
    query = {
        "maxResults": ["5"],
        "phoneNumberTypes": ["DID", "TOLL_FREE"],
        "nextToken": ["t"],
        "MaxResults": ["7"],  # the member's own name is not its wire name
    }
    assert parse(listing, b"", uri_params={"InstanceId": "i"}, query=query) == {
        "InstanceId": "i",
        "PhoneNumberTypes": ["DID", "TOLL_FREE"],
        "NextToken": "t",
        "MaxResults": 5,
    }
    assert parse(listing, b"", uri_params={"InstanceId": "i"}, query={"maxResults": []}) == {
        "InstanceId": "i"
    }

    def listed(max_results: str) -> Any:
        return parse(
            listing, b"", uri_params={"InstanceId": "i"}, query={"maxResults": [max_results]}
        )

    unreadable = error(SerializationException, listed, "abc")
    assert unreadable.message == "Cannot read 'MaxResults': expected an integer, got string \"abc\""
    too_many = error(InvalidParameterException, listed, "1001")
    assert too_many.message == violations(
        "Value '1001' at 'MaxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 1000"
    )


def unit_operation(
    name: str, method: str, uri: str, shapes: dict[str, Any], input_shape: str | None = None
) -> RequestParser:
    """The parser of operation ``name`` of a small made-up restJson1 service."""
    operation: dict[str, Any] = {"name": name, "http": {"method": method, "requestUri": uri}}
    if input_shape is not None:
        operation["input"] = {"shape": input_shape}
    metadata = {
        "apiVersion": "2024-01-01",
        "endpointPrefix": "unit",
        "protocol": "rest-json",
        "serviceId": "Unit",
        "signatureVersion": "v4",
    }
    model = ServiceModel(
        {"metadata": metadata, "operations": {name: operation}, "shapes": shapes},
        service_name="unit",
    )
    return RequestParser(model.operation_model(name))


# A model of our own for what Connect's served operations lack: header members, and integer and
# boolean members outside the body.
PUT = unit_operation(
    "Put",
    "PUT",
    "/things/{Count}",
    {
        "PutRequest": {
            "type": "structure",
            "required": ["Count", "Token"],
            "members": {
                "Count": {"shape": "Count", "location": "uri", "locationName": "Count"},
                "Token": {"shape": "Token", "location": "header", "locationName": "X-Token"},
                "Retries": {
                    "shape": "Count",
                    "location": "header",
                    "locationName": "X-Retries",
                },
                "Force": {"shape": "Flag", "location": "querystring", "locationName": "force"},
            },
        },
        "Count": {"type": "integer", "min": 1, "max": 9},
        "Token": {"type": "string", "pattern": "[a-z]+"},
        "Flag": {"type": "boolean"},
    },
    "PutRequest",
)


def test_headers_and_typed_path_and_query_members() -> None:
    parsed = parse(
        PUT,
        b"",
        uri_params={"Count": "3"},
        query={"force": ["true"]},
        headers={"X-Token": "abc", "X-Retries": "2", "Token": "ignored"},
    )
    assert parsed == {"Count": 3, "Token": "abc", "Retries": 2, "Force": True}
    assert parse(PUT, b"", {"Count": "3"}, {"force": ["false"]}, {"X-Token": "a"})["Force"] is False


@pytest.mark.parametrize(
    ("uri", "headers", "message"),
    [
        (
            {"Count": "3"},
            {},
            violations(
                "Value null at 'Token' failed to satisfy constraint: Member must not be null"
            ),
        ),
        (
            {"Count": "30"},
            {"X-Token": "A1"},
            violations(
                "Value '30' at 'Count' failed to satisfy constraint: "
                "Member must have value less than or equal to 9",
                "Value 'A1' at 'Token' failed to satisfy constraint: "
                "Member must satisfy regular expression pattern: [a-z]+",
            ),
        ),
    ],
)
def test_headers_and_typed_members_are_validated(
    uri: dict[str, str], headers: dict[str, str], message: str
) -> None:
    refused = error(InvalidParameterException, parse, PUT, b"", uri, {}, headers)
    assert refused.message == message


@pytest.mark.parametrize(
    ("uri", "query", "message"),
    [
        ({"Count": "x"}, {}, "Cannot read 'Count': expected an integer, got string \"x\""),
        ({"Count": " 5"}, {}, "Cannot read 'Count': expected an integer, got string \" 5\""),
        ({"Count": "1_0"}, {}, "Cannot read 'Count': expected an integer, got string \"1_0\""),
        (
            {"Count": "\u0665"},  # ARABIC-INDIC DIGIT FIVE: a digit to Python, not to the wire
            {},
            "Cannot read 'Count': expected an integer, got string \"\\u0665\"",
        ),
        (
            {"Count": "9" * 5000},  # over Python's 4300-digit limit
            {},
            "Cannot read 'Count': expected an integer, got string \"" + "9" * 36 + "...",
        ),
        (
            {"Count": "2147483648"},
            {},
            "Cannot read 'Count': expected an integer in [-2147483648, 2147483647], "
            "got number 2147483648",
        ),
        (
            {"Count": "1"},
            {"force": ["yes"]},
            "Cannot read 'Force': expected a boolean, got string \"yes\"",
        ),
        (
            {"Count": "1"},
            {"force": ["True"]},
            "Cannot read 'Force': expected a boolean, got string \"True\"",
        ),
    ],
    ids=["letter", "space", "underscore", "non-ascii-digit", "digits", "range", "yes", "True"],
)
def test_exact_messages_of_unreadable_text_members(
    uri: dict[str, str], query: dict[str, list[str]], message: str
) -> None:
    """Text is read as an integer only when it is digits, with an optional sign, and as a
    boolean only when it is ``true`` or ``false``; other text is refused in the body's words."""
    refused = error(SerializationException, parse, PUT, b"", uri, query, {"X-Token": "a"})
    assert refused.message == message


def test_text_members_of_other_types_stay_text() -> None:
    assert parse(PUT, b"", {"Count": "+5"}, {}, {"X-Token": "a"})["Count"] == 5
    describe = parser("DescribeInstance")
    assert parse(describe, b"", {"InstanceId": "123"}) == {"InstanceId": "123"}
    assert parse(describe, b"", {"InstanceId": "true"}) == {"InstanceId": "true"}


def test_a_member_is_read_only_from_its_own_location() -> None:
    """A header named like a path or query member is not that member."""
    headers = {"X-Token": "a", "Count": "3", "force": "true"}
    refused = error(InvalidParameterException, parse, PUT, b"", None, {}, headers)
    assert refused.message == violations(
        "Value null at 'Count' failed to satisfy constraint: Member must not be null"
    )
    parsed = parse(PUT, b"", {"Count": "3"}, {"X-Token": ["b"]}, headers)
    assert parsed == {"Count": 3, "Token": "a"}


def test_an_empty_path_label_is_refused_once_by_its_models_minimum() -> None:
    refused = error(
        InvalidParameterException, parse, parser("DescribeInstance"), b"", {"InstanceId": ""}
    )
    assert refused.message == violations(
        "Value '' at 'InstanceId' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )


def test_an_empty_string_in_the_body_is_refused_only_below_its_models_minimum() -> None:
    """PhoneNumberDescription's minimum length is 0: an empty description is a description."""
    body = b'{"PhoneNumber": "+12065550100", "InstanceId": "i", "PhoneNumberDescription": ""}'
    assert parse(parser("ClaimPhoneNumber"), body)["PhoneNumberDescription"] == ""


# --- unreadable bodies -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            b"{nope",
            "Request body is not valid JSON: Expecting property name enclosed in double quotes "
            "at line 1 column 2",
        ),
        (b"\xff{}", "Request body is not valid UTF-8: invalid start byte"),
        (b'{"a": "\xc3"}', "Request body is not valid UTF-8: invalid continuation byte"),
        (b"[1]", "Cannot read 'request body': expected a JSON object, got array [1]"),
        (b"null", "Cannot read 'request body': expected a JSON object, got null"),
        (b'"x"', "Cannot read 'request body': expected a JSON object, got string \"x\""),
        (b"[" * 100_000, "Request body is nested too deeply"),
        (
            b'{"MaxResults": ' + b"9" * 5000 + b"}",
            # Python's own words follow: "(4300 digits) for" from 3.11, "(4300) for" in 3.10.
            "Request body is not valid JSON: Exceeds the limit (4300",
        ),
    ],
    ids=["json", "utf-8", "utf-8-cut", "array", "null", "string", "deep", "digits"],
)
def test_an_unreadable_body_is_a_serialization_error(body: bytes, message: str) -> None:
    refused = error(SerializationException, parse, SEARCH, body)
    assert refused.message.startswith(message)
    assert refused.code == "SerializationException"
    status, headers, _ = refused.to_response("r-1")
    assert (status, headers["x-amzn-ErrorType"], headers["x-amzn-RequestId"]) == (
        400,
        "SerializationException",
        "r-1",
    )


def _input_patterns(shape: Any, seen: set[str]) -> Iterator[tuple[str, str]]:
    """(shape name, pattern) of every string shape reachable from ``shape``."""
    if shape is None or shape.name in seen:
        return
    seen.add(shape.name)
    if "pattern" in shape.metadata:
        yield shape.name, shape.metadata["pattern"]
    if shape.type_name == "structure":
        for member in shape.members.values():
            yield from _input_patterns(member, seen)
    elif shape.type_name == "list":
        yield from _input_patterns(shape.member, seen)
    elif shape.type_name == "map":
        yield from _input_patterns(shape.key, seen)
        yield from _input_patterns(shape.value, seen)


def test_every_pattern_of_a_served_operations_input_is_compiled_and_enforced() -> None:
    """No pattern is dropped: the model's Java syntax (``\\p{L}``...) compiles with ``regex``,
    and each parser holds the compiled pattern of each of its patterned members."""
    served = sorted(set(SERVED_OPERATIONS) | set(moto_connect_operations()))
    found = []
    for name in served:
        shape = CONNECT.operation_model(name).input_shape
        for shape_name, pattern in _input_patterns(shape, set()):
            found.append(shape_name)
            compiled = model_pattern(CONNECT.shape_for(shape_name))
            assert compiled is not None, (name, shape_name)
            assert compiled.pattern == pattern.replace("\\\\", "\\")
    assert "TagKey" in found  # ClaimPhoneNumber, CreateTrafficDistributionGroup, TagResource...


@pytest.mark.parametrize(
    ("key", "refused"),
    [("Équipe 1", False), ("cost-centre/€", True), ("aws:reserved", True), ("k\u00a0ü_9", False)],
)
def test_tag_keys_are_held_to_the_models_java_pattern(key: str, refused: bool) -> None:
    claim = parser("ClaimPhoneNumber")
    body = json.dumps({"PhoneNumber": "+12065550100", "InstanceId": "i", "Tags": {key: "v"}})
    if not refused:
        assert parse(claim, body.encode())["Tags"] == {key: "v"}
        return
    pattern = CONNECT.shape_for("TagKey").metadata["pattern"]
    raised = error(InvalidParameterException, parse, claim, body.encode())
    assert raised.message == violations(
        f"Value '{key}' at 'Tags.key' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {pattern}"
    )


# A model of every kind of member a future operation may bring: numbers, timestamps, longs,
# blobs, sized lists, maps and strings, and a path label without a minimum length.
KINDS = unit_operation(
    "Kinds",
    "POST",
    "/kinds/{Label}",
    {
        "KindsRequest": {
            "type": "structure",
            "required": ["Label"],
            "members": {
                "Label": {"shape": "Name", "location": "uri", "locationName": "Label"},
                "Ratio": {"shape": "Ratio"},
                "Weight": {"shape": "Weight"},
                "When": {"shape": "When"},
                "Big": {"shape": "Big"},
                "Data": {"shape": "Data"},
                "Names": {"shape": "Names"},
                "Labels": {"shape": "Labels"},
                "Code": {"shape": "Code"},
                "Inner": {"shape": "Inner"},
            },
        },
        "Inner": {
            "type": "structure",
            "required": ["Id"],
            "members": {"Id": {"shape": "Code"}, "Ratio": {"shape": "Ratio"}},
        },
        "Name": {"type": "string"},
        "Ratio": {"type": "double"},
        "Weight": {"type": "float"},
        "When": {"type": "timestamp"},
        "Big": {"type": "long"},
        "Data": {"type": "blob"},
        "Names": {"type": "list", "member": {"shape": "Name"}, "min": 1, "max": 2},
        "Labels": {
            "type": "map",
            "key": {"shape": "Name"},
            "value": {"shape": "Name"},
            "max": 1,
        },
        "Code": {"type": "string", "min": 2, "max": 3},
    },
    "KindsRequest",
)


def kinds(document: dict[str, Any], label: str = "l") -> dict[str, Any]:
    return KINDS.parse_document(document, uri_params={"Label": label})


def test_numbers_timestamps_longs_and_blobs_are_read_as_json_carries_them() -> None:
    document = {
        "Ratio": 2,
        "Weight": 0.5,
        "When": "2024-05-01T12:00:00Z",
        "Big": 2**63 - 1,
        "Data": "aGk=",
        "Names": ["a", "b"],
        "Labels": {"k": "v"},
        "Code": "abc",
    }
    assert kinds(document) == {"Label": "l", **document}
    assert kinds({"When": 1714564800.5})["When"] == 1714564800.5
    assert kinds({"Big": -(2**63), "Code": "ab"}) == {"Label": "l", "Big": -(2**63), "Code": "ab"}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"Ratio": "1"}, "Cannot read 'Ratio': expected a number, got string \"1\""),
        ({"Ratio": True}, "Cannot read 'Ratio': expected a number, got boolean true"),
        ({"Weight": "0.5"}, "Cannot read 'Weight': expected a number, got string \"0.5\""),
        ({"Weight": None, "Ratio": [1]}, "Cannot read 'Ratio': expected a number, got array [1]"),
        ({"When": False}, "Cannot read 'When': expected a timestamp, got boolean false"),
        ({"When": {"t": 1}}, "Cannot read 'When': expected a timestamp, got object {\"t\": 1}"),
        (
            {"Big": 2**63},
            "Cannot read 'Big': expected a long in [-9223372036854775808, 9223372036854775807], "
            "got number 9223372036854775808",
        ),
        (
            {"Big": -(2**63) - 1},
            "Cannot read 'Big': expected a long in [-9223372036854775808, 9223372036854775807], "
            "got number -9223372036854775809",
        ),
        ({"Big": 1.0}, "Cannot read 'Big': expected a long, got number 1.0"),
        ({"Labels": ["k"]}, "Cannot read 'Labels': expected an object, got array [\"k\"]"),
        ({"Labels": {"k": 1}}, "Cannot read 'Labels.k': expected a string, got number 1"),
    ],
)
def test_a_member_of_another_json_type_is_unreadable(
    document: dict[str, Any], message: str
) -> None:
    assert error(SerializationException, kinds, document).message == message


@pytest.mark.parametrize(
    ("document", "problems"),
    [
        (
            {"Names": []},
            ["Value '[]' at 'Names' failed to satisfy constraint: "
             "Member must have size greater than or equal to 1"],
        ),
        (
            {"Names": ["a", "b", "c"]},
            ['Value \'["a", "b", "c"]\' at \'Names\' failed to satisfy constraint: '
             "Member must have size less than or equal to 2"],
        ),
        (
            {"Labels": {"a": "1", "b": "2"}},
            ['Value \'{"a": "1", "b": "2"}\' at \'Labels\' failed to satisfy constraint: '
             "Member must have size less than or equal to 1"],
        ),
        (
            {"Code": "a"},
            ["Value 'a' at 'Code' failed to satisfy constraint: "
             "Member must have length greater than or equal to 2"],
        ),
        (
            {"Code": "abcd"},
            ["Value 'abcd' at 'Code' failed to satisfy constraint: "
             "Member must have length less than or equal to 3"],
        ),
    ],
)  # fmt: skip
def test_sizes_and_lengths_are_held_to_the_models_bounds(
    document: dict[str, Any], problems: list[str]
) -> None:
    assert error(InvalidParameterException, kinds, document).message == violations(*problems)


def test_an_empty_path_label_without_a_minimum_is_refused_with_the_other_violations() -> None:
    refused = error(InvalidParameterException, kinds, {"Code": "a"}, label="")
    assert refused.message == violations(
        "Value '' at 'Label' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1",
        "Value 'a' at 'Code' failed to satisfy constraint: "
        "Member must have length greater than or equal to 2",
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("y" * 40, "y" * 40),
        ("y" * 41, "y" * 37 + "..."),
        (["z" * 50], '["' + "z" * 35 + "..."),
        (None, "null"),
    ],
)
def test_long_values_are_cut_to_forty_characters(value: object, shown: str) -> None:
    assert shorten(value) == shown


def test_a_body_of_only_whitespace_is_an_empty_document() -> None:
    assert read_body(b" \r\n\t") == {}
    assert read_body(b'{"a": 1}') == {"a": 1}
    null = error(SerializationException, read_body, b"null")
    assert null.message == "Cannot read 'request body': expected a JSON object, got null"


def test_a_nested_structure_is_checked_member_by_member_under_its_path() -> None:
    assert kinds({"Inner": {"Id": "ab"}})["Inner"] == {"Id": "ab"}
    refused = error(InvalidParameterException, kinds, {"Inner": {"Ratio": 1.5}})
    assert refused.message == violations(
        "Value null at 'Inner.Id' failed to satisfy constraint: Member must not be null"
    )
    unreadable = error(SerializationException, kinds, {"Inner": [1]})
    assert unreadable.message == "Cannot read 'Inner': expected a JSON object, got array [1]"


def test_a_boolean_in_the_body_must_be_a_json_boolean() -> None:
    refused = error(
        SerializationException, PUT.parse_document, {"Force": "yes"}, {"Count": "1"}, None,
        {"X-Token": "a"},
    )  # fmt: skip
    assert refused.message == "Cannot read 'Force': expected a boolean, got string \"yes\""


def test_an_operation_without_input_reads_nothing() -> None:
    assert unit_operation("Ping", "GET", "/", {}).parse_document({"Anything": 1}) == {}
