"""Generate ``connect_mock/data/numbering_plan.json.gz`` from phonenumbers' metadata.

Run by hand from the repository root whenever the bundled plan should follow a
new phonenumbers release (the runtime never imports phonenumbers, so the
inventories only change when the data file is regenerated and committed)::

    .venv/bin/python -m scripts.numbering_plan            # write the data file
    .venv/bin/python -m scripts.numbering_plan --check    # verify only, write nothing
    .venv/bin/python -m scripts.numbering_plan --out F    # write F instead

(``.venv/bin/python scripts/numbering_plan`` works too.)

Stages (each module imports only the ones above it)
---------------------------------------------------
``regex``      the pattern dialect -> syntax tree; match paths in ``re`` order
``automata``   NFAs, DFAs and their algebra over the digits 0-9
``counting``   counting, the shared pool of minimal states, unranking
``languages``  libphonenumber semantics as NSN languages; the spaces
``verify``     checks against the installed phonenumbers
``build``      pooling every space, verification, writing the data file

What it does
------------
libphonenumber's national-number patterns use a tiny regex dialect (digits,
``\\d``, classes, ``(?:...)``, ``|``, ``?``, ``{n}``, ``{n,m}``).  We parse them,
build NFAs, determinise them over the alphabet 0-9, and combine the resulting
DFAs with product constructions so that, for each (country, type), we get the
exact set of national significant numbers (NSNs) that

* are valid for the country and whose type under the country's own metadata
  is the wanted one (``phonenumberutil._number_type_helper`` order: a number
  matched by a higher-priority desc is that type, never the lower one);
* keep that type when ``phonenumbers.number_type`` is asked: for calling codes
  shared by several regions it classifies with the metadata of the *first*
  region of ``COUNTRY_CODE_TO_REGION_CODE[cc]`` that claims the number (by
  ``leading_digits`` when the region has them, else by validity), so we keep
  only numbers whose first claimer gives a wanted type;
* survive ``phonenumbers.parse("+" + digits)`` unchanged: parse strips a
  national prefix (``national_prefix_for_parsing``) even from international
  numbers when what remains still looks like a number, which would change the
  NSN; such numbers are removed (see ``strip_language``);
* are valid E.164: at most 15 digits after the "+", calling code included
  (``E164_MAX_DIGITS``).  libphonenumber accepts longer national numbers for a
  few countries (with 9.0.43: DE DID/SHARED/TOLL_FREE and ID/JP/KR/NG/UY
  TOLL_FREE reach 16-19 digits with the calling code), but Amazon Connect
  models PhoneNumber as ``\\+[1-9]\\d{1,14}``, so ClaimPhoneNumber would refuse
  a number that search offered.  Each NSN language is intersected with the
  lengths ``<= 15 - len(cc)`` before anything else (see ``e164_cap``); the
  cap shrinks those eight spaces (DE DID from 764,602,334,267,000 to
  7,802,334,267,000 numbers) and empties none.

The calling code digits are prepended, every DFA is minimised into one shared
pool of states (identical suffix languages, e.g. ``\\d{7}`` tails or the NANP
toll-free plan, are stored once) and each state gets the number of accepted
strings reachable from it, which the runtime uses to count and unrank.

Verification (always run): all DFAs are acyclic, no space holds a number
longer than 15 digits, 2,000 random numbers per non-empty space
(``random.Random(0)``) pass the phonenumbers checks, and the DFA counts equal
brute-force enumeration on a few small spaces and prefixes.
A full run takes about three minutes; the output is byte-for-byte reproducible.

Rules that matter with phonenumbers 9.0.43 (all exact, no exceptions needed):

* Shared calling codes: e.g. CA toll-free numbers are claimed by US first but
  are TOLL_FREE there too, so they stay; RU numbers outside RU's
  ``leading_digits`` "[3489]" are claimed by nobody (number_type UNKNOWN) and
  are dropped.
* parse() stripping: JP TOLL_FREE would lose 13,900,000,000 numbers of the
  form ``+81 003768`` + 9..11 digits whose remainder matches JP's general
  pattern, because parse strips "003768" from them; all of them are longer
  than 15 digits, so with the E.164 cap nothing is left to remove (AR's
  transform rule is modelled exactly and removes nothing either).
* No region lacks a fixed-line plan, so DID never falls back to mobile.
* Spaces smaller than 10,000 (plans that are that small): AL SHARED 900,
  FO TOLL_FREE 5000, MO/NC/TO/WS TOLL_FREE 1000, NU DID 2000, SB/SC TOLL_FREE
  2000, SH DID 9600, TV DID 9000, VU TOLL_FREE 200.

Data format (``format`` 1, gzipped JSON): ``states`` n; ``accept`` n bytes,
``trans`` 10n little-endian int32 (-1 = no transition), ``count`` n int64,
all base64; ``spaces`` {country: {type: start state}}; ``calling_codes``
{country: "cc"}; ``source`` "phonenumbers X.Y.Z".
"""
