"""The operation table (connect_mock.wire.operations): every served operation has exactly one
handler and one route, by construction. A table with an operation missing, one too many, or an
entry that does not fit its backend method or the operation's input is refused when it is built
(importing connect_mock's wire layer), never answered with a 500 at a request."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from connect_mock.core.operations import SERVED_OPERATIONS
from connect_mock.wire.operations import OPERATIONS, Call, Operation, operation_table
from connect_mock.wire.routing import routes


def _refusal(served: tuple[str, ...], handlers: dict[str, Operation]) -> str:
    with pytest.raises(ValueError, match=r"^the operation table is wrong: ") as raised:
        operation_table(served, handlers)
    return str(raised.value)


def test_every_served_operation_has_one_handler_and_one_route_in_the_served_order() -> None:
    assert tuple(OPERATIONS) == SERVED_OPERATIONS
    by_route = {route.operation: route.handler for route in routes()}
    assert by_route == OPERATIONS


def test_a_served_operation_without_a_handler_is_refused_at_build() -> None:
    handlers = dict(OPERATIONS)
    del handlers["ReleasePhoneNumber"]
    assert _refusal(SERVED_OPERATIONS, handlers) == (
        "the operation table is wrong: served without a handler: ReleasePhoneNumber"
    )


def test_a_handler_of_an_operation_not_served_is_refused_at_build() -> None:
    handlers = {**OPERATIONS, "CreateQueue": OPERATIONS["ReleasePhoneNumber"]}
    assert _refusal(SERVED_OPERATIONS, handlers) == (
        "the operation table is wrong: a handler but not served (SERVED_OPERATIONS): CreateQueue"
    )


def test_an_operation_served_twice_or_unknown_to_the_model_is_refused_at_build() -> None:
    served = (*SERVED_OPERATIONS, "ReleasePhoneNumber", "ReleasePhoneNumbers")
    handlers = {**OPERATIONS, "ReleasePhoneNumbers": OPERATIONS["ReleasePhoneNumber"]}
    assert _refusal(served, handlers) == (
        "the operation table is wrong: served more than once: ReleasePhoneNumber; "
        "served but not in botocore's Connect model: ReleasePhoneNumbers"
    )


_RECEIVED: list[tuple[tuple[Any, ...], dict[str, Any]]] = []


class _Numbers:
    """A backend class: made with (context, account, region), one method."""

    def __init__(self, context: Any, account_id: str, region: str) -> None:
        pass

    def release(self, reference: str, *, client_token: str | None = None) -> str:
        _RECEIVED.append(((reference,), {"client_token": client_token}))
        return reference


@pytest.mark.parametrize(
    ("call", "misfit"),
    [
        (
            Call(_Numbers, "release", ("PhoneNumberId",), {"token": "ClientToken"}),
            "_Numbers.release cannot take these arguments: "
            "got an unexpected keyword argument 'token'",
        ),
        (
            Call(_Numbers, "release", ("PhoneNumberId", "ClientToken")),
            "'ClientToken' is not required, so it cannot be passed positionally; "
            "ReleasePhoneNumber: _Numbers.release cannot take these arguments: too many "
            "positional arguments",
        ),
        (
            Call(_Numbers, "release", ("PhoneNumberId",), {"client_token": "Token"}),
            "no input member 'Token'",
        ),
        (
            Call(_Numbers, "release_all", ("PhoneNumberId",)),
            "_Numbers.release_all does not exist",
        ),
    ],
)
def test_a_call_that_does_not_fit_its_method_or_input_is_refused_at_build(
    call: Call, misfit: str
) -> None:
    handlers: dict[str, Operation] = {**OPERATIONS, "ReleasePhoneNumber": call}
    assert _refusal(SERVED_OPERATIONS, handlers) == (
        f"the operation table is wrong: ReleasePhoneNumber: {misfit}"
    )


def test_a_call_passes_required_members_in_order_and_absent_keywords_as_none() -> None:
    call = Call(
        _Numbers,
        "release",
        ("PhoneNumberId",),
        {"client_token": "ClientToken"},
        lambda released: {"Released": released},
    )
    assert operation_table(("ReleasePhoneNumber",), {"ReleasePhoneNumber": call}) == {
        "ReleasePhoneNumber": call
    }
    _RECEIVED.clear()
    ctx: Any = None  # _Numbers ignores it
    assert call(ctx, "111122223333", "us-east-1", {"PhoneNumberId": "n-1"}) == {"Released": "n-1"}
    call(ctx, "111122223333", "us-east-1", {"PhoneNumberId": "n-2", "ClientToken": "t"})
    assert _RECEIVED == [
        (("n-1",), {"client_token": None}),
        (("n-2",), {"client_token": "t"}),
    ]


def test_serving_an_operation_without_a_handler_fails_the_import_of_the_wire_layer() -> None:
    # A fresh interpreter: the served list is read once, when the table is built at import.
    code = (
        "import connect_mock.core.operations as served\n"
        "served.SERVED_OPERATIONS += ('CreateQueue',)\n"
        "import connect_mock.wire.handler\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 1
    assert run.stderr.strip().splitlines()[-1] == (
        "ValueError: the operation table is wrong: served without a handler: CreateQueue"
    )


def test_a_member_older_models_lack_may_be_missing_only_where_the_entry_says_so() -> None:
    # UpdateInstanceAttribute's ClientToken is not in botocore 1.36's model (our floor).
    newer = Call(
        _Numbers,
        "release",
        ("PhoneNumberId",),
        {"client_token": "Token"},
        newer=frozenset({"Token"}),
    )
    assert operation_table(("ReleasePhoneNumber",), {"ReleasePhoneNumber": newer})
    other = Call(
        _Numbers, "release", ("PhoneNumberId",), {"client_token": "Token"}, newer=frozenset({"X"})
    )
    assert _refusal(("ReleasePhoneNumber",), {"ReleasePhoneNumber": other}) == (
        "the operation table is wrong: ReleasePhoneNumber: no input member 'Token'"
    )
