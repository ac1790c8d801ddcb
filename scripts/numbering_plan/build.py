"""Stage 6: build every space into one pool, verify it, write the data file."""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import sys
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import botocore.session
import phonenumbers
from phonenumbers import PhoneMetadata

from .automata import is_acyclic
from .counting import Pool
from .languages import GENERATED_TYPES, nsn_language, region_languages
from .verify import verify

OUT = Path(__file__).resolve().parents[2] / "connect_mock" / "data" / "numbering_plan.json.gz"
DESCRIPTION = "Generate connect_mock/data/numbering_plan.json.gz from phonenumbers' metadata."


def connect_countries() -> list[str]:
    model = botocore.session.get_session().get_service_model("connect")
    shape: Any = model.shape_for("PhoneNumberCountryCode")  # a StringShape, which has .enum
    return list(shape.enum)


@dataclass
class Plan:
    """The pooled spaces: ``spaces[country][type]`` is a start state of ``pool``."""

    pool: Pool = field(default_factory=Pool)
    spaces: dict[str, dict[str, int]] = field(default_factory=dict)
    calling_codes: dict[str, str] = field(default_factory=dict)
    fallback_mobile: list[str] = field(default_factory=list)


def build_plan(countries: list[str]) -> Plan:
    """Every non-empty space of ``countries`` (in that order) in one pool."""
    plan = Plan()
    for country in countries:
        if PhoneMetadata.metadata_for_region(country) is None:
            continue  # AQ, AN, PN: no metadata, no plan at all
        cc = region_languages(country).meta.country_code
        plan.calling_codes[country] = str(cc)
        if not region_languages(country).fixed_plan:
            plan.fallback_mobile.append(country)
        for ntype in GENERATED_TYPES:
            code, lang = nsn_language(country, ntype)
            if lang.empty:
                continue
            if not is_acyclic(lang):
                raise AssertionError(f"{country} {ntype}: cyclic DFA")
            plan.spaces.setdefault(country, {})[ntype] = plan.pool.add(lang, str(code))
    return plan


def encode(arr: array[Any]) -> str:
    if sys.byteorder != "little":
        arr = array(arr.typecode, arr)
        arr.byteswap()
    return base64.b64encode(arr.tobytes()).decode("ascii")


def serialise(plan: Plan) -> bytes:
    """The data file's JSON document (``format`` 1), uncompressed."""
    pool = plan.pool
    trans = array("i", [t for row in pool.trans for t in row])
    count = array("q", pool.count)
    assert max(pool.count) < 2**63
    accept = bytes(int(a) for a in pool.accept)
    doc = {
        "format": 1,
        "source": f"phonenumbers {phonenumbers.__version__}",
        "states": len(pool.accept),
        "accept": base64.b64encode(accept).decode("ascii"),
        "trans": encode(trans),
        "count": encode(count),
        "calling_codes": plan.calling_codes,
        "spaces": plan.spaces,
    }
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()


def compress(raw: bytes) -> bytes:
    """gzip with a zero timestamp, so the bytes only depend on ``raw``."""
    return gzip.compress(raw, compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scripts.numbering_plan", description=DESCRIPTION)
    ap.add_argument("--check", action="store_true", help="verify only, do not write the data file")
    ap.add_argument("--samples", type=int, default=2000, help="random numbers checked per space")
    ap.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    args = ap.parse_args(argv)

    t0 = time.time()
    countries = connect_countries()
    assert len(countries) == 237, len(countries)
    plan = build_plan(countries)
    n_spaces = sum(len(v) for v in plan.spaces.values())
    print(
        f"built {n_spaces} spaces, {len(plan.pool.accept)} pooled states in {time.time() - t0:.1f}s"
    )
    print(f"DID falls back to mobile for: {plan.fallback_mobile}")

    if verify(plan.pool, plan.spaces, args.samples):
        print("VERIFICATION FAILED")
        return 1

    raw = serialise(plan)
    data = compress(raw)
    print(f"data: {len(raw)} bytes json, {len(data)} bytes gzipped")
    if not args.check:
        args.out.write_bytes(data)
        print(f"wrote {args.out}")
    print(f"total {time.time() - t0:.1f}s")
    return 0
