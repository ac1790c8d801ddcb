"""SearchAvailablePhoneNumbers: pages of the numbers no one holds, in the inventory's order."""

from __future__ import annotations

from dataclasses import dataclass

from ..inventory.ordered import OrderedInventory
from .context import Context
from .paging import Page
from .state import shared_state
from .targets import resolve

__all__ = ["DEFAULT_PAGE_SIZE", "AvailableNumber", "SearchQuery", "search_available"]

DEFAULT_PAGE_SIZE = 10  # AWS does not document it; MaxResults' maximum is the natural choice.


@dataclass(frozen=True)
class SearchQuery:
    country: str
    number_type: str
    prefix: str | None = None  # E.164, with its "+"
    instance_id: str | None = None
    target_arn: str | None = None


@dataclass(frozen=True)
class AvailableNumber:
    number: str
    country: str
    number_type: str


def search_available(
    context: Context,
    account_id: str,
    region: str,
    query: SearchQuery,
    max_results: int | None = None,
    next_token: str | None = None,
) -> Page[AvailableNumber]:
    """One page of available numbers. A query hands out at most ``context.config.search_limit``
    numbers over all its pages, so that auto-paginators finish."""
    target = resolve(account_id, region, query.instance_id, query.target_arn)
    prefix = (query.prefix or "").lstrip("+")
    binding = "|".join((account_id, region, target, query.country, query.number_type, prefix))
    config = context.config
    position, served = 0, 0
    if next_token is not None:
        position, served = context.tokens.decode(binding, next_token)
    want = min(max_results or DEFAULT_PAGE_SIZE, config.search_limit - served)
    inventory = OrderedInventory(
        config.seed,
        query.country,
        query.number_type,
        prefix,
        config.inventories.get((query.country, query.number_type)),
    )
    pool = shared_state().pool
    now = context.clock.now()
    numbers: list[str] = []
    next_position: int | None = None
    if want > 0:
        skips = pool.skips_for(
            (config.seed, query.country, query.number_type, prefix, id(config.inventories)), now
        )
        numbers, next_position = inventory.scan(
            position, want, lambda number: pool.unavailable(number, now), skips
        )
    served += len(numbers)
    for number in numbers:
        pool.offered[number] = (query.country, query.number_type)
    token = None
    if next_position is not None and served < config.search_limit:
        token = context.tokens.encode(binding, next_position, served)
    return Page([AvailableNumber(n, query.country, query.number_type) for n in numbers], token)
