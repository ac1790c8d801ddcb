"""Stage 5 of scripts/numbering_plan: the phonenumbers checks and ``verify``."""

from __future__ import annotations

import pytest

from scripts.numbering_plan import verify as verify_module
from scripts.numbering_plan.automata import from_regex
from scripts.numbering_plan.build import Plan, build_plan
from scripts.numbering_plan.counting import Pool, count_with_prefix
from scripts.numbering_plan.verify import (
    brute_force_count,
    brute_force_ok,
    number_ok,
    verify,
)


@pytest.mark.parametrize(
    ("country", "ntype", "digits", "ok"),
    [
        ("SH", "DID", "29022000", True),
        ("SH", "DID", "29026300", False),  # 26[0-3] is not in SH's fixed-line plan
        ("SH", "DID", "29051234", False),  # mobile
        ("SH", "DID", "2908123", False),  # TA's
        ("SH", "TOLL_FREE", "29022000", False),
        ("GB", "DID", "442079460000", True),
        ("GB", "DID", "4402079460000", False),  # "0" would be stripped: not E.164 as given
        ("GB", "DID", "442079460000123", False),  # too long
        ("GB", "TOLL_FREE", "448001234567", True),
        ("US", "DID", "12015550123", True),
        ("CA", "DID", "12015550123", False),  # a US number, valid for US only
        ("US", "UIFN", "80012345678", True),
        ("US", "UIFN", "8001234567", False),
        ("DE", "DID", "", False),
        ("DE", "DID", "1234567890123456", False),  # 16 digits
    ],
)
def test_number_ok(country: str, ntype: str, digits: str, ok: bool) -> None:
    assert number_ok(country, ntype, digits) is ok


def test_brute_force_ok_adds_the_own_metadata_type() -> None:
    assert brute_force_ok("SH", "DID", "29022000")
    assert not brute_force_ok("SH", "DID", "29051234")
    assert brute_force_ok("US", "UIFN", "80012345678")


@pytest.fixture(scope="module")
def sh() -> Plan:
    return build_plan(["SH"])


def test_brute_force_count_equals_the_dfa_count(sh: Plan) -> None:
    sid = sh.spaces["SH"]["DID"]
    # 290 26x xx: 26[4-9] is fixed line, 26[0-3] is not.
    want = brute_force_count("SH", "DID", "29026", [8])
    assert want == 600
    assert count_with_prefix(sh.pool, sid, "29026", [8]) == want
    assert brute_force_count("SH", "DID", "29026", [7, 9]) == 0


def test_verify_passes_a_good_plan_and_catches_bad_numbers(
    sh: Plan, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(verify_module, "BRUTE_FORCE_CASES", (("SH", "DID", "290264", (8,)),))
    assert verify(sh.pool, sh.spaces, samples=100) == 0
    assert "FAIL" not in capsys.readouterr().out

    pool = Pool()
    bad = {"SH": {"DID": pool.add(from_regex(r"[25]\d{4}"), "290")}}  # mobiles too
    assert verify(pool, bad, samples=100) > 0
    out = capsys.readouterr().out
    assert "FAIL SH DID +2905" in out
    assert "brute force SH DID 290264: dfa 100 brute 100" in out

    pool = Pool()
    long = {"SH": {"DID": pool.add(from_regex(r"2[0-57-9]\d{3}|2\d{11}"), "290")}}
    assert verify(pool, long, samples=10) > 0
    assert "FAIL SH DID: numbers of 15 digits" not in capsys.readouterr().out

    pool = Pool()
    too_long = {"SH": {"DID": pool.add(from_regex(r"2[0-57-9]\d{3}|2\d{12}"), "290")}}
    assert verify(pool, too_long, samples=10) > 0
    assert "FAIL SH DID: numbers of 16 digits" in capsys.readouterr().out


def test_verify_counts_brute_force_mismatches(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(verify_module, "BRUTE_FORCE_CASES", (("SH", "DID", "290263", (8,)),))
    pool = Pool()
    # Right on every sampled number, wrong on the unsampled 290 263xx block.
    spaces = {"SH": {"DID": pool.add(from_regex(r"2(?:[0-57-9]\d|6[3-9])\d\d"), "290")}}
    assert verify(pool, spaces, samples=0) == 1
    assert "brute force SH DID 290263: dfa 100 brute 0" in capsys.readouterr().out
