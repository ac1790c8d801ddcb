"""Every touch of moto's internals lives here, so that a moto upgrade breaks one file.

moto has no plugin mechanism. What we rely on (moto 5.1 and 5.2):

- ``moto.connect.urls.url_paths`` is read on every in-process request (``BaseBackend.urls``) and
  once, when moto's server builds the Flask app for ``connect`` lazily on the first Connect
  request. Adding our routes to that dict at import time serves both.
- ``moto.core.responses.BaseResponse.setup_class`` works out account, region and body;
  ``_authenticate_and_authorize_normal_action`` applies IAM enforcement and asks ``_get_action``.
- ``BackendDict`` instances register themselves on first use and are wiped by
  ``BackendDict.reset()`` (every mock start, ``/moto-api/reset``).
- ``moto.core.utils.get_service_model`` caches botocore service models.
- Connect instances live in ``moto.connect.models.connect_backends[account][region].instances``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from moto.connect import urls as _connect_urls
from moto.connect.models import connect_backends as _connect_backends
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.exceptions import HTTPException
from moto.core.responses import BaseResponse
from moto.core.utils import get_service_model as _get_service_model

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "BackendDict",
    "BaseBackend",
    "BaseResponse",
    "HTTPException",
    "Handler",
    "connect_model",
    "find_instance",
    "register_connect_routes",
]

Handler = Callable[[Any, str, Any], tuple[int, dict[str, str], Any]]

_lock = threading.Lock()


def register_connect_routes(paths: dict[str, Handler]) -> None:
    """Add our routes to moto's Connect service; calling it again changes nothing.

    ``paths`` maps moto-style regexes (``{0}`` stands for the service's URL base) to handlers.
    Ours go first: moto tries routes in order and the first match handles the request.
    """
    with _lock:
        current = _connect_urls.url_paths
        if all(current.get(path) is handler for path, handler in paths.items()):
            return
        merged = dict(paths)
        merged.update((k, v) for k, v in current.items() if k not in paths)
        current.clear()
        current.update(merged)


def connect_model() -> Any:
    """botocore's Connect service model, from the cache moto's own Connect routing fills.

    Loading it costs ~0.1 s; sharing moto's cache means a test pays it once, not twice.
    """
    return _get_service_model("connect")


def find_instance(account_id: str, region: str, instance_id: str) -> Any | None:
    """moto's Connect instance with this id in this account and region, or None.

    Looking it up must not create backends for accounts nobody used, so we check membership
    before indexing (indexing a BackendDict creates the account's backend).
    """
    if account_id not in _connect_backends:
        return None
    regions = _connect_backends[account_id]
    # Not `in regions`: AccountSpecificBackend answers True for every known region name.
    if region not in regions.keys():  # noqa: SIM118
        return None
    return regions[region].instances.get(instance_id)
