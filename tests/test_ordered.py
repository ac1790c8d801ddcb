"""inventory.ordered.OrderedInventory on its own: the order of a query's numbers (deterministic per
seed, country, type and prefix), fixture numbers first, holes skipped, and the memo of hole runs
that later scans jump over."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from connect_mock.inventory import numbering
from connect_mock.inventory.fixtures import Group
from connect_mock.inventory.ordered import _REMEMBERED, OrderedInventory, _generated_order

SMALL = "1206555012"  # ten US DID numbers: +1206555012X


def inventory(
    seed: int = 3,
    country: str = "US",
    number_type: str = "DID",
    prefix: str = "",
    fixture: Group | None = None,
) -> OrderedInventory:
    return OrderedInventory(seed, country, number_type, prefix, fixture)


def group(*numbers: str, replace: bool = False) -> Group:
    return Group(replace, numbers)


def counting(taken: set[str]) -> tuple[Callable[[str], bool], list[str]]:
    """An ``unavailable`` callback for the numbers in ``taken``, and the list of what it was
    asked, in order."""
    asked: list[str] = []

    def unavailable(number: str) -> bool:
        asked.append(number)
        return number in taken

    return unavailable, asked


def test_the_order_is_a_function_of_seed_country_type_and_prefix() -> None:
    first, _ = inventory().scan(0, 20)
    _generated_order.cache_clear()  # computed afresh, not remembered
    assert inventory().scan(0, 20)[0] == first
    assert len(set(first)) == 20
    assert inventory(seed=4).scan(0, 20)[0] != first
    assert inventory(country="CA").scan(0, 20)[0] != first
    assert inventory(number_type="TOLL_FREE").scan(0, 20)[0] != first
    seattle, _ = inventory(prefix="1206").scan(0, 20)
    assert all(number.startswith("+1206") for number in seattle)
    # A prefix is a query of its own, not a filter of the unprefixed order.
    assert seattle != [number for number in first if number.startswith("+1206")]


def test_every_number_is_in_its_space_and_a_whole_space_is_handed_out_once() -> None:
    space = numbering.number_space("US", "DID")
    assert space is not None
    found, after = inventory(prefix=SMALL).scan(0, 100)
    assert after is None
    assert sorted(found) == [f"+{SMALL}{digit}" for digit in range(10)]
    assert len(found) == space.size(SMALL) == 10
    assert all(number in space for number in inventory().scan(0, 50)[0])


def test_pages_are_slices_of_one_list() -> None:
    whole, _ = inventory().scan(0, 12)
    first, after = inventory().scan(0, 5)
    assert after == 5  # the position of the next page's first number
    second, after = inventory().scan(5, 7)
    assert first + second == whole
    assert after == 12
    # The last page of a space: no next position.
    tail, after = inventory(prefix=SMALL).scan(7, 3)
    assert (tail, after) == (inventory(prefix=SMALL).scan(0, 10)[0][7:], None)
    assert inventory(prefix=SMALL).scan(10, 3) == ([], None)


def test_a_prefix_that_is_a_whole_number_offers_that_number_alone() -> None:
    assert inventory(prefix=SMALL + "3").scan(0, 5) == (["+12065550123"], None)


def test_no_space_or_an_empty_prefix_offers_nothing() -> None:
    assert inventory(number_type="THIRD_PARTY_TF").scan(0, 5) == ([], None)
    assert inventory(country="AQ").scan(0, 5) == ([], None)
    assert inventory(prefix="44").scan(0, 5) == ([], None)


def test_fixture_numbers_come_first_then_the_generated_order_without_them() -> None:
    generated, _ = inventory().scan(0, 6)
    extra = "+12065550100"
    fixture = group(extra, generated[2])
    found, _ = inventory(fixture=fixture).scan(0, 7)
    # The fixture's numbers, ascending, then the generated ones minus those already listed.
    assert found == [*sorted((generated[2], extra)), *generated[:2], *generated[3:6]]
    assert len(set(inventory(fixture=fixture).scan(0, 40)[0])) == 40


def test_a_fixture_number_first_in_the_generated_order_is_listed_once() -> None:
    generated, _ = inventory().scan(0, 4)
    found, _ = inventory(fixture=group(generated[0])).scan(0, 4)
    assert found == generated


def test_the_order_of_a_seed_is_the_same_from_one_release_to_the_next() -> None:
    # Suites pin the numbers a seed offers (docs' examples do): the order's key is fixed.
    assert inventory().scan(0, 3) == (["+19314251022", "+19724074547", "+19893550163"], 3)


def test_a_prefix_filters_the_fixture_numbers_too() -> None:
    fixture = group("+12065550100", "+13105550100", "+12065550101")
    found, _ = inventory(prefix="1206", fixture=fixture).scan(0, 5)
    assert found[:2] == ["+12065550100", "+12065550101"]
    assert all(number.startswith("+1206") for number in found)


def test_a_replacing_fixture_is_the_whole_inventory() -> None:
    fixture = group("+12065550100", "+12065550101", "+13105550100", replace=True)
    assert inventory(fixture=fixture).scan(0, 10) == (list(fixture.numbers), None)
    assert inventory(fixture=fixture).scan(0, 2) == (list(fixture.numbers[:2]), 2)
    assert inventory(prefix="1310", fixture=fixture).scan(0, 10) == (["+13105550100"], None)
    # Fixtures make a type with no numbering plan searchable.
    only = inventory(number_type="THIRD_PARTY_TF", fixture=group("+18885550100", replace=True))
    assert only.scan(0, 10) == (["+18885550100"], None)


def test_unavailable_numbers_are_holes_the_rest_keeps_its_order() -> None:
    order, _ = inventory().scan(0, 10)
    unavailable, asked = counting({order[0], order[3], order[4]})
    found, after = inventory().scan(0, 5, unavailable)
    assert found == [order[1], order[2], *order[5:8]]
    assert after == 8
    # Each position was asked about once, in order, with one more to know a next page exists.
    assert asked == order[:9]


def test_holes_at_the_end_of_the_list_end_the_scan_without_a_memo() -> None:
    small, _ = inventory(prefix=SMALL).scan(0, 10)
    unavailable, _ = counting(set(small[4:]))
    assert inventory(prefix=SMALL).scan(0, 10, unavailable) == (small[:4], None)
    assert inventory(prefix=SMALL).scan(5, 10, unavailable) == ([], None)


def test_the_memo_records_runs_of_holes() -> None:
    order, _ = inventory().scan(0, 40)
    unavailable, _ = counting({*order[:30], order[32]})
    skips: dict[int, int] = {}
    found, _ = inventory().scan(0, 5, unavailable, skips)
    assert found == [order[30], order[31], *order[33:36]]
    assert skips == {0: 30, 32: 33}
    # A run reaching the end of the list is remembered up to the end.
    unavailable, _ = counting(set(inventory(prefix=SMALL).scan(0, 10)[0][4:]))
    small_skips: dict[int, int] = {}
    assert len(inventory(prefix=SMALL).scan(0, 10, unavailable, small_skips)[0]) == 4
    assert small_skips == {4: 10}


def test_a_second_scan_jumps_over_the_remembered_holes() -> None:
    order, _ = inventory().scan(0, 41)
    unavailable, asked = counting(set(order[:30]))
    skips: dict[int, int] = {}
    assert inventory().scan(0, 10, unavailable, skips)[0] == order[30:40]
    assert len(asked) == 30 + 10 + 1
    asked.clear()
    assert inventory().scan(0, 10, unavailable, skips)[0] == order[30:40]
    # Only the page and the look-ahead: without the memo, the 30 holes would be asked again.
    assert asked == order[30:41]


def test_the_memo_is_trusted_as_given() -> None:
    # The caller drops the memo when a number becomes available again; until then a recorded
    # run is jumped over without asking, even if its numbers are available.
    order, _ = inventory().scan(0, 10)
    unavailable, asked = counting(set())
    found, _ = inventory().scan(0, 3, unavailable, {0: 5})
    assert found == order[5:8]
    assert order[0] not in asked
    # A scan starting inside a run walks from where it starts.
    assert inventory().scan(2, 3, unavailable, {0: 5})[0] == order[2:5]


@pytest.mark.parametrize("start", [0, 1, 7])
def test_a_scan_with_a_memo_finds_what_one_without_finds(start: int) -> None:
    order, _ = inventory().scan(0, 60)
    taken = {order[i] for i in (0, 1, 2, 5, 6, 9, 10, 11, 12, 20)}
    skips: dict[int, int] = {}
    for _ in range(3):  # fresh, then with the memo the earlier scans left
        with_memo = inventory().scan(start, 8, counting(taken)[0], skips)
        assert with_memo == inventory().scan(start, 8, counting(taken)[0])


def test_remembered_numbers_are_the_numbers_computed_afresh() -> None:
    # Walks longer than the memo holds: it is forgotten and refilled on the way.
    walk, _ = inventory().scan(0, 2 * _REMEMBERED + 5)
    assert inventory().scan(0, 2 * _REMEMBERED + 5)[0] == walk  # from the memo, in part
    _generated_order.cache_clear()
    start = _REMEMBERED - 5
    fresh, _ = inventory().scan(start, 10)
    assert fresh == walk[start : start + 10]
    assert inventory().scan(start, 10)[0] == fresh  # the second time, from the memo
    assert len(set(walk)) == len(walk)


# A fixture with numbers at the edges of a prefix's range: just before, first, last, just after.
EDGES = ("+12065549999", "+12065550000", "+12065550999", "+12065551000", "+1206555")


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("1206555", ["+1206555", "+12065550000", "+12065550999", "+12065551000"]),
        ("12065550", ["+12065550000", "+12065550999"]),
        ("120655500", ["+12065550000"]),
        ("12065549", ["+12065549999"]),
        ("12065551", ["+12065551000"]),
        ("1206555099", ["+12065550999"]),
        ("120655510001", []),  # longer than every number
        ("12065552", []),  # between the numbers
        ("1", sorted(EDGES)),
    ],
)
def test_a_prefix_is_a_range_of_the_sorted_fixture(prefix: str, expected: list[str]) -> None:
    fixture = group(*EDGES, replace=True)
    assert list(fixture.numbers) == sorted(EDGES)
    start, stop = fixture.prefixed("+" + prefix)
    assert list(fixture.numbers[start:stop]) == expected
    assert inventory(prefix=prefix, fixture=fixture).scan(0, 10) == (expected, None)
    # Pages of one element walk the same range.
    pages, position = [], 0
    for _ in expected:
        page, after = inventory(prefix=prefix, fixture=fixture).scan(position, 1)
        pages += page
        position = after if after is not None else position + 1
    assert pages == expected


def test_a_fixture_is_sorted_and_deduplicated_once() -> None:
    fixture = group("+13105550100", "+12065550101", "+12065550100", "+12065550101")
    assert fixture.numbers == ("+12065550100", "+12065550101", "+13105550100")
    assert fixture.members == frozenset(fixture.numbers)
    assert fixture == group(*reversed(fixture.numbers))
