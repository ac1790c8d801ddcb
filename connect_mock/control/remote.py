"""A controller for a connect_mock server in another thread or process, over its
``/moto-api/connect-mock/...`` endpoints (what the ``connect_server`` fixture yields)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import requests

from ..core.calls import Call

__all__ = ["RemoteConnectMock"]

_TIMEOUT = 10


class RemoteError(RuntimeError):
    """The server refused a control request; the message is the server's."""


class _RemoteFaults:
    def __init__(self, base: str) -> None:
        self._url = f"{base}/moto-api/connect-mock/faults"

    def add_rule(self, rule: dict[str, Any]) -> dict[str, Any]:
        """Add one rule in its JSON form (as in fault files)."""
        response = requests.post(self._url, json=rule, timeout=_TIMEOUT)
        if response.status_code != 201:
            raise RemoteError(response.json().get("Message", response.text))
        added: dict[str, Any] = response.json()["rules"][0]
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
        requests.delete(self._url, timeout=_TIMEOUT).raise_for_status()

    def list(self) -> list[dict[str, Any]]:
        rules: list[dict[str, Any]] = requests.get(self._url, timeout=_TIMEOUT).json()["rules"]
        return rules


class _RemoteClock:
    def __init__(self, base: str) -> None:
        self._url = f"{base}/moto-api/connect-mock/clock"

    def advance(self, delta: float | timedelta) -> str:
        seconds = delta.total_seconds() if isinstance(delta, timedelta) else delta
        response = requests.post(self._url, json={"advance": seconds}, timeout=_TIMEOUT)
        if response.status_code != 200:
            raise RemoteError(response.json()["Message"])
        now: str = response.json()["now"]
        return now


class RemoteConnectMock:
    """``faults``, ``calls``, ``clock``, ``seed`` and ``reset()`` of a server at ``endpoint``."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.faults = _RemoteFaults(self.endpoint)
        self.clock = _RemoteClock(self.endpoint)

    @property
    def calls(self) -> list[Call]:
        """Every Connect request the server answered since its last reset."""
        raw = requests.get(f"{self.endpoint}/moto-api/connect-mock/calls", timeout=_TIMEOUT)
        return [Call(**entry) for entry in raw.json()["calls"]]

    @property
    def config(self) -> dict[str, Any]:
        answer: dict[str, Any] = requests.get(
            f"{self.endpoint}/moto-api/connect-mock/config", timeout=_TIMEOUT
        ).json()
        return answer

    @property
    def seed(self) -> int:
        return int(self.config["seed"])

    def configure(self, **options: int) -> dict[str, Any]:
        """Set seed, search_limit, phone_number_quota or claim_release_limit (the clock
        restarts, the configured fault rules load again, rules added since are dropped)."""
        response = requests.post(
            f"{self.endpoint}/moto-api/connect-mock/config", json=options, timeout=_TIMEOUT
        )
        if response.status_code != 200:
            raise RemoteError(response.json()["Message"])
        answer: dict[str, Any] = response.json()
        return answer

    def reset(self) -> None:
        """moto's reset (all state, recorded calls included) and no fault rules."""
        requests.post(f"{self.endpoint}/moto-api/reset", timeout=_TIMEOUT).raise_for_status()
        self.faults.clear()
