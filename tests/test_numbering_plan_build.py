"""Stage 6 of scripts/numbering_plan, end to end for one small country.

St Helena (+290) is small enough to check every DID number with phonenumbers
and shares its calling code with Tristan da Cunha (TA, "8" numbers), so the
first-claiming-region rule is exercised too.  The result must also be what
the committed data file holds for SH.
"""

from __future__ import annotations

import base64
import gzip
import json
import random
import sys
from array import array
from typing import Any

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType

from connect_mock.inventory import numbering
from scripts.numbering_plan.build import OUT, Plan, build_plan, compress, serialise
from scripts.numbering_plan.counting import Pool, unrank


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(["AQ", "SH"])  # AQ has no metadata and no plan


def members(pool: Pool, sid: int) -> list[str]:
    return [unrank(pool, sid, k) for k in range(pool.count[sid])]


def is_sh_did(e164_digits: str) -> bool:
    p = phonenumbers.parse("+" + e164_digits)
    return (
        phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.E164) == "+" + e164_digits
        and phonenumbers.is_valid_number(p)
        and phonenumbers.region_code_for_number(p) == "SH"
        and phonenumbers.number_type(p)
        in (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
    )


def test_the_plan_holds_the_spaces_sh_has(plan: Plan) -> None:
    assert plan.calling_codes == {"SH": "290"}
    assert set(plan.spaces) == {"SH"}
    assert set(plan.spaces["SH"]) == {"DID", "UIFN"}
    assert plan.fallback_mobile == []


def test_sh_did_is_exactly_the_valid_fixed_line_numbers(plan: Plan) -> None:
    numbers = members(plan.pool, plan.spaces["SH"]["DID"])
    assert len(numbers) == 9600
    assert all(n.startswith("2902") and len(n) == 8 for n in numbers)
    # Every 5-digit NSN starting with 2 (the whole space and its 400
    # neighbours), every TA-claimed 4-digit "8" number, and random others.
    rng = random.Random(0)
    candidates = {f"2902{i:04d}" for i in range(10_000)} | {f"2908{i:03d}" for i in range(1000)}
    candidates |= {f"290{rng.randrange(10**n):0{n}d}" for n in (4, 5) for _ in range(300)}
    valid = {c for c in candidates if is_sh_did(c)}
    assert valid == set(numbers)


def test_uifn_numbers_are_universal_toll_free(plan: Plan) -> None:
    pool, sid = plan.pool, plan.spaces["SH"]["UIFN"]
    assert pool.count[sid] == 91_000_000
    for k in random.Random(1).sample(range(pool.count[sid]), 200):
        p = phonenumbers.parse("+" + unrank(pool, sid, k))
        assert phonenumbers.is_valid_number(p)
        assert phonenumbers.region_code_for_number(p) == "001"
        assert phonenumbers.number_type(p) == PhoneNumberType.TOLL_FREE


def _decode(b64: str, typecode: str) -> array[Any]:
    arr = array(typecode)
    arr.frombytes(base64.b64decode(b64))
    if sys.byteorder != "little":
        arr.byteswap()
    return arr


def _pool_of(doc: dict[str, Any]) -> Pool:
    pool = Pool()
    n = doc["states"]
    pool.accept = [bool(b) for b in base64.b64decode(doc["accept"])]
    trans = _decode(doc["trans"], "i")
    pool.trans = [tuple(trans[10 * i : 10 * i + 10]) for i in range(n)]
    pool.count = list(_decode(doc["count"], "q"))
    assert len(pool.accept) == len(pool.count) == n
    return pool


def test_serialise_round_trips_and_compresses_reproducibly(plan: Plan) -> None:
    raw = serialise(plan)
    doc = json.loads(raw)
    assert doc["format"] == 1
    assert doc["source"] == f"phonenumbers {phonenumbers.__version__}"
    assert doc["calling_codes"] == {"SH": "290"}
    assert doc["spaces"] == plan.spaces
    decoded = _pool_of(doc)
    assert decoded.accept == plan.pool.accept
    assert decoded.trans == plan.pool.trans
    assert decoded.count == plan.pool.count
    data = compress(raw)
    assert data[4:8] == b"\0\0\0\0"  # gzip mtime 0
    assert compress(raw) == data
    assert gzip.decompress(data) == raw


def test_the_committed_data_file_agrees_for_sh(plan: Plan) -> None:
    doc = json.loads(gzip.decompress(OUT.read_bytes()))
    shipped = _pool_of(doc)
    assert doc["calling_codes"]["SH"] == "290"
    assert set(doc["spaces"]["SH"]) == set(plan.spaces["SH"])
    did = doc["spaces"]["SH"]["DID"]
    assert members(shipped, did) == members(plan.pool, plan.spaces["SH"]["DID"])
    uifn_built, uifn_shipped = plan.spaces["SH"]["UIFN"], doc["spaces"]["SH"]["UIFN"]
    assert shipped.count[uifn_shipped] == plan.pool.count[uifn_built]
    for k in random.Random(2).sample(range(shipped.count[uifn_shipped]), 100):
        assert unrank(shipped, uifn_shipped, k) == unrank(plan.pool, uifn_built, k)


# --- the mock reads what the script writes (connect_mock.inventory.numbering) --------------------


def _numbers(doc: dict[str, Any], read: numbering._Plan) -> list[str]:
    space = numbering.NumberSpace(read, "SH", "DID", doc["spaces"]["SH"]["DID"])
    return [space.number_at(k) for k in range(len(space))]


def test_the_mock_reads_the_plan_the_script_writes(plan: Plan) -> None:
    doc = json.loads(serialise(plan))
    expected = ["+" + n for n in members(plan.pool, plan.spaces["SH"]["DID"])]
    assert _numbers(doc, numbering._Plan(doc)) == expected


def test_a_plan_of_another_format_or_with_arrays_of_the_wrong_size_is_refused(plan: Plan) -> None:
    doc = json.loads(serialise(plan))
    with pytest.raises(ValueError, match=r"^unsupported numbering plan format 2$"):
        numbering._Plan({**doc, "format": 2})
    with pytest.raises(ValueError, match=r"^unsupported numbering plan format None$"):
        numbering._Plan({key: value for key, value in doc.items() if key != "format"})
    # One item short in each array in turn: a state without its acceptance, transitions or count.
    for key, item_size in (("accept", 1), ("trans", 4), ("count", 8)):
        short = base64.b64encode(base64.b64decode(doc[key])[:-item_size]).decode()
        with pytest.raises(ValueError, match=r"^corrupt numbering plan$"):
            numbering._Plan({**doc, key: short})


def test_a_big_endian_machine_swaps_the_files_little_endian_arrays(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's arrays are little-endian; a big-endian machine reads each item's bytes reversed
    and must swap them back. Simulated here: the arrays handed in are byte-reversed as such a
    machine would read them, and the machine says it is big-endian."""
    doc = json.loads(serialise(plan))
    as_read = dict(doc)
    for key, typecode in (("trans", "i"), ("count", "q")):
        items = _decode(doc[key], typecode)
        items.byteswap()
        as_read[key] = base64.b64encode(items.tobytes()).decode()
    monkeypatch.setattr(sys, "byteorder", "big")
    expected = ["+" + n for n in members(plan.pool, plan.spaces["SH"]["DID"])]
    assert _numbers(doc, numbering._Plan(as_read)) == expected
