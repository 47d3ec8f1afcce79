"""Hypothesis strategies for what a hostile (or just unlucky) person sends to Multaqa.

Text mixes Arabic, Latin and other scripts with the characters that break naive code: bidi
controls, zero-width marks, NUL and the other control characters, markup, formula starts and
very long strings (up to 100,000 characters). Numbers, dates and times come well formed,
malformed, huge and negative. A form payload keeps the form's real field names and then drops,
repeats or adds fields, or sends a value of the wrong kind.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# The fuzz tests run in the normal suite: a bounded, repeatable number of examples per endpoint.
# Derandomized (the same examples on every run and in CI), no example database, no deadline
# (a page's first request compiles templates), no shrinking: the fuzzers collect every failure
# with its endpoint and payload and name them all at the end. FUZZ_EXAMPLES overrides the count.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
settings.register_profile(
    "multaqa-fuzz",
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)
FUZZ = settings.get_profile("multaqa-fuzz")

ARABIC = "ملتقى الفعاليات: ورشة عمل تشاورية حول حقوق الإنسان ١٢٣٤٥٦٧٨٩٠ ـ ،؛؟"
# U+200E/F marks, U+202A-E embeddings and overrides, U+2066-9 isolates.
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f"
NASTY = [
    "",
    " ",
    "\u3000\t\n",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://x")',
    "+1-1",
    "@SUM(A1)",
    "'; DROP TABLE events; --",
    "%s%s%n",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "\x00",
    "\ud7ff\ue000\U0010ffff",
    "𝕸𝖚𝖑𝖙𝖆𝖖𝖆 👩🏽‍⚖️",
    "עברית ελληνικά русский 中文 हिन्दी",
    "\u202eevil\u202c",
    "ﷺ ﷽ لا",
]
# Characters PostgreSQL and WTForms can transport (no lone surrogates: a browser cannot send
# them in UTF-8 either).
SAFE_ALPHABET = st.characters(exclude_categories=("Cs",))
MIXED_ALPHABET = st.one_of(
    st.sampled_from(ARABIC),
    st.sampled_from("Multaqa abc XYZ -_.,;:!?()[]{}<>&\"'/\\|`~^%$#@*+="),
    st.sampled_from(BIDI + ZERO_WIDTH),
    st.sampled_from(CONTROL),
    SAFE_ALPHABET,
)

mixed_text = st.text(MIXED_ALPHABET, max_size=60)
nasty_text = st.sampled_from(NASTY)


@st.composite
def very_long_text(draw, limit: int = 100_000) -> str:
    """A short mixed text repeated up to `limit` characters (one of 10k, 65k and 100k)."""
    unit = draw(st.text(MIXED_ALPHABET, min_size=1, max_size=12))
    size = draw(st.sampled_from([256, 10_000, 65_536, limit]))
    return (unit * (size // len(unit) + 1))[:size]


hostile_text = st.one_of(
    mixed_text, nasty_text, very_long_text(), st.text(SAFE_ALPHABET, max_size=30)
)

ints = st.one_of(
    st.integers(-10, 10),
    st.sampled_from([2**31 - 1, 2**31, -(2**31) - 1, 2**63, 2**64, 10**30, -(10**30)]),
    st.integers(),
)
malformed_numbers = st.sampled_from(
    [
        "",
        " ",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "1e309",
        "1e9",
        "0x10",
        "1_000",
        "١٢٣",
        "٣٫٥",
        "1,5",
        "--1",
        "+",
        "²",
        "½",
        "12abc",
        " 7 ",
        "9" * 400,
        "0.1",
        "-0",
    ]
)
numbers = st.one_of(ints.map(str), malformed_numbers)
malformed_dates = st.sampled_from(
    [
        "",
        "2026-02-30",
        "2026-13-01",
        "0000-00-00",
        "9999-12-31",
        "10000-01-01",
        "1-1-1",
        "2026/01/01",
        "٢٠٢٦-٠١-٠١",
        "today",
        "2026-01-01T25:00",
        "-2026-01-01",
        "1e9",
        "2026-01-01\x00",
        "2026-W01",
        "20260101",
        "1447-09-01",
    ]
)
malformed_times = st.sampled_from(
    [
        "",
        "24:00",
        "23:60",
        "25:99",
        "9",
        "09:00:00",
        "9:0",
        "-1:00",
        "12:00 PM",
        "١٠:٣٠",
        "99999999:00",
        "noon",
        "09-00",
        "T09:00",
        "00:00",
    ]
)
dates = st.one_of(st.dates().map(str), malformed_dates)
times = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), malformed_times)
wrong_types = st.sampled_from(["[]", "{}", "null", "true", "[1,2]", '{"a":1}', "None"])

# Whatever any field may receive.
any_value = st.one_of(hostile_text, numbers, dates, times, wrong_types)


def value_for(field: dict) -> st.SearchStrategy[str]:
    """A value for one form field as the page declares it (`tests/fuzz/forms.py`)."""
    kind = field["type"]
    options = field.get("options") or []
    if kind in ("select", "radio", "checkbox") and options:
        # Mostly a real choice (so the rest of the form is reached), sometimes anything.
        return st.one_of(st.sampled_from(options), st.sampled_from(options), any_value)
    if kind == "hidden":
        return st.one_of(st.just(field.get("value") or ""), numbers, any_value)
    if kind == "number":
        return numbers
    if kind in ("date", "datetime-local"):
        return dates
    if kind == "time":
        return times
    if kind == "file":
        return hostile_text
    return st.one_of(hostile_text, hostile_text, any_value)


@st.composite
def form_payload(draw, fields: list[dict]) -> list[tuple[str, str]]:
    """The form's real fields, each sent once, twice or not at all, plus unknown fields."""
    pairs: list[tuple[str, str]] = []
    for field in fields:
        repeat = draw(st.sampled_from([1, 1, 1, 1, 0, 2]))
        for _ in range(repeat):
            pairs.append((field["name"], draw(value_for(field))))
    unknown = draw(
        st.lists(
            st.tuples(
                st.one_of(
                    st.sampled_from(["id", "event_id", "is_admin", "status"]),
                    st.text(MIXED_ALPHABET, min_size=1, max_size=20),
                ),
                any_value,
            ),
            max_size=2,
        )
    )
    return pairs + unknown


query_string = st.lists(
    st.tuples(
        st.one_of(
            st.sampled_from(
                [
                    "q",
                    "day",
                    "room",
                    "page",
                    "kind",
                    "lang",
                    "status",
                    "next",
                    "t",
                    "id",
                    "sort",
                    "format",
                    "mode",
                    "category",
                ]
            ),
            st.text(MIXED_ALPHABET, min_size=1, max_size=12),
        ),
        any_value,
    ),
    max_size=4,
)
