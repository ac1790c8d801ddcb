"""Contact flows: create, describe, list, update content, name and metadata, delete.

A new instance's default and sample flows (samples.py) are created the first time a request
reaches its flows, so that creating an instance costs what moto's CreateInstance costs."""

from __future__ import annotations

from dataclasses import dataclass

from .._moto import drop_tags, resource_tags, tag_resource
from ..core.errors import (
    ContactFlowNotPublishedException,
    DuplicateResourceException,
    InvalidContactFlowException,
    InvalidParameterException,
    InvalidRequestException,
    ResourceNotFoundException,
)
from .context import Context
from .flowlang import MAX_CONTENT_LENGTH, problems_of
from .flowstate import (
    ContactFlow,
    FlowReference,
    Instance,
    InstanceFlows,
    flow_state,
    parse_flow_reference,
    resolve_instance,
)
from .paging import Page, page_of
from .samples import INSTANCE_FLOWS, sample_content
from .state import lifecycle_lock

__all__ = ["ContactFlows", "FlowView"]

DEFAULT_PAGE_SIZE = 100  # "The default MaxResult size is 100." (ListContactFlows)
# The ContactFlowId suffixes DescribeContactFlow documents, as error messages spell them.
_SUFFIXES = {"$SAVED": "':$SAVED'", "version": "':{version}'"}


@dataclass(frozen=True)
class FlowView:
    """A flow as DescribeContactFlow shows it: the content, status and version asked for."""

    flow: ContactFlow
    content: str
    status: str
    version: int | None
    tags: dict[str, str]


class ContactFlows:
    """One account's contact flows, seen from one Region."""

    def __init__(self, context: Context, account_id: str, region: str) -> None:
        self.context = context
        self.account_id = account_id
        self.region = region

    # --- lookups ---------------------------------------------------------------------------

    def instance(self, reference: str) -> tuple[Instance, InstanceFlows]:
        """The instance and its flows, the defaults and samples created on first use. Call
        under the lifecycle lock."""
        instance = resolve_instance(self.account_id, self.region, reference)
        state = flow_state(self.account_id, instance.region)
        flows = state.instances.get(instance.id)
        if flows is None:
            flows = state.instances[instance.id] = InstanceFlows()
        if not flows.seeded:
            flows.seeded = True
            for name, flow_type, description in INSTANCE_FLOWS:
                content = sample_content(name, flow_type)
                flows.add(self._new(instance, name, flow_type, description, content, True))
        return instance, flows

    def _new(
        self,
        instance: Instance,
        name: str,
        flow_type: str,
        description: str | None,
        content: str,
        publish: bool,
    ) -> ContactFlow:
        flow = ContactFlow(
            account_id=self.account_id,
            region=instance.region,
            instance_id=instance.id,
            name=name,
            flow_type=flow_type,
            description=description,
            saved=content,
            modified=self.context.clock.now(),
            modified_region=self.region,
        )
        if publish:
            flow.versions.append(content)
        return flow

    def find(
        self, instance_ref: str, flow_ref: str, suffixes: tuple[str, ...] = ()
    ) -> tuple[InstanceFlows, ContactFlow, FlowReference]:
        """The instance's flows and the flow ``flow_ref`` names (ID or ARN, with a suffix among
        ``suffixes``: "$SAVED", "version"). Call under the lifecycle lock."""
        instance, flows = self.instance(instance_ref)
        reference = parse_flow_reference(flow_ref, self.account_id, instance)
        flow = flows.by_id.get(reference.id)
        if flow is None:
            raise ResourceNotFoundException(
                f"Contact flow '{flow_ref}' was not found in instance {instance.id}"
            )
        suffix = reference.suffix
        if suffix is not None:
            kind = "$SAVED" if suffix == "$SAVED" else "version" if suffix.isdigit() else None
            if kind is None or kind not in suffixes:
                allowed = " or ".join(_SUFFIXES[s] for s in suffixes) or "no suffix"
                raise InvalidParameterException(
                    f"ContactFlowId '{flow_ref}' has the suffix ':{suffix}'; this operation "
                    f"takes {allowed}"
                )
        return flows, flow, reference

    def _unique(self, flows: InstanceFlows, name: str, flow: ContactFlow | None = None) -> None:
        other = flows.by_name.get(name)
        if other is not None and other is not flow:
            raise DuplicateResourceException(
                f"A contact flow named '{name}' already exists in instance {other.instance_id}"
            )

    def _touch(self, flow: ContactFlow) -> None:
        flow.modified = self.context.clock.now()
        flow.modified_region = self.region

    # --- operations ------------------------------------------------------------------------

    def create(
        self,
        instance_ref: str,
        name: str,
        flow_type: str,
        content: str,
        *,
        description: str | None = None,
        status: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> ContactFlow:
        """A new flow; published (its content validated) unless ``status`` is SAVED."""
        publish = status != "SAVED"
        with lifecycle_lock:
            instance, flows = self.instance(instance_ref)
            _check_length(content)
            self._unique(flows, name)
            if publish:
                _validate(content, flow_type)
            flow = self._new(instance, name, flow_type, description, content, publish)
            flows.add(flow)
            if tags:
                tag_resource(self.account_id, instance.region, flow.arn, tags)
            return flow

    def describe(self, instance_ref: str, flow_ref: str) -> FlowView:
        with lifecycle_lock:
            _, flow, reference = self.find(instance_ref, flow_ref, ("$SAVED", "version"))
            tags = resource_tags(self.account_id, flow.region, flow.arn)
            suffix = reference.suffix
            if suffix is not None and suffix.isdigit():
                number = int(suffix)
                if not 1 <= number <= len(flow.versions):
                    raise ResourceNotFoundException(
                        f"Contact flow '{flow.id}' has no version {number} (it has "
                        f"{len(flow.versions)})"
                    )
                return FlowView(flow, flow.versions[number - 1], "PUBLISHED", number, tags)
            if suffix == "$SAVED" and flow.draft:
                return FlowView(flow, flow.saved, "SAVED", None, tags)
            if not flow.versions:
                # "After a flow is published, $SAVED needs to be supplied to view saved content
                # that has not been published." (DescribeContactFlow)
                raise ContactFlowNotPublishedException(
                    f"Contact flow '{flow.id}' has not been published; describe "
                    f"'{flow.id}:$SAVED' to read its saved content"
                )
            return FlowView(flow, flow.versions[-1], "PUBLISHED", len(flow.versions), tags)

    def list(
        self,
        instance_ref: str,
        *,
        types: list[str] | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> Page[ContactFlow]:
        wanted = frozenset(types or ())
        binding = "|".join(
            ("ListContactFlows", self.account_id, self.region, instance_ref, repr(sorted(wanted)))
        )
        with lifecycle_lock:
            _, flows = self.instance(instance_ref)
            return page_of(
                self.context.tokens,
                "ListContactFlows",
                binding,
                flows.order,
                next_token,
                max_results or DEFAULT_PAGE_SIZE,
                (lambda flow: flow.flow_type in wanted) if wanted else None,
            )

    def update_content(self, instance_ref: str, flow_ref: str, content: str) -> None:
        """Publish new content (validated), or save it unpublished with ``id:$SAVED``."""
        with lifecycle_lock:
            _, flow, reference = self.find(instance_ref, flow_ref, ("$SAVED",))
            _check_length(content)
            if reference.suffix is None:
                _validate(content, flow.flow_type)
                flow.versions.append(content)
            flow.saved = content
            self._touch(flow)

    def update_name(
        self, instance_ref: str, flow_ref: str, name: str | None, description: str | None
    ) -> None:
        self.update_metadata(instance_ref, flow_ref, name=name, description=description)

    def update_metadata(
        self,
        instance_ref: str,
        flow_ref: str,
        *,
        name: str | None = None,
        description: str | None = None,
        state: str | None = None,
    ) -> None:
        with lifecycle_lock:
            flows, flow, _ = self.find(instance_ref, flow_ref)
            if name is not None:
                self._unique(flows, name, flow)
                flows.rename(flow, name)
            if description is not None:
                flow.description = description
            if state is not None:
                flow.state = state
            self._touch(flow)

    def delete(self, instance_ref: str, flow_ref: str) -> None:
        with lifecycle_lock:
            flows, flow, _ = self.find(instance_ref, flow_ref)
            if flow.numbers:
                # Chosen (not documented): a flow that phone numbers route to stays until they
                # are routed elsewhere, so that no claimed number points at nothing.
                noun = "phone number is" if flow.numbers == 1 else "phone numbers are"
                raise InvalidRequestException(
                    f"Contact flow '{flow.id}' cannot be deleted: {flow.numbers} {noun} "
                    "associated with it. Call DisassociatePhoneNumberContactFlow (or associate "
                    "the numbers with another flow) first"
                )
            flows.remove(flow)
            drop_tags(self.account_id, flow.region, flow.arn)


def _check_length(content: str) -> None:
    # "Length Constraints: Minimum length of 1. Maximum length of 256000." (Content)
    if not content:
        raise InvalidParameterException("Content is empty; a flow's content is 1 to 256000 long")
    if len(content) > MAX_CONTENT_LENGTH:
        raise InvalidParameterException(
            f"Content is {len(content)} characters long; the limit is {MAX_CONTENT_LENGTH}"
        )


def _validate(content: str, flow_type: str) -> None:
    # "The PUBLISHED status will initiate validation on the content." (CreateContactFlow)
    problems = problems_of(content, flow_type)
    if problems:
        raise InvalidContactFlowException(problems)
