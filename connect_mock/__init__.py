"""connect_mock: a faithful, deterministic moto plugin for Amazon Connect's phone-number APIs.

Importing the package registers its operations on moto's Connect service, for in-process mocks
(``mock_aws``, ``mock_connect``) and moto's server alike.
"""

from __future__ import annotations

from . import control as _control
from . import responses as _responses
from . import urls as _urls
from ._moto import ConnectMockCompatibilityWarning
from ._moto import register_connect as _register_connect
from ._moto import register_control as _register_control
from .calls import Call, CallLog
from .clock import Clock
from .exceptions import FixtureError
from .faults import FaultRule, Faults, ThrottleRule
from .mock import ConnectMock, mock_connect

__all__ = [
    "Call",
    "CallLog",
    "Clock",
    "ConnectMock",
    "ConnectMockCompatibilityWarning",
    "FaultRule",
    "Faults",
    "FixtureError",
    "ThrottleRule",
    "__version__",
    "mock_connect",
]
__version__ = "0.1.0"

_register_connect(_urls.PATHS, _responses.handle, _responses.intercept)
_register_control(_control.url_paths)
