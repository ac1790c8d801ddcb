"""Stage 5: checking generated numbers against the installed phonenumbers.

``number_ok`` is the product requirement (what a number offered for a space
must satisfy); ``brute_force_ok`` adds the space definition, so enumerating
every digit string with it gives exactly a space's language.  ``verify``
runs both checks over a built pool.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType

from .counting import Pool, count_with_prefix, max_length, unrank
from .languages import E164_MAX_DIGITS, expected_types


def number_ok(country: str, number_type: str, digits: str) -> bool:
    """The product requirement, checked with the installed phonenumbers."""
    if not 1 <= len(digits) <= E164_MAX_DIGITS:
        return False
    try:
        p = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.E164) != "+" + digits:
        return False
    if number_type == "UIFN":
        return (
            phonenumbers.is_valid_number_for_region(p, "001")
            and phonenumbers.region_code_for_number(p) == "001"
            and phonenumbers.number_type(p) == PhoneNumberType.TOLL_FREE
        )
    if not phonenumbers.is_valid_number_for_region(p, country):
        return False
    return phonenumbers.number_type(p) in expected_types(country, number_type)


def brute_force_ok(country: str, number_type: str, digits: str) -> bool:
    """number_ok plus "the country's own metadata gives a wanted type" (the
    DID/TOLL_FREE/SHARED definition), i.e. exactly the generated language."""
    if not number_ok(country, number_type, digits):
        return False
    if number_type == "UIFN":
        return True
    from phonenumbers.phonenumberutil import _number_type_helper

    p = phonenumbers.parse("+" + digits)
    nsn = phonenumbers.national_significant_number(p)
    meta = PhoneMetadata.metadata_for_region(country)
    assert meta is not None
    return bool(_number_type_helper(nsn, meta) in expected_types(country, number_type))


def brute_force_count(country: str, number_type: str, prefix: str, lengths: Iterable[int]) -> int:
    n = 0
    for total in lengths:
        free = total - len(prefix)
        if free < 0:
            continue
        for i in range(10**free):
            s = prefix + (str(i).zfill(free) if free else "")
            if brute_force_ok(country, number_type, s):
                n += 1
    return n


# Small spaces / prefixes where brute force over every digit string is cheap
# (country, type, prefix, total E.164 lengths to enumerate).
BRUTE_FORCE_CASES = (
    ("NU", "DID", "683", (7, 8)),
    ("TK", "DID", "690", (7, 8)),
    ("US", "DID", "1206555", (11,)),
    ("US", "TOLL_FREE", "1800555", (11,)),
    ("CA", "TOLL_FREE", "1888555", (11,)),
    ("CA", "DID", "1416555", (11,)),
    ("GB", "DID", "4420790", (12,)),
    ("GG", "DID", "4414812", (12,)),
    ("DE", "DID", "4930123", (7, 8, 9, 10, 11)),
    ("IT", "DID", "390612", (7, 8, 9, 10)),
    ("VA", "DID", "3906698", (10, 11)),
    ("BR", "TOLL_FREE", "558001234", (12, 13)),
    ("RU", "DID", "749555", (11,)),
    ("DO", "DID", "1809555", (11,)),
    ("PR", "TOLL_FREE", "1877555", (11,)),
    ("IM", "DID", "44162480", (12,)),
    ("SJ", "DID", "477912", (10,)),
    ("KZ", "DID", "77172", (11,)),
    ("FR", "SHARED", "33810", (10, 11)),
    ("AU", "DID", "6128912", (11,)),
    ("CX", "DID", "6189164", (11,)),
    ("AR", "DID", "5411154", (12,)),
    ("JP", "TOLL_FREE", "8100376", (11, 12)),
    # +81 00 3768 …: parse strips the "003768" prefix when 9 digits remain,
    # which only happens beyond the E.164 cap; at 14/15 digits nothing is stripped.
    ("JP", "TOLL_FREE", "8100376812345", (14, 15)),
    # The E.164 cap: DE has 16/17-digit fixed lines, none may be generated.
    ("DE", "DID", "49301234567890", (15, 16)),
    ("DE", "TOLL_FREE", "4980012345678", (15, 16, 17)),
    ("US", "UIFN", "8001234", (11,)),
)


def verify(pool: Pool, spaces: dict[str, dict[str, int]], samples: int) -> int:
    """Check every space of ``pool``; print what fails and return the failure count.

    Per space: no number longer than E.164 allows and ``samples`` random
    numbers (``random.Random(0)``, all of them for smaller spaces) pass
    ``number_ok``; then the DFA counts of ``BRUTE_FORCE_CASES`` must equal
    brute-force enumeration.
    """
    rng = random.Random(0)
    bad = 0
    small = []
    for country, by_type in spaces.items():
        for ntype, sid in by_type.items():
            size = pool.count[sid]
            longest = max_length(pool, sid)
            if longest > E164_MAX_DIGITS:
                bad += 1
                print(f"  FAIL {country} {ntype}: numbers of {longest} digits")
            if size < 10_000:
                small.append((country, ntype, size))
            n = min(samples, size)
            idx = rng.sample(range(size), n) if size > n else range(size)
            for k in idx:
                digits = unrank(pool, sid, k)
                if not number_ok(country, ntype, digits):
                    bad += 1
                    if bad < 20:
                        print(f"  FAIL {country} {ntype} +{digits}")
    print(f"sampling done, {bad} failures; small spaces: {small}")
    for country, ntype, prefix, lengths in BRUTE_FORCE_CASES:
        sid = spaces[country][ntype]
        want = brute_force_count(country, ntype, prefix, lengths)
        got = count_with_prefix(pool, sid, prefix, lengths)
        print(f"  brute force {country} {ntype} {prefix}: dfa {got} brute {want}")
        if got != want:
            bad += 1
    return bad
