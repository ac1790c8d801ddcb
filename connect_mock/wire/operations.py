"""The operations connect_mock serves, in one table: for each, its handler (validated parameters
in, the backend called with typed arguments, its domain objects serialized to the response
document botocore's model describes). The table is built when this module is imported, from
``core.operations.SERVED_OPERATIONS``, and refused there (not at a request) when an operation is
served without a handler, a handler names an operation not served, or an entry does not fit its
backend method or the operation's input.

Most operations have one shape (request members -> one backend method -> a document made of its
result): they are ``Call`` entries, data the build checks. The few that do something particular
(build a query, convert request members, answer with a request member) are functions."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from botocore.model import OperationModel

from .._moto import connect_model
from ..backend import (
    Association,
    AvailableNumber,
    ClaimedNumber,
    ContactFlow,
    ContactFlows,
    Context,
    DescribedNumber,
    Distribution,
    DistributionView,
    FlowAssociations,
    FlowView,
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
from ..core.operations import SERVED_OPERATIONS

__all__ = ["OPERATIONS", "Call", "Operation", "operation_table"]

Params = dict[str, Any]
Document = dict[str, Any]
Operation = Callable[[Context, str, str, Params], Document]
Answer = Callable[[Any], Document]


def _nothing(result: object) -> Document:
    """The answer of an operation whose output has no members."""
    return {}


@dataclass(frozen=True)
class Call:
    """An operation of the common shape: ``service(ctx, account, region).method(*positional,
    **keywords)``, answered with ``answer(result)``.

    ``positional`` names request members the model requires (the parser guarantees them),
    passed in order; ``keywords`` maps the method's keyword arguments to request members,
    ``None`` when absent."""

    service: Callable[[Context, str, str], object]  # a backend class
    method: str
    positional: tuple[str, ...] = ()
    keywords: Mapping[str, str] = field(default_factory=dict)
    answer: Answer = _nothing
    # Keyword members that older supported botocore models lack (passed as None there): only
    # these may be missing from the model; any other missing member is a mistake in the table.
    newer: frozenset[str] = frozenset()

    def __call__(self, ctx: Context, account: str, region: str, p: Params) -> Document:
        bound = getattr(self.service(ctx, account, region), self.method)
        result = bound(
            *[p[member] for member in self.positional],
            **{keyword: p.get(member) for keyword, member in self.keywords.items()},
        )
        return self.answer(result)

    def misfits(self, operation: OperationModel) -> list[str]:
        """Why this call cannot serve ``operation``: members its input lacks or does not
        require, arguments the backend method does not take."""
        shape = operation.input_shape
        members = frozenset(shape.members) if shape is not None else frozenset()
        required = frozenset(shape.required_members) if shape is not None else frozenset()
        found = [
            f"no input member {member!r}"
            for member in (*self.positional, *self.keywords.values())
            if member not in members and member not in self.newer
        ]
        found += [
            f"{member!r} is not required, so it cannot be passed positionally"
            for member in self.positional
            if member in members and member not in required
        ]
        method = getattr(self.service, self.method, None)
        where = f"{getattr(self.service, '__name__', self.service)}.{self.method}"
        if not callable(method):
            return [*found, f"{where} does not exist"]
        try:
            # The unbound method: its first argument is the instance.
            inspect.signature(method).bind(None, *self.positional, **dict.fromkeys(self.keywords))
        except TypeError as error:
            found.append(f"{where} cannot take these arguments: {error}")
        return found


def operation_table(
    served: Sequence[str], handlers: Mapping[str, Operation]
) -> dict[str, Operation]:
    """``handlers`` in the order of ``served``; ValueError unless each served operation (once,
    and one the model has) has a handler, each handler serves a served operation, and each
    ``Call`` fits its backend method and its operation's input."""
    model = connect_model()
    problems = []
    repeated = sorted({name for name in served if served.count(name) > 1})
    if repeated:
        problems.append(f"served more than once: {', '.join(repeated)}")
    unknown = [name for name in served if name not in model.operation_names]
    if unknown:
        problems.append(f"served but not in botocore's Connect model: {', '.join(unknown)}")
    missing = [name for name in served if name not in handlers]
    if missing:
        problems.append(f"served without a handler: {', '.join(missing)}")
    extra = [name for name in handlers if name not in served]
    if extra:
        problems.append(f"a handler but not served (SERVED_OPERATIONS): {', '.join(extra)}")
    for name, handler in handlers.items():
        if isinstance(handler, Call) and name in served and name not in unknown:
            problems.extend(
                f"{name}: {misfit}" for misfit in handler.misfits(model.operation_model(name))
            )
    if problems:
        raise ValueError("the operation table is wrong: " + "; ".join(problems))
    return {name: handlers[name] for name in served}


# --- answers: domain objects as documents -----------------------------------------------------


def _page(key: str, serialize: Callable[[Any], Document]) -> Answer:
    """A page's items under ``key``, and its NextToken if there are more."""

    def answer(page: Page[Any]) -> Document:
        result: Document = {key: [serialize(item) for item in page.items]}
        if page.next_token is not None:
            result["NextToken"] = page.next_token
        return result

    return answer


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


_available_page = _page("AvailableNumbersList", _available)


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


def _described_number(described: DescribedNumber) -> Document:
    summary = _summary(described.claim)
    summary["PhoneNumberStatus"] = {"Status": described.status}
    if described.message is not None:
        summary["PhoneNumberStatus"]["Message"] = described.message
    summary["Tags"] = described.tags
    return {"ClaimedPhoneNumberSummary": summary}


def _group_summary(group: TrafficDistributionGroup, status: str) -> Document:
    return {
        "Id": group.id,
        "Arn": group.arn,
        "Name": group.name,
        "InstanceArn": group.instance_arn,
        "Status": status,
        "IsDefault": False,
    }


def _group_ids(group: TrafficDistributionGroup) -> Document:
    return {"Id": group.id, "Arn": group.arn}


def _described_group(described: tuple[TrafficDistributionGroup, str, dict[str, str]]) -> Document:
    group, status, tags = described
    summary = _group_summary(group, status)
    if group.description is not None:
        summary["Description"] = group.description
    summary["Tags"] = tags
    return {"TrafficDistributionGroup": summary}


def _listed_group(group: TrafficDistributionGroup) -> Document:
    return _group_summary(group, group.progress.status)


def _flow_summary(flow: ContactFlow) -> Document:
    return {
        "Id": flow.id,
        "Arn": flow.arn,
        "Name": flow.name,
        "ContactFlowType": flow.flow_type,
        "ContactFlowState": flow.state,
        "ContactFlowStatus": flow.status,
    }


def _created_flow(flow: ContactFlow) -> Document:
    return {
        "ContactFlowId": flow.id,
        "ContactFlowArn": flow.arn,
        "FlowContentSha256": content_sha256(flow.saved),
    }


def _described_flow(view: FlowView) -> Document:
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


def _association(association: Association) -> Document:
    return {
        "ResourceId": association.claim.arn,
        "FlowId": association.flow.arn,
        "ResourceType": "VOICE_PHONE_NUMBER",
    }


def _associations(found: list[Association]) -> Document:
    return {"FlowAssociationSummaryList": [_association(entry) for entry in found]}


def _distribution_config(distributions: tuple[Distribution, ...]) -> Document:
    return {
        "Distributions": [
            {"Region": item.region, "Percentage": item.percentage} for item in distributions
        ]
    }


def _distribution(view: DistributionView) -> Document:
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


def _attribute(item: tuple[str, str]) -> Document:
    return {"AttributeType": item[0], "Value": item[1]}


def _tags(tags: dict[str, str]) -> Document:
    # Kept when empty, as the conformance serializer keeps an answer's own members.
    return {"tags": tags}


# --- operations that do something particular --------------------------------------------------


def search_available_phone_numbers(ctx: Context, account: str, region: str, p: Params) -> Document:
    query = SearchQuery(
        country=p["PhoneNumberCountryCode"],
        number_type=p["PhoneNumberType"],
        prefix=p.get("PhoneNumberPrefix"),
        instance_id=p.get("InstanceId"),
        target_arn=p.get("TargetArn"),
    )
    page = search_available(ctx, account, region, query, p.get("MaxResults"), p.get("NextToken"))
    return _available_page(page)


def _distributions(config: Params | None) -> list[Distribution] | None:
    if config is None:
        return None
    return [Distribution(d["Region"], d["Percentage"]) for d in config["Distributions"]]


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


def describe_instance_attribute(ctx: Context, account: str, region: str, p: Params) -> Document:
    attribute = p["AttributeType"]
    value = InstanceAttributes(ctx, account, region).describe(p["InstanceId"], attribute)
    return {"Attribute": {"AttributeType": attribute, "Value": value}}


# --- the table --------------------------------------------------------------------------------

_PAGE = {"max_results": "MaxResults", "next_token": "NextToken"}
_TOKEN = {"client_token": "ClientToken"}
_TARGET = {"instance_id": "InstanceId", "target_arn": "TargetArn"}
_FLOW = ("InstanceId", "ContactFlowId")

OPERATIONS: dict[str, Operation] = operation_table(
    SERVED_OPERATIONS,
    {
        "SearchAvailablePhoneNumbers": search_available_phone_numbers,
        "ClaimPhoneNumber": Call(
            PhoneNumbers,
            "claim",
            ("PhoneNumber",),
            {**_TARGET, "description": "PhoneNumberDescription", "tags": "Tags", **_TOKEN},
            _ids,
        ),
        "DescribePhoneNumber": Call(
            PhoneNumbers, "describe", ("PhoneNumberId",), answer=_described_number
        ),
        "ListPhoneNumbersV2": Call(
            PhoneNumbers,
            "list_v2",
            (),
            {
                **_TARGET,
                "countries": "PhoneNumberCountryCodes",
                "types": "PhoneNumberTypes",
                "prefix": "PhoneNumberPrefix",
                **_PAGE,
            },
            _page("ListPhoneNumbersSummaryList", _summary),
        ),
        "ListPhoneNumbers": Call(
            PhoneNumbers,
            "list_legacy",
            ("InstanceId",),
            {"countries": "PhoneNumberCountryCodes", "legacy_types": "PhoneNumberTypes", **_PAGE},
            _page("PhoneNumberSummaryList", _legacy_summary),
        ),
        "UpdatePhoneNumber": Call(
            PhoneNumbers, "update", ("PhoneNumberId",), {**_TARGET, **_TOKEN}, _ids
        ),
        "UpdatePhoneNumberMetadata": Call(
            PhoneNumbers,
            "update_metadata",
            ("PhoneNumberId",),
            {"description": "PhoneNumberDescription", **_TOKEN},
        ),
        "ReleasePhoneNumber": Call(PhoneNumbers, "release", ("PhoneNumberId",), _TOKEN),
        "CreateTrafficDistributionGroup": Call(
            TrafficDistributionGroups,
            "create",
            ("Name", "InstanceId"),
            {"description": "Description", "tags": "Tags", **_TOKEN},
            _group_ids,
        ),
        "DescribeTrafficDistributionGroup": Call(
            TrafficDistributionGroups,
            "describe",
            ("TrafficDistributionGroupId",),
            answer=_described_group,
        ),
        "ListTrafficDistributionGroups": Call(
            TrafficDistributionGroups,
            "list",
            (),
            {"instance": "InstanceId", **_PAGE},
            _page("TrafficDistributionGroupSummaryList", _listed_group),
        ),
        "DeleteTrafficDistributionGroup": Call(
            TrafficDistributionGroups, "delete", ("TrafficDistributionGroupId",)
        ),
        "CreateContactFlow": Call(
            ContactFlows,
            "create",
            ("InstanceId", "Name", "Type", "Content"),
            {"description": "Description", "status": "Status", "tags": "Tags"},
            _created_flow,
        ),
        "DescribeContactFlow": Call(ContactFlows, "describe", _FLOW, answer=_described_flow),
        "ListContactFlows": Call(
            ContactFlows,
            "list",
            ("InstanceId",),
            {"types": "ContactFlowTypes", **_PAGE},
            _page("ContactFlowSummaryList", _flow_summary),
        ),
        "UpdateContactFlowContent": Call(ContactFlows, "update_content", (*_FLOW, "Content")),
        "UpdateContactFlowName": Call(
            ContactFlows, "update_name", _FLOW, {"name": "Name", "description": "Description"}
        ),
        "UpdateContactFlowMetadata": Call(
            ContactFlows,
            "update_metadata",
            _FLOW,
            {"name": "Name", "description": "Description", "state": "ContactFlowState"},
        ),
        "DeleteContactFlow": Call(ContactFlows, "delete", _FLOW),
        "AssociatePhoneNumberContactFlow": Call(
            FlowAssociations, "associate", ("PhoneNumberId", *_FLOW)
        ),
        "DisassociatePhoneNumberContactFlow": Call(
            FlowAssociations, "disassociate", ("PhoneNumberId", "InstanceId")
        ),
        "ListFlowAssociations": Call(
            FlowAssociations,
            "list",
            ("InstanceId",),
            {"resource_type": "ResourceType", **_PAGE},
            _page("FlowAssociationSummaryList", _association),
        ),
        "BatchGetFlowAssociation": Call(
            FlowAssociations,
            "batch_get",
            ("InstanceId", "ResourceIds"),
            {"resource_type": "ResourceType"},
            _associations,
        ),
        "GetTrafficDistribution": Call(TrafficDistribution, "get", ("Id",), answer=_distribution),
        "UpdateTrafficDistribution": update_traffic_distribution,
        "ImportPhoneNumber": Call(
            PhoneNumbers,
            "import_number",
            ("InstanceId", "SourcePhoneNumberArn"),
            {"description": "PhoneNumberDescription", "tags": "Tags", **_TOKEN},
            _ids,
        ),
        "DescribeInstanceAttribute": describe_instance_attribute,
        "UpdateInstanceAttribute": Call(
            InstanceAttributes,
            "update",
            ("InstanceId", "AttributeType", "Value"),
            _TOKEN,
            # botocore 1.36's model (our floor) has no ClientToken for it.
            newer=frozenset({"ClientToken"}),
        ),
        "ListInstanceAttributes": Call(
            InstanceAttributes, "list", ("InstanceId",), _PAGE, _page("Attributes", _attribute)
        ),
        "TagResource": Call(Tagging, "tag", ("resourceArn", "tags")),
        "UntagResource": Call(Tagging, "untag", ("resourceArn", "tagKeys")),
        "ListTagsForResource": Call(Tagging, "list", ("resourceArn",), answer=_tags),
    },
)
