"""One function per served operation: validated parameters in, the backend called with typed
arguments, its domain objects serialized to the response document botocore's model describes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..backend import (
    AvailableNumber,
    ClaimedNumber,
    Context,
    InstanceAttributes,
    Page,
    PhoneNumbers,
    SearchQuery,
    Tagging,
    TrafficDistributionGroup,
    TrafficDistributionGroups,
    search_available,
)

__all__ = ["OPERATIONS"]

Params = dict[str, Any]
Document = dict[str, Any]
Operation = Callable[[Context, str, str, Params], Document]


def _paged(key: str, page: Page[Any], serialize: Callable[[Any], Document]) -> Document:
    result: Document = {key: [serialize(item) for item in page.items]}
    if page.next_token is not None:
        result["NextToken"] = page.next_token
    return result


def _available(entry: AvailableNumber) -> Document:
    return {
        "PhoneNumber": entry.number,
        "PhoneNumberCountryCode": entry.country,
        "PhoneNumberType": entry.number_type,
    }


def _summary(claim: ClaimedNumber) -> Document:
    result: Document = {
        "PhoneNumberId": claim.id,
        "PhoneNumberArn": claim.arn,
        "PhoneNumber": claim.number,
        "PhoneNumberCountryCode": claim.country,
        "PhoneNumberType": claim.number_type,
        "TargetArn": claim.target_arn,
    }
    if claim.instance_id is not None:
        result["InstanceId"] = claim.instance_id
    if claim.description is not None:
        result["PhoneNumberDescription"] = claim.description
    return result


def _legacy_summary(claim: ClaimedNumber) -> Document:
    return {
        "Id": claim.id,
        # Listed by instance: the claim's target is that instance.
        "Arn": f"{claim.target_arn}/phone-number/{claim.id}",
        "PhoneNumber": claim.number,
        "PhoneNumberType": claim.legacy_type,
        "PhoneNumberCountryCode": claim.country,
    }


def _ids(claim: ClaimedNumber) -> Document:
    return {"PhoneNumberId": claim.id, "PhoneNumberArn": claim.arn}


def _group_summary(group: TrafficDistributionGroup, status: str) -> Document:
    return {
        "Id": group.id,
        "Arn": group.arn,
        "Name": group.name,
        "InstanceArn": group.instance_arn,
        "Status": status,
        "IsDefault": False,
    }


def search_available_phone_numbers(ctx: Context, account: str, region: str, p: Params) -> Document:
    query = SearchQuery(
        country=p["PhoneNumberCountryCode"],
        number_type=p["PhoneNumberType"],
        prefix=p.get("PhoneNumberPrefix"),
        instance_id=p.get("InstanceId"),
        target_arn=p.get("TargetArn"),
    )
    page = search_available(ctx, account, region, query, p.get("MaxResults"), p.get("NextToken"))
    return _paged("AvailableNumbersList", page, _available)


def claim_phone_number(ctx: Context, account: str, region: str, p: Params) -> Document:
    claim = PhoneNumbers(ctx, account, region).claim(
        p["PhoneNumber"],
        instance_id=p.get("InstanceId"),
        target_arn=p.get("TargetArn"),
        description=p.get("PhoneNumberDescription"),
        tags=p.get("Tags"),
        client_token=p.get("ClientToken"),
    )
    return _ids(claim)


def describe_phone_number(ctx: Context, account: str, region: str, p: Params) -> Document:
    described = PhoneNumbers(ctx, account, region).describe(p["PhoneNumberId"])
    summary = _summary(described.claim)
    summary["PhoneNumberStatus"] = {"Status": described.status}
    if described.message is not None:
        summary["PhoneNumberStatus"]["Message"] = described.message
    summary["Tags"] = described.tags
    return {"ClaimedPhoneNumberSummary": summary}


def list_phone_numbers_v2(ctx: Context, account: str, region: str, p: Params) -> Document:
    page = PhoneNumbers(ctx, account, region).list_v2(
        instance_id=p.get("InstanceId"),
        target_arn=p.get("TargetArn"),
        countries=p.get("PhoneNumberCountryCodes"),
        types=p.get("PhoneNumberTypes"),
        prefix=p.get("PhoneNumberPrefix"),
        max_results=p.get("MaxResults"),
        next_token=p.get("NextToken"),
    )
    return _paged("ListPhoneNumbersSummaryList", page, _summary)


def list_phone_numbers(ctx: Context, account: str, region: str, p: Params) -> Document:
    page = PhoneNumbers(ctx, account, region).list_legacy(
        p["InstanceId"],
        countries=p.get("PhoneNumberCountryCodes"),
        legacy_types=p.get("PhoneNumberTypes"),
        max_results=p.get("MaxResults"),
        next_token=p.get("NextToken"),
    )
    return _paged("PhoneNumberSummaryList", page, _legacy_summary)


def update_phone_number(ctx: Context, account: str, region: str, p: Params) -> Document:
    claim = PhoneNumbers(ctx, account, region).update(
        p["PhoneNumberId"],
        instance_id=p.get("InstanceId"),
        target_arn=p.get("TargetArn"),
        client_token=p.get("ClientToken"),
    )
    return _ids(claim)


def update_phone_number_metadata(ctx: Context, account: str, region: str, p: Params) -> Document:
    PhoneNumbers(ctx, account, region).update_metadata(
        p["PhoneNumberId"],
        description=p.get("PhoneNumberDescription"),
        client_token=p.get("ClientToken"),
    )
    return {}


def release_phone_number(ctx: Context, account: str, region: str, p: Params) -> Document:
    PhoneNumbers(ctx, account, region).release(
        p["PhoneNumberId"], client_token=p.get("ClientToken")
    )
    return {}


def create_traffic_distribution_group(
    ctx: Context, account: str, region: str, p: Params
) -> Document:
    group = TrafficDistributionGroups(ctx, account, region).create(
        p["Name"],
        p["InstanceId"],
        description=p.get("Description"),
        tags=p.get("Tags"),
        client_token=p.get("ClientToken"),
    )
    return {"Id": group.id, "Arn": group.arn}


def describe_traffic_distribution_group(
    ctx: Context, account: str, region: str, p: Params
) -> Document:
    groups = TrafficDistributionGroups(ctx, account, region)
    group, status, tags = groups.describe(p["TrafficDistributionGroupId"])
    summary = _group_summary(group, status)
    if group.description is not None:
        summary["Description"] = group.description
    summary["Tags"] = tags
    return {"TrafficDistributionGroup": summary}


def list_traffic_distribution_groups(
    ctx: Context, account: str, region: str, p: Params
) -> Document:
    page = TrafficDistributionGroups(ctx, account, region).list(
        instance=p.get("InstanceId"),
        max_results=p.get("MaxResults"),
        next_token=p.get("NextToken"),
    )
    return _paged(
        "TrafficDistributionGroupSummaryList",
        page,
        lambda group: _group_summary(group, group.progress.status),
    )


def delete_traffic_distribution_group(
    ctx: Context, account: str, region: str, p: Params
) -> Document:
    TrafficDistributionGroups(ctx, account, region).delete(p["TrafficDistributionGroupId"])
    return {}


def describe_instance_attribute(ctx: Context, account: str, region: str, p: Params) -> Document:
    attribute = p["AttributeType"]
    value = InstanceAttributes(ctx, account, region).describe(p["InstanceId"], attribute)
    return {"Attribute": {"AttributeType": attribute, "Value": value}}


def update_instance_attribute(ctx: Context, account: str, region: str, p: Params) -> Document:
    InstanceAttributes(ctx, account, region).update(
        p["InstanceId"], p["AttributeType"], p["Value"], client_token=p.get("ClientToken")
    )
    return {}


def list_instance_attributes(ctx: Context, account: str, region: str, p: Params) -> Document:
    page = InstanceAttributes(ctx, account, region).list(
        p["InstanceId"], max_results=p.get("MaxResults"), next_token=p.get("NextToken")
    )
    return _paged("Attributes", page, lambda item: {"AttributeType": item[0], "Value": item[1]})


def tag_resource(ctx: Context, account: str, region: str, p: Params) -> Document:
    Tagging(ctx, account, region).tag(p["resourceArn"], p["tags"])
    return {}


def untag_resource(ctx: Context, account: str, region: str, p: Params) -> Document:
    Tagging(ctx, account, region).untag(p["resourceArn"], p["tagKeys"])
    return {}


def list_tags_for_resource(ctx: Context, account: str, region: str, p: Params) -> Document:
    # Kept when empty, as the conformance serializer keeps an answer's own members.
    return {"tags": Tagging(ctx, account, region).list(p["resourceArn"])}


OPERATIONS: dict[str, Operation] = {
    "SearchAvailablePhoneNumbers": search_available_phone_numbers,
    "ClaimPhoneNumber": claim_phone_number,
    "DescribePhoneNumber": describe_phone_number,
    "ListPhoneNumbersV2": list_phone_numbers_v2,
    "ListPhoneNumbers": list_phone_numbers,
    "UpdatePhoneNumber": update_phone_number,
    "UpdatePhoneNumberMetadata": update_phone_number_metadata,
    "ReleasePhoneNumber": release_phone_number,
    "CreateTrafficDistributionGroup": create_traffic_distribution_group,
    "DescribeTrafficDistributionGroup": describe_traffic_distribution_group,
    "ListTrafficDistributionGroups": list_traffic_distribution_groups,
    "DeleteTrafficDistributionGroup": delete_traffic_distribution_group,
    "DescribeInstanceAttribute": describe_instance_attribute,
    "UpdateInstanceAttribute": update_instance_attribute,
    "ListInstanceAttributes": list_instance_attributes,
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "ListTagsForResource": list_tags_for_resource,
}
