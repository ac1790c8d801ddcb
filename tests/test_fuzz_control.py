"""Fuzzing the control endpoints (``/moto-api/connect-mock/{faults,calls,config,clock}``),
in-process and over the server. Whatever arrives: never a 5xx, never a traceback or HTML, JSON
with a ``Message`` on every refusal, and a refused request changes nothing (rules, options,
clock, calls). The mock stays usable after every request.

Budget, per mode, shared out evenly between the five endpoints: CI runs 125 derandomized
examples (25 an endpoint), and first the eight ``ACCEPTED`` requests, one for each change an
endpoint makes; ``make fuzz`` (``CONNECT_MOCK_FUZZ_EXAMPLES=5000``) runs half that budget here,
at least 2,000 in all, randomly seeded.

Each example starts from the baseline (``_baseline``), which is set again only after a request
that changed what the endpoints answer: a refusal, checked to have changed nothing, leaves it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_mock import RemoteConnectMock, mock_connect
from connect_mock.config import SETTABLE
from connect_mock.core.operations import SERVED_OPERATIONS
from connect_mock.faults import RULE_KEYS, THROTTLE_KEYS
from tests.test_fuzz import local_session

IN_PROCESS = "http://motoapi.amazonaws.com"
CONTROL = "/moto-api/connect-mock"
PATHS = ("faults", "calls", "config", "clock", "source-numbers")
OK = (200, 201)
BASELINE = {
    "seed": 0,
    "search_limit": 100,
    "phone_number_quota": 5,
    "call_log_limit": 10_000,
    "claim_release_limit": True,
}

_FUZZ_EXAMPLES = os.environ.get("CONNECT_MOCK_FUZZ_EXAMPLES")
_EXAMPLES = max(1000, int(_FUZZ_EXAMPLES) // 4) if _FUZZ_EXAMPLES else 125

settings.register_profile(
    "connect-mock-control",
    derandomize=not _FUZZ_EXAMPLES,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("connect-mock-control")


@dataclass(frozen=True)
class ControlRequest:
    method: str
    path: str
    body: bytes
    content_type: str | None


# --- values ----------------------------------------------------------------------------------

_numbers = st.one_of(
    st.sampled_from([-1, 0.5, 1e308, float("inf"), float("nan"), 10**400, 2**63, 2**63 - 1]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
)
_scalars = st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=20))
_json = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
# The keys rules take, "throttle", and one no rule takes.
_rule_keys = st.sampled_from([*RULE_KEYS, "throttle", *THROTTLE_KEYS, "x"])
_rule_values = st.one_of(
    _scalars,
    st.sampled_from(sorted(SERVED_OPERATIONS)),
    st.sampled_from(
        ["ThrottlingException", "InternalServiceException", "AccessDeniedException", "Nope"]
    ),
    st.sampled_from(["us-east-1", "us-west-2", "eu-west-1", "123456789012"]),
    st.dictionaries(st.sampled_from([*THROTTLE_KEYS, "y"]), _scalars, max_size=3),
)
_rule = st.dictionaries(_rule_keys, _rule_values, max_size=5)
# Source-number entries: their keys, one no entry takes, and values close to good ones.
_ENTRY_KEYS = (
    "PhoneNumber",
    "PhoneNumberArn",
    "PhoneNumberId",
    "Region",
    "AccountId",
    "IsoCountryCode",
    "NumberType",
    "Status",
    "x",
)
_ENTRY_VALUES = (
    "+18005550100",
    "12345",
    "US",
    "XX",
    "TOLL_FREE",
    "SIMULATOR",
    "us-east-1",
    "123456789012",
    f"arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-{'a' * 32}",
)
SOURCE_NUMBERS = [
    {"PhoneNumber": "+18005550199", "NumberType": "TOLL_FREE", "Region": "us-east-1"},
    {"PhoneNumberArn": _ENTRY_VALUES[-1], "PhoneNumber": "+18005550198", "NumberType": "TOLL_FREE"},
]
_entry = st.dictionaries(
    st.sampled_from(_ENTRY_KEYS),
    st.one_of(_scalars, st.sampled_from(_ENTRY_VALUES)),
    max_size=5,
)
# Per endpoint, documents close to what it takes, where the bugs hide.
_plausible = {
    "faults": st.one_of(_rule, st.lists(_rule, max_size=3)),
    "config": st.dictionaries(
        st.sampled_from([*SETTABLE, "fixtures", "faults"]),
        st.one_of(_scalars, st.sampled_from(["virtual", "real"])),
        max_size=3,
    ),
    "clock": st.one_of(
        st.fixed_dictionaries({"advance": _numbers}),
        st.dictionaries(st.sampled_from(["advance", "set"]), _scalars, max_size=2),
    ),
    "calls": st.just(None),
    "source-numbers": st.one_of(
        _entry,
        st.lists(_entry, max_size=3),
        st.fixed_dictionaries({"PhoneNumbers": st.lists(_entry, max_size=3)}),
    ),
}


def _encode(document: Any) -> bytes:
    # Python writes NaN and Infinity, which strict JSON readers refuse: both kinds arrive.
    return b"" if document is None else json.dumps(document).encode()


_raw_bodies = st.one_of(
    st.builds(_encode, _json),
    st.binary(max_size=64),
    st.integers(min_value=1, max_value=3000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(min_value=1, max_value=3000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    st.sampled_from([b"", b"   ", b"null", b'"/etc/passwd"', b"1e999", b'{"advance": 1e999}']),
)


def _requests_to(path: str) -> st.SearchStrategy[ControlRequest]:
    return st.builds(
        ControlRequest,
        method=st.sampled_from(["POST", "POST", "POST", "GET", "DELETE", "PUT", "PATCH"]),
        path=st.just(path),
        body=st.one_of(st.builds(_encode, _plausible[path]), _raw_bodies),
        content_type=st.sampled_from(
            [None, "application/json", "application/x-www-form-urlencoded", "text/plain"]
        ),
    )


# Sent on every run besides what hypothesis draws, each of which must be accepted: every change
# each endpoint makes (CI's draws are nearly all refused: 18 of 250 were accepted, none of them
# a clock move). Their checks are the fuzz's own, from the baseline.
ACCEPTED = tuple(
    ControlRequest(method, path, json.dumps(document).encode() if document else b"", kind)
    for method, path, document, kind in (
        ("POST", "faults", {"operation": "ClaimPhoneNumber", "error": "ThrottlingException"}, None),
        ("POST", "faults", [{"throttle": {"rate": 1, "burst": 2}}], "application/json"),
        ("DELETE", "faults", None, None),
        ("DELETE", "calls", None, None),
        ("POST", "config", {"seed": 7, "clock": "real", "claim_release_limit": False}, None),
        ("POST", "clock", {"advance": 60}, "text/plain"),
        ("POST", "source-numbers", {"PhoneNumbers": SOURCE_NUMBERS}, "application/json"),
        ("DELETE", "source-numbers", None, None),
    )
)


# --- checks ------------------------------------------------------------------------------------


def _state(session: requests.Session, base: str, context: str = "") -> dict[str, Any]:
    """What every endpoint answers a GET; each answers one (a request never poisons them)."""
    state = {}
    for path in PATHS:
        response = session.get(f"{base}{CONTROL}/{path}", timeout=30)
        assert response.status_code == 200, f"GET {path}: {response.status_code} after {context}"
        state[path] = response.json()
    return state


def _baseline(session: requests.Session, base: str) -> dict[str, Any]:
    """A known start for an example: default options (virtual clock restarted), no rules."""
    session.post(f"{base}{CONTROL}/config", json={**BASELINE, "clock": "virtual"}, timeout=30)
    session.delete(f"{base}{CONTROL}/faults", timeout=30)
    return _state(session, base, "the baseline")


def _check(
    session: requests.Session, base: str, request: ControlRequest, start: dict[str, Any] | None
) -> tuple[int, dict[str, Any] | None]:
    """Send ``request`` from the baseline (``start``: the state, if it is known to be the
    baseline's already) and check the answer. Returns its status, and the state if it is still
    the baseline's, so that the next example need not set it again."""
    before = _baseline(session, base) if start is None else start
    headers = {} if request.content_type is None else {"Content-Type": request.content_type}
    response = session.request(
        request.method,
        f"{base}{CONTROL}/{request.path}",
        data=request.body,
        headers=headers,
        timeout=30,
    )
    context = f"{request!r} -> {response.status_code} {response.text[:300]!r}"
    assert response.status_code < 500, context
    assert "Traceback" not in response.text, context
    assert "<html" not in response.text.lower(), context
    document = json.loads(response.text)
    assert isinstance(document, dict), context
    if response.status_code >= 400:
        assert isinstance(document.get("Message"), str), context
        assert document["Message"], context
    # Never poisoned: every endpoint still answers; a refusal changed nothing.
    after = _state(session, base, context)
    if response.status_code >= 400:
        assert after == before, context
    return response.status_code, (before if after == before else None)


def _fuzz(base: str) -> int:
    sent = 0
    # The state when it is known to be the baseline's (after a request that changed nothing).
    baseline: dict[str, Any] | None = None
    answered: dict[ControlRequest, int] = {}
    with local_session() as session:

        def run(request: ControlRequest) -> None:
            nonlocal sent, baseline
            sent += 1
            start, baseline = baseline, None  # unknown until this example's checks pass
            answered[request], baseline = _check(session, base, request, start)

        for request in ACCEPTED:
            run(request)
        # Each endpoint its own run, of the same share of the budget.
        share = -(-_EXAMPLES // len(PATHS))
        for path in PATHS:
            settings(PROFILE, max_examples=share)(given(_requests_to(path))(run))()
    statuses = {request: answered.get(request) for request in ACCEPTED}
    assert {request: status for request, status in statuses.items() if status not in OK} == {}
    return sent


@pytest.fixture
def in_process() -> Iterator[str]:
    with mock_connect():
        yield IN_PROCESS


def test_fuzz_control_in_process(in_process: str) -> None:
    assert _fuzz(in_process) >= _EXAMPLES


def test_fuzz_control_server(connect_server: RemoteConnectMock) -> None:
    assert _fuzz(connect_server.endpoint) >= _EXAMPLES
