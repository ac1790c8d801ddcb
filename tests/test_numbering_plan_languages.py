"""Stage 4 of scripts/numbering_plan: libphonenumber semantics as NSN languages.

Each language is checked against phonenumbers itself on sampled strings (or
every string, for the synthetic metadata), and the figures the generator's
documentation quotes for phonenumbers 9.0.43 are pinned.
"""

from __future__ import annotations

import itertools
import random

import phonenumbers
import pytest
from phonenumbers import PhoneMetadata, PhoneNumberDesc, PhoneNumberType
from phonenumbers.phonenumberutil import (
    COUNTRY_CODE_TO_REGION_CODE,
    ValidationResult,
    _maybe_strip_national_prefix_carrier_code,
    _number_type_helper,
    _test_number_length,
)

from scripts.numbering_plan import languages
from scripts.numbering_plan.automata import (
    DFA,
    difference,
    from_regex,
    intersect,
    length_language,
    prefix_match_language,
    union,
)
from scripts.numbering_plan.counting import Pool, count_dfa, unrank
from scripts.numbering_plan.languages import (
    FIXED_WANTED,
    MOBILE_WANTED,
    RegionLanguages,
    desc_language,
    e164_cap,
    expected_types,
    nsn_language,
    number_type_language,
    region_languages,
    strip_language,
)


def accepts(d: DFA, word: str) -> bool:
    q = d.start
    for ch in word:
        if q < 0:
            return False
        q = d.trans[q][int(ch)]
    return q >= 0 and d.accept[q]


def lengths(d: DFA, limit: int = 30) -> set[int]:
    """The lengths of the accepted strings (up to ``limit``)."""
    out: set[int] = set()
    layer = {d.start} if not d.empty else set()
    for n in range(limit + 1):
        if any(d.accept[q] for q in layer):
            out.add(n)
        layer = {t for q in layer for t in d.trans[q] if t >= 0}
    return out


def sample(d: DFA, n: int, rng: random.Random) -> list[str]:
    """``n`` distinct random members of the acyclic language ``d`` (all if fewer)."""
    pool = Pool()
    sid = pool.add(d, "")
    size = pool.count[sid]
    return [unrank(pool, sid, k) for k in rng.sample(range(size), min(n, size))]


# --- the E.164 cap ----------------------------------------------------------


@pytest.mark.parametrize("cc", [1, 49, 290, 800])
def test_e164_cap_keeps_the_lengths_that_fit(cc: int) -> None:
    capped = e164_cap(cc, length_language(range(1, 20)))
    assert lengths(capped) == set(range(1, 16 - len(str(cc))))


def test_e164_cap_shrinks_de_did_as_documented() -> None:
    rl = region_languages("DE")
    uncapped = intersect(rl.of_types(FIXED_WANTED), number_type_language(49, FIXED_WANTED))
    assert max(lengths(uncapped)) == 15  # 17 digits with "+49"
    cc, lang = nsn_language("DE", "DID")
    assert cc == 49
    assert max(lengths(lang)) == 13
    assert difference(lang, uncapped).empty
    assert difference(intersect(uncapped, length_language(range(14))), lang).empty
    assert count_dfa(uncapped) == 764_602_334_267_000
    assert count_dfa(lang) == 7_802_334_267_000


# --- per-region types ---------------------------------------------------------


def test_desc_language_mirrors_possible_lengths() -> None:
    assert desc_language(None).empty
    assert desc_language(PhoneNumberDesc()).empty
    pattern = r"1\d{2,4}"
    assert lengths(desc_language(PhoneNumberDesc(pattern, possible_length=()))) == {3, 4, 5}
    assert lengths(desc_language(PhoneNumberDesc(pattern, possible_length=(3, 5)))) == {3, 5}
    assert desc_language(PhoneNumberDesc(pattern, possible_length=(-1,))).empty


@pytest.mark.parametrize("region", ["GB", "FR", "SH", "AR"])
def test_region_types_are_number_type_helper(region: str) -> None:
    """A string is in the language of type t exactly when phonenumbers says t."""
    rl = region_languages(region)
    meta = PhoneMetadata.metadata_for_region(region)
    assert meta is not None
    assert meta.general_desc is not None
    rng = random.Random(0)
    words: list[str] = []
    for lang in rl.types.values():
        if not lang.empty:
            words += sample(lang, 40, rng)
    possible = [n for n in meta.general_desc.possible_length if n > 0]
    words += sample(length_language(possible), 200, rng)  # mostly UNKNOWN
    seen: set[int] = set()
    for w in words:
        mine = [t for t, lang in rl.types.items() if accepts(lang, w)]
        assert len(mine) <= 1, (w, mine)
        got = mine[0] if mine else PhoneNumberType.UNKNOWN
        assert got == _number_type_helper(w, meta), w
        assert accepts(rl.valid, w) == bool(mine)
        seen.add(got)
    assert PhoneNumberType.UNKNOWN in seen
    assert len(seen) >= 4
    assert rl.fixed_plan


@pytest.mark.parametrize(("cc", "regions"), [(7, ("RU", "KZ")), (290, ("SH", "TA"))])
@pytest.mark.parametrize("wanted", [FIXED_WANTED, MOBILE_WANTED], ids=["fixed", "mobile"])
def test_shared_calling_codes_follow_the_first_claiming_region(
    cc: int, regions: tuple[str, ...], wanted: tuple[int, ...]
) -> None:
    lang = number_type_language(cc, wanted)
    valid = union(*(region_languages(r).valid for r in regions))
    rng = random.Random(cc)
    words = sample(valid, 300, rng)
    # Numbers a later region finds valid but an earlier region claims first
    # (e.g. KZ's 33622 numbers, which RU's leading digits "[3489]" claim).
    for i, later in enumerate(regions):
        for earlier in regions[:i]:
            leading = region_languages(earlier).meta.leading_digits
            claim = prefix_match_language(leading) if leading else region_languages(earlier).valid
            overlap = intersect(region_languages(later).valid, claim)
            if not overlap.empty:
                words += sample(overlap, 50, rng)
    outcomes = set()
    for w in words:
        assert not w.startswith("0")  # int() below would drop it
        p = phonenumbers.PhoneNumber(country_code=cc, national_number=int(w))
        expected = phonenumbers.number_type(p) in wanted
        assert accepts(lang, w) == expected, w
        outcomes.add(expected)
    assert outcomes == {True, False}


def _synthetic(
    region: str, general: str, fixed: str, mobile: str, leading: str | None
) -> PhoneMetadata:
    def desc(pattern: str) -> PhoneNumberDesc:
        return PhoneNumberDesc(pattern, possible_length=(2,))

    return PhoneMetadata(
        region,
        general_desc=desc(general),
        fixed_line=desc(fixed),
        mobile=desc(mobile),
        country_code=999,
        leading_digits=leading,
        register=False,
    )


def test_claims_go_to_the_first_region_and_unclaimed_numbers_to_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real shared calling codes never disagree between regions, so use made-up ones."""
    # XA claims "1x" (its leading digits), mobile there; its fixed "3x" are claimed by
    # nobody (like RU numbers outside "[3489]").  XB would call 1x and 2x fixed
    # lines, but 1x are XA's to type.
    xa = _synthetic("XA", r"[13]\d", r"3\d", r"1\d", "1")
    xb = _synthetic("XB", r"[12]\d", r"[12]\d", r"4\d", None)
    monkeypatch.setitem(COUNTRY_CODE_TO_REGION_CODE, 999, ("XA", "XB"))
    for meta in (xa, xb):
        monkeypatch.setitem(languages._region_cache, meta.id, RegionLanguages(meta))
    words = [f"{a}{b}" for a in range(10) for b in range(10)]
    fixed = number_type_language(999, FIXED_WANTED)
    mobile = number_type_language(999, MOBILE_WANTED)
    assert [w for w in words if accepts(fixed, w)] == [f"2{d}" for d in range(10)]
    assert [w for w in words if accepts(mobile, w)] == [f"1{d}" for d in range(10)]


def test_expected_types() -> None:
    assert expected_types("DE", "DID") == FIXED_WANTED
    assert expected_types("DE", "TOLL_FREE") == (PhoneNumberType.TOLL_FREE,)
    assert expected_types("DE", "UIFN") == (PhoneNumberType.TOLL_FREE,)
    assert expected_types("FR", "SHARED") == (PhoneNumberType.SHARED_COST,)
    with pytest.raises(ValueError, match="MOBILE"):
        expected_types("DE", "MOBILE")


# --- national-prefix stripping ------------------------------------------------

ALPHABET = "0125"
WORDS = ["".join(w) for n in range(7) for w in itertools.product(ALPHABET, repeat=n)]


def _altered_by_parse(nsn: str, meta: PhoneMetadata) -> bool:
    """What phonenumbers.parse does with the national number of "+cc" + nsn."""
    _, stripped, _ = _maybe_strip_national_prefix_carrier_code(nsn, meta)
    if stripped == nsn:
        return False
    return _test_number_length(stripped, meta) not in (
        ValidationResult.TOO_SHORT,
        ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
        ValidationResult.INVALID_LENGTH,
    )


@pytest.mark.parametrize(
    ("npfp", "rule", "local_only"),
    [
        ("0(1)?", None, ()),  # plain strip; the group is a carrier code
        ("0(1)?", "5\\1", ()),  # transform when the group took part, else plain strip
        ("(0[12]\\d)$|0", "\\1", ()),  # JP-like: identity transform on an anchored branch
        ("0?(?:(11)|(2))?5", "9\\2", (3,)),  # last group optional; local-only length
        ("([05])(2)?", "5\\2", ()),  # "52" becomes "52": unchanged, not stripped
        ("", None, ()),  # no national prefix: nothing is ever stripped
    ],
)
def test_strip_language_is_what_parse_strips(
    npfp: str, rule: str | None, local_only: tuple[int, ...]
) -> None:
    general = PhoneNumberDesc(
        r"[125]\d{2,4}|0\d{4}",
        possible_length=(3, 4, 5),
        possible_length_local_only=local_only,
    )
    meta = PhoneMetadata(
        "XX",
        general_desc=general,
        country_code=999,
        national_prefix_for_parsing=npfp or None,
        national_prefix_transform_rule=rule,
        register=False,
    )
    lang = from_regex(f"[{ALPHABET}]{{0,6}}")
    removed = strip_language(meta, lang)
    expected = {w for w in WORDS if _altered_by_parse(w, meta)}
    assert {w for w in WORDS if accepts(removed, w)} == expected
    assert bool(expected) == bool(npfp)


def test_strip_language_on_japan_toll_free_as_documented() -> None:
    """parse("+81" + nsn) strips "003768" from 13.9e9 JP toll-free NSNs, all beyond E.164."""
    rl = region_languages("JP")
    tf = (PhoneNumberType.TOLL_FREE,)
    lang = intersect(rl.of_types(tf), number_type_language(81, tf))
    removed = strip_language(rl.meta, lang)
    assert count_dfa(removed) == 13_900_000_000
    assert min(lengths(removed)) > 15 - 2
    rng = random.Random(0)
    for w in sample(removed, 50, rng):
        assert phonenumbers.national_significant_number(phonenumbers.parse("+81" + w)) != w
    for w in sample(difference(lang, removed), 50, rng):
        assert phonenumbers.national_significant_number(phonenumbers.parse("+81" + w)) == w
    assert strip_language(rl.meta, e164_cap(81, lang)).empty
