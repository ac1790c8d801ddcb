"""What follows moto's answer to one of its own Connect operations: the state of ours that
depends on moto's resources (DeleteInstance takes the instance's numbers, groups and attributes
with it). One table, applied by the intercept to every moto operation."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .. import runtime
from .._http import Response
from ..backend import Context, instance_deletion
from .incoming import Incoming

__all__ = ["FOLLOW_UPS", "followed"]

# Operation -> prepare(context, account, region, URI parameters): called before moto answers,
# it returns what to do once moto has answered 200 (or None: nothing to do).
Prepare = Callable[[Context, str, str, Mapping[str, str]], Callable[[], None] | None]

FOLLOW_UPS: dict[str, Prepare] = {
    "DeleteInstance": lambda ctx, account, region, uri: instance_deletion(
        ctx, account, region, uri.get("InstanceId", "")
    ),
}


def followed(answer: Callable[[Incoming], Response]) -> Callable[[Incoming], Response]:
    """``answer`` (moto's handler), followed by the operation's follow-up when it succeeds."""

    def run(incoming: Incoming) -> Response:
        prepare = FOLLOW_UPS.get(incoming.operation or "")
        finish = None
        if prepare is not None and incoming.request.complete:
            request = incoming.request
            uri = dict(incoming.uri_params)
            finish = prepare(runtime.in_force(), request.account, request.region, uri)
        response = answer(incoming)
        if finish is not None and response[0] == 200:
            finish()
        return response

    return run
