"""connect_mock installed beside moto: moto's own Connect operations keep working, whatever moto
release, and even when moto's private API changes under connect_mock."""

from __future__ import annotations

import inspect
import warnings
from typing import Any

import boto3
import botocore.config
import pytest
from moto import mock_aws
from moto.core.responses import BaseResponse

from connect_mock import ConnectMockCompatibilityWarning, RemoteConnectMock, _http, mock_connect


def _moto_connect_round_trip(client: Any) -> None:
    """Every kind of operation moto serves itself: create, describe, list, tag, untag, delete."""
    created = client.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="moto-own",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    described = client.describe_instance(InstanceId=created["Id"])["Instance"]
    assert (described["Id"], described["InstanceAlias"]) == (created["Id"], "moto-own")
    listed = client.list_instances()["InstanceSummaryList"]
    assert [summary["Id"] for summary in listed] == [created["Id"]]
    client.tag_resource(resourceArn=created["Arn"], tags={"team": "voice"})
    assert client.list_tags_for_resource(resourceArn=created["Arn"])["tags"] == {"team": "voice"}
    client.untag_resource(resourceArn=created["Arn"], tagKeys=["team"])
    assert client.list_tags_for_resource(resourceArn=created["Arn"])["tags"] == {}
    client.delete_instance(InstanceId=created["Id"])
    assert client.list_instances()["InstanceSummaryList"] == []


MOTO_OPERATIONS = [
    "CreateInstance",
    "DescribeInstance",
    "ListInstances",
    "TagResource",
    "ListTagsForResource",
    "UntagResource",
    "ListTagsForResource",
    "DeleteInstance",
    "ListInstances",
]


@mock_aws
def test_motos_own_connect_operations_work_under_plain_mock_aws() -> None:
    _moto_connect_round_trip(boto3.client("connect", region_name="us-east-1"))


def test_motos_own_connect_operations_are_recorded_by_name() -> None:
    with mock_connect() as cm:
        _moto_connect_round_trip(boto3.client("connect", region_name="us-east-1"))
        assert cm.calls.operations == MOTO_OPERATIONS
        assert cm.calls[0].params["InstanceAlias"] == "moto-own"
        assert cm.calls[5].params["resourceArn"].startswith("arn:aws:connect:us-east-1:")


def test_motos_own_connect_operations_work_over_the_server(
    connect_server: RemoteConnectMock,
) -> None:
    _moto_connect_round_trip(
        boto3.client("connect", region_name="us-east-1", endpoint_url=connect_server.endpoint)
    )
    assert [call.operation for call in connect_server.calls] == MOTO_OPERATIONS


@pytest.fixture
def moto_without_use_raw_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """A moto whose private API changed under connect_mock: ``setup_class`` no longer takes the
    ``use_raw_body`` argument connect_mock passes (moto's own handlers never pass it)."""
    original = BaseResponse.setup_class

    def setup_class(self: Any, request: Any, full_url: Any = None, headers: Any = None) -> None:
        original(self, request, full_url, headers)

    monkeypatch.setattr(BaseResponse, "setup_class", setup_class)
    monkeypatch.setattr(_http, "_reported", set())


@pytest.fixture
def moto_without_raw_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A moto whose private API changed under connect_mock where moto's own operations read the
    request too: ``setup_class`` no longer leaves ``raw_path`` (moto's Connect handlers do not
    use it; connect_mock does)."""
    routed_by_path = BaseResponse._get_action_from_method_and_request_uri
    if "request_uri" in inspect.signature(routed_by_path).parameters:
        # Before 5.2.5 moto's own dispatch names the action from raw_path: without it, moto's
        # operations break with or without connect_mock, which is not the change simulated here.
        pytest.skip("this moto's own dispatch reads raw_path")
    original = BaseResponse.setup_class

    def setup_class(self: Any, *args: Any) -> None:
        original(self, *args)
        del self.raw_path

    monkeypatch.setattr(BaseResponse, "setup_class", setup_class)
    monkeypatch.setattr(_http, "_reported", set())


@mock_aws
def test_motos_operations_do_not_need_what_only_ours_use(moto_without_use_raw_body: None) -> None:
    """moto's own operations are read once, by moto's response class as moto's dispatch sets it
    up: a change in what only our reading passes leaves them untouched, without a warning."""
    client = boto3.client("connect", region_name="us-east-1")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _moto_connect_round_trip(client)
    assert not [w for w in caught if issubclass(w.category, ConnectMockCompatibilityWarning)]


@mock_aws
def test_a_changed_moto_leaves_motos_operations_working_with_one_warning(
    moto_without_raw_path: None,
) -> None:
    client = boto3.client("connect", region_name="us-east-1")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _moto_connect_round_trip(client)
    compat = [w for w in caught if issubclass(w.category, ConnectMockCompatibilityWarning)]
    assert len(compat) == 1, [str(w.message) for w in caught]
    message = str(compat[0].message)
    assert f"moto {_http.moto_version()}" in message
    assert "Upgrade connect_mock" in message
    assert "AttributeError" in message


def test_a_changed_moto_still_records_motos_calls(moto_without_raw_path: None) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConnectMockCompatibilityWarning)
        with mock_connect() as cm:
            _moto_connect_round_trip(boto3.client("connect", region_name="us-east-1"))
            assert cm.calls.operations == MOTO_OPERATIONS
            assert {call.region for call in cm.calls} == {"us-east-1"}


def test_a_changed_moto_answers_our_operations_with_a_modelled_error(
    moto_without_use_raw_body: None,
) -> None:
    config = botocore.config.Config(retries={"max_attempts": 1})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConnectMockCompatibilityWarning)
        with mock_connect():
            client = boto3.client("connect", region_name="us-east-1", config=config)
            with pytest.raises(client.exceptions.InternalServiceException) as raised:
                client.search_available_phone_numbers(
                    TargetArn="arn:aws:connect:us-east-1:123456789012:instance/x",
                    PhoneNumberCountryCode="US",
                    PhoneNumberType="DID",
                )
    assert "upgrade connect_mock" in raised.value.response["Error"]["Message"]


@mock_aws
def test_warnings_as_errors_do_not_fail_motos_requests(
    moto_without_raw_path: None, caplog: pytest.LogCaptureFixture
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _moto_connect_round_trip(boto3.client("connect", region_name="us-east-1"))
    assert "Upgrade connect_mock" in caplog.text


def test_motos_operations_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """One ``setup_class`` per request of moto's own operations: the instance of moto's response
    class that reads it for connect_mock answers it (it was read twice, ~10% of the call)."""
    original = BaseResponse.setup_class
    readers: list[str] = []

    def setup_class(self: Any, *args: Any) -> None:
        readers.append(type(self).__name__)
        original(self, *args)

    with mock_connect() as cm:
        client = boto3.client("connect", region_name="us-east-1")
        monkeypatch.setattr(BaseResponse, "setup_class", setup_class)
        client.list_instances()
        assert readers == ["ConnectResponse"]
        assert cm.calls.operations == ["ListInstances"]


def test_a_moto_dispatch_doing_more_is_called_as_it_is() -> None:
    """A response class whose dispatch is not exactly setup_class + call_action is left to its
    own dispatch (its requests are then read twice)."""
    from moto.connect.responses import ConnectResponse

    from connect_mock._moto import _answering_class

    class Custom(ConnectResponse):
        def _dispatch(self, request: Any, full_url: Any = None, headers: Any = None) -> Any:
            self.setup_class(request, full_url, headers)
            self.extra = True
            return self.call_action()

    assert _answering_class(ConnectResponse.dispatch) is ConnectResponse
    assert _answering_class(Custom.dispatch) is None
    assert _answering_class(lambda *args: None) is None
