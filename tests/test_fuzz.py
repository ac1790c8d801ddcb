"""Fuzzing: raw HTTP requests generated from botocore's model for every operation connect_mock
serves, sent in-process and to the server. Whatever arrives, the answer is restJson1: no 5xx, no
traceback or HTML, a declared error code (or SerializationException) with a JSON ``Message``.

Requests of an operation always reach it (URI labels are percent-encoded whole, '.' included).
Some are signed for a Region without Connect (refused with a declared error naming the Region)
or carry an empty URI label (refused with a declared error naming the member). Paths and
methods no operation has are fuzzed separately (test_fuzz_unrouted): they must get our
routing's JSON 404 (``{"Message": "connect_mock does not serve GET /..."}``, no
``x-amzn-ErrorType``), never moto's or Flask's.

Budget (hypothesis profiles): CI runs 500 derandomized examples (a few seconds, no database).
``make fuzz`` sets ``CONNECT_MOCK_FUZZ_EXAMPLES=5000`` and runs at least that many in total,
randomly seeded (a failure prints its ``@reproduce_failure`` blob):

    CONNECT_MOCK_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest -p no:cacheprovider \
        tests/test_fuzz.py -q
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote, quote_from_bytes, urlencode

import botocore.session
import pytest
import requests
from botocore.model import OperationModel, Shape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from connect_mock import RemoteConnectMock, mock_connect
from connect_mock._moto import moto_connect_operations
from connect_mock.core.operations import SERVED_OPERATIONS
from tests.helpers import connect_client, create_instance, numbers

MODEL = botocore.session.get_session().get_service_model("connect")
OPERATIONS: tuple[str, ...] = tuple(sorted(SERVED_OPERATIONS))
# In process moto reads the Region from the host name; the server from the signature.
IN_PROCESS = "https://connect.{region}.amazonaws.com"
REGION = "us-east-1"
# Regions botocore lists no Connect endpoint for: a real one and one that cannot exist.
NO_CONNECT = ("eu-west-1", "xx-nope-9")


def authorization(region: str = REGION) -> str:
    return (
        f"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/{region}/connect/"
        "aws4_request, SignedHeaders=host, Signature=x"
    )


AUTHORIZATION = authorization()
T = TypeVar("T")
# The restJson1 protocol's error for a body it cannot read; no operation's model lists it.
PROTOCOL_ERRORS = frozenset({"SerializationException"})
UNROUTED = re.compile(r"connect_mock does not serve [A-Z]+ /\S*")

# --- budget --------------------------------------------------------------------------------

_FUZZ_EXAMPLES = os.environ.get("CONNECT_MOCK_FUZZ_EXAMPLES")
# Share of the total budget per test: model-driven requests in-process and over the server,
# then requests no operation has (wrong method, extra segment, empty label).
_SHARES = {"in_process": 0.45, "server": 0.35, "unrouted": 0.1}  # unrouted runs twice
_CI_EXAMPLES = {"in_process": 250, "server": 150, "unrouted": 50}
# The output-shape contract check (tests/test_contract.py), every operation the mock answers
# (ours and moto's), per mode: about 3,300 requests each under `make fuzz`.
_SHARES |= {"contract_in_process": 0.66, "contract_server": 0.66}
_CI_EXAMPLES |= {"contract_in_process": 800, "contract_server": 800}

# CI: the same examples every run; fuzzing (CONNECT_MOCK_FUZZ_EXAMPLES): new ones each time.
for _name, _derandomize in (("connect-mock-ci", True), ("connect-mock-fuzz", False)):
    settings.register_profile(
        _name,
        derandomize=_derandomize,
        database=None,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
PROFILE = settings.get_profile("connect-mock-fuzz" if _FUZZ_EXAMPLES else "connect-mock-ci")


def _budget(test: str) -> int:
    if _FUZZ_EXAMPLES:
        return max(1, round(int(_FUZZ_EXAMPLES) * _SHARES[test]) + 1)
    return _CI_EXAMPLES[test]


# --- values --------------------------------------------------------------------------------


@dataclass
class Pool:
    """Real identifiers of the mock under test, so that generated requests also get past the
    target checks into claims, updates, releases and pages: member name -> good values."""

    by_member: dict[str, list[str]] = field(default_factory=dict)
    # Structure members' good values (a clean request draws one of them): member name -> JSON.
    documents: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # The strategies built from the pool, by what each was built from (see ``cached``).
    built: dict[tuple[Any, ...], st.SearchStrategy[Any]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def strings(self) -> list[str]:
        return sorted({value for values in self.by_member.values() for value in values})

    def cached(
        self, key: tuple[Any, ...], member: str | None, build: Callable[[], st.SearchStrategy[T]]
    ) -> st.SearchStrategy[T]:
        """The strategy ``build`` makes, made once per ``key`` and the pool's values it may
        read (``member``'s good values, the "any string" choices): hypothesis validates a new
        strategy on its first draw, which cost more than the draw when every request built
        its own. A value replaced (test_contract's seeds) makes new ones."""
        key = (*key, member, tuple(self.strings), tuple(self.by_member.get(member or "", ())))
        found = self.built.get(key)
        if found is None:
            found = self.built[key] = build()
        return found

    def strategy(self, member: str | None) -> st.SearchStrategy[str]:
        def build() -> st.SearchStrategy[str]:
            good = self.by_member.get(member or "")
            return st.sampled_from(good) if good else st.sampled_from(self.strings)

        return self.cached(("member",), member, build)


def _pattern(shape: Shape) -> re.Pattern[str] | None:
    raw = shape.metadata.get("pattern")
    if raw is None:
        return None
    try:  # the model double-escapes (\\+); Java-only syntax (\p{L}) is not generated
        return re.compile(raw.replace("\\\\", "\\"))
    except re.error:
        return None


JSON_SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**63, max_value=2**80),
    st.floats(),
    st.text(max_size=20),
)
# Any JSON value: the type confusion a member can get instead of its own type.
CONFUSED: st.SearchStrategy[Any] = st.recursive(
    JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)
ODD_STRINGS = st.sampled_from(
    ["", " ", "\x00", "\ud800", "a\udfffb", "🙂" * 3, "\u202e", "null", "+", "arn:", "%", "../"]
)


def _oversize(limit: int) -> st.SearchStrategy[str]:
    return st.integers(min_value=1, max_value=20).map(lambda extra: "x" * (limit + extra))


def _valid(shape: Shape, pool: Pool, member: str | None = None) -> st.SearchStrategy[Any]:
    """Values that respect the shape's type and, mostly, its constraints."""
    return pool.cached(("valid", shape), member, lambda: _build_valid(shape, pool, member))


def _build_valid(shape: Shape, pool: Pool, member: str | None) -> st.SearchStrategy[Any]:
    kind, meta = shape.type_name, shape.metadata
    low, high = meta.get("min"), meta.get("max")
    if kind == "string":
        choices: list[st.SearchStrategy[Any]] = [st.sampled_from(pool.strings)]
        if member in pool.by_member:
            choices += [pool.strategy(member)] * 4
        if meta.get("enum"):
            choices.append(st.sampled_from(list(meta["enum"])))
        else:
            pattern = _pattern(shape)
            cap = min(high if high is not None else 60, 60)
            if pattern is not None:
                choices.append(
                    st.from_regex(pattern, fullmatch=True).filter(
                        lambda text: (low or 0) <= len(text) <= (high or len(text))
                    )
                )
            choices.append(st.text(min_size=min(low or 0, cap), max_size=cap))
        return st.one_of(*choices)
    if kind in ("integer", "long"):
        return st.integers(
            min_value=low if low is not None else -(2**31),
            max_value=high if high is not None else 2**31 - 1,
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "list":
        return st.lists(_valid(shape.member, pool, member), max_size=min(high or 4, 4))
    if kind == "map":
        return st.dictionaries(
            _valid(shape.key, pool), _valid(shape.value, pool), min_size=low or 0, max_size=3
        )
    return CONFUSED


def _invalid(shape: Shape, pool: Pool) -> st.SearchStrategy[Any]:
    """Values of the shape's type that break its constraints."""
    return pool.cached(("invalid", shape), None, lambda: _build_invalid(shape, pool))


def _build_invalid(shape: Shape, pool: Pool) -> st.SearchStrategy[Any]:
    kind, meta = shape.type_name, shape.metadata
    low, high = meta.get("min"), meta.get("max")
    if kind == "string":
        choices: list[st.SearchStrategy[Any]] = [ODD_STRINGS, st.text(max_size=30)]
        if high is not None:
            choices.append(_oversize(high))
        return st.one_of(*choices)
    if kind in ("integer", "long"):
        choices = [st.integers(max_value=(low if low is not None else 0) - 1)]
        choices.append(st.integers(min_value=(high if high is not None else 2**31 - 1) + 1))
        choices.append(st.sampled_from([2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 10**30]))
        return st.one_of(*choices)
    if kind == "list":
        member = st.one_of(_valid(shape.member, pool), _invalid(shape.member, pool))
        return st.lists(member, min_size=(high or 0) + 1, max_size=(high or 0) + 3) | st.lists(
            _invalid(shape.member, pool), min_size=1, max_size=3
        )
    if kind == "map":
        return st.just({}) | st.dictionaries(
            st.text(min_size=1, max_size=5), st.text(max_size=3), min_size=51, max_size=53
        )
    return CONFUSED


def _value(shape: Shape, pool: Pool, member: str) -> st.SearchStrategy[Any]:
    """Valid most of the time; else invalid, or any JSON type at all."""
    return pool.cached(
        ("value", shape),
        member,
        lambda: st.integers(min_value=0, max_value=9).flatmap(
            lambda roll: (
                _valid(shape, pool, member)
                if roll < 6
                else (_invalid(shape, pool) if roll < 8 else CONFUSED)
            )
        ),
    )


# --- requests ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawRequest:
    operation: str | None  # None: a method/path no operation has
    method: str
    path: str
    query: str
    body: bytes
    headers: tuple[tuple[str, str], ...]
    region: str = REGION
    empty_label: str | None = None  # the URI member sent empty, if one was

    def url(self, base: str) -> str:
        base = base.replace("{region}", self.region)
        return base + self.path + (f"?{self.query}" if self.query else "")


def _label(text: str) -> str:
    """Percent-encode a URI label completely ('.' too: no dot segments for the client to fold)."""
    return quote(text, safe="", errors="surrogatepass").replace(".", "%2E")


LABELS: st.SearchStrategy[str] = st.one_of(
    st.text(min_size=1, max_size=40).map(_label),
    st.binary(min_size=1, max_size=12).map(lambda raw: quote_from_bytes(raw, safe="")),
)


def _query_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return (
        json.dumps(value) if isinstance(value, dict | list | bool) or value is None else str(value)
    )


def _raw_bodies(document: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """Bodies no JSON reader takes as an object of the operation's members."""
    text = json.dumps(document)
    return st.one_of(
        st.binary(max_size=40),
        st.binary(max_size=20).map(lambda raw: b"\xff\xfe" + raw),
        st.sampled_from(
            [
                b"[]",
                b'"text"',
                b"42",
                b"null",
                b"true",
                b"{",
                b"{}}",
                b'{"a": NaN, "b": -Infinity}',
                b'{"MaxResults": ' + b"9" * 5000 + b"}",
                b'{"MaxResults": 1e999}',
                b"[" * 5000 + b"]" * 5000,
                b'{"a": ' * 3000 + b"1" + b"}" * 3000,
                '\ufeff{"a": 1}'.encode(),
                b'{"PhoneNumberType": "\\ud800"}',
            ]
        ),
        st.integers(min_value=0, max_value=max(len(text) - 1, 0)).map(
            lambda cut: text[:cut].encode()
        ),
        st.just(text.encode("utf-16")),
        st.text(max_size=30).map(lambda junk: junk.encode("utf-8", "surrogatepass")),
    )


def _content_types() -> st.SearchStrategy[str | None]:
    return st.sampled_from(
        [
            "application/json",
            "application/json",
            "application/x-amz-json-1.1",
            None,
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
        ]
    )


def _one_in(draw: st.DrawFn, n: int) -> bool:
    """True about once in ``n`` draws. (Hypothesis favours the bounds of an integer range, so
    the rare case is a value in the middle.)"""
    return draw(st.integers(min_value=0, max_value=n - 1)) == n // 2


def _labels(member: Shape, name: str, pool: Pool, clean: bool) -> st.SearchStrategy[str]:
    """A URI label of the member ``name``: a good value; in a noisy request, also any value
    of its shape or any text or bytes."""

    def build() -> st.SearchStrategy[str]:
        labels = st.one_of(*[pool.strategy(name)] * 3).map(_label)
        if not clean:
            labels = labels | _valid(member, pool).filter(bool).map(_label) | LABELS
        return labels

    return pool.cached(("labels", member, clean), name, build)


def _good_lists(member: Shape, name: str, pool: Pool) -> st.SearchStrategy[list[str]]:
    return pool.cached(
        ("good lists", member),
        name,
        lambda: st.lists(
            pool.strategy(name),
            min_size=max(1, member.metadata.get("min") or 0),
            max_size=min(member.metadata.get("max") or 3, 3),
        ),
    )


@st.composite
def model_requests(
    draw: st.DrawFn, pool: Pool, operations: tuple[str, ...] = OPERATIONS
) -> RawRequest:
    """One request of a served operation (of ``operations``), its members generated from
    botocore's model.

    Half of the requests are clean (well-formed JSON, members of their own type, real
    identifiers), so that they get past validation into the operations; the others are noisy:
    some of those are signed for a Region without Connect or send a URI label empty.
    """
    name = draw(st.sampled_from(operations))
    clean = draw(st.booleans())
    region = REGION if clean or not _one_in(draw, 5) else draw(st.sampled_from(NO_CONNECT))
    empty_label: str | None = None
    operation: OperationModel = MODEL.operation_model(name)
    shape = operation.input_shape
    path = operation.http["requestUri"].split("?", 1)[0]
    body: dict[str, Any] = {}
    query: list[tuple[str, str]] = []
    for member_name, member in shape.members.items():
        location = member.serialization.get("location")
        wire = member.serialization.get("name", member_name)
        if location == "uri":
            label = (
                ""
                if not clean and _one_in(draw, 8)
                else draw(_labels(member, member_name, pool, clean))
            )
            empty_label = empty_label or (member_name if label == "" else None)
            path = path.replace("{" + wire + "}", label)  # (no greedy labels here)
            continue
        if member_name in shape.required_members:
            if not clean and _one_in(draw, 10):
                continue  # a required member is left out now and then
        elif draw(st.booleans()):
            continue  # an optional one half of the time
        value: Any
        if clean:
            good = member_name in pool.by_member and member.type_name == "string"
            listed = member_name in pool.by_member and member.type_name == "list"
            if member_name in pool.documents:
                value = draw(st.sampled_from(pool.documents[member_name]))
            elif listed:  # a list of good values, as many as the list takes
                value = draw(_good_lists(member, member_name, pool))
            else:
                value = draw(
                    pool.strategy(member_name) if good else _valid(member, pool, member_name)
                )
        else:
            value = draw(_value(member, pool, member_name))
        if location == "querystring":
            values = value if isinstance(value, list) and member.type_name == "list" else [value]
            query.extend((wire, _query_text(item)) for item in values)
        else:
            body[member_name] = value
    headers = [("Authorization", authorization(region))]
    if clean and {"InstanceId", "TargetArn"} <= set(shape.members):
        # The target: exactly one of the two, the instance's ID or an instance's or group's ARN.
        body.pop("InstanceId", None)
        body.pop("TargetArn", None)
        if draw(st.booleans()):
            body["InstanceId"] = pool.by_member["InstanceId"][0]
        else:
            body["TargetArn"] = draw(pool.strategy("TargetArn"))
    if clean:
        raw_body = json.dumps(body).encode() if body else b""
        query_text = urlencode(query, errors="surrogatepass")
        headers.append(("Content-Type", "application/json"))
        return RawRequest(
            name, operation.http["method"], path, query_text, raw_body, tuple(headers), region
        )
    if _one_in(draw, 5):
        body[draw(st.text(min_size=1, max_size=10))] = draw(CONFUSED)  # unknown member
    raw_body = json.dumps(body).encode() if draw(st.booleans()) else draw(_raw_bodies(body))
    query_text = urlencode(query, errors="surrogatepass")
    if _one_in(draw, 10):
        query_text = draw(st.sampled_from(["%zz", "&&=&", "maxResults=%FF", "a=1&a=2", "=", "?"]))
    content_type = draw(_content_types())
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    return RawRequest(
        name,
        operation.http["method"],
        path,
        query_text,
        raw_body,
        tuple(headers),
        region,
        empty_label,
    )


def _templates() -> list[tuple[str, str]]:
    """Our operations' paths below our own URL roots (not /tags/{resourceArn}, which moto
    routes too: there any path is an ARN, and moto answers other methods)."""
    return [
        (
            MODEL.operation_model(name).http["method"],
            MODEL.operation_model(name).http["requestUri"].split("?", 1)[0],
        )
        for name in OPERATIONS
        if name not in moto_connect_operations()
    ]


@st.composite
def unrouted_requests(draw: st.DrawFn) -> RawRequest:
    """A method/path pair inside connect_mock's URL roots that no operation has (an empty
    label only with a method its operation does not have: with its own, it reaches it)."""
    templates = _templates()
    method, template = draw(st.sampled_from(templates))
    label = draw(LABELS)
    path = re.sub(r"\{[^}]+\}", lambda _: label, template)
    how = draw(st.sampled_from(["method", "segment", "empty"]))
    if how == "segment":
        path += "/" + draw(LABELS)
    elif how == "empty" and "{" in template:
        path = re.sub(r"\{[^}]+\}", "", template)
    if how == "method" or (how == "empty" and "{" not in template):
        method = draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]))
    if any(_route_matches(m, t, path) and m == method for m, t in templates):
        method = "PATCH"  # no operation of ours is a PATCH
    return RawRequest(None, method, path, "", b"{}", (("Authorization", AUTHORIZATION),))


def _route_matches(method: str, template: str, path: str) -> bool:
    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]*", re.escape(template))
    return re.fullmatch(pattern, path) is not None


# --- the oracle ----------------------------------------------------------------------------


def _declared(operation: str) -> frozenset[str]:
    return frozenset(shape.name for shape in MODEL.operation_model(operation).error_shapes)


def check_response(request: RawRequest, response: requests.Response) -> None:
    """What every answer must look like, whatever the request."""
    status, text = response.status_code, response.text
    context = (
        f"{request.method} {request.url('')} body={request.body[:200]!r} -> {status} {text[:300]}"
    )
    assert status < 500, context
    assert "Traceback" not in text, context
    assert "<html" not in text.lower(), context
    assert "<!doctype" not in text.lower(), context
    document = json.loads(text) if text else None
    assert isinstance(document, dict), context
    if request.region in NO_CONNECT or request.empty_label is not None:
        assert status == 400, context  # refused, never answered
    if status < 400:
        assert request.operation is not None, context
        return
    error_type = response.headers.get("x-amzn-ErrorType")
    message = document.get("Message")
    assert isinstance(message, str), context
    assert message, context
    if request.operation is None:
        # Our routing's 404: JSON, no error type, nothing but the Message.
        assert status == 404, context
        assert error_type is None, context
        assert set(document) == {"Message"}, context
        assert UNROUTED.fullmatch(message), context
        return
    assert error_type is not None, context
    code = error_type.split(":", 1)[0]
    assert code in _declared(request.operation) | PROTOCOL_ERRORS, context
    if request.region in NO_CONNECT:
        assert message.startswith(f"Region '{request.region}' has no Amazon Connect"), context
    elif request.empty_label is not None and code not in PROTOCOL_ERRORS:
        # (an unreadable body is reported first)
        assert f"Value '' at '{request.empty_label}'" in message, context


def local_session() -> requests.Session:
    """A requests session for the mock (in process or on loopback): it reads no proxy settings
    from the environment, which requests otherwise does on every request (a scan of
    ``os.environ`` that cost about as much as the mock's answer)."""
    session = requests.Session()
    session.trust_env = False
    return session


def send(session: requests.Session, base: str, request: RawRequest) -> requests.Response:
    url = request.url(base)
    prepared = requests.Request(
        request.method, url, data=request.body, headers=dict(request.headers)
    ).prepare()
    prepared.url = url  # exactly these bytes: no re-quoting by requests
    return session.send(prepared, timeout=30)


# --- setup ---------------------------------------------------------------------------------

# End User Messaging SMS numbers both mocks declare, for ImportPhoneNumber to get past its lookup.
SOURCES = tuple(
    {
        "PhoneNumber": f"+1800555010{index}",
        "NumberType": kind,
        "PhoneNumberArn": "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-"
        + str(index) * 32,
    }
    for index, kind in ((1, "TOLL_FREE"), (2, "SIMULATOR"))
)


def _pool(client: Any) -> Pool:
    """An instance, a claimed number, a group and tokens of this mock, as fuzzing material."""
    instance_id, instance_arn = create_instance(client, "fuzz")
    page = client.search_available_phone_numbers(
        InstanceId=instance_id, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=10
    )
    offered = numbers(page)
    claims = [
        client.claim_phone_number(InstanceId=instance_id, PhoneNumber=number)
        for number in offered[:3]
    ]
    group = client.create_traffic_distribution_group(Name="fuzz", InstanceId=instance_id)
    listed = client.list_phone_numbers_v2(MaxResults=1)
    legacy = client.list_phone_numbers(InstanceId=instance_id, MaxResults=1)
    groups = [group["Id"], group["Arn"]]
    return Pool(
        by_member={
            "InstanceId": [instance_id, instance_arn],
            "TargetArn": [instance_arn, group["Arn"]],
            "PhoneNumberId": [c["PhoneNumberId"] for c in claims] + [claims[0]["PhoneNumberArn"]],
            "TrafficDistributionGroupId": groups,
            "Id": groups,  # Get/UpdateTrafficDistribution's
            "SourcePhoneNumberArn": [source["PhoneNumberArn"] for source in SOURCES],
            "NextToken": [page["NextToken"], listed["NextToken"], legacy["NextToken"]],
            "PhoneNumber": offered[3:],
            "PhoneNumberCountryCode": ["US", "GB", "CA", "AQ"],
            "PhoneNumberCountryCodes": ["US", "GB"],
            "PhoneNumberType": ["DID", "TOLL_FREE", "UIFN", "SHARED", "THIRD_PARTY_TF"],
            "PhoneNumberTypes": ["DID", "TOLL_FREE"],
            "PhoneNumberPrefix": ["+1206", "+1", "+44", "1800"],
            "Name": ["fuzz", "other"],
            "ClientToken": ["token-1", "token-2"],
        }
    )


# Sent on every run besides what hypothesis draws (how often it draws a rare case differs
# between its releases): an empty URI label, and a Region without Connect.
REFUSALS = (
    RawRequest(
        "DescribePhoneNumber",
        "GET",
        "/phone-number/",
        "",
        b"",
        (("Authorization", AUTHORIZATION),),
        REGION,
        "PhoneNumberId",
    ),
    RawRequest(
        "ListPhoneNumbersV2",
        "POST",
        "/phone-number/list",
        "",
        b"{}",
        (("Authorization", authorization(NO_CONNECT[0])), ("Content-Type", "application/json")),
        NO_CONNECT[0],
    ),
)


def _run(
    test: str,
    strategy: st.SearchStrategy[RawRequest],
    answer: Callable[[RawRequest], None],
    explicit: tuple[RawRequest, ...] = (),
) -> list[RawRequest]:
    """Run ``answer`` on ``explicit`` and ``_budget(test)`` generated requests; returns those
    sent."""
    sent: list[RawRequest] = []

    def body(request: RawRequest) -> None:
        sent.append(request)
        answer(request)

    for request in explicit:
        body = example(request)(body)
    settings(PROFILE, max_examples=_budget(test))(given(strategy)(body))()
    return sent


def each_operation(
    test: str,
    pool: Pool,
    answer: Callable[[RawRequest], None],
    operations: tuple[str, ...] = OPERATIONS,
    before: Callable[[str], object] = lambda operation: None,
) -> None:
    """``_budget(test)`` requests shared out between the operations, each with its own run
    (after ``before(operation)``): every one is asked as often. (One draw over all of them
    left some out in CI's budget: two operations in process, six over the server.)"""
    share = max(1, -(-_budget(test) // len(operations)))
    for operation in operations:
        before(operation)
        strategy = model_requests(pool, (operation,))
        settings(PROFILE, max_examples=share)(given(strategy)(answer))()


def _fuzz_operations(test: str, pool: Pool, answer: Callable[[RawRequest], None]) -> None:
    """The refusals every run sends, then the budget over every operation; checks what was
    sent: the budget, every operation, requests for other Regions and with empty labels."""
    sent: list[RawRequest] = []

    def body(request: RawRequest) -> None:
        sent.append(request)
        answer(request)

    for request in REFUSALS:
        body(request)
    each_operation(test, pool, body)
    assert len(sent) >= _budget(test)
    assert {request.operation for request in sent} == set(OPERATIONS)
    assert any(request.region in NO_CONNECT for request in sent)
    assert any(request.empty_label is not None for request in sent)


def test_fuzz_in_process() -> None:
    with mock_connect(seed=11, source_numbers=list(SOURCES)), local_session() as session:
        pool = _pool(connect_client())

        def answer(request: RawRequest) -> None:
            check_response(request, send(session, IN_PROCESS, request))

        _fuzz_operations("in_process", pool, answer)


@pytest.mark.connect_mock(source_numbers=list(SOURCES))
def test_fuzz_server(connect_server: RemoteConnectMock) -> None:
    pool = _pool(connect_client(endpoint=connect_server.endpoint))
    with local_session() as session:

        def answer(request: RawRequest) -> None:
            check_response(request, send(session, connect_server.endpoint, request))

        _fuzz_operations("server", pool, answer)


@pytest.mark.parametrize("where", ["in_process", "server"])
def test_fuzz_unrouted(where: str, request: pytest.FixtureRequest) -> None:
    """Paths and methods no operation has get our routing's JSON 404, never moto's HTML."""
    with local_session() as session:
        if where == "server":
            server: RemoteConnectMock = request.getfixturevalue("connect_server")
            base = server.endpoint
        else:
            request.addfinalizer(mock_connect().start().stop)
            base = IN_PROCESS

        def answer(raw: RawRequest) -> None:
            check_response(raw, send(session, base, raw))

        assert len(_run("unrouted", unrouted_requests(), answer)) >= _budget("unrouted")
