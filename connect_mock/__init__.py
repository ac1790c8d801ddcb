"""connect_mock: a faithful, deterministic moto plugin for Amazon Connect's phone-number APIs.

Importing the package makes moto's Connect service serve its operations, for in-process mocks
(``mock_aws``, ``mock_connect``) and moto's server alike. The import itself loads nothing of
moto or botocore (the pytest plugin imports it when pytest starts): the operations are added to
moto's Connect routes right after moto imports them, and the public names below are imported on
first use. So moto reads its settings when the user's code imports moto, as without us.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._moto import after_routes_load

if TYPE_CHECKING:
    from ._http import ConnectMockCompatibilityWarning
    from .control.remote import RemoteConnectMock, RemoteError
    from .core.calls import Call, CallLog
    from .core.clock import Clock
    from .core.errors import FixtureError
    from .faults import FaultRule, Faults, FaultSpec, ThrottleRule, ThrottleSpec
    from .inventory.sources import SourceNumber, SourceNumbers
    from .mock import ConnectMock, current, mock_connect

__all__ = [
    "Call",
    "CallLog",
    "Clock",
    "ConnectMock",
    "ConnectMockCompatibilityWarning",
    "FaultRule",
    "FaultSpec",
    "Faults",
    "FixtureError",
    "RemoteConnectMock",
    "RemoteError",
    "SourceNumber",
    "SourceNumbers",
    "ThrottleRule",
    "ThrottleSpec",
    "__version__",
    "current",
    "mock_connect",
]
__version__ = "0.1.0"

# Where each public name lives, imported on first use: most of them import moto.
_PUBLIC = {
    "Call": ".core.calls",
    "CallLog": ".core.calls",
    "Clock": ".core.clock",
    "ConnectMock": ".mock",
    "ConnectMockCompatibilityWarning": "._http",
    "FaultRule": ".faults",
    "FaultSpec": ".faults",
    "Faults": ".faults",
    "FixtureError": ".core.errors",
    "RemoteConnectMock": ".control.remote",
    "RemoteError": ".control.remote",
    "SourceNumber": ".inventory.sources",
    "SourceNumbers": ".inventory.sources",
    "ThrottleRule": ".faults",
    "ThrottleSpec": ".faults",
    "current": ".mock",
    "mock_connect": ".mock",
}

if not TYPE_CHECKING:  # for mypy, the imports above; a misspelt name stays an error

    def __getattr__(name: str) -> Any:
        module = _PUBLIC.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, __name__), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


def _serve_connect() -> None:
    """Our operations on moto's Connect routes; moto's own pass through our intercept."""
    from ._moto import register_connect
    from .wire import urls
    from .wire.handler import handle, handle_unroutable
    from .wire.intercept import intercept

    register_connect(urls.PATHS, handle, intercept, handle_unroutable)


def _serve_control() -> None:
    """Our control endpoints beside moto's ``/moto-api`` ones."""
    from ._moto import register_control
    from .control import endpoints

    register_control(endpoints.url_paths)


after_routes_load(connect=_serve_connect, control=_serve_control)
