"""connect_mock: a faithful, deterministic moto plugin for Amazon Connect's phone-number APIs.

Importing the package registers its operations on moto's Connect service, for in-process mocks
(``mock_aws``, ``mock_connect``) and moto's server alike.
"""

from __future__ import annotations

from ._http import ConnectMockCompatibilityWarning
from ._moto import register_connect as _register_connect
from ._moto import register_control as _register_control
from .control import endpoints as _endpoints
from .control.remote import RemoteConnectMock, RemoteError
from .core.calls import Call, CallLog
from .core.clock import Clock
from .core.errors import FixtureError
from .faults import FaultRule, Faults, ThrottleRule
from .mock import ConnectMock, current, mock_connect
from .wire import urls as _urls
from .wire.handler import handle as _handle
from .wire.handler import handle_unroutable as _handle_unroutable
from .wire.intercept import intercept as _intercept

__all__ = [
    "Call",
    "CallLog",
    "Clock",
    "ConnectMock",
    "ConnectMockCompatibilityWarning",
    "FaultRule",
    "Faults",
    "FixtureError",
    "RemoteConnectMock",
    "RemoteError",
    "ThrottleRule",
    "__version__",
    "current",
    "mock_connect",
]
__version__ = "0.1.0"

_register_connect(_urls.PATHS, _handle, _intercept, _handle_unroutable)
_register_control(_endpoints.url_paths)
