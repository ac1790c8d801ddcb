"""The output-shape contract: requests generated from botocore's model (test_fuzz's machinery)
for EVERY operation the mock answers, connect_mock's and moto's own, in-process and over the
server; every raw answer is checked against the model as a strict client (Go, JavaScript,
Terraform) reads it:

- a 200's JSON body against the operation's output shape: required members present, no member
  the shape does not declare, types as declared, timestamps as JSON numbers (restJson1's epoch
  seconds), lengths and ranges (min/max), enums, and patterns (Java syntax, compiled with the
  ``regex`` package by ``connect_mock.core.patterns``);
- an error: a code the operation declares (or the protocol's SerializationException) in
  ``x-amzn-ErrorType``, the model's HTTP status for it, and a body of a non-empty
  ``{"Message": <string>}`` plus only the members the error's shape declares, as it declares
  them (``InvalidContactFlowException``'s ``problems``).

Requests are seeded with real identifiers (an instance, claimed numbers routed to a flow, a
flow of its own with published content, a group and a telephony split of its two Regions, two
declared source numbers, an analytics association, tags), replenished when a request deletes or
releases one, so that every operation reaches its 200s; the test asserts it does.

Budget as test_fuzz's: modest and derandomized in CI, about 3,300 requests per mode under
``make fuzz`` (``CONNECT_MOCK_FUZZ_EXAMPLES=5000``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import unquote

import pytest
import requests
from botocore.exceptions import ClientError
from botocore.model import Shape, StructureShape

from connect_mock import RemoteConnectMock, mock_connect
from connect_mock._moto import moto_connect_operations
from connect_mock.backend.churn import CHURN_WINDOW
from connect_mock.backend.samples import sample_content
from connect_mock.core.operations import SERVED_OPERATIONS
from connect_mock.core.patterns import compile_model_pattern
from tests.helpers import connect_client, create_instance
from tests.test_fuzz import (
    IN_PROCESS,
    MODEL,
    PROTOCOL_ERRORS,
    SOURCES,
    Pool,
    RawRequest,
    _budget,
    _label,
    _pool,
    each_operation,
    local_session,
    send,
)

EVERY_OPERATION: tuple[str, ...] = tuple(
    sorted(set(SERVED_OPERATIONS) | set(moto_connect_operations()))
)
# Operations whose 200 needs a state the generator rarely builds in CI's budget: a dissociation
# needs the very association it names (seeded, but one success consumes it).
RARE_SUCCESS = frozenset({"DisassociateAnalyticsDataSet"})
# Operations with only a handful of distinct valid requests (an instance, two data sets): a
# hypothesis run does not repeat an example, so past those, all it draws is invalid; a share of
# 200s means nothing for them, at least one is asked.
FEW_VALID_REQUESTS = frozenset({"AssociateAnalyticsDataSet"})
# The share of an operation's requests that must be answered 200 (about half of the requests
# are deliberately invalid; of the clean half most reach the operation), once an operation has
# been asked often enough for a share to mean something (``make fuzz``); below that, at least one.
MIN_SUCCESS_SHARE = 0.02
SHARE_FROM = 60


def _successes_needed(operation: str, sent: int) -> float:
    if operation in RARE_SUCCESS:
        return 0
    if operation in FEW_VALID_REQUESTS or sent < SHARE_FROM:
        return 1
    return MIN_SUCCESS_SHARE * sent


# --- the output-shape oracle ---------------------------------------------------------------


def _sized(shape: Shape, size: int, path: str, unit: str) -> list[str]:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    found = []
    if low is not None and size < low:
        found.append(f"{path}: {unit} {size} < min {low}")
    if high is not None and size > high:
        found.append(f"{path}: {unit} {size} > max {high}")
    return found


def _string_violations(shape: Shape, value: str, path: str) -> list[str]:
    found = _sized(shape, len(value), path, "length")
    enum = shape.metadata.get("enum")
    if enum and value not in enum:
        found.append(f"{path}: {value!r} not in enum {shape.name}")
    pattern = shape.metadata.get("pattern")
    if pattern is not None and compile_model_pattern(pattern).fullmatch(value) is None:
        found.append(f"{path}: {value!r} does not match {shape.name}'s pattern {pattern}")
    return found


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def violations(shape: Shape, value: Any, path: str = "") -> list[str]:
    """Where ``value`` breaks ``shape`` (an empty list: it conforms)."""
    kind = shape.type_name
    if shape.metadata.get("document"):
        return []
    if kind == "structure":
        assert isinstance(shape, StructureShape)
        if not isinstance(value, dict):
            return [f"{path or 'body'}: {type(value).__name__}, not an object"]
        found = [f"{path}.{name}: undeclared" for name in value if name not in shape.members]
        found += [
            f"{path}.{name}: required, missing"
            for name in shape.required_members
            if name not in value
        ]
        for name, item in value.items():
            if name not in shape.members:
                continue
            member = shape.members[name]
            found += violations(member, item, f"{path}.{name}")
            if not path and item in ({}, []) and member.metadata.get("min"):
                # The answer's own member, empty: documented (docs/behaviour.md), as
                # ListTagsForResource of an untagged resource answers {"tags": {}}.
                found.remove(f".{name}: size 0 < min {member.metadata['min']}")
        return found
    if kind == "list":
        if not isinstance(value, list):
            return [f"{path}: {type(value).__name__}, not a list"]
        found = _sized(shape, len(value), path, "size")
        for index, item in enumerate(value):
            found += violations(shape.member, item, f"{path}[{index}]")
        return found
    if kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: {type(value).__name__}, not a map"]
        found = _sized(shape, len(value), path, "size")
        for key, item in value.items():
            found += violations(shape.key, key, f"{path}{{key}}")
            found += violations(shape.value, item, f"{path}{{{key}}}")
        return found
    if kind == "string":
        if not isinstance(value, str):
            return [f"{path}: {type(value).__name__}, not a string"]
        return _string_violations(shape, value, path)
    if kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{path}: {value!r}, not an integer"]
        return _sized(shape, value, path, "value")
    if kind in ("double", "float"):
        return [] if _number(value) else [f"{path}: {value!r}, not a number"]
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: {value!r}, not a boolean"]
    if kind == "timestamp":
        form = shape.serialization.get("timestampFormat") or "unixTimestamp"
        if form == "unixTimestamp":
            return [] if _number(value) else [f"{path}: {value!r}, not epoch seconds (a number)"]
        return [] if isinstance(value, str) else [f"{path}: {value!r}, not a timestamp string"]
    return [] if isinstance(value, str) else [f"{path}: {value!r}, not base64 text"]


def _status_of(code: str) -> int:
    if code in PROTOCOL_ERRORS:
        return 400
    return int(MODEL.shape_for(code).metadata["error"]["httpStatusCode"])


def check_contract(request: RawRequest, response: requests.Response) -> None:
    """The raw answer as botocore's model describes it."""
    assert request.operation is not None
    operation = MODEL.operation_model(request.operation)
    status, text = response.status_code, response.text
    context = (
        f"{request.method} {request.url('')} body={request.body[:200]!r} -> {status} {text[:400]}"
    )
    try:
        document = json.loads(text)
    except ValueError:
        pytest.fail(f"not JSON: {context}")
    if status == 200:
        assert response.headers["Content-Type"] == "application/json", context
        shape = operation.output_shape
        found = (
            violations(shape, document)
            if shape is not None
            else ([] if document == {} else ["not {}"])
        )
        assert not found, f"{found} in {context}"
        return
    code = response.headers.get("x-amzn-ErrorType", "").split(":", 1)[0]
    declared = {shape.name for shape in operation.error_shapes} | PROTOCOL_ERRORS
    assert code in declared, context
    assert status == _status_of(code), context
    assert isinstance(document.get("Message"), str), context
    assert document["Message"], context
    members = {key: value for key, value in document.items() if key != "Message"}
    if members:
        assert code not in PROTOCOL_ERRORS, context
        found = violations(MODEL.shape_for(code), members)
        assert not found, f"{found} in {context}"


# --- seeds -----------------------------------------------------------------------------------


@dataclass
class SeedPool(Pool):
    """A pool whose members' values are replaced as seeds are used up, always as many (a
    hypothesis draw replays from lists of the same sizes); its "any string" choices stay those
    of the start."""

    frozen: list[str] = field(default_factory=list)

    @property
    def strings(self) -> list[str]:
        return self.frozen


@dataclass
class Seeds:
    """The identifiers generated requests use, replenished when a request deletes one."""

    client: Any
    pool: Pool
    # Moves the mock's clock (cm.clock.advance, or a server's): past the 200% rule's window.
    advance: Callable[[timedelta], object]
    instance_id: str = ""
    # The flow the claimed numbers are routed to (so that a dissociation finds one); the pool's
    # ContactFlowId is another, which nothing routes to, so that it can be deleted.
    routing_flow: str = ""
    flows_made: int = 0
    successes: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)

    @classmethod
    def plant(cls, client: Any, advance: Callable[[timedelta], object]) -> Seeds:
        pool = _pool(client)
        seeds = cls(client, pool, advance, pool.by_member["InstanceId"][0])
        numbers = pool.by_member["PhoneNumberId"]
        client.tag_resource(resourceArn=numbers[-1], tags={"team": "contract"})
        client.associate_analytics_data_set(InstanceId=seeds.instance_id, DataSetId="ds-1")
        pool.by_member |= {
            "resourceArn": [*pool.by_member["TargetArn"], numbers[-1]],
            "tagKeys": ["team", "cost-centre"],
            "DataSetId": ["ds-2", "ds-1"],  # hypothesis favours the first: the free one
            "TargetAccountId": ["123456789012"],
            "IdentityManagementType": ["CONNECT_MANAGED", "SAML"],
            "InstanceAlias": ["contract"],
            "Type": ["CONTACT_FLOW"],  # CreateContactFlow's, what the seeded Content is for
            # Several: hypothesis never repeats an example, and UpdateContactFlowContent's only
            # other members are the one seeded instance and flow.
            "Content": [sample_content(f"contract-{n}", "CONTACT_FLOW") for n in range(8)],
        }
        # InstanceId takes the ID (the fuzz suite sends the ARN too, for its errors).
        pool.by_member["InstanceId"] = [seeds.instance_id]
        seeds.pool = SeedPool(by_member=pool.by_member, frozen=pool.strings)
        # The instance attribute operations' labels and values (every attribute is a switch),
        # outside the frozen strings the other members draw from.
        seeds.pool.by_member |= {
            "AttributeType": list(MODEL.shape_for("InstanceAttributeType").enum),
            "Value": ["true", "false"],
        }
        # A split of the group's two Regions, in 10% steps adding up to 100.
        split = [(50, 50), (100, 0), (30, 70)]
        seeds.pool.documents["TelephonyConfig"] = [
            {
                "Distributions": [
                    {"Region": "us-east-1", "Percentage": east},
                    {"Region": "us-west-2", "Percentage": west},
                ]
            }
            for east, west in split
        ]
        seeds.fresh_flows()
        return seeds

    def fresh_flows(self) -> None:
        """The routing flow, every seeded claim routed to it, and the pool's own flow."""
        self.routing_flow = self._flow()
        self.pool.by_member["ContactFlowId"] = [self._flow()]
        for reference in self.pool.by_member["PhoneNumberId"]:
            self._route(reference)

    def _flow(self) -> str:
        """A new published flow in the seeded instance, under a name not used yet."""
        self.flows_made += 1
        name = f"contract-flow-{self.flows_made}"
        flow = self.client.create_contact_flow(
            InstanceId=self.instance_id,
            Name=name,
            Type="CONTACT_FLOW",
            Content=sample_content(name, "CONTACT_FLOW"),
        )
        return str(flow["ContactFlowId"])

    def _route(self, reference: str) -> None:
        """The claimed number ``reference`` routed to the routing flow."""
        # (A claim can end FAILED, as a real one can: such a number routes nowhere.)
        with suppress(ClientError):
            self.client.associate_phone_number_contact_flow(
                PhoneNumberId=reference,
                InstanceId=self.instance_id,
                ContactFlowId=self.routing_flow,
            )

    def replenish(self, request: RawRequest, answer: dict[str, Any]) -> None:
        """After a 200 that used up a seed (deleted, released, claimed): a new one in its
        place; what a create or an association made is undone, so that the next one succeeds
        too."""
        # (An undo may find nothing left to undo: a ClientToken replays an earlier answer.)
        if request.operation == "AssociateAnalyticsDataSet" and b'"ds-1"' not in request.body:
            with suppress(ClientError):
                self.client.disassociate_analytics_data_set(
                    InstanceId=self.instance_id, DataSetId=json.loads(request.body)["DataSetId"]
                )
        elif request.operation == "CreateTrafficDistributionGroup":
            with suppress(ClientError):
                self.client.delete_traffic_distribution_group(
                    TrafficDistributionGroupId=answer["Id"]
                )
        elif request.operation == "CreateContactFlow":
            with suppress(ClientError):
                self.client.delete_contact_flow(
                    InstanceId=self.instance_id, ContactFlowId=answer["ContactFlowId"]
                )
        elif request.operation == "ImportPhoneNumber":
            # The source is free again once its number leaves Connect.
            with suppress(ClientError):
                self.client.release_phone_number(PhoneNumberId=answer["PhoneNumberId"])
        self._replenish_consumed(request)

    def _replenish_consumed(self, request: RawRequest) -> None:
        """A new seed in place of one a 200 used up (deleted, released, claimed, moved)."""
        by_member = self.pool.by_member
        label = request.path.rsplit("/", 1)[-1]
        if request.operation in (
            "AssociatePhoneNumberContactFlow",
            "DisassociatePhoneNumberContactFlow",
        ):
            # Back to the routing flow: the pool's flow stays deletable, a dissociation finds one.
            self._route(unquote(request.path.split("/")[2]))
        elif request.operation == "DeleteContactFlow" and by_member["ContactFlowId"][0] in label:
            by_member["ContactFlowId"] = [self._flow()]
        if request.operation == "DeleteInstance" and self.instance_id in request.path:
            self.instance_id, arn = create_instance(self.client, "contract")
            by_member["InstanceId"] = [self.instance_id]
            by_member["TargetArn"] = [arn, *by_member["TargetArn"][1:]]
            by_member["resourceArn"] = [arn, *by_member["resourceArn"][1:]]
            self.client.associate_analytics_data_set(InstanceId=self.instance_id, DataSetId="ds-1")
            # The instance's numbers and flows went with it (docs/behaviour.md): new ones.
            self.routing_flow = ""
            self._reclaim(lambda reference: True)
            self.fresh_flows()
        elif request.operation == "DisassociateAnalyticsDataSet" and b'"ds-1"' in request.body:
            self.client.associate_analytics_data_set(InstanceId=self.instance_id, DataSetId="ds-1")
        elif request.operation == "ReleasePhoneNumber":
            # Past the 200% rule's window first: at make fuzz's budget the releases would
            # otherwise block every later claim, and a FAILED claim takes no update.
            self.advance(CHURN_WINDOW + timedelta(seconds=1))
            self._reclaim(lambda reference: _label(reference) == label)
        elif request.operation == "ClaimPhoneNumber":
            # As many as before: hypothesis replays draws from lists of the same sizes.
            by_member["PhoneNumber"] = self._available()[: len(by_member["PhoneNumber"])]
        elif request.operation == "DeleteTrafficDistributionGroup":
            self.fresh_group()

    def fresh_group(self) -> None:
        """A new group, with nothing claimed to it, in place of the seeded one."""
        by_member = self.pool.by_member
        group = self.client.create_traffic_distribution_group(
            Name=f"contract-{self.successes.total()}-{self.sent.total()}",
            InstanceId=self.instance_id,
        )
        by_member["TrafficDistributionGroupId"] = [group["Id"], group["Arn"]]
        by_member["Id"] = [group["Id"], group["Arn"]]  # Get/UpdateTrafficDistribution's
        by_member["TargetArn"] = [by_member["TargetArn"][0], group["Arn"]]

    def _reclaim(self, gone: Callable[[str], bool]) -> None:
        """A new claim in place of each claimed number (UUID or ARN) that is ``gone``."""
        by_member = self.pool.by_member
        claims = by_member["PhoneNumberId"]
        for index, reference in enumerate(claims):
            if gone(reference):
                fresh = [n for n in self._available() if n not in by_member["PhoneNumber"]]
                claimed = self.client.claim_phone_number(
                    InstanceId=self.instance_id, PhoneNumber=fresh[0]
                )
                key = "PhoneNumberArn" if reference.startswith("arn:") else "PhoneNumberId"
                claims[index] = claimed[key]
                if self.routing_flow:
                    self._route(claims[index])
        resources = by_member["resourceArn"]
        resources[-1] = next(ref for ref in claims if ref.startswith("arn:"))

    def _available(self) -> list[str]:
        page = self.client.search_available_phone_numbers(
            InstanceId=self.instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID"
        )
        return [entry["PhoneNumber"] for entry in page["AvailableNumbersList"]]


def _merged_by_the_server(request: RawRequest, base: str) -> bool:
    """A path with an empty label between two segments ("//"), sent to the server: outside
    connect_mock's own URL roots werkzeug merges the slashes before any route sees it and
    answers its own 404 page (documented in docs/behaviour.md); in process the operation
    refuses the empty label."""
    return base != IN_PROCESS and "//" in request.path


def _answer(seeds: Seeds, session: requests.Session, base: str) -> Any:
    def answer(request: RawRequest) -> None:
        """One generated request, sent and checked."""
        response = send(session, base, request)
        assert request.operation is not None
        seeds.sent[request.operation] += 1
        if _merged_by_the_server(request, base) and response.status_code == 404:
            assert "<title>404 Not Found</title>" in response.text, response.text
            return
        check_contract(request, response)
        if response.status_code == 200:
            seeds.successes[request.operation] += 1
            seeds.replenish(request, response.json())

    return answer


def _check_coverage(seeds: Seeds, test: str) -> None:
    """Every operation was asked, and (but for the rare ones) answered 200 often enough."""
    assert sum(seeds.sent.values()) >= _budget(test)
    assert set(seeds.sent) == set(EVERY_OPERATION)
    thin = {
        name: (seeds.successes[name], seeds.sent[name])
        for name in EVERY_OPERATION
        if seeds.successes[name] < _successes_needed(name, seeds.sent[name])
    }
    assert not thin, f"operations rarely answered 200 (successes, sent): {thin}"
    assert sum(seeds.successes.values()) >= 0.15 * sum(seeds.sent.values())


def _each_operation(seeds: Seeds, test: str, answer: Any) -> None:
    """The test's budget shared out between the operations, each asked as often."""

    def before(operation: str) -> None:
        if operation == "DeleteTrafficDistributionGroup":
            seeds.fresh_group()  # the claims of the runs before hold on to the seeded one

    each_operation(test, seeds.pool, answer, EVERY_OPERATION, before)


def test_every_answer_in_process_conforms_to_the_model() -> None:
    with (
        mock_connect(seed=5, source_numbers=list(SOURCES)) as cm,
        local_session() as session,
    ):
        seeds = Seeds.plant(connect_client(), cm.clock.advance)
        _each_operation(seeds, "contract_in_process", _answer(seeds, session, IN_PROCESS))
        _check_coverage(seeds, "contract_in_process")


@pytest.mark.connect_mock(source_numbers=list(SOURCES))
def test_every_answer_of_the_server_conforms_to_the_model(
    connect_server: RemoteConnectMock,
) -> None:
    with local_session() as session:
        seeds = Seeds.plant(
            connect_client(endpoint=connect_server.endpoint), connect_server.clock.advance
        )
        answer = _answer(seeds, session, connect_server.endpoint)
        _each_operation(seeds, "contract_server", answer)
        _check_coverage(seeds, "contract_server")


@pytest.mark.parametrize(
    ("shape", "value", "expected"),
    [
        ("TagMap", {}, ["x: size 0 < min 1"]),
        ("PhoneNumberWorkflowMessage", "m" * 256, ["x: length 256 > max 255"]),
        ("InstanceStatus", "SLEEPING", ["x: 'SLEEPING' not in enum InstanceStatus"]),
        (
            "timestamp",
            "2025-01-01T00:00:00Z",
            ["x: '2025-01-01T00:00:00Z', not epoch seconds (a number)"],
        ),
    ],
)
def test_the_oracle_finds_what_strict_clients_refuse(
    shape: str, value: Any, expected: list[str]
) -> None:
    """The checker itself: each kind of finding it reports."""
    if shape == "timestamp":
        model_shape = MODEL.shape_for("Instance").members["CreatedTime"]
    else:
        model_shape = MODEL.shape_for(shape)
    assert violations(model_shape, value, "x") == expected
    instance = {"Id": "i", "Surprise": 1}
    assert violations(MODEL.shape_for("Instance"), instance) == [".Surprise: undeclared"]
    key = MODEL.shape_for("TagKey")
    assert violations(key, "aws:reserved", "k") == [
        f"k: 'aws:reserved' does not match TagKey's pattern {key.metadata['pattern']}"
    ]
