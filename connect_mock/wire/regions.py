"""Requests signed for a Region without Amazon Connect (``eu-west-1``, a typo, anything a
client signs for): refused with an error the operation declares, before moto or the backend
look the Region up."""

from __future__ import annotations

from ..core.errors import ConnectServiceError
from ..core.operations import connect_regions, declared_errors, has_connect
from .parse import shorten

__all__ = ["region_refusal"]

# The error for a Region without Connect: the operation's error for bad input, as for any other
# (traffic distribution groups and moto's instance operations declare InvalidRequestException,
# not InvalidParameterException). AWS has no answer to copy: there is no endpoint to call.
_PREFERRED = ("InvalidParameterException", "InvalidRequestException")


def region_refusal(operation: str, region: str) -> ConnectServiceError | None:
    """The error answering ``operation`` signed for ``region``, or None if Connect is there.

    A request the model has no operation for ("Unknown") is refused too, with
    InvalidRequestException: moto could answer some anyway and would look the Region up."""
    if has_connect(region):
        return None
    declared = declared_errors().get(operation, frozenset())
    code = next((code for code in _PREFERRED if code in declared), _PREFERRED[-1])
    return ConnectServiceError.declared(
        code,
        f"Region '{shorten(region)}' has no Amazon Connect; Regions with Connect: "
        + ", ".join(connect_regions()),
    )
