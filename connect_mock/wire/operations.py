"""One function per served operation: validated parameters in, the backend called with typed
arguments, its domain objects serialized to the response document botocore's model describes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..backend import (
    Association,
    AvailableNumber,
    ClaimedNumber,
    ContactFlow,
    ContactFlows,
    Context,
    Distribution,
    FlowAssociations,
    InstanceAttributes,
    Page,
    PhoneNumbers,
    SearchQuery,
    SignInDistribution,
    Tagging,
    TrafficDistribution,
    TrafficDistributionGroup,
    TrafficDistributionGroups,
    content_sha256,
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
    if claim.source_arn is not None:
        result["SourcePhoneNumberArn"] = claim.source_arn
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


def import_phone_number(ctx: Context, account: str, region: str, p: Params) -> Document:
    claim = PhoneNumbers(ctx, account, region).import_number(
        p["InstanceId"],
        p["SourcePhoneNumberArn"],
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


def _flow_summary(flow: ContactFlow) -> Document:
    return {
        "Id": flow.id,
        "Arn": flow.arn,
        "Name": flow.name,
        "ContactFlowType": flow.flow_type,
        "ContactFlowState": flow.state,
        "ContactFlowStatus": flow.status,
    }


def _association(association: Association) -> Document:
    return {
        "ResourceId": association.claim.arn,
        "FlowId": association.flow.arn,
        "ResourceType": "VOICE_PHONE_NUMBER",
    }


def create_contact_flow(ctx: Context, account: str, region: str, p: Params) -> Document:
    flow = ContactFlows(ctx, account, region).create(
        p["InstanceId"],
        p["Name"],
        p["Type"],
        p["Content"],
        description=p.get("Description"),
        status=p.get("Status"),
        tags=p.get("Tags"),
    )
    return {
        "ContactFlowId": flow.id,
        "ContactFlowArn": flow.arn,
        "FlowContentSha256": content_sha256(flow.saved),
    }


def describe_contact_flow(ctx: Context, account: str, region: str, p: Params) -> Document:
    view = ContactFlows(ctx, account, region).describe(p["InstanceId"], p["ContactFlowId"])
    flow = view.flow
    document: Document = _flow_summary(flow)
    del document["ContactFlowType"], document["ContactFlowState"], document["ContactFlowStatus"]
    document.update(
        Type=flow.flow_type,
        State=flow.state,
        Status=view.status,
        Content=view.content,
        Tags=view.tags,
        FlowContentSha256=content_sha256(view.content),
        LastModifiedTime=flow.modified.timestamp(),
        LastModifiedRegion=flow.modified_region,
    )
    if flow.description is not None:
        document["Description"] = flow.description
    if view.version is not None:
        document["Version"] = view.version
    return {"ContactFlow": document}


def list_contact_flows(ctx: Context, account: str, region: str, p: Params) -> Document:
    page = ContactFlows(ctx, account, region).list(
        p["InstanceId"],
        types=p.get("ContactFlowTypes"),
        max_results=p.get("MaxResults"),
        next_token=p.get("NextToken"),
    )
    return _paged("ContactFlowSummaryList", page, _flow_summary)


def update_contact_flow_content(ctx: Context, account: str, region: str, p: Params) -> Document:
    ContactFlows(ctx, account, region).update_content(
        p["InstanceId"], p["ContactFlowId"], p["Content"]
    )
    return {}


def _distributions(config: Params | None) -> list[Distribution] | None:
    if config is None:
        return None
    return [Distribution(d["Region"], d["Percentage"]) for d in config["Distributions"]]


def _distribution_config(distributions: tuple[Distribution, ...]) -> Document:
    return {
        "Distributions": [
            {"Region": item.region, "Percentage": item.percentage} for item in distributions
        ]
    }


def get_traffic_distribution(ctx: Context, account: str, region: str, p: Params) -> Document:
    view = TrafficDistribution(ctx, account, region).get(p["Id"])
    result: Document = {
        "TelephonyConfig": _distribution_config(view.telephony),
        "Id": view.group.id,
        "Arn": view.group.arn,
        # No SignInConfig: it exists only on a default group (IsDefault), which the mock has not.
        "AgentConfig": _distribution_config(view.agents),
    }
    if view.group.last_failover is not None:
        result["LastFailoverTime"] = view.group.last_failover.timestamp()
    return result


def update_traffic_distribution(ctx: Context, account: str, region: str, p: Params) -> Document:
    sign_in = p.get("SignInConfig")
    TrafficDistribution(ctx, account, region).update(
        p["Id"],
        telephony=_distributions(p.get("TelephonyConfig")),
        agents=_distributions(p.get("AgentConfig")),
        sign_in=None
        if sign_in is None
        else [SignInDistribution(d["Region"], d["Enabled"]) for d in sign_in["Distributions"]],
    )
    return {}


def update_contact_flow_name(ctx: Context, account: str, region: str, p: Params) -> Document:
    ContactFlows(ctx, account, region).update_name(
        p["InstanceId"], p["ContactFlowId"], p.get("Name"), p.get("Description")
    )
    return {}


def update_contact_flow_metadata(ctx: Context, account: str, region: str, p: Params) -> Document:
    ContactFlows(ctx, account, region).update_metadata(
        p["InstanceId"],
        p["ContactFlowId"],
        name=p.get("Name"),
        description=p.get("Description"),
        state=p.get("ContactFlowState"),
    )
    return {}


def delete_contact_flow(ctx: Context, account: str, region: str, p: Params) -> Document:
    ContactFlows(ctx, account, region).delete(p["InstanceId"], p["ContactFlowId"])
    return {}


def associate_phone_number_contact_flow(
    ctx: Context, account: str, region: str, p: Params
) -> Document:
    FlowAssociations(ctx, account, region).associate(
        p["PhoneNumberId"], p["InstanceId"], p["ContactFlowId"]
    )
    return {}


def disassociate_phone_number_contact_flow(
    ctx: Context, account: str, region: str, p: Params
) -> Document:
    FlowAssociations(ctx, account, region).disassociate(p["PhoneNumberId"], p["InstanceId"])
    return {}


def list_flow_associations(ctx: Context, account: str, region: str, p: Params) -> Document:
    page = FlowAssociations(ctx, account, region).list(
        p["InstanceId"],
        resource_type=p.get("ResourceType"),
        max_results=p.get("MaxResults"),
        next_token=p.get("NextToken"),
    )
    return _paged("FlowAssociationSummaryList", page, _association)


def batch_get_flow_association(ctx: Context, account: str, region: str, p: Params) -> Document:
    found = FlowAssociations(ctx, account, region).batch_get(
        p["InstanceId"], p["ResourceIds"], p.get("ResourceType")
    )
    return {"FlowAssociationSummaryList": [_association(entry) for entry in found]}


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
    "CreateContactFlow": create_contact_flow,
    "DescribeContactFlow": describe_contact_flow,
    "ListContactFlows": list_contact_flows,
    "UpdateContactFlowContent": update_contact_flow_content,
    "UpdateContactFlowName": update_contact_flow_name,
    "UpdateContactFlowMetadata": update_contact_flow_metadata,
    "DeleteContactFlow": delete_contact_flow,
    "AssociatePhoneNumberContactFlow": associate_phone_number_contact_flow,
    "DisassociatePhoneNumberContactFlow": disassociate_phone_number_contact_flow,
    "ListFlowAssociations": list_flow_associations,
    "BatchGetFlowAssociation": batch_get_flow_association,
    "GetTrafficDistribution": get_traffic_distribution,
    "UpdateTrafficDistribution": update_traffic_distribution,
    "ImportPhoneNumber": import_phone_number,
    "DescribeInstanceAttribute": describe_instance_attribute,
    "UpdateInstanceAttribute": update_instance_attribute,
    "ListInstanceAttributes": list_instance_attributes,
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "ListTagsForResource": list_tags_for_resource,
}
