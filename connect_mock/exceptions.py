"""Errors: those the mock returns on the wire, and those it raises at its user."""

from __future__ import annotations

import json
import uuid
from typing import ClassVar

__all__ = [
    "AccessDeniedException",
    "ConnectServiceError",
    "FixtureError",
    "IdempotencyException",
    "InternalServiceException",
    "InvalidParameterException",
    "InvalidRequestException",
    "ResourceInUseException",
    "ResourceNotFoundException",
    "SerializationException",
    "ThrottlingException",
]

Response = tuple[int, dict[str, str], str]


class ConnectServiceError(Exception):
    """An error the mocked service answers with, serialized as restJson1 says.

    Status and code are those of botocore's model; the body is ``{"Message": ...}`` and the
    code travels in the ``x-amzn-ErrorType`` header, which is where botocore reads it.
    """

    code: ClassVar[str] = "ServiceException"
    status: ClassVar[int] = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @classmethod
    def declared(cls, code: str, status: int, message: str) -> ConnectServiceError:
        """An error of any code the model declares (for injected faults)."""
        error = cls(message)
        error.code = code  # type: ignore[misc]
        error.status = status  # type: ignore[misc]
        return error

    def to_response(self, request_id: str | None = None) -> Response:
        headers = {
            "Content-Type": "application/json",
            "x-amzn-ErrorType": self.code,
            "x-amzn-RequestId": request_id or str(uuid.uuid4()),
        }
        return self.status, headers, json.dumps({"Message": self.message})


class InvalidParameterException(ConnectServiceError):
    code = "InvalidParameterException"
    status = 400


class AccessDeniedException(ConnectServiceError):
    code = "AccessDeniedException"
    status = 403


class ThrottlingException(ConnectServiceError):
    code = "ThrottlingException"
    status = 429


class InternalServiceException(ConnectServiceError):
    code = "InternalServiceException"
    status = 500


class SerializationException(ConnectServiceError):
    """The restJson1 protocol's answer to a body it cannot read (not JSON, wrong JSON type)."""

    code = "SerializationException"
    status = 400


class FixtureError(ValueError):
    """A fixture file or mapping is malformed; the message names file, entry and field."""


class ResourceNotFoundException(ConnectServiceError):
    code = "ResourceNotFoundException"
    status = 404


class IdempotencyException(ConnectServiceError):
    code = "IdempotencyException"
    status = 409


class ResourceInUseException(ConnectServiceError):
    code = "ResourceInUseException"
    status = 409


class InvalidRequestException(ConnectServiceError):
    code = "InvalidRequestException"
    status = 400
