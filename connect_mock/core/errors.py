"""Errors: those the mock returns on the wire, and those it raises at its user."""

from __future__ import annotations

import json
import uuid
from functools import cache
from typing import Any

__all__ = [
    "AccessDeniedException",
    "ConnectServiceError",
    "ContactFlowNotPublishedException",
    "DuplicateResourceException",
    "FixtureError",
    "IdempotencyException",
    "InternalServiceException",
    "InvalidContactFlowException",
    "InvalidParameterException",
    "InvalidRequestException",
    "ResourceInUseException",
    "ResourceNotFoundException",
    "SerializationException",
    "ThrottlingException",
]

Response = tuple[int, dict[str, str], str]


@cache
def _modelled_status(code: str) -> int:
    """The HTTP status botocore's model gives the error shape ``code``."""
    from .._moto import connect_model

    return int(connect_model().shape_for(code).metadata["error"]["httpStatusCode"])


class ConnectServiceError(Exception):
    """An error the mocked service answers with, serialized as restJson1 says.

    ``code`` names one of the error shapes of botocore's Connect model: a subclass's is its own
    name (each subclass below is named after its shape, so that ``InvalidParameterException(
    "...")`` is one); any other is given as ``code=`` (or through ``declared``). The status is
    the model's for that shape; the body is ``{"Message": ...}`` and the code travels in the
    ``x-amzn-ErrorType`` header, which is where botocore reads it. ``members`` are the error
    shape's other modelled members (InvalidContactFlowException's ``problems``), sent next to
    the message.
    """

    def __init__(
        self, message: str, members: dict[str, Any] | None = None, *, code: str | None = None
    ) -> None:
        super().__init__(message)
        if code is None:
            if type(self) is ConnectServiceError:
                raise TypeError(
                    "ConnectServiceError(message, code=...) needs the code of an error shape "
                    "of the model (or raise the subclass named after it)"
                )
            code = type(self).__name__
        self.code: str = code
        self.message = message
        self.members: dict[str, Any] = dict(members or {})

    @property
    def status(self) -> int:
        return _modelled_status(self.code)

    @staticmethod
    def declared(code: str, message: str) -> ConnectServiceError:
        """An error of any code the model declares (its status is the model's)."""
        return ConnectServiceError(message, code=code)

    def redeclared(self, code: str) -> ConnectServiceError:
        """This error as another declared code: same message and members."""
        return ConnectServiceError(self.message, self.members, code=code)

    def to_response(self, request_id: str | None = None) -> Response:
        headers = {
            "Content-Type": "application/json",
            "x-amzn-ErrorType": self.code,
            "x-amzn-RequestId": request_id or str(uuid.uuid4()),
        }
        return self.status, headers, json.dumps({"Message": self.message, **self.members})


class InvalidParameterException(ConnectServiceError):
    """A parameter is not valid (the service's usual answer to bad input)."""


class AccessDeniedException(ConnectServiceError):
    """The caller may not do this (IAM, or another account's resource)."""


class ThrottlingException(ConnectServiceError):
    """Too many requests."""


class InternalServiceException(ConnectServiceError):
    """The service failed."""


class SerializationException(ConnectServiceError):
    """The restJson1 protocol's answer to a body it cannot read (not JSON, wrong JSON type);
    the protocol, not the model, defines it: always 400."""

    @property
    def status(self) -> int:
        return 400


class FixtureError(ValueError):
    """A fixture file or mapping is malformed; the message names file, entry and field."""


class ResourceNotFoundException(ConnectServiceError):
    """What a request names does not exist."""


class IdempotencyException(ConnectServiceError):
    """A ClientToken was used before with other parameters."""


class ResourceInUseException(ConnectServiceError):
    """The resource is busy (a claim in progress, a number in use)."""


class InvalidRequestException(ConnectServiceError):
    """The request is not valid (the traffic distribution group operations' bad input)."""


class DuplicateResourceException(ConnectServiceError):
    """A resource of that name exists."""


class ContactFlowNotPublishedException(ConnectServiceError):
    """The flow is saved, not published."""


class InvalidContactFlowException(ConnectServiceError):
    """Flow content that does not validate: one ``problems`` entry (ProblemDetail) per
    problem, as the model's error shape carries them."""

    def __init__(self, problems: list[str]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"The flow content is not valid ({count} {noun}): " + "; ".join(problems),
            {"problems": [{"message": problem} for problem in problems]},
        )
        self.problems = problems
