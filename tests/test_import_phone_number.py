"""ImportPhoneNumber and the source numbers it imports (cm.source_numbers, the source_numbers
option, the control endpoint, serve --source-numbers): in process and over the server."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import botocore.session
import pytest
import requests

from connect_mock import ConnectMock, RemoteConnectMock, RemoteError, mock_connect
from connect_mock.backend.models import QUOTA_MESSAGE
from connect_mock.config import MockConfig
from tests import test_server_mode
from tests.helpers import (
    ACCOUNT,
    client_error,
    connect_client,
    create_instance,
    manual_progress,
    search_numbers,
    serve_options,
)

TOLL_FREE = "+18005550100"
ARN = f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:phone-number/phone-{'ab' * 16}"
BIN = Path(sys.executable).parent
# The JS SDK's installed node_modules (tests/test_server_mode.py's fixture, shared).
node_modules = test_server_mode.node_modules


@pytest.fixture
def mock() -> Iterator[ConnectMock]:
    with mock_connect(seed=3) as cm:
        yield cm


@pytest.fixture
def env(mock: ConnectMock) -> dict[str, Any]:
    client = connect_client(attempts=1)
    instance_id, instance_arn = create_instance(client, "imports")
    return {"client": client, "id": instance_id, "arn": instance_arn}


def summary(client: Any, phone_id: str) -> dict[str, Any]:
    return dict(client.describe_phone_number(PhoneNumberId=phone_id)["ClaimedPhoneNumberSummary"])


def refused(client: Any, **params: Any) -> tuple[int, str, str]:
    with pytest.raises(client.exceptions.ClientError) as excinfo:
        client.import_phone_number(**params)
    return client_error(excinfo)


def test_an_import_is_a_claim_of_the_source_number(mock: ConnectMock, env: dict[str, Any]) -> None:
    client = env["client"]
    source = mock.source_numbers.add(TOLL_FREE)
    assert source.arn.startswith(f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:phone-number/phone-")
    assert len(source.id) == len("phone-") + 32
    with manual_progress("connect::phonenumber", 1):
        imported = client.import_phone_number(
            InstanceId=env["id"],
            SourcePhoneNumberArn=source.arn,
            PhoneNumberDescription="from SMS",
            Tags={"team": "sms"},
        )
        phone_id = imported["PhoneNumberId"]
        assert imported["PhoneNumberArn"] == (
            f"arn:aws:connect:us-east-1:{ACCOUNT}:phone-number/{phone_id}"
        )
        assert summary(client, phone_id)["PhoneNumberStatus"] == {"Status": "IN_PROGRESS"}
    assert summary(client, phone_id) == {
        "PhoneNumberId": phone_id,
        "PhoneNumberArn": imported["PhoneNumberArn"],
        "PhoneNumber": TOLL_FREE,
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "TOLL_FREE",
        "PhoneNumberDescription": "from SMS",
        "TargetArn": env["arn"],
        "InstanceId": env["id"],
        "Tags": {"team": "sms"},
        "PhoneNumberStatus": {"Status": "CLAIMED"},
        "SourcePhoneNumberArn": source.arn,
    }
    listed = client.list_phone_numbers_v2(InstanceId=env["id"])["ListPhoneNumbersSummaryList"]
    assert [(n["PhoneNumberId"], n["SourcePhoneNumberArn"]) for n in listed] == [
        (phone_id, source.arn)
    ]
    assert client.list_tags_for_resource(resourceArn=imported["PhoneNumberArn"])["tags"] == {
        "team": "sms"
    }


@pytest.mark.parametrize(
    ("number", "sms_type", "country", "connect_type"),
    [
        ("+18005550101", "TOLL_FREE", None, "TOLL_FREE"),
        ("+12065550102", "TEN_DLC", None, "DID"),
        ("+447700900123", "LONG_CODE", None, "DID"),
        ("12345", "SHORT_CODE", "US", "SHORT_CODE"),
    ],
)
def test_number_types_map_to_connect_types(
    mock: ConnectMock,
    env: dict[str, Any],
    number: str,
    sms_type: str,
    country: str | None,
    connect_type: str,
) -> None:
    source = mock.source_numbers.add(number, number_type=sms_type, country=country)
    client = env["client"]
    phone_id = client.import_phone_number(InstanceId=env["id"], SourcePhoneNumberArn=source.arn)[
        "PhoneNumberId"
    ]
    described = summary(client, phone_id)
    assert (described["PhoneNumber"], described["PhoneNumberType"]) == (number, connect_type)
    assert described["PhoneNumberCountryCode"] == source.country == (country or source.country)


def test_unknown_sources_and_the_wrong_region_account_or_type(
    mock: ConnectMock, env: dict[str, Any]
) -> None:
    client = env["client"]
    assert refused(client, InstanceId=env["id"], SourcePhoneNumberArn=ARN) == (
        404,
        "ResourceNotFoundException",
        f"SourcePhoneNumberArn '{ARN}' names no AWS End User Messaging SMS phone number (declare "
        "it with cm.source_numbers.add(...), the source_numbers option or POST "
        "/moto-api/connect-mock/source-numbers)",
    )
    west = mock.source_numbers.add(TOLL_FREE, region="us-west-2")
    assert refused(client, InstanceId=env["id"], SourcePhoneNumberArn=west.arn) == (
        400,
        "InvalidParameterException",
        f"SourcePhoneNumberArn '{west.arn}' is in Region us-west-2: import it into an instance "
        "in us-west-2 (this request was sent to us-east-1)",
    )
    other = mock.source_numbers.add(TOLL_FREE, account_id="210987654321")
    assert refused(client, InstanceId=env["id"], SourcePhoneNumberArn=other.arn) == (
        403,
        "AccessDeniedException",
        f"Account {ACCOUNT} is not authorized to import '{other.arn}', which belongs to account "
        "210987654321",
    )
    simulator = mock.source_numbers.add("+12065550199", number_type="SIMULATOR")
    assert refused(client, InstanceId=env["id"], SourcePhoneNumberArn=simulator.arn) == (
        400,
        "InvalidParameterException",
        f"'{simulator.arn}' is a SIMULATOR number: only short codes, 10DLC, long codes and "
        "toll-free numbers can be imported",
    )
    # "only in the same ... Region where the ... instance was created": another Region's
    # instance is no instance here.
    west_client = connect_client("us-west-2")
    west_instance, _ = create_instance(west_client, "west")
    home = mock.source_numbers.add("+18005550111")
    assert refused(client, InstanceId=west_instance, SourcePhoneNumberArn=home.arn) == (
        400,
        "InvalidParameterException",
        f"InstanceId '{west_instance}' does not name an Amazon Connect instance in account "
        f"{ACCOUNT}, Region us-east-1",
    )
    assert refused(client, InstanceId=env["arn"], SourcePhoneNumberArn=home.arn) == (
        400,
        "InvalidParameterException",
        f"InstanceId '{env['arn']}' is an ARN: ImportPhoneNumber takes the instance's ID (the last "
        "part of its ARN)",
    )
    assert client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


def test_a_number_is_imported_once_and_again_after_release(
    mock: ConnectMock, env: dict[str, Any]
) -> None:
    client = env["client"]
    source = mock.source_numbers.add(TOLL_FREE)
    first = client.import_phone_number(InstanceId=env["id"], SourcePhoneNumberArn=source.arn)
    assert refused(client, InstanceId=env["id"], SourcePhoneNumberArn=source.arn) == (
        400,
        "InvalidParameterException",
        f"'{source.arn}' ({TOLL_FREE}) is already in Amazon Connect as phone number "
        f"{first['PhoneNumberArn']}; release it before importing it again",
    )
    # Another account's import of the same number (its own declaration) is refused too.
    other = mock.source_numbers.add(TOLL_FREE, account_id="210987654321")
    other_client = connect_client(account="210987654321")
    other_instance, _ = create_instance(other_client, "other")
    assert refused(other_client, InstanceId=other_instance, SourcePhoneNumberArn=other.arn) == (
        400,
        "InvalidParameterException",
        f"Phone number not available: {TOLL_FREE} ('{other.arn}') is already in Amazon Connect",
    )
    # Released, it goes back to End User Messaging SMS: no cooldown, it can come back.
    client.release_phone_number(PhoneNumberId=first["PhoneNumberId"])
    again = client.import_phone_number(InstanceId=env["id"], SourcePhoneNumberArn=source.arn)
    assert again["PhoneNumberId"] != first["PhoneNumberId"]
    assert summary(client, again["PhoneNumberId"])["PhoneNumberStatus"] == {"Status": "CLAIMED"}


def test_an_imported_number_is_no_longer_offered_by_searches(mock: ConnectMock) -> None:
    client = connect_client()
    instance_id, _ = create_instance(client, "search")
    offered = search_numbers(client, instance_id, MaxResults=2)
    source = mock.source_numbers.add(offered[0], number_type="TEN_DLC")
    client.import_phone_number(InstanceId=instance_id, SourcePhoneNumberArn=source.arn)
    assert offered[0] not in search_numbers(client, instance_id, MaxResults=10)
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=offered[0])
    assert client_error(excinfo)[2] == f"Phone number not available: {offered[0]}"


def test_client_token_idempotency(mock: ConnectMock, env: dict[str, Any]) -> None:
    client = env["client"]
    source = mock.source_numbers.add(TOLL_FREE)
    other = mock.source_numbers.add("+18005550123")
    params = {"InstanceId": env["id"], "SourcePhoneNumberArn": source.arn, "ClientToken": "t-1"}
    first = client.import_phone_number(**params)
    again = client.import_phone_number(**params)
    assert again["PhoneNumberId"] == first["PhoneNumberId"]
    assert refused(client, **{**params, "SourcePhoneNumberArn": other.arn}) == (
        409,
        "IdempotencyException",
        "ClientToken 't-1' was already used with a different ImportPhoneNumber request",
    )
    assert refused(client, **{**params, "Tags": {"a": "b"}})[1] == "IdempotencyException"
    assert len(client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]) == 1


def test_imports_count_toward_the_quota_and_retry_within_the_day() -> None:
    with mock_connect(seed=3, phone_number_quota=1) as mock:
        client = connect_client()
        instance_id, _ = create_instance(client, "quota")
        number = search_numbers(client, instance_id, MaxResults=1)[0]
        claimed = client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        source = mock.source_numbers.add(TOLL_FREE)
        failed = client.import_phone_number(InstanceId=instance_id, SourcePhoneNumberArn=source.arn)
        assert summary(client, failed["PhoneNumberId"])["PhoneNumberStatus"] == {
            "Status": "FAILED",
            "Message": QUOTA_MESSAGE,
        }
        # The same import again, once there is room, is the same number's retry.
        client.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        retried = client.import_phone_number(
            InstanceId=instance_id, SourcePhoneNumberArn=source.arn
        )
        assert retried["PhoneNumberId"] == failed["PhoneNumberId"]
        assert summary(client, retried["PhoneNumberId"])["PhoneNumberStatus"] == {
            "Status": "CLAIMED"
        }


def test_a_failed_import_is_gone_after_its_day() -> None:
    with mock_connect(phone_number_quota=0) as mock:
        client = connect_client()
        instance_id, _ = create_instance(client, "day")
        source = mock.source_numbers.add(TOLL_FREE)
        failed = client.import_phone_number(InstanceId=instance_id, SourcePhoneNumberArn=source.arn)
        mock.clock.advance(timedelta(days=1))
        with pytest.raises(client.exceptions.ResourceNotFoundException):
            client.describe_phone_number(PhoneNumberId=failed["PhoneNumberId"])
        fresh = client.import_phone_number(InstanceId=instance_id, SourcePhoneNumberArn=source.arn)
        assert fresh["PhoneNumberId"] != failed["PhoneNumberId"]


def test_imports_and_their_releases_count_for_the_200_percent_rule() -> None:
    # Quota 1: two releases in 180 days block the third import.
    with mock_connect(phone_number_quota=1) as mock:
        client = connect_client()
        instance_id, _ = create_instance(client, "churn")
        source = mock.source_numbers.add(TOLL_FREE)
        for _ in range(2):
            phone_id = client.import_phone_number(
                InstanceId=instance_id, SourcePhoneNumberArn=source.arn
            )["PhoneNumberId"]
            client.release_phone_number(PhoneNumberId=phone_id)
        blocked = client.import_phone_number(
            InstanceId=instance_id, SourcePhoneNumberArn=source.arn
        )["PhoneNumberId"]
        status = summary(client, blocked)["PhoneNumberStatus"]
        assert status["Status"] == "FAILED"
        assert status["Message"].startswith(
            "Blocked by the 200% claim/release rule: 2 numbers claimed to this target were "
            "released in the last 180 days (quota 1)."
        )


def test_faults_and_the_call_log(mock: ConnectMock, env: dict[str, Any]) -> None:
    client = env["client"]
    source = mock.source_numbers.add(TOLL_FREE)
    mock.faults.add("ImportPhoneNumber", "ThrottlingException", times=1)
    assert refused(client, InstanceId=env["id"], SourcePhoneNumberArn=source.arn)[:2] == (
        429,
        "ThrottlingException",
    )
    client.import_phone_number(InstanceId=env["id"], SourcePhoneNumberArn=source.arn)
    calls = mock.calls.filter("ImportPhoneNumber")
    assert [(c.status, c.error) for c in calls] == [(429, "ThrottlingException"), (200, None)]
    assert calls[1].params["SourcePhoneNumberArn"] == source.arn


# --- declaring source numbers --------------------------------------------------------------------


def test_declarations_are_checked(mock: ConnectMock) -> None:
    sources = mock.source_numbers
    with pytest.raises(ValueError, match=r"^phone_number '0800' is not a phone number as"):
        sources.add("0800")
    with pytest.raises(ValueError, match=r"^number_type must be one of SHORT_CODE, LONG_CODE, "):
        sources.add(TOLL_FREE, number_type="DID")
    with pytest.raises(ValueError, match=r"^cannot tell the country of '12345': give its ISO"):
        sources.add("12345", number_type="SHORT_CODE")
    with pytest.raises(ValueError, match=r"^country 'XX' is not one of Connect's"):
        sources.add(TOLL_FREE, country="XX")
    with pytest.raises(ValueError, match=r"^arn 'arn:aws:sms-voice:x' is not an End User"):
        sources.add(TOLL_FREE, arn="arn:aws:sms-voice:x")
    with pytest.raises(ValueError, match=r"^region 'us-west-2' differs from the arn's"):
        sources.add(TOLL_FREE, arn=ARN, region="us-west-2")
    with pytest.raises(TypeError, match=r"^phone_number must be a string, not int$"):
        sources.add(18005550100)  # type: ignore[arg-type]
    first = sources.add(TOLL_FREE, arn=ARN)
    assert sources.add(TOLL_FREE, arn=ARN) == first  # the same declaration again
    with pytest.raises(ValueError, match=r"is already declared as"):
        sources.add("+18005550199", arn=ARN)
    with pytest.raises(ValueError, match=r"^\+18005550100 is already declared in account"):
        sources.add(TOLL_FREE)
    assert list(sources) == [first]


# What End User Messaging SMS's model lists as NumberType, in its order (a bad type's message).
SMS_TYPES = ", ".join(
    botocore.session.get_session()
    .get_service_model("pinpoint-sms-voice-v2")
    .shape_for("NumberType")
    .enum
)
OTHER_ACCOUNT = "210987654321"


@pytest.mark.parametrize(
    ("details", "error", "message"),
    [
        ({"phone_number": 18005550100}, TypeError, "phone_number must be a string, not int"),
        (
            {"phone_number": "0800"},
            ValueError,
            "phone_number '0800' is not a phone number as End User Messaging SMS writes them: "
            "E.164 (+ and up to 19 digits), or the digits of a short code",
        ),
        ({"number_type": 1}, TypeError, "number_type must be a string, not int"),
        (
            {"number_type": "DID"},
            ValueError,
            f"number_type must be one of {SMS_TYPES}, got 'DID'",
        ),
        ({"region": 1}, TypeError, "region must be a string, not int"),
        (
            {"region": "us-east"},
            ValueError,
            "region 'us-east' is not an AWS Region code like 'us-east-1'",
        ),
        ({"account_id": 123456789012}, TypeError, "account_id must be a string, not int"),
        (
            {"account_id": "12345678901"},
            ValueError,
            "account_id '12345678901' is not a 12-digit AWS account ID",
        ),
        ({"arn": 1}, TypeError, "arn must be a string, not int"),
        (
            {"arn": "arn:aws:sms-voice:x"},
            ValueError,
            "arn 'arn:aws:sms-voice:x' is not an End User Messaging SMS phone number ARN "
            "(arn:aws:sms-voice:REGION:ACCOUNT:phone-number/phone-<32 hex digits>)",
        ),
        (
            {"arn": ARN, "region": "us-west-2"},
            ValueError,
            "region 'us-west-2' differs from the arn's, 'us-east-1'",
        ),
        (
            {"arn": ARN, "account_id": OTHER_ACCOUNT},
            ValueError,
            f"account_id '{OTHER_ACCOUNT}' differs from the arn's, '{ACCOUNT}'",
        ),
        ({"country": 1}, TypeError, "country must be a string, not int"),
        (
            {"country": "XX"},
            ValueError,
            "country 'XX' is not one of Connect's PhoneNumberCountryCode codes",
        ),
        (
            {"phone_number": "12345", "number_type": "SHORT_CODE"},
            ValueError,
            "cannot tell the country of '12345': give its ISO country code (IsoCountryCode)",
        ),
        (
            # A UIFN (+800) belongs to no country.
            {"phone_number": "+80012345678"},
            ValueError,
            "cannot tell the country of '+80012345678': give its ISO country code (IsoCountryCode)",
        ),
    ],
)
def test_each_bad_declaration_is_refused_with_its_exact_message(
    mock: ConnectMock, details: dict[str, Any], error: type[Exception], message: str
) -> None:
    arguments = {"phone_number": TOLL_FREE, **details}
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        mock.source_numbers.add(**arguments)
    assert list(mock.source_numbers) == []


def test_a_declaration_that_repeats_the_arns_own_region_and_account_is_accepted(
    mock: ConnectMock,
) -> None:
    source = mock.source_numbers.add(TOLL_FREE, arn=ARN, region="us-east-1", account_id=ACCOUNT)
    assert (source.arn, source.region, source.account_id, source.id) == (
        ARN,
        "us-east-1",
        ACCOUNT,
        f"phone-{'ab' * 16}",
    )


def test_a_redeclaration_with_other_details_names_what_is_declared(mock: ConnectMock) -> None:
    sources = mock.source_numbers
    first = sources.add(TOLL_FREE, arn=ARN)
    with pytest.raises(ValueError, match=r"^source number ") as excinfo:
        sources.add("+18005550199", arn=ARN)
    assert str(excinfo.value) == (
        f"source number {ARN} is already declared as SourceNumber(arn='{ARN}', "
        "phone_number='+18005550100', country='US', number_type='TOLL_FREE')"
    )
    with pytest.raises(
        ValueError, match=r"^\+18005550100 is already declared in account"
    ) as excinfo:
        sources.add(TOLL_FREE)
    assert str(excinfo.value) == (
        f"+18005550100 is already declared in account {ACCOUNT}, Region us-east-1, as {ARN}"
    )
    # Another Region or account is another lease of the number: declared apart.
    west = sources.add(TOLL_FREE, region="us-west-2")
    assert [source.arn for source in sources] == [ARN, west.arn]
    assert sources.get(ARN) == first
    assert sources.get(west.arn) == west
    assert sources.get(west.arn.replace("us-west-2", "us-east-2")) is None


def test_a_declared_numbers_arn_is_the_same_from_one_release_to_the_next() -> None:
    """Declared without an ARN, a number gets one made from its account, Region and number: the
    same in every run and process, so a test may write it down."""
    with mock_connect() as first:
        home = first.source_numbers.add(TOLL_FREE)
        away = first.source_numbers.add(
            "+442079460000", region="eu-west-2", account_id=OTHER_ACCOUNT
        )
    assert home.arn == (
        f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:phone-number/phone-ef2b59e35df687d8a98d570b5142f4be"
    )
    assert away.arn == (
        f"arn:aws:sms-voice:eu-west-2:{OTHER_ACCOUNT}:phone-number/"
        "phone-96105e745ea0d898bee7339602f34ec1"
    )
    assert (away.region, away.account_id, away.id, away.country) == (
        "eu-west-2",
        OTHER_ACCOUNT,
        "phone-96105e745ea0d898bee7339602f34ec1",
        "GB",
    )
    with mock_connect() as second:
        assert second.source_numbers.add(TOLL_FREE) == home


def test_a_source_number_is_a_frozen_value() -> None:
    with mock_connect() as cm:
        source = cm.source_numbers.add(TOLL_FREE)
        with pytest.raises(dataclasses.FrozenInstanceError):
            source.arn = ARN  # type: ignore[misc]
        assert {source: "kept"}[cm.source_numbers.add(TOLL_FREE)] == "kept"


def test_a_number_libphonenumber_does_not_know_takes_its_calling_codes_country() -> None:
    """+44 1000 000 is no valid British number, but +44 is the United Kingdom's calling code."""
    with mock_connect() as cm:
        source = cm.source_numbers.add("+4410000000", number_type="LONG_CODE")
        assert (source.country, source.connect_type) == ("GB", "DID")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"PhoneNumbers": {}}, "<source numbers>: PhoneNumbers must be a list of entries"),
        (
            "+18005550100",
            '<source numbers>: expected {"PhoneNumbers": [...]}, a list of entries or one entry, '
            "not str",
        ),
        (
            [{"PhoneNumber": TOLL_FREE}, "+18005550101"],
            "<source numbers>, entry 1: expected an object, not '+18005550101'",
        ),
        (
            [{"PhoneNumber": TOLL_FREE, "Zone": "a", "Area": "b"}],
            "<source numbers>, entry 0: unknown key(s) 'Area', 'Zone'; an entry has "
            "DescribePhoneNumbers' members (PhoneNumberArn, PhoneNumber, IsoCountryCode, "
            "NumberType...) or Region and AccountId",
        ),
        ([{"Region": "us-east-1"}], "<source numbers>, entry 0: PhoneNumber is missing"),
        (
            {"PhoneNumbers": [{"PhoneNumber": TOLL_FREE}, {"PhoneNumber": TOLL_FREE, "Region": 1}]},
            "<source numbers>, entry 1: region must be a string, not int",
        ),
        (
            [{"PhoneNumber": TOLL_FREE, "PhoneNumberArn": ARN, "PhoneNumberId": "phone-1"}],
            f"<source numbers>, entry 0: PhoneNumberId 'phone-1' is not the ARN's, "
            f"'phone-{'ab' * 16}'",
        ),
        (
            [{"PhoneNumber": TOLL_FREE}, {"PhoneNumber": TOLL_FREE, "PhoneNumberArn": ARN}],
            f"+18005550100 is already declared in account {ACCOUNT}, Region us-east-1, as "
            f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:phone-number/"
            "phone-ef2b59e35df687d8a98d570b5142f4be",
        ),
    ],
)
def test_each_bad_document_is_refused_whole_with_its_exact_message(
    mock: ConnectMock, document: Any, message: str
) -> None:
    sources = mock.source_numbers
    kept = sources.add("+18005550123")
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        sources.load(document)
    assert list(sources) == [kept]


def test_an_entry_gives_its_details_by_describe_phone_numbers_member_names(
    mock: ConnectMock,
) -> None:
    sources = mock.source_numbers
    loaded = sources.load(
        {
            "PhoneNumbers": [
                {
                    "PhoneNumber": "+447700900123",
                    "Region": "eu-west-2",
                    "AccountId": OTHER_ACCOUNT,
                    "IsoCountryCode": "GG",
                    "NumberType": "LONG_CODE",
                },
                {"PhoneNumber": TOLL_FREE},
                {"PhoneNumber": "+18005550199", "PhoneNumberArn": ARN, "PhoneNumberId": ARN[-38:]},
            ]
        }
    )
    guernsey = sources.specs()[0]
    assert guernsey == {
        "PhoneNumberArn": guernsey["PhoneNumberArn"],
        "PhoneNumberId": guernsey["PhoneNumberArn"].rsplit("/", 1)[1],
        "PhoneNumber": "+447700900123",
        "IsoCountryCode": "GG",
        "NumberType": "LONG_CODE",
    }
    assert guernsey["PhoneNumberArn"].startswith(
        f"arn:aws:sms-voice:eu-west-2:{OTHER_ACCOUNT}:phone-number/phone-"
    )
    # An entry of only its number: us-east-1, moto's account, a toll-free number of its country.
    assert sources.specs()[1:] == (
        {
            "PhoneNumberArn": f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:phone-number/"
            "phone-ef2b59e35df687d8a98d570b5142f4be",
            "PhoneNumberId": "phone-ef2b59e35df687d8a98d570b5142f4be",
            "PhoneNumber": TOLL_FREE,
            "IsoCountryCode": "US",
            "NumberType": "TOLL_FREE",
        },
        {
            "PhoneNumberArn": ARN,
            "PhoneNumberId": f"phone-{'ab' * 16}",
            "PhoneNumber": "+18005550199",
            "IsoCountryCode": "US",
            "NumberType": "TOLL_FREE",
        },
    )
    assert [source.to_json() for source in loaded] == list(sources.specs())
    assert len(sources) == 3
    # One entry alone, not in a list, is a document too.
    assert sources.load({"PhoneNumber": "+18005550111"})[0].phone_number == "+18005550111"
    assert len(sources) == 4
    sources.clear()
    assert (list(sources), len(sources), sources.get(ARN)) == ([], 0, None)
    # Cleared, a number may be declared again under another ARN.
    assert sources.add(TOLL_FREE, arn=ARN).arn == ARN


def test_a_describe_phone_numbers_answer_is_a_source_file(tmp_path: Path) -> None:
    saved = tmp_path / "sms.json"
    saved.write_text(
        json.dumps(
            {
                "PhoneNumbers": [
                    {
                        "PhoneNumberArn": ARN,
                        "PhoneNumberId": f"phone-{'ab' * 16}",
                        "PhoneNumber": TOLL_FREE,
                        "Status": "ACTIVE",
                        "IsoCountryCode": "US",
                        "MessageType": "TRANSACTIONAL",
                        "NumberCapabilities": ["SMS", "VOICE"],
                        "NumberType": "TOLL_FREE",
                        "MonthlyLeasingPrice": "2.00",
                        "TwoWayEnabled": False,
                        "CreatedTimestamp": 1700000000.0,
                    }
                ],
                "NextToken": None,
            }
        )
    )
    with mock_connect(
        source_numbers=[saved, {"PhoneNumber": "+442079460000", "Region": "eu-west-2"}]
    ) as mock:
        assert [(s.arn, s.country, s.region) for s in mock.source_numbers] == [
            (ARN, "US", "us-east-1"),
            (mock.source_numbers.specs()[1]["PhoneNumberArn"], "GB", "eu-west-2"),
        ]
        client = connect_client()
        instance_id, _ = create_instance(client, "file")
        imported = client.import_phone_number(InstanceId=instance_id, SourcePhoneNumberArn=ARN)
        assert summary(client, imported["PhoneNumberId"])["SourcePhoneNumberArn"] == ARN


def test_bad_source_files_name_the_file_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"PhoneNumber": TOLL_FREE}, {"PhoneNumber": "+1", "Typo": 1}]))
    with pytest.raises(ValueError, match=r"entry 1: unknown key") as excinfo:
        mock_connect(source_numbers=bad)
    assert str(excinfo.value) == (
        f"{bad}, entry 1: unknown key(s) 'Typo'; an entry has DescribePhoneNumbers' members "
        "(PhoneNumberArn, PhoneNumber, IsoCountryCode, NumberType...) or Region and AccountId"
    )
    with pytest.raises(ValueError, match=r": cannot read source-number file: "):
        mock_connect(source_numbers=tmp_path / "missing.json")
    with pytest.raises(ValueError, match=r"^<source numbers>, entry 0: PhoneNumber is missing$"):
        MockConfig.create(source_numbers={"Region": "us-east-1"})


def test_decorated_calls_keep_sources_declared_before_decorating() -> None:
    mock = mock_connect()
    source = mock.source_numbers.add(TOLL_FREE)

    @mock
    def run() -> str:
        client = connect_client()
        instance_id, _ = create_instance(client, "decorated")
        return str(
            client.import_phone_number(InstanceId=instance_id, SourcePhoneNumberArn=source.arn)[
                "PhoneNumberId"
            ]
        )

    assert run() != run()  # each call a fresh mock, the source declared in both


@pytest.mark.connect_mock(source_numbers={"PhoneNumber": TOLL_FREE, "PhoneNumberArn": ARN})
def test_the_marker_declares_sources(connect_mock_controller: ConnectMock) -> None:
    assert [source.arn for source in connect_mock_controller.source_numbers] == [ARN]


# --- server ------------------------------------------------------------------------------------


@pytest.mark.connect_mock(source_numbers={"PhoneNumber": TOLL_FREE, "PhoneNumberArn": ARN})
def test_over_the_server(connect_server: RemoteConnectMock) -> None:
    remote = connect_server.source_numbers
    assert [entry["PhoneNumberArn"] for entry in remote.list()] == [ARN]
    added = remote.add("+12065550100", number_type="TEN_DLC")
    assert added == {
        "PhoneNumberArn": added["PhoneNumberArn"],
        "PhoneNumberId": added["PhoneNumberArn"].rsplit("/", 1)[1],
        "PhoneNumber": "+12065550100",
        "IsoCountryCode": "US",
        "NumberType": "TEN_DLC",
    }
    client = connect_client(endpoint=connect_server.endpoint)
    instance_id, _ = create_instance(client, "served")
    for arn, kind in ((ARN, "TOLL_FREE"), (added["PhoneNumberArn"], "DID")):
        phone_id = client.import_phone_number(InstanceId=instance_id, SourcePhoneNumberArn=arn)[
            "PhoneNumberId"
        ]
        described = summary(client, phone_id)
        assert (described["SourcePhoneNumberArn"], described["PhoneNumberType"]) == (arn, kind)
    with pytest.raises(RemoteError) as excinfo:
        remote.add("+1800", number_type="PAGER")
    assert excinfo.value.status == 400
    assert str(excinfo.value) == (
        "<source numbers>, entry 0: number_type must be one of SHORT_CODE, LONG_CODE, TOLL_FREE, "
        "TEN_DLC, SIMULATOR, got 'PAGER'"
    )
    url = f"{connect_server.endpoint}/moto-api/connect-mock/source-numbers"
    assert requests.put(url, timeout=10).status_code == 405
    # moto's reset wipes the imports; the declarations stay until cleared.
    connect_server.reset()
    assert len(remote.list()) == 2
    # Configuring again starts from the configured ones, as fault rules do.
    connect_server.configure(seed=1)
    assert [entry["PhoneNumberArn"] for entry in remote.list()] == [ARN]
    remote.clear()
    assert remote.list() == []
    client = connect_client(endpoint=connect_server.endpoint)
    instance_id, _ = create_instance(client, "after-clear")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.import_phone_number(InstanceId=instance_id, SourcePhoneNumberArn=ARN)


def test_serve_refuses_a_bad_source_number_file(tmp_path: Path) -> None:
    bad = tmp_path / "sms.json"
    bad.write_text(json.dumps({"PhoneNumbers": [{"PhoneNumber": "+18005550100", "Region": "x"}]}))
    result = subprocess.run(
        [str(BIN / "connect-mock"), "serve", "--port", "0", "--source-numbers", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"connect-mock: {bad}, entry 0: region 'x' is not an AWS Region code like 'us-east-1'\n"
    )


def test_serve_passes_its_source_number_files(monkeypatch: pytest.MonkeyPatch) -> None:
    assert serve_options(monkeypatch, ["--port", "0"])["source_numbers"] is None
    files = [str(Path(__file__).parent.parent / "fixtures" / "sms_numbers.json"), "more.json"]
    argv = ["--source-numbers", files[0], "--source-numbers", files[1]]
    assert serve_options(monkeypatch, argv)["source_numbers"] == files
    # What serve makes of them: the configuration reads each file.
    config = MockConfig.create(source_numbers=files[:1])
    assert [entry["PhoneNumber"] for entry in config.source_numbers] == ["+18005550199"]


def test_the_javascript_sdk(node_modules: Path, connect_server: RemoteConnectMock) -> None:
    source = connect_server.source_numbers.add(TOLL_FREE)
    env = dict(
        os.environ,
        AWS_ACCESS_KEY_ID="x",
        AWS_SECRET_ACCESS_KEY="x",
        SOURCE_ARN=source["PhoneNumberArn"],
    )
    result = subprocess.run(
        ["node", str(node_modules.parent / "distribution_import.mjs")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=node_modules.parent,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    split = {
        "Distributions": [
            {"Region": "us-east-1", "Percentage": 40},
            {"Region": "us-west-2", "Percentage": 60},
        ]
    }
    assert seen["telephony"] == split
    assert seen["agents"]["Distributions"][0] == {"Region": "us-east-1", "Percentage": 100}
    # (This SDK's model has no LastFailoverTime member yet: it ignores the one we send.)
    assert seen["group"][1].endswith(f"/{seen['group'][0]}")
    assert seen["refused"] == {
        "name": "InvalidRequestException",
        "status": 400,
        "message": "TelephonyConfig gives us-east-1 45%: percentages go in increments of 10",
    }
    assert seen["imported"] == {
        "number": TOLL_FREE,
        "source": source["PhoneNumberArn"],
        "status": "CLAIMED",
    }
