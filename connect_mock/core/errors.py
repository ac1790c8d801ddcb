"""Errors: those the mock returns on the wire, and those it raises at its user."""

from __future__ import annotations

import json
import uuid
from functools import cache
from typing import Any, ClassVar

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

    The status is the model's for the error's code; the body is ``{"Message": ...}`` and the
    code travels in the ``x-amzn-ErrorType`` header, which is where botocore reads it.
    ``members`` are the error shape's other modelled members (InvalidContactFlowException's
    ``problems``), sent next to the message.
    """

    code: ClassVar[str] = "ServiceException"

    def __init__(self, message: str, members: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.members: dict[str, Any] = dict(members or {})

    @property
    def status(self) -> int:
        return _modelled_status(self.code)

    @classmethod
    def declared(cls, code: str, message: str) -> ConnectServiceError:
        """An error of any code the model declares (its status is the model's)."""
        error = cls(message)
        error.code = code  # type: ignore[misc]
        return error

    def redeclared(self, code: str) -> ConnectServiceError:
        """This error as another declared code: same message and members."""
        error = ConnectServiceError.declared(code, self.message)
        error.members = dict(self.members)
        return error

    def to_response(self, request_id: str | None = None) -> Response:
        headers = {
            "Content-Type": "application/json",
            "x-amzn-ErrorType": self.code,
            "x-amzn-RequestId": request_id or str(uuid.uuid4()),
        }
        return self.status, headers, json.dumps({"Message": self.message, **self.members})


class InvalidParameterException(ConnectServiceError):
    code = "InvalidParameterException"


class AccessDeniedException(ConnectServiceError):
    code = "AccessDeniedException"


class ThrottlingException(ConnectServiceError):
    code = "ThrottlingException"


class InternalServiceException(ConnectServiceError):
    code = "InternalServiceException"


class SerializationException(ConnectServiceError):
    """The restJson1 protocol's answer to a body it cannot read (not JSON, wrong JSON type);
    the protocol, not the model, defines it: always 400."""

    code = "SerializationException"

    @property
    def status(self) -> int:
        return 400


class FixtureError(ValueError):
    """A fixture file or mapping is malformed; the message names file, entry and field."""


class ResourceNotFoundException(ConnectServiceError):
    code = "ResourceNotFoundException"


class IdempotencyException(ConnectServiceError):
    code = "IdempotencyException"


class ResourceInUseException(ConnectServiceError):
    code = "ResourceInUseException"


class InvalidRequestException(ConnectServiceError):
    code = "InvalidRequestException"


class DuplicateResourceException(ConnectServiceError):
    code = "DuplicateResourceException"


class ContactFlowNotPublishedException(ConnectServiceError):
    code = "ContactFlowNotPublishedException"


class InvalidContactFlowException(ConnectServiceError):
    """Flow content that does not validate: one ``problems`` entry (ProblemDetail) per
    problem, as the model's error shape carries them."""

    code = "InvalidContactFlowException"

    def __init__(self, problems: list[str]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"The flow content is not valid ({count} {noun}): " + "; ".join(problems),
            {"problems": [{"message": problem} for problem in problems]},
        )
        self.problems = problems
