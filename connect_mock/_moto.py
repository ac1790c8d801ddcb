"""The adapter: the only module that imports moto or werkzeug, so that a moto upgrade breaks one
file. Everything else in connect_mock sees plain functions and small types of ours.

moto has no plugin mechanism. What we rely on, checked on every moto release with a Connect
service (5.1.21, the first, to 5.2.5):

- ``moto.connect.urls.url_paths``, read per request in process and once by the server (on its
  first Connect request): our routes are added to it right after moto imports the module
  (``after_routes_load``, an import hook), so that nothing of moto is imported before the user's
  code imports it.
- ``BaseResponse.setup_class`` works out account, Region and body; ``_get_action`` names the
  action moto's IAM enforcement (``_authenticate_and_authorize_normal_action``) checks.
- ``BackendDict`` registers itself on first use; ``BackendDict.reset()`` (every mock start,
  ``/moto-api/reset``) re-creates its backends, wiping our state with moto's.
- ``moto.moto_api.state_manager`` progresses ``ManagedState`` models (IN_PROGRESS -> CLAIMED).

Where releases differ we detect the feature, never the version string:

- 5.2.4 hands handlers moto's own normalized ``Request`` (before: a ``requests`` request in
  process, a werkzeug one in the server) and gave ``setup_class`` defaults for
  ``full_url``/``headers``. We pass all four arguments positionally, which every release takes.
- 5.2.5 changed ``_get_action_from_method_and_request_uri`` from ``(method, request_uri)`` to
  ``(request)``. We do not use it: operations are routed from botocore's model (``wire``).
- 5.2.5 added ``werkzeug_app.MotoRequestHandler`` (keeps headers with underscores); the server
  uses it where it exists.

If a future moto changes something used here, moto's own Connect operations keep working:
their handlers are called untouched, and one ``ConnectMockCompatibilityWarning`` names the moto
release and says to upgrade connect_mock.
"""

from __future__ import annotations

import importlib
import importlib.abc
import json
import re
import socket
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from functools import cache, lru_cache
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qs

from ._http import (
    DEFAULT_ACCOUNT_ID,
    RawHandler,
    Request,
    Response,
    as_bytes,
    moto_version,
    read_without_moto,
    report_incompatibility,
)

T = TypeVar("T")

_lock = threading.Lock()


# --- requests ------------------------------------------------------------------------------


def _moto_response_class() -> Any:
    from moto.core.responses import BaseResponse

    class _Probe(BaseResponse):
        """moto's request reader; ``_get_action`` tells IAM enforcement our operation."""

        operation = ""

        def _get_action(self) -> str:
            return self.operation

    return _Probe


_probe_class: Any = None


def read_request(raw: Any, full_url: str, headers: Any, reader: Any = None) -> Request:
    """Read a request moto routed to a Connect handler, as moto reads it for its own.

    ``reader``: the instance of moto's response class that will answer the request (moto's own
    operations), set up exactly as moto's ``_dispatch`` sets it up, so that the request is read
    once for both of us; else a probe of ours reads it."""
    global _probe_class
    # Read and cache the body before moto looks at the form: werkzeug parses a body sent as
    # application/x-www-form-urlencoded (curl -d) into form fields and empties ``data``.
    if hasattr(raw, "get_data"):
        raw.get_data(cache=True)
    try:
        if reader is not None:
            probe = reader
            probe.setup_class(raw, full_url, headers)
        else:
            if _probe_class is None:
                _probe_class = _moto_response_class()
            probe = _probe_class(service_name="connect")
            probe.setup_class(raw, full_url, headers, True)
        return Request(
            account=str(probe.current_account),
            region=str(probe.region),
            method=str(probe.method),
            path=str(probe.raw_path).split("?", 1)[0],
            query=parse_qs(probe.parsed_url.query, keep_blank_values=True),
            headers=probe.headers,
            body=as_bytes(probe.raw_body),
            _probe=probe,
        )
    except (AttributeError, ImportError, TypeError) as error:
        # The shape of moto's private API changed: read what we can ourselves. (Anything else
        # is a request moto cannot read either, and goes up as it would without us.)
        report_incompatibility("read Connect requests", error)
        return read_without_moto(raw, full_url, headers)


def _answering_class(moto_handler: Callable[..., Any]) -> Any:
    """The moto response class behind ``moto_handler`` when its dispatch is exactly
    ``setup_class`` then ``call_action`` (every release from 5.1.21 to 5.2.5), else None: its
    requests can then be read once, by that class, for us and for moto."""
    try:
        from moto.core.responses import BaseResponse
    except ImportError:
        return None
    owner = getattr(moto_handler, "__self__", None)
    dispatch = getattr(owner, "_dispatch", None)
    code = getattr(getattr(dispatch, "__func__", dispatch), "__code__", None)
    if (
        isinstance(owner, type)
        and issubclass(owner, BaseResponse)
        and callable(getattr(owner, "call_action", None))
        and code is not None
        and tuple(code.co_names) == ("setup_class", "call_action")
    ):
        return owner
    return None


def authorize(request: Request, operation: str) -> str | None:
    """Apply moto's IAM enforcement to ``connect:<operation>``: None if allowed, else the
    denial's message. Allowed when moto's enforcement cannot be reached (warned once)."""
    probe = request._probe
    check = getattr(probe, "_authenticate_and_authorize_normal_action", None)
    if check is None:
        report_incompatibility(
            "apply IAM enforcement", AttributeError("_authenticate_and_authorize_normal_action")
        )
        return None
    from werkzeug.exceptions import HTTPException

    probe.operation = operation
    try:
        check("*")
    except HTTPException as denied:
        description = str(getattr(denied, "description", "") or denied)
        # 5.1.x wraps the message in CDATA; 5.2.x does not.
        found = re.search(r"<Message>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</Message>", description, re.S)
        return found.group(1) if found else description
    return None


# --- routes ----------------------------------------------------------------------------------


# The modules whose ``url_paths`` we add to. moto imports each one the first time it routes a
# request to that service (in process: ``BaseBackend._url_module`` on the first request under
# ``mock_aws``; the server: when it builds the service's app, on its first request for it) and
# reads ``url_paths`` from it then (in process: on every request).
CONNECT_ROUTES = "moto.connect.urls"
CONTROL_ROUTES = "moto.moto_api._internal.urls"


def _marked(handler: Callable[..., Any]) -> Callable[..., Any]:
    # Not functools.wraps: moto's server names Flask endpoints after a handler called "dispatch"
    # by reading its __self__, which our wrappers do not have.
    handler.__connect_mock__ = True  # type: ignore[attr-defined]
    return handler


# URI labels of moto's routes and what they miss on the server, which routes on the decoded
# path: a label that takes no slash misses an ARN sent as a label (%2F), and one of ".+" a
# decoded newline (%0A). The same route with such a label matches only what moto's cannot.
_SLASHLESS_LABEL = re.compile(r"\(\?P<(\w+)>\[\^/\]\+\)")
_DOT_LABEL = re.compile(r"\(\?P<(\w+)>\.\+\)")


def _unroutable_variant(path: str) -> str | None:
    """moto's route ``path`` with its labels holding what they cannot (a slash, a newline), or
    None if it has no label."""
    if _SLASHLESS_LABEL.search(path) is None and _DOT_LABEL.search(path) is None:
        return None
    path = _SLASHLESS_LABEL.sub(r"(?P<\1>[^/]+/[\\s\\S]+)", path)
    return _DOT_LABEL.sub(r"(?P<\1>[\\s\\S]*\\n[\\s\\S]*)", path)


def _add_fallbacks(merged: dict[str, Any], fallback_handler: Callable[[], RawHandler]) -> None:
    """After moto's routes: each with its slash-less labels holding a slash (see
    ``_unroutable_variant``), served by ``fallback_handler()``."""
    for path, existing in list(merged.items()):
        fallback = _unroutable_variant(path)
        if getattr(existing, "__wrapped__", None) is not None and fallback is not None:
            merged.setdefault(fallback, fallback_handler())


def register_connect(
    paths: Iterable[str],
    handler: Callable[[T], Response],
    intercept: Callable[[Request, Callable[[T], Response]], Response],
    unroutable: Callable[[T], Response] | None = None,
) -> None:
    """Serve ``paths`` (moto-style regexes, ``{0}`` standing for the URL base) on moto's Connect
    service with ``handler``, and pass every Connect request (moto's operations too) through
    ``intercept(request, answer)``, which reads the request once and hands ``answer`` what it
    read: ``handler`` takes it; moto's own handlers ignore it and get the request as moto routed
    it. Ours go first: moto tries routes in order. ``unroutable`` answers what moto's routes
    miss on the server (see ``_unroutable_variant``). Calling it again changes
    nothing."""
    try:
        # Not `from moto.connect import urls`: while moto imports the module afresh (a test
        # removed it from sys.modules), the package's attribute is still the old module.
        connect_urls = importlib.import_module(CONNECT_ROUTES)
    except ImportError as error:
        report_incompatibility("find moto's Connect service", error)
        return

    def serving(answer: Callable[[T], Response]) -> RawHandler:
        def ours(raw: Any, full_url: str, headers: Any) -> Response:
            request = read_request(raw, full_url, headers)
            if not request.complete:
                message = f"connect_mock cannot read requests with moto {moto_version()}"
                headers = {"Content-Type": "application/json"}
                headers["x-amzn-ErrorType"] = "InternalServiceException"
                return 500, headers, json.dumps({"Message": f"{message}; upgrade connect_mock"})
            return intercept(request, answer)

        return _marked(ours)

    def theirs(moto_handler: RawHandler) -> RawHandler:
        answering = _answering_class(moto_handler)

        def connect_mock_intercept(raw: Any, full_url: str, headers: Any) -> Response:
            if answering is None:
                request = read_request(raw, full_url, headers)
                return intercept(request, lambda _read: moto_handler(raw, full_url, headers))
            # One read for both: moto's handler answers from the instance that read it for us.
            reader = answering()
            try:
                request = read_request(raw, full_url, headers, reader)
            except UnicodeDecodeError:
                # moto's reading decodes the body as UTF-8; ours keeps it raw, so that the
                # intercept refuses it as the protocol says (SerializationException).
                request = read_request(raw, full_url, headers)
            if request._probe is not reader:
                return intercept(request, lambda _read: moto_handler(raw, full_url, headers))
            return intercept(request, lambda read: _call_action(reader, read))

        connect_mock_intercept.__wrapped__ = moto_handler  # type: ignore[attr-defined]
        return _marked(connect_mock_intercept)

    with _lock:
        current: dict[str, Any] = connect_urls.url_paths
        merged: dict[str, Any] = {}
        for path in paths:
            existing = current.get(path)
            merged[path] = existing if _is_ours(existing) else serving(handler)
        for path, existing in current.items():
            if path not in merged:
                merged[path] = existing if _is_ours(existing) else theirs(existing)
        if unroutable is not None:
            _add_fallbacks(merged, lambda: serving(unroutable))
        if list(merged.items()) != list(current.items()):
            current.clear()
            current.update(merged)


# Content types for which moto's router (5.2.x: by protocol, from the Content-Type) finds no
# restJson1 operation: it answers an empty 404. Before 5.2, moto routed by URL alone.
_UNROUTED_CONTENT_TYPES = ("application/x-amz-json", "application/x-www-form-urlencoded")


def _call_action(reader: Any, read: Any) -> Response:
    """moto's answer from the response instance that read the request. A restJson1 request
    sent with a JSON 1.x or form Content-Type, which AWS serves and moto's 5.2 router misses,
    goes to the operation our routing found in botocore's model (``read.operation``) with its
    URI labels, where moto keeps them by name (``uri_match``, a dict from 5.2 on)."""
    operation = getattr(read, "operation", None)
    content_type = str(reader.headers.get("Content-Type") or "")
    if (
        operation
        and content_type.startswith(_UNROUTED_CONTENT_TYPES)
        and isinstance(getattr(reader, "uri_match", None), dict)
    ):
        reader.uri_match = dict(getattr(read, "uri_params", ()))
        reader._get_action = lambda: operation
    response: Response = reader.call_action()
    return response


def _is_ours(handler: Any) -> bool:
    return bool(getattr(handler, "__connect_mock__", False))


def register_control(paths: Mapping[str, Callable[[str, bytes], Response]]) -> None:
    """Serve control endpoints beside moto's own ``/moto-api/...`` ones (in-process and server).

    Each handler gets the method and the raw body."""
    try:
        moto_api_urls = importlib.import_module(CONTROL_ROUTES)  # as in register_connect
    except ImportError as error:
        report_incompatibility("register its control endpoints", error)
        return

    def adapt(endpoint: Callable[[str, bytes], Response]) -> RawHandler:
        def control(raw: Any, full_url: str, headers: Any) -> Response:
            if hasattr(raw, "get_data"):
                body = raw.get_data(cache=True)
            else:
                body = getattr(raw, "body", None) or b""
            return endpoint(str(raw.method), as_bytes(body))

        return _marked(control)

    with _lock:
        current: dict[str, Any] = moto_api_urls.url_paths
        for path, endpoint in paths.items():
            if not _is_ours(current.get(path)):
                current[path] = adapt(endpoint)
        reset = current.get(_RESET_PATH)
        if reset is not None and not _is_ours(reset):
            current[_RESET_PATH] = _resetting_transitions(reset)


# moto's reset endpoint (every release): it re-creates the backends but leaves the state
# manager's transitions, which would then outlive the test that set them.
_RESET_PATH = "{0}/moto-api/reset"


def _resetting_transitions(moto_reset: RawHandler) -> RawHandler:
    def reset(raw: Any, full_url: str, headers: Any) -> Response:
        answer = moto_reset(raw, full_url, headers)
        if str(getattr(raw, "method", "")).upper() == "POST" and answer[0] == 200:
            _unset_transitions()
        return answer

    reset.__wrapped__ = moto_reset  # type: ignore[attr-defined]
    return _marked(reset)


# --- when moto loads its routes ------------------------------------------------------------


def after_routes_load(*, connect: Callable[[], None], control: Callable[[], None]) -> None:
    """Call ``connect()`` right after moto imports its Connect routes and ``control()`` right
    after it imports its ``/moto-api`` routes: now for a module already imported, and again
    whenever one is imported afresh (a test that deleted it from ``sys.modules``).

    This imports nothing of moto. Waiting for the routes rather than for ``import moto`` means
    that moto is imported when (and only when) the user's code imports it, so that the settings
    moto reads at import (``S3_UPLOAD_PART_MIN_SIZE``, ``MOTO_ENABLE_AMI_VALIDATION``,
    ``TEST_SERVER_MODE``...) are those the user's conftest.py or pytest-env set; and that a
    suite using moto without Connect pays nothing for us. Nothing can route a Connect request
    before the routes module is imported, so our operations are there for the first one. An
    exception raised by a callback goes up the import that triggered it, as it went up
    ``import connect_mock`` before: a connect_mock bug must not pass unnoticed.
    """
    callbacks = {CONNECT_ROUTES: connect, CONTROL_ROUTES: control}
    finder = _RoutesFinder(callbacks)
    with _lock:
        # One finder per process: a re-imported connect_mock replaces the one installed before.
        sys.meta_path[:] = [
            found for found in sys.meta_path if getattr(found, "_KIND", None) != finder._KIND
        ]
        sys.meta_path.insert(0, finder)
    for name, callback in callbacks.items():
        if name in sys.modules:
            callback()


class _RoutesFinder(importlib.abc.MetaPathFinder):
    """Finds nothing itself: for a watched module it asks the finders after it, and wraps the
    loader they return so that the module's callback runs right after the module's code."""

    # Compared by value: a connect_mock imported afresh has a class of its own.
    _KIND = "connect_mock routes finder"

    def __init__(self, callbacks: Mapping[str, Callable[[], None]]) -> None:
        self._callbacks = dict(callbacks)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        callback = self._callbacks.get(fullname)
        if callback is None:
            return None
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            if finder is self or find_spec is None:
                continue
            spec: ModuleSpec | None = find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _ThenCall(spec.loader, callback)
                return spec
        return None


class _ThenCall(importlib.abc.Loader):
    """A module's own loader, then a callback once the module's code has run."""

    def __init__(self, loader: importlib.abc.Loader, callback: Callable[[], None]) -> None:
        self._loader = loader
        self._callback = callback

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        # What reads the module's loader afterwards (inspect.getsource, coverage, importlib's
        # reload) sees moto's own.
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        self._callback()


# --- Connect model and moto's Connect backend ----------------------------------------------


def connect_model() -> Any:
    """botocore's Connect service model, loaded once."""
    return service_model("connect")


@lru_cache(maxsize=4)
def service_model(service: str) -> Any:
    """botocore's model of ``service`` (``connect``, ``pinpoint-sms-voice-v2``), loaded once.

    Through moto's loader when it has one, so that a test pays the ~0.1 s load once, not twice.
    """
    try:
        from moto.core.utils import get_service_model

        return get_service_model(service)
    except (ImportError, AttributeError, TypeError) as error:
        report_incompatibility("share moto's service-model cache", error)
        import botocore.session

        return botocore.session.get_session().get_service_model(service)


@cache
def model_enum(shape_name: str, service: str = "connect") -> tuple[str, ...]:
    """The values of the enum ``shape_name`` in botocore's model of ``service``, in the
    model's order (the order lists answer in)."""
    return tuple(service_model(service).shape_for(shape_name).enum)


@lru_cache(maxsize=1)
def moto_connect_operations() -> tuple[str, ...]:
    """Connect operations moto itself implements (a ConnectResponse method per operation)."""
    from botocore import xform_name

    try:
        from moto.connect.responses import ConnectResponse
    except ImportError:
        return ()
    return tuple(
        name
        for name in connect_model().operation_names
        if callable(getattr(ConnectResponse, xform_name(name), None))
    )


def unknown_regions_allowed() -> bool:
    """Whether moto serves Regions botocore does not list (MOTO_ALLOW_NONEXISTENT_REGION)."""
    from moto import settings

    allowed = getattr(settings, "allow_unknown_region", None)
    return bool(allowed()) if callable(allowed) else False


def _connect_backends() -> Any:
    from moto.connect.models import connect_backends

    return connect_backends


def find_instance(account_id: str, region: str, instance_id: str) -> Any | None:
    """moto's Connect instance with this id in this account and Region, or None.

    Looking it up must not create backends for accounts nobody used, so we check membership
    before indexing (indexing a BackendDict creates the account's backend).
    """
    backends = _connect_backends()
    if account_id not in backends:
        return None
    regions = backends[account_id]
    # Not `in regions`: AccountSpecificBackend answers True for every known region name.
    if region not in regions.keys():  # noqa: SIM118
        return None
    return regions[region].instances.get(instance_id)


# moto's Instance keeps CreateInstance's two flags as these attributes (5.1.21-5.2.5).
_CALL_FLAGS = {"INBOUND_CALLS": "inbound_calls_enabled", "OUTBOUND_CALLS": "outbound_calls_enabled"}


def instance_call_flag(instance: Any, attribute: str) -> bool | None:
    """CreateInstance's ``InboundCallsEnabled`` / ``OutboundCallsEnabled`` as moto's instance
    holds them, for the attribute ``INBOUND_CALLS`` / ``OUTBOUND_CALLS``; None for another
    attribute, or when moto's instance has no such flag (warned once)."""
    name = _CALL_FLAGS.get(attribute)
    if name is None:
        return None
    if not hasattr(instance, name):
        report_incompatibility("read an instance's call flags", AttributeError(name))
        return None
    return bool(getattr(instance, name))


def set_instance_call_flag(instance: Any, attribute: str, enabled: bool) -> bool:
    """Set moto's flag behind ``INBOUND_CALLS`` / ``OUTBOUND_CALLS`` (DescribeInstance and
    ListInstances answer it); False when ``attribute`` has no such flag."""
    name = _CALL_FLAGS.get(attribute)
    if name is None or not hasattr(instance, name):
        return False
    setattr(instance, name, enabled)
    return True


# Tags live in moto's Connect tagging service of an account and Region (Tag/Untag/
# ListTagsForResource on any ARN, ours included): one store for moto's resources and ours.


def _tagger(account_id: str, region: str) -> Any:
    return _connect_backends()[account_id][region].tagger


def resource_tags(account_id: str, region: str, arn: str) -> dict[str, str]:
    """The tags of ``arn`` kept in this account and Region."""
    return dict(_tagger(account_id, region).get_tag_dict_for_resource(arn))


def tag_resource(account_id: str, region: str, arn: str, tags: Mapping[str, str]) -> None:
    """Add ``tags`` to ``arn`` (overwriting the values of keys it has)."""
    pairs = [{"Key": key, "Value": value} for key, value in tags.items()]
    _tagger(account_id, region).tag_resource(arn, pairs)


def untag_resource(account_id: str, region: str, arn: str, keys: Sequence[str]) -> None:
    """Remove ``keys`` from ``arn`` (keys it does not have are ignored)."""
    _tagger(account_id, region).untag_resource_using_names(arn, list(keys))


def drop_tags(account_id: str, region: str, arn: str) -> None:
    """Forget every tag of ``arn`` (a resource deleted)."""
    _tagger(account_id, region).delete_all_tags_for_resource(arn)


# --- state -----------------------------------------------------------------------------------


class RegionStore(Generic[T]):
    """State of ours per account and Region that moto's reset wipes with its own.

    ``factory(account_id, region)`` builds one Region's state; ``extra_regions`` are slots
    beyond Connect's Regions (e.g. ``"aws"``, moto's partition-wide slot).
    """

    def __init__(
        self, factory: Callable[[str, str], T], *, extra_regions: Iterable[str] = ()
    ) -> None:
        from moto.core.base_backend import BackendDict, BaseBackend

        class _Slot(BaseBackend):
            def __init__(self, region_name: str, account_id: str) -> None:
                super().__init__(region_name, account_id)
                self.state = factory(account_id, region_name)

        self._backends = BackendDict(_Slot, "connect", additional_regions=list(extra_regions))

    def get(self, account_id: str, region: str) -> T:
        """This account and Region's state, created on first use."""
        state: T = self._backends[account_id][region].state
        return state


class ResetScoped(Generic[T]):
    """One object of ours, process-wide, that moto's reset re-creates with its own state."""

    # moto keeps partition-wide state (IAM, Route 53...) in a backend slot named after the
    # partition; ours lives in the same kind of slot, under moto's default account.
    _SLOT = "aws"

    def __init__(self, factory: Callable[[], T]) -> None:
        self._store = RegionStore(lambda account, region: factory(), extra_regions=[self._SLOT])

    def get(self) -> T:
        return self._store.get(DEFAULT_ACCOUNT_ID, self._SLOT)


# Our models and their default transitions, as registered with moto's state manager.
_DEFAULT_TRANSITIONS: dict[str, dict[str, Any]] = {}


def register_state_transition(model_name: str) -> None:
    """Make ``model_name`` progress through moto's state manager, immediately by default
    (tests change it with ``moto.moto_api.state_manager.set_transition``)."""
    from moto.moto_api import state_manager

    transition = {"progression": "immediate"}
    _DEFAULT_TRANSITIONS[model_name] = transition
    state_manager.register_default_transition(model_name, transition=transition)


def isolate_transitions() -> Callable[[], None]:
    """Put our models back on their default transitions (what a test set with
    ``state_manager.set_transition`` is unset); returns what puts back the transitions there
    were before, for the end of the mock, so that no transition outlives the mock it was set in.

    Only the public ``get_transition``/``set_transition``/``unset_transition`` are used (every
    release 5.1.21-5.2.5): a saved transition equal to the default is restored by unsetting."""
    from moto.moto_api import state_manager

    saved = {name: state_manager.get_transition(name) for name in _DEFAULT_TRANSITIONS}
    _unset_transitions()

    def restore() -> None:
        for name, transition in saved.items():
            if transition == _DEFAULT_TRANSITIONS[name]:
                state_manager.unset_transition(name)
            else:
                state_manager.set_transition(name, transition)

    return restore


def _unset_transitions() -> None:
    from moto.moto_api import state_manager

    for name in _DEFAULT_TRANSITIONS:
        state_manager.unset_transition(name)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


# What "time" progressions read: the running mock's clock once runtime sets it (wall time until).
_progress_clock: Callable[[], datetime] = _utc_now


def set_progress_clock(now: Callable[[], datetime]) -> None:
    """Make "time" progressions of our models read ``now()`` (the running mock's clock)."""
    global _progress_clock
    _progress_clock = now


class Progress:
    """A status moving through ``transitions`` as moto's state manager says for ``model_name``:
    immediately, after N describes with ``advance()`` ("manual"), or after some seconds
    ("time") of the running mock's clock, so that ``cm.clock.advance(n)`` moves it.

    moto's ManagedState measures "time" in wall time (``datetime.now()``, ``utcnow()`` in
    earlier releases): rather than patch it, we read the transition through the state manager's
    public ``get_transition`` (every release) and apply moto's rules ourselves, to the same
    effect: "immediate" goes to the last status; "manual" to the next after ``times`` ticks;
    "time" to the next once more than ``seconds`` have passed since the last step."""

    __slots__ = ("_model", "_since", "_status", "_tick", "_transitions")

    def __init__(self, model_name: str, transitions: list[tuple[str, str]]) -> None:
        self._model = model_name
        self._transitions = dict(transitions)
        self._status = transitions[0][0]
        self._tick = 0
        self._since = _progress_clock()

    @property
    def status(self) -> str:
        from moto.moto_api import state_manager

        transition = state_manager.get_transition(self._model)
        progression = transition.get("progression")
        if progression == "immediate":
            while self._status in self._transitions:
                self._status = self._transitions[self._status]
        elif progression == "manual":
            if self._tick >= transition["times"]:
                self._status = self._transitions.get(self._status, self._status)
                self._tick = 0
        elif progression == "time":
            now = _progress_clock()
            if now > self._since + timedelta(seconds=transition["seconds"]):
                self._status = self._transitions.get(self._status, self._status)
                self._since = now
        return self._status

    def advance(self) -> None:
        """A describe: a tick for the "manual" progression."""
        self._tick += 1


# --- mocks and servers -----------------------------------------------------------------------


def aws_mock() -> Any:
    """moto's ``mock_aws()``: an object with ``start()`` and ``stop()``."""
    from moto import mock_aws

    return mock_aws()


def moto_mock_active() -> bool:
    """Whether a moto mock (``mock_aws``, ours included) is active in this process."""
    from moto.core import models

    mock_class = getattr(models, "MockAWS", None)  # 5.1.21-5.2.5: a class-level nesting count
    count = getattr(mock_class, "_nested_count", None)
    if not isinstance(count, int):
        report_incompatibility("tell whether mock_aws is active", AttributeError("_nested_count"))
        return False
    return count > 0


def server_extras_missing() -> str | None:
    """The module moto's server needs and cannot import (install ``moto[server]``), or None."""
    try:
        importlib.import_module("moto.moto_server.werkzeug_app")
    except ImportError as error:
        return error.name or str(error)
    return None


def make_server(host: str, port: int) -> Any:
    """moto's server (every service, ours included) as a threaded werkzeug server, not yet
    serving: ``serve_forever()``, ``shutdown()``, ``server_close()``, ``server_address``.

    A host or port it cannot listen on raises OSError (werkzeug would print its own text and
    exit 1): we bind the socket and hand werkzeug its descriptor (``fd``, every release)."""
    from moto.moto_server import werkzeug_app
    from werkzeug.serving import make_server as werkzeug_make_server

    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    listener = socket.socket(family, kind, proto)
    try:
        # As werkzeug's own binding (allow_reuse_address): a port in TIME_WAIT is free.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
        app = werkzeug_app.DomainDispatcherApplication(werkzeug_app.create_backend_app)
        options: dict[str, Any] = {"threaded": True, "fd": listener.fileno()}
        request_handler = getattr(werkzeug_app, "MotoRequestHandler", None)
        if request_handler is not None:
            options["request_handler"] = request_handler
        # werkzeug picks the address family from the host's text: give it the bound address.
        return werkzeug_make_server(str(address[0]), port, app, **options)
    finally:
        listener.close()  # werkzeug listens on its own duplicate of the descriptor
