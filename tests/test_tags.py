"""Tags held to the model on every resource connect_mock owns: TagResource, UntagResource and
ListTagsForResource on claimed numbers' and traffic distribution groups' ARNs, and the Tags of
ClaimPhoneNumber and CreateTrafficDistributionGroup. Refused requests change nothing."""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest

from connect_mock import mock_connect
from tests.helpers import client_error, connect_client, create_instance, search_numbers

MODEL = botocore.session.get_session().get_service_model("connect")
KEY_PATTERN = MODEL.shape_for("TagKey").metadata["pattern"]


def _key_violation(key: str, path: str = "tags") -> str:
    return (
        f"1 validation error detected: Value '{key}' at '{path}.key' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {KEY_PATTERN}"
    )


@pytest.fixture
def env(server_endpoint: str | None) -> dict[str, Any]:
    """A claimed number (tagged team=voice) and a group (tagged a=b), in-process and over the
    server; ``lax`` skips botocore's own checks."""
    client = connect_client(endpoint=server_endpoint)
    instance_id, _ = create_instance(client)
    number = search_numbers(client, instance_id, MaxResults=1)[0]
    claim = client.claim_phone_number(
        InstanceId=instance_id, PhoneNumber=number, Tags={"team": "voice"}
    )
    group = client.create_traffic_distribution_group(
        Name="g", InstanceId=instance_id, Tags={"a": "b"}
    )
    return {
        "client": client,
        "lax": connect_client(lax=True, endpoint=server_endpoint),
        "instance": instance_id,
        "number": number,
        "arns": (claim["PhoneNumberArn"], group["Arn"]),
        "endpoint": server_endpoint,
    }


def _tags(client: Any, arn: str) -> dict[str, str]:
    return dict(client.list_tags_for_resource(resourceArn=arn)["tags"])


def test_our_resources_are_tagged_untagged_and_listed(env: dict[str, Any]) -> None:
    client = env["client"]
    number_arn, group_arn = env["arns"]
    assert (_tags(client, number_arn), _tags(client, group_arn)) == ({"team": "voice"}, {"a": "b"})
    for arn in env["arns"]:
        client.tag_resource(resourceArn=arn, tags={"Équipe 1": "voix", "cost/centre": "42"})
        client.untag_resource(resourceArn=arn, tagKeys=["team", "a", "absent"])
        assert _tags(client, arn) == {"Équipe 1": "voix", "cost/centre": "42"}
    summary = client.describe_phone_number(PhoneNumberId=number_arn)["ClaimedPhoneNumberSummary"]
    assert summary["Tags"] == {"Équipe 1": "voix", "cost/centre": "42"}


def test_refused_tags_change_nothing(env: dict[str, Any]) -> None:
    lax = env["lax"]
    for arn in env["arns"]:
        before = _tags(lax, arn)
        for key in ("aws:reserved", "cost€", "tab\there"):
            with pytest.raises(lax.exceptions.InvalidParameterException) as excinfo:
                lax.tag_resource(resourceArn=arn, tags={key: "v", "fine": "v"})
            assert client_error(excinfo) == (400, "InvalidParameterException", _key_violation(key))
        with pytest.raises(lax.exceptions.InvalidParameterException) as excinfo:
            lax.tag_resource(resourceArn=arn, tags={f"k{i}": "v" for i in range(51)})
        assert client_error(excinfo)[2] == (
            f"1 validation error detected: Value '{_shown(51)}' at 'tags' failed to satisfy "
            "constraint: Member must have size less than or equal to 50"
        )
        with pytest.raises(lax.exceptions.InvalidParameterException):
            lax.tag_resource(resourceArn=arn, tags={})
        with pytest.raises(lax.exceptions.InvalidParameterException):
            lax.tag_resource(resourceArn=arn, tags={"k": "v" * 257})
        with pytest.raises(lax.exceptions.InvalidParameterException):
            lax.untag_resource(resourceArn=arn, tagKeys=["aws:reserved"])
        assert _tags(lax, arn) == before


def _shown(count: int) -> str:
    """A 51-entry map as a validation message shows it (cut to 40 characters)."""
    from connect_mock.wire.parse import shorten

    return shorten({f"k{i}": "v" for i in range(count)})


def test_the_resulting_set_is_held_to_fifty(env: dict[str, Any]) -> None:
    client = env["client"]
    number_arn, _ = env["arns"]
    client.tag_resource(resourceArn=number_arn, tags={f"k{i}": "v" for i in range(49)})
    assert len(_tags(client, number_arn)) == 50
    client.tag_resource(resourceArn=number_arn, tags={"k0": "overwritten", "team": "data"})
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.tag_resource(resourceArn=number_arn, tags={"one-more": "v", "k1": "w"})
    assert client_error(excinfo) == (
        400,
        "InvalidParameterException",
        f"Resource '{number_arn}' would have 51 tags (50 now); a resource can have at most 50 tags",
    )
    tags = _tags(client, number_arn)
    assert (len(tags), tags["k0"], tags["k1"], tags["team"]) == (50, "overwritten", "v", "data")


def test_unknown_released_and_foreign_arns_of_ours_are_not_found(env: dict[str, Any]) -> None:
    client = env["client"]
    number_arn, group_arn = env["arns"]
    other_account = number_arn.replace(":123456789012:", ":111122223333:")
    unknown = number_arn.rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
    other_region = group_arn.replace(":us-east-1:", ":eu-west-2:")
    client.release_phone_number(PhoneNumberId=number_arn)
    for arn in (number_arn, other_account, unknown, other_region):
        for method, params in (
            (client.tag_resource, {"tags": {"k": "v"}}),
            (client.untag_resource, {"tagKeys": ["k"]}),
            (client.list_tags_for_resource, {}),
        ):
            with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
                method(resourceArn=arn, **params)
            noun = "Traffic distribution group" if arn == other_region else "Phone number"
            assert client_error(excinfo) == (
                404,
                "ResourceNotFoundException",
                f"{noun} '{arn}' was not found in account 123456789012, Region us-east-1",
            )


def test_claim_and_create_tags_are_held_to_the_model(env: dict[str, Any]) -> None:
    lax = env["lax"]
    instance = env["instance"]
    number = search_numbers(lax, instance, MaxResults=2)[1]
    with pytest.raises(lax.exceptions.InvalidParameterException) as excinfo:
        lax.claim_phone_number(InstanceId=instance, PhoneNumber=number, Tags={"aws:bad": "x"})
    assert client_error(excinfo)[2] == _key_violation("aws:bad", "Tags")
    with pytest.raises(lax.exceptions.InvalidParameterException):
        lax.claim_phone_number(
            InstanceId=instance, PhoneNumber=number, Tags={f"k{i}": "v" for i in range(51)}
        )
    assert lax.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"][1:] == []
    with pytest.raises(lax.exceptions.InvalidRequestException) as excinfo:
        lax.create_traffic_distribution_group(Name="h", InstanceId=instance, Tags={"aws:x": "1"})
    assert client_error(excinfo)[2] == _key_violation("aws:x", "Tags")
    groups = lax.list_traffic_distribution_groups()["TrafficDistributionGroupSummaryList"]
    assert [group["Name"] for group in groups] == ["g"]


def test_other_arns_keep_motos_behaviour(env: dict[str, Any]) -> None:
    client = env["client"]
    instance_arn = client.describe_instance(InstanceId=env["instance"])["Instance"]["Arn"]
    client.tag_resource(resourceArn=instance_arn, tags={"x": "1"})
    assert _tags(client, instance_arn) == {"x": "1"}
    client.untag_resource(resourceArn=instance_arn, tagKeys=["x"])
    assert _tags(client, instance_arn) == {}
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.tag_resource(resourceArn=instance_arn, tags={"aws:x": "1"})


def test_a_group_numbers_tags_are_one_set_from_both_regions_of_the_pair() -> None:
    """A number claimed to a traffic distribution group is tagged, untagged and listed by its
    ARN from the group's alternate Region too (where DescribePhoneNumber finds it by ARN): one
    set of tags, whichever Region changes it. In process only: the rule is the backend's."""
    with mock_connect():
        home, alternate = connect_client("us-east-1"), connect_client("us-west-2")
        instance_id, _ = create_instance(home, "tdg")
        group = home.create_traffic_distribution_group(Name="pair", InstanceId=instance_id)
        number = home.search_available_phone_numbers(
            TargetArn=group["Arn"], PhoneNumberCountryCode="US", PhoneNumberType="DID"
        )["AvailableNumbersList"][0]["PhoneNumber"]
        arn = home.claim_phone_number(TargetArn=group["Arn"], PhoneNumber=number, Tags={"k": "v"})[
            "PhoneNumberArn"
        ]
        alternate.tag_resource(resourceArn=arn, tags={"from": "west"})
        assert _tags(home, arn) == {"k": "v", "from": "west"}
        alternate.untag_resource(resourceArn=arn, tagKeys=["k"])
        assert (_tags(home, arn), _tags(alternate, arn)) == ({"from": "west"}, {"from": "west"})
