"""Which inventory a number belongs to, for a claim that names only the number."""

from __future__ import annotations

from .._moto import model_enum
from ..inventory import numbering
from .context import Context
from .state import NumberPool

__all__ = ["locate"]


def _in_inventory(context: Context, country: str, kind: str, number: str) -> bool:
    group = context.config.inventories.get((country, kind))
    if group is not None and number in group.members:
        return True
    if group is not None and group.replace:
        return False
    space = numbering.number_space(country, kind)
    return space is not None and number in space


def locate(number: str, context: Context, pool: NumberPool) -> tuple[str, str] | None:
    """The (country, type) whose inventory offers ``number``: where a search last offered it,
    else a fixture, else the first plan (in the API's country order) that contains it."""
    offered = pool.offered.get(number)
    if offered is not None and _in_inventory(context, *offered, number):
        return offered
    for (country, kind), group in context.config.inventories.items():
        if number in group.members:
            return country, kind
    uifn = number.startswith("+800")
    for country in model_enum("PhoneNumberCountryCode"):
        code = numbering.calling_code(country)
        if code is None or (not uifn and not number.startswith("+" + code)):
            continue
        for kind in ("UIFN",) if uifn else ("DID", "TOLL_FREE", "SHARED"):
            if _in_inventory(context, country, kind, number):
                return country, kind
    return None
