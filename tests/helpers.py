"""Small helpers shared by the tests."""

from __future__ import annotations

from typing import Any


def numbers(page: dict[str, Any]) -> list[str]:
    """The PhoneNumber values of one SearchAvailablePhoneNumbers page."""
    return [entry["PhoneNumber"] for entry in page["AvailableNumbersList"]]
