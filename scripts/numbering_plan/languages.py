"""Stage 4: libphonenumber semantics as languages of national significant numbers.

Per region, the NSNs of each phonenumbers type (``_number_type_helper``
priority order), which region ``number_type`` consults for a shared calling
code, the NSNs ``parse`` would alter by stripping a national prefix, the
E.164 length cap, and finally the NSN language of each generated space
(country, Connect number type).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from phonenumbers import PhoneMetadata, PhoneNumberType
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

from .automata import (
    DFA,
    EMPTY,
    concat,
    difference,
    from_regex,
    intersect,
    length_language,
    path_language,
    prefix_match_language,
    quotient,
    union,
    union_all,
    word_language,
)
from .counting import count_dfa
from .regex import Parser, regex_paths

GENERATED_TYPES = ("DID", "TOLL_FREE", "UIFN", "SHARED")
# E.164: at most 15 digits after "+", calling code included (Connect's model
# pattern for PhoneNumber is \+[1-9]\d{1,14}).
E164_MAX_DIGITS = 15

HIGHER_DESCS = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)

_regex_cache: dict[str, DFA] = {}


def regex_language(pattern: str) -> DFA:
    d = _regex_cache.get(pattern)
    if d is None:
        d = _regex_cache[pattern] = from_regex(pattern)
    return d


def desc_language(desc: Any) -> DFA:
    """Mirror of ``_is_number_matching_desc``: the desc's possible lengths (if
    any; (-1,) matches nothing) and a full match of its pattern."""
    if desc is None or not desc.national_number_pattern:
        return EMPTY
    lang = regex_language(desc.national_number_pattern)
    if len(desc.possible_length) > 0:
        lang = intersect(lang, length_language(x for x in desc.possible_length if x >= 0))
    return lang


class RegionLanguages:
    """Per-type NSN languages of one metadata object (``_number_type_helper``)."""

    def __init__(self, meta: Any) -> None:
        self.meta = meta
        general = desc_language(meta.general_desc)
        self.general = general
        self.types: dict[int, DFA] = {}
        higher = EMPTY
        for attr, ptype in HIGHER_DESCS:
            lang = difference(intersect(general, desc_language(getattr(meta, attr))), higher)
            self.types[ptype] = lang
            higher = union(higher, lang)
        fixed = difference(intersect(general, desc_language(meta.fixed_line)), higher)
        mobile_raw = intersect(general, desc_language(meta.mobile))
        self.fixed_plan = not intersect(general, desc_language(meta.fixed_line)).empty
        if meta.same_mobile_and_fixed_line_pattern:
            self.types[PhoneNumberType.FIXED_LINE_OR_MOBILE] = fixed
            self.types[PhoneNumberType.FIXED_LINE] = EMPTY
            self.types[PhoneNumberType.MOBILE] = EMPTY
        else:
            self.types[PhoneNumberType.FIXED_LINE_OR_MOBILE] = intersect(fixed, mobile_raw)
            self.types[PhoneNumberType.FIXED_LINE] = difference(fixed, mobile_raw)
            self.types[PhoneNumberType.MOBILE] = difference(difference(mobile_raw, higher), fixed)
        self.valid = union_all(self.types.values())

    def of_types(self, wanted: Iterable[int]) -> DFA:
        return union_all(self.types[t] for t in wanted)


_region_cache: dict[str, RegionLanguages] = {}


def region_languages(region: str) -> RegionLanguages:
    rl = _region_cache.get(region)
    if rl is None:
        if region == "001":
            raise ValueError("use nongeo metadata directly")
        rl = _region_cache[region] = RegionLanguages(PhoneMetadata.metadata_for_region(region))
    return rl


def number_type_language(cc: int, wanted: Iterable[int]) -> DFA:
    """NSNs that ``phonenumbers.number_type`` puts in ``wanted`` for calling
    code ``cc`` (first claiming region of the calling code decides)."""
    wanted = tuple(wanted)
    regions = COUNTRY_CODE_TO_REGION_CODE[cc]
    if len(regions) == 1:
        return region_languages(regions[0]).of_types(wanted)
    out = EMPTY
    claimed = EMPTY
    for region in regions:
        rl = region_languages(region)
        if rl.meta.leading_digits is not None:
            claim = prefix_match_language(rl.meta.leading_digits)
        else:
            claim = rl.valid
        mine = difference(claim, claimed)
        out = union(out, intersect(mine, rl.of_types(wanted)))
        claimed = union(claimed, claim)
    return out


# A regex "path": one way through the pattern, as the engine tries them.


def strip_language(meta: Any, lang: DFA) -> DFA:
    """The NSNs of ``lang`` that ``parse('+cc' + nsn)`` would alter.

    parse() runs ``_maybe_strip_national_prefix_carrier_code`` with the
    calling code's main-region metadata even on international input, and
    keeps the result unless ``_test_number_length`` says TOO_SHORT,
    IS_POSSIBLE_LOCAL_ONLY or INVALID_LENGTH.  We follow it path by path of
    ``national_prefix_for_parsing`` (exactly: see ``regex_paths``): without a
    transform rule (or when the rule's last group did not take part) the NSN
    becomes ``nsn[end:]``, with one it becomes ``rule(prefix) + nsn[end:]``;
    either is kept when the original is not viable (general pattern) or the
    result is.  Only paths that some number of ``lang`` takes are expanded.
    """
    npfp = meta.national_prefix_for_parsing
    if not npfp or lang.empty:
        return EMPTY
    parser = Parser(npfp)
    ast = parser.parse()
    last_group = parser.groups
    rule = meta.national_prefix_transform_rule or ""
    gd = meta.general_desc
    pls = [x for x in gd.possible_length if x >= 0]
    local = set(gd.possible_length_local_only)
    # TOO_LONG is accepted by parse, so every length above the maximum is OK.
    ok_len = length_language([x for x in pls if x not in local], at_least=max(pls) + 1)
    gpat = regex_language(gd.national_number_pattern)
    ok_result = intersect(ok_len, gpat)

    out = EMPTY
    earlier = EMPTY  # union of the languages of earlier paths that matter
    for path in regex_paths(ast):
        elements, groups, _ = path
        mine = intersect(lang, path_language(path))
        if mine.empty:
            continue
        taken = difference(mine, earlier)
        earlier = union(earlier, path_language(path))
        if taken.empty:
            continue
        k = len(elements)
        if not rule or last_group not in groups:
            if k == 0:
                continue  # an empty match strips nothing
            prefix = path_language((elements, groups, True))
            part = union(
                difference(concat(prefix, ok_len), gpat),  # original not viable
                concat(prefix, ok_result),
            )
            out = union(out, intersect(taken, part))
            continue
        # Transform rule: enumerate the concrete prefixes (few in practice).
        sizes = 1
        for m, _ in elements:
            sizes *= bin(m).count("1")
        if _rule_is_identity(rule, elements):
            continue
        if sizes > 100_000:
            raise ValueError(f"too many prefixes to enumerate for {npfp!r}")
        for x in _words(elements):
            spans: dict[int, str] = {}
            for i, (_, gs) in enumerate(elements):
                for g in gs:
                    spans[g] = spans.get(g, "") + x[i]
            tx = _expand_rule(rule, spans)
            if tx == x:
                continue
            xw = word_language(x)
            part = union(
                difference(concat(xw, quotient(ok_len, tx)), gpat),
                concat(xw, quotient(ok_result, tx)),
            )
            out = union(out, intersect(taken, part))
    return out


def _expand_rule(rule: str, spans: dict[int, str]) -> str:
    """What ``re.sub`` makes of the rule (``\\n`` group references only)."""
    return re.sub(r"\\(\d)", lambda mm: spans.get(int(mm[1]), ""), rule)


def _rule_is_identity(rule: str, elements: tuple[tuple[int, frozenset[int]], ...]) -> bool:
    """True when the rule is a single ``\\n`` whose group covers the whole match."""
    m = re.fullmatch(r"\\(\d)", rule)
    return bool(m) and all(int(m[1]) in gs for _, gs in elements)  # type: ignore[index]


def _words(elements: tuple[tuple[int, frozenset[int]], ...]) -> Iterable[str]:
    words = [""]
    for m, _ in elements:
        words = [w + str(d) for w in words for d in range(10) if m >> d & 1]
    return words


# ---------------------------------------------------------------------------
# Spaces
# ---------------------------------------------------------------------------
FIXED_WANTED = (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
MOBILE_WANTED = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def expected_types(country: str, number_type: str) -> tuple[int, ...]:
    """The phonenumbers types a generated number of this space must have."""
    if number_type == "DID":
        return FIXED_WANTED if region_languages(country).fixed_plan else MOBILE_WANTED
    if number_type in ("TOLL_FREE", "UIFN"):
        return (PhoneNumberType.TOLL_FREE,)
    if number_type == "SHARED":
        return (PhoneNumberType.SHARED_COST,)
    raise ValueError(number_type)


def e164_cap(cc: int, lang: DFA) -> DFA:
    """The NSNs of ``lang`` that fit E.164 after calling code ``cc``."""
    return intersect(lang, length_language(range(E164_MAX_DIGITS - len(str(cc)) + 1)))


def nsn_language(country: str, number_type: str) -> tuple[int, DFA]:
    """(calling code, NSN language) of a space, capped to E.164 lengths."""
    if number_type == "UIFN":
        meta = PhoneMetadata.metadata_for_nongeo_region(800)
        rl = RegionLanguages(meta)
        lang = e164_cap(800, rl.types[PhoneNumberType.TOLL_FREE])
        return 800, difference(lang, strip_language(meta, lang))
    rl = region_languages(country)
    cc = rl.meta.country_code
    wanted = expected_types(country, number_type)
    base = e164_cap(cc, rl.of_types(wanted))
    lang = intersect(base, number_type_language(cc, wanted))
    main = COUNTRY_CODE_TO_REGION_CODE[cc][0]
    removed = strip_language(region_languages(main).meta, lang)
    if not removed.empty:
        print(
            f"  note: {country} {number_type}: {count_dfa(removed)} numbers removed"
            " (parse would strip a national prefix)"
        )
    return cc, difference(lang, removed)
