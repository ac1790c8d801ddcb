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
from functools import lru_cache
from typing import Any

from moto.connect import urls as _connect_urls
from moto.connect.models import connect_backends as _connect_backends
from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.core.responses import BaseResponse
from moto.core.utils import camelcase_to_underscores
from moto.core.utils import get_service_model as _get_service_model
from moto.moto_api import state_manager as _state_manager
from moto.moto_api._internal import urls as _moto_api_urls
from moto.moto_api._internal.managed_state_model import ManagedState
from werkzeug.exceptions import HTTPException

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "BackendDict",
    "BaseBackend",
    "BaseResponse",
    "HTTPException",
    "Handler",
    "ManagedState",
    "RequestInfo",
    "camelcase_to_underscores",
    "connect_model",
    "connect_tags",
    "find_instance",
    "make_server",
    "moto_connect_operations",
    "register_connect_routes",
    "register_moto_api_routes",
    "register_state_transition",
]

Handler = Callable[[Any, str, Any], tuple[int, dict[str, str], Any]]

_lock = threading.Lock()


def register_connect_routes(
    paths: dict[str, Handler], wrap: Callable[[Handler], Handler] | None = None
) -> None:
    """Add our routes to moto's Connect service and pass every Connect handler (moto's and ours)
    through ``wrap``; calling it again changes nothing.

    ``paths`` maps moto-style regexes (``{0}`` stands for the service's URL base) to handlers.
    Ours go first: moto tries routes in order and the first match handles the request.
    """
    with _lock:
        current = _connect_urls.url_paths

        def prepared(handler: Handler, existing: Handler | None) -> Handler:
            if existing is not None and getattr(existing, "__wrapped__", existing) is handler:
                return existing  # registered (and wrapped) before: keep it, stay idempotent
            if wrap is None or getattr(handler, "__connect_mock__", False):
                return handler
            return wrap(handler)

        merged = {path: prepared(handler, current.get(path)) for path, handler in paths.items()}
        for path, handler in current.items():
            if path not in merged:
                merged[path] = prepared(handler, None)
        if list(merged.items()) != list(current.items()):
            current.clear()
            current.update(merged)


def register_moto_api_routes(paths: dict[str, Handler]) -> None:
    """Add control endpoints beside moto's own ``/moto-api/...`` ones (in-process and server)."""
    with _lock:
        _moto_api_urls.url_paths.update(paths)


@lru_cache(maxsize=1)
def moto_connect_operations() -> tuple[str, ...]:
    """Connect operations moto itself implements (a ConnectResponse method per operation)."""
    from moto.connect.responses import ConnectResponse

    return tuple(
        name
        for name in connect_model().operation_names
        if callable(getattr(ConnectResponse, camelcase_to_underscores(name), None))
    )


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


class RequestInfo:
    """Who called which Connect operation, as moto works it out for its own handlers."""

    __slots__ = ("account", "body", "operation", "query", "region", "uri_params")

    def __init__(self, request: Any, full_url: str, headers: Any) -> None:
        # Read and cache the body before moto looks at the form: werkzeug parses a body sent as
        # application/x-www-form-urlencoded (curl -d) into form fields and empties ``data``.
        if hasattr(request, "get_data"):
            request.get_data(cache=True)
        probe = BaseResponse(service_name="connect")
        probe.setup_class(request, full_url, headers, use_raw_body=True)
        # moto's router matches method and path against botocore's model (ours included).
        self.operation: str | None = probe._get_action_from_method_and_request_uri(request)
        self.uri_params: dict[str, str] = dict(probe.uri_match)
        self.account: str = probe.current_account
        self.region: str = probe.region
        self.body: bytes = probe.raw_body or b""
        self.query: dict[str, list[str]] = (
            {key: list(values) for key, values in probe.querystring.items()}
            if probe.parsed_url.query
            else {}
        )


def connect_tags(account_id: str, region: str) -> Any:
    """moto's Connect tagging service for this account and region (Tag/Untag/ListTagsForResource
    on any ARN, ours included)."""
    return _connect_backends[account_id][region].tagger


def register_state_transition(model_name: str) -> None:
    """Make ``model_name`` progress through moto's state manager, immediately by default
    (tests change it with ``moto.moto_api.state_manager.set_transition``)."""
    _state_manager.register_default_transition(model_name, transition={"progression": "immediate"})


def make_server(host: str, port: int) -> Any:
    """moto's server (every service, ours included) as a werkzeug server, not yet serving."""
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server as _make_server

    app = DomainDispatcherApplication(create_backend_app)
    return _make_server(host, port, app, threaded=True, request_handler=MotoRequestHandler)
