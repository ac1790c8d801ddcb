"""Server-side validation derived from botocore's model; errors exactly as restJson1 says."""

from __future__ import annotations

import json
from typing import Any

import botocore.exceptions
import botocore.session
import pytest
import requests

from connect_mock.core import errors
from connect_mock.core.errors import ConnectServiceError, InvalidParameterException
from connect_mock.plugin import ConnectInstance

URL = "https://connect.us-east-1.amazonaws.com/phone-number/search-available"
MODEL = botocore.session.get_session().get_service_model("connect")
OPERATION = MODEL.operation_model("SearchAvailablePhoneNumbers")


def _call(client: Any, instance: ConnectInstance, **override: Any) -> tuple[int, str, str]:
    params: dict[str, Any] = {
        "InstanceId": instance.instance_id,
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "DID",
    }
    params.update(override)
    params = {key: value for key, value in params.items() if value is not None}
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        client.search_available_phone_numbers(**params)
    response = excinfo.value.response
    return (
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Code"],
        response["Error"]["Message"],
    )


def _violation(value: str, member: str, constraint: str) -> tuple[int, str, str]:
    return (
        400,
        "InvalidParameterException",
        f"1 validation error detected: Value {value} at '{member}' failed to satisfy "
        f"constraint: {constraint}",
    )


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        (
            {"MaxResults": 11},
            _violation("'11'", "MaxResults", "Member must have value less than or equal to 10"),
        ),
        (
            {"MaxResults": 0},
            _violation("'0'", "MaxResults", "Member must have value greater than or equal to 1"),
        ),
        (
            {"PhoneNumberType": "MOBILE"},
            _violation(
                "'MOBILE'",
                "PhoneNumberType",
                "Member must satisfy enum value set: [TOLL_FREE, DID, UIFN, SHARED, "
                "THIRD_PARTY_TF, THIRD_PARTY_DID, SHORT_CODE]",
            ),
        ),
        (
            {"PhoneNumberPrefix": "abc"},
            _violation(
                "'abc'",
                "PhoneNumberPrefix",
                "Member must satisfy regular expression pattern: \\+?[0-9]{1,11}",
            ),
        ),
        (
            {"PhoneNumberPrefix": "+123456789012"},
            _violation(
                "'+123456789012'",
                "PhoneNumberPrefix",
                "Member must satisfy regular expression pattern: \\+?[0-9]{1,11}",
            ),
        ),
        (
            {"PhoneNumberPrefix": "1206"},
            _violation(
                "'1206'",
                "PhoneNumberPrefix",
                "Member must contain '+' as part of the country code (for example +1206)",
            ),
        ),
        (
            {"PhoneNumberPrefix": "\\+1206"},
            _violation(
                "'\\+1206'",
                "PhoneNumberPrefix",
                "Member must satisfy regular expression pattern: \\+?[0-9]{1,11}",
            ),
        ),
        (
            {"InstanceId": "i" * 101},
            _violation(
                "'" + "i" * 37 + "...'",
                "InstanceId",
                "Member must have length less than or equal to 100",
            ),
        ),
        (
            {"NextToken": ""},
            _violation("''", "NextToken", "Member must have length greater than or equal to 1"),
        ),
        (
            {"PhoneNumberType": None},
            _violation("null", "PhoneNumberType", "Member must not be null"),
        ),
    ],
)
def test_each_model_constraint_is_enforced_by_the_service(
    lax_client: Any, connect_instance: ConnectInstance, override: dict[str, Any], expected: Any
) -> None:
    assert _call(lax_client, connect_instance, **override) == expected


def test_an_unknown_country_lists_the_allowed_codes(
    lax_client: Any, connect_instance: ConnectInstance
) -> None:
    status, code, message = _call(lax_client, connect_instance, PhoneNumberCountryCode="XX")
    assert (status, code) == (400, "InvalidParameterException")
    assert message.startswith(
        "1 validation error detected: Value 'XX' at 'PhoneNumberCountryCode' failed to satisfy "
        "constraint: Member must satisfy enum value set: [AF, AL, DZ, "
    )
    assert message.endswith(", ZM, ZW]")


def test_several_violations_are_reported_together(
    lax_client: Any, connect_instance: ConnectInstance
) -> None:
    status, code, message = _call(
        lax_client, connect_instance, MaxResults=50, PhoneNumberCountryCode="XX"
    )
    assert (status, code) == (400, "InvalidParameterException")
    assert message.startswith("2 validation errors detected: ")
    assert "at 'PhoneNumberCountryCode'" in message
    assert "Value '50' at 'MaxResults'" in message


def test_botocore_checks_less_than_the_service(connect_instance: ConnectInstance) -> None:
    # With client-side validation on, these still reach the mock: it is the mock that refuses.
    client = connect_instance.client
    for override in (
        {"MaxResults": 11},
        {"PhoneNumberCountryCode": "XX"},
        {"PhoneNumberType": "MOBILE"},
        {"PhoneNumberPrefix": "abc"},
    ):
        assert _call(client, connect_instance, **override)[:2] == (400, "InvalidParameterException")


def test_a_value_of_the_wrong_json_type_is_a_serialization_error(
    lax_client: Any, connect_instance: ConnectInstance
) -> None:
    assert _call(lax_client, connect_instance, MaxResults="5") == (
        400,
        "SerializationException",
        "Cannot read 'MaxResults': expected an integer, got string \"5\"",
    )
    assert _call(lax_client, connect_instance, MaxResults=True)[:2] == (
        400,
        "SerializationException",
    )


def test_every_constrained_member_of_the_model_is_checked(
    lax_client: Any, connect_instance: ConnectInstance
) -> None:
    """Walk the model itself: each member's max/min/enum is refused when broken by one."""
    shape = OPERATION.input_shape
    assert shape is not None
    broken = 0
    for name, member in shape.members.items():
        meta = member.metadata
        bad: Any = None
        if member.type_name == "integer" and "max" in meta:
            bad = meta["max"] + 1
        elif member.type_name == "string" and "max" in meta:
            bad = "1" * (meta["max"] + 1)
        elif member.type_name == "string" and "enum" in meta:
            bad = "NOT_IN_ENUM"
        if bad is None:
            continue
        status, code, message = _call(lax_client, connect_instance, **{name: bad})
        assert (status, code) == (400, "InvalidParameterException"), name
        assert f"at '{name}'" in message
        broken += 1
    assert broken == 5  # InstanceId, MaxResults, NextToken, country, type


# --- the wire ------------------------------------------------------------------------------


def _post(body: bytes | str) -> requests.Response:
    return requests.post(URL, data=body, headers={"Content-Type": "application/json"}, timeout=5)


@pytest.mark.usefixtures("connect_mock_controller")
def test_an_error_on_the_wire_is_restjson1() -> None:
    response = _post(json.dumps({"PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"}))
    assert response.status_code == 400
    assert response.headers["x-amzn-ErrorType"] == "InvalidParameterException"
    assert response.headers["Content-Type"] == "application/json"
    assert len(response.headers["x-amzn-RequestId"]) == 36
    assert response.json() == {"Message": "Missing target: you must enter InstanceId or TargetArn"}


def test_a_success_carries_a_request_id(connect_instance: ConnectInstance) -> None:
    page = connect_instance.client.search_available_phone_numbers(
        InstanceId=connect_instance.instance_id,
        PhoneNumberCountryCode="US",
        PhoneNumberType="DID",
    )
    assert len(page["ResponseMetadata"]["RequestId"]) == 36


@pytest.mark.usefixtures("connect_mock_controller")
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"not json", "Request body is not valid JSON: Expecting value at line 1 column 1"),
        (b"\xff\xfe{}", "Request body is not valid UTF-8: invalid start byte"),
        (b"[1, 2]", "Cannot read 'request body': expected a JSON object, got array [1, 2]"),
        (b'"text"', "Cannot read 'request body': expected a JSON object, got string \"text\""),
        (b"null", "Cannot read 'request body': expected a JSON object, got null"),
        (
            b'{"PhoneNumberCountryCode": ["US"], "PhoneNumberType": "DID"}',
            "Cannot read 'PhoneNumberCountryCode': expected a string, got array [\"US\"]",
        ),
        (
            b'{"PhoneNumberCountryCode": "US", "PhoneNumberType": {"a": 1}}',
            "Cannot read 'PhoneNumberType': expected a string, got object {\"a\": 1}",
        ),
        (b"[" * 100_000, "Request body is nested too deeply"),
        (
            b'{"MaxResults": 1e400, "PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"}',
            "Cannot read 'MaxResults': expected an integer, got number Infinity",
        ),
    ],
)
def test_an_unreadable_body_is_a_400_never_a_500(body: bytes, message: str) -> None:
    response = _post(body)
    assert response.status_code == 400
    assert response.headers["x-amzn-ErrorType"] == "SerializationException"
    assert response.json() == {"Message": message}


@pytest.mark.usefixtures("connect_mock_controller")
def test_an_empty_body_reports_the_missing_members() -> None:
    response = _post(b"")
    assert response.status_code == 400
    assert response.headers["x-amzn-ErrorType"] == "InvalidParameterException"
    assert response.json()["Message"] == (
        "2 validation errors detected: Value null at 'PhoneNumberCountryCode' failed to satisfy "
        "constraint: Member must not be null; Value null at 'PhoneNumberType' failed to satisfy "
        "constraint: Member must not be null"
    )


@pytest.mark.usefixtures("connect_mock_controller")
def test_unknown_members_are_ignored_as_aws_does(connect_instance: ConnectInstance) -> None:
    body = {
        "InstanceId": connect_instance.instance_id,
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "DID",
        "SomethingNew": 1,
    }
    response = _post(json.dumps(body))
    assert response.status_code == 200
    assert len(response.json()["AvailableNumbersList"]) == 10


@pytest.mark.usefixtures("connect_mock_controller")
def test_a_method_no_operation_has_is_a_404() -> None:
    response = requests.patch(URL, timeout=5)
    assert response.status_code == 404
    assert response.json() == {
        "Message": "connect_mock does not serve PATCH /phone-number/search-available"
    }


# --- one error model: a code per error, its status from the model -----------------------------


def _kinds() -> list[type[ConnectServiceError]]:
    return [
        kind
        for kind in vars(errors).values()
        if isinstance(kind, type)
        and issubclass(kind, ConnectServiceError)
        and kind is not ConnectServiceError
    ]


@pytest.mark.parametrize("kind", _kinds(), ids=lambda kind: kind.__name__)
def test_each_error_class_is_an_error_shape_of_the_model(kind: type[ConnectServiceError]) -> None:
    error = kind(["a problem"]) if kind is errors.InvalidContactFlowException else kind("boom")
    status, headers, _ = error.to_response("r")
    assert headers["x-amzn-ErrorType"] == error.code == kind.__name__
    if kind is errors.SerializationException:  # the protocol's, not the model's
        assert status == 400
        return
    shape = MODEL.shape_for(kind.__name__)
    assert shape.metadata["exception"] is True
    assert status == error.status == shape.metadata["error"]["httpStatusCode"]


def test_an_error_of_any_declared_code_is_one_of_the_same_model() -> None:
    original = InvalidParameterException("bad", {"problems": []})
    conflict = original.redeclared("ResourceConflictException")
    assert (conflict.code, conflict.status, conflict.message) == (
        "ResourceConflictException",
        409,
        "bad",
    )
    assert conflict.to_response("r") == (
        409,
        {
            "Content-Type": "application/json",
            "x-amzn-ErrorType": "ResourceConflictException",
            "x-amzn-RequestId": "r",
        },
        json.dumps({"Message": "bad", "problems": []}),
    )
    # As a Python exception (a traceback, a log) it reads as its message, members or not.
    assert (str(conflict), str(original)) == ("bad", "bad")
    # The code is the error's own: neither the original nor its class changed.
    assert (original.code, original.status) == ("InvalidParameterException", 400)
    assert InvalidParameterException("x").code == "InvalidParameterException"
    limit = ConnectServiceError.declared("ServiceQuotaExceededException", "too many")
    assert (limit.code, limit.status) == ("ServiceQuotaExceededException", 402)
    assert ConnectServiceError("x", code="LimitExceededException").status == 429
    with pytest.raises(
        TypeError,
        match=r"^ConnectServiceError\(message, code=\.\.\.\) needs the code of an error shape "
        r"of the model \(or raise the subclass named after it\)$",
    ):
        ConnectServiceError("no code")
