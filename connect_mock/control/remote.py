"""A controller for a connect_mock server in another thread or process, over its
``/moto-api/connect-mock/...`` endpoints (what the ``connect_server`` fixture yields)."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import requests

from ..core.calls import Call

__all__ = ["RemoteConnectMock", "RemoteError"]

_TIMEOUT = 10


class RemoteError(RuntimeError):
    """The server refused a control request; the message is the server's, ``status`` the HTTP
    status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _request(method: str, url: str, document: Any = None) -> dict[str, Any]:
    """Send a control request; its JSON answer, or RemoteError with the server's message."""
    response = requests.request(method, url, json=document, timeout=_TIMEOUT)
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not response.ok or not isinstance(answer, dict):
        message = answer.get("Message") if isinstance(answer, dict) else None
        if not isinstance(message, str):
            message = f"{method} {url} answered {response.status_code}: {response.text[:500]}"
        raise RemoteError(message, response.status_code)
    return answer


class _RemoteFaults:
    def __init__(self, base: str) -> None:
        self._url = f"{base}/moto-api/connect-mock/faults"

    def add_rule(self, rule: dict[str, Any]) -> dict[str, Any]:
        """Add one rule in its JSON form (as in fault files)."""
        added: dict[str, Any] = _request("POST", self._url, rule)["rules"][0]
        return added

    def add(
        self, operation: str | None = None, error: str | None = None, **options: Any
    ) -> dict[str, Any]:
        """As ``cm.faults.add``; returns the rule as the server stored it."""
        return self.add_rule({"operation": operation, "error": error, **options})

    def throttle(
        self, rate: float = 2.0, burst: int = 5, operation: str | None = None
    ) -> dict[str, Any]:
        return self.add_rule({"throttle": {"rate": rate, "burst": burst, "operation": operation}})

    def clear(self) -> None:
        _request("DELETE", self._url)

    def list(self) -> list[dict[str, Any]]:
        rules: list[dict[str, Any]] = _request("GET", self._url)["rules"]
        return rules


class _RemoteClock:
    def __init__(self, base: str) -> None:
        self._url = f"{base}/moto-api/connect-mock/clock"

    def advance(self, delta: float | timedelta) -> str:
        """Move the server's clock; returns its new time (ISO 8601)."""
        seconds = delta.total_seconds() if isinstance(delta, timedelta) else delta
        if isinstance(seconds, float) and not math.isfinite(seconds):  # JSON has no NaN
            raise ValueError(f"advance() takes a finite number of seconds, not {seconds}")
        now: str = _request("POST", self._url, {"advance": seconds})["now"]
        return now

    def now(self) -> str:
        """The server's time (ISO 8601)."""
        now: str = _request("GET", self._url)["now"]
        return now


class _RemoteSourceNumbers:
    def __init__(self, base: str) -> None:
        self._url = f"{base}/moto-api/connect-mock/source-numbers"

    def add(
        self,
        phone_number: str,
        *,
        region: str = "us-east-1",
        number_type: str = "TOLL_FREE",
        country: str | None = None,
        account_id: str | None = None,
        arn: str | None = None,
    ) -> dict[str, str]:
        """As ``cm.source_numbers.add``; returns the entry as the server stored it (its
        ``PhoneNumberArn`` is what ImportPhoneNumber takes)."""
        entry: dict[str, str] = {"PhoneNumber": phone_number, "NumberType": number_type}
        for key, value in (
            ("Region", region if arn is None else None),
            ("IsoCountryCode", country),
            ("AccountId", account_id),
            ("PhoneNumberArn", arn),
        ):
            if value is not None:
                entry[key] = value
        added: dict[str, str] = _request("POST", self._url, entry)["PhoneNumbers"][0]
        return added

    def load(self, document: Any) -> list[dict[str, str]]:
        """Declare the entries of a source-number document (as in files)."""
        added: list[dict[str, str]] = _request("POST", self._url, document)["PhoneNumbers"]
        return added

    def clear(self) -> None:
        _request("DELETE", self._url)

    def list(self) -> list[dict[str, str]]:
        entries: list[dict[str, str]] = _request("GET", self._url)["PhoneNumbers"]
        return entries


class RemoteConnectMock:
    """``faults``, ``source_numbers``, ``calls``, ``clock``, ``config`` and ``reset()`` of a
    server at ``endpoint``; a refused request raises ``RemoteError`` with the server's
    message."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.faults = _RemoteFaults(self.endpoint)
        self.clock = _RemoteClock(self.endpoint)
        self.source_numbers = _RemoteSourceNumbers(self.endpoint)
        self._calls_url = f"{self.endpoint}/moto-api/connect-mock/calls"
        self._config_url = f"{self.endpoint}/moto-api/connect-mock/config"

    @property
    def calls(self) -> list[Call]:
        """The Connect requests the server answered since its last reset (the newest
        ``call_log_limit`` of them)."""
        return [Call(**entry) for entry in _request("GET", self._calls_url)["calls"]]

    @property
    def dropped_calls(self) -> int:
        """How many calls the server dropped, oldest first, to keep ``call_log_limit``."""
        return int(_request("GET", self._calls_url)["dropped"])

    def clear_calls(self) -> None:
        """Forget the calls recorded so far."""
        _request("DELETE", self._calls_url)

    @property
    def config(self) -> dict[str, Any]:
        """The server's settable options and its time (``now``)."""
        return _request("GET", self._config_url)

    @property
    def seed(self) -> int:
        return int(self.config["seed"])

    def configure(self, **options: Any) -> dict[str, Any]:
        """Set any of the options ``POST /config`` takes (``connect_mock.config.SETTABLE``:
        seed, limits, quota, clock, the 200% rule); the configured fault rules load again,
        rules added since are dropped; time carries on."""
        return _request("POST", self._config_url, options)

    def reset(self) -> None:
        """moto's reset (all state, recorded calls and imports included) and no fault rules.
        Declared source numbers stay (they stand for End User Messaging SMS, outside Connect):
        ``source_numbers.clear()`` forgets them."""
        url = f"{self.endpoint}/moto-api/reset"
        response = requests.post(url, timeout=_TIMEOUT)
        if not response.ok:
            raise RemoteError(
                f"POST {url} answered {response.status_code}: {response.text[:500]}",
                response.status_code,
            )
        self.faults.clear()
