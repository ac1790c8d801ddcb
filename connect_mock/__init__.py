"""connect_mock: a faithful, deterministic moto plugin for Amazon Connect's phone-number APIs.

Importing the package registers its operations on moto's Connect service, for in-process mocks
(``mock_aws``, ``mock_connect``) and moto's server alike.
"""

from __future__ import annotations

from . import urls as _urls
from ._moto import register_connect_routes as _register
from .exceptions import FixtureError
from .mock import ConnectMock, mock_connect

__all__ = ["ConnectMock", "FixtureError", "__version__", "mock_connect"]
__version__ = "0.1.0"

_register(_urls.url_paths)
