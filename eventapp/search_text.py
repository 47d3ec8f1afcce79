"""What a search compares: one folding rule, in Python, in the database and in the agenda's
script, applied to both the stored text and the typed text.

A reader of Arabic does not expect the search to care whether a name was written with its short
vowels (مُحَمَّد / محمد), with tatweel (مـحـمـد), with a hamza on its alif (أحمد / إحمد / احمد),
with alif maqsura or ya at its end (مصطفى / مصطفي), with ta marbuta or ha (فاطمة / فاطمه), or
with Arabic-Indic digits (٢٠٢٦ / 2026); a reader of English does not expect it to care about
accents or case (Müller / Muller, Łódź / Lodz). `fold` forgets all of these:

1. NFKD: accented letters become a letter and its marks, presentation forms and ligatures their
   letters; a hamza carried by alif, waw or ya (أ إ آ ؤ ئ) becomes its carrier and a mark.
   So ؤ searches as و and ئ as ي (رؤى finds روى, هيئة finds هيئه and هييه): the hamza is
   what people leave out, the carrier they write. The spellings that change the carrier
   (مسؤول / مسئول) stay apart. The lone hamza ء stays: it is a letter of سماء.
2. Dropped: combining marks (Latin accents; Arabic harakat U+064B–U+065F with hamza and madda
   marks, superscript alif U+0670, high hamza U+0674, Quranic marks U+0610–U+061A,
   U+06D6–U+06ED, U+08D3–U+08FF), tatweel U+0640, and invisible format characters (soft
   hyphen, the direction marks, zero-width joiners) that pasted text often carries.
3. Lower case (Python's casefold; the database's lower()).
4. Letters: ٱ ٲ ٳ → ا; ى (and Persian ی) → ي; ک → ك; ة ۃ → ه; Arabic-Indic and Persian digits
   → 0-9; Latin letters without a decomposition: ß ẞ → ss, æ → ae, œ → oe, þ → th, ø → o,
   ł → l, đ ð → d, ħ → h, ŧ → t, ı → i.
5. Whitespace runs → one space, trimmed.

The database applies the same rule as the function `search_fold` (SQLite: this module's `fold`,
registered on each connection; PostgreSQL: the function below, created by migration 0020_search
and by `db.create_all`), so `folded_like(column, text)` compares folded with folded. For the
characters covered (Basic Latin, Latin-1, Latin Extended-A, Latin Extended Additional, Arabic
and its presentation forms, spaces and invisible marks) both give the same text whatever the
database's locale (tests/search/test_fold_database.py); agenda.js holds the same rule for the
agenda's instant filter (tests/browser/test_search_fold.py). Other scripts are lower-cased by
each side's own rule (Python's casefold, the database's lower()), which may differ.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from flask import Flask
from sqlalchemy import DDL, event, func

from eventapp.extensions import db
from eventapp.inputs import MAX_SEARCH, like_pattern

# Ranges of characters dropped, as (first, last) code points: written once, turned into the
# Python and the PostgreSQL expressions (agenda.js spells the same list).
DROPPED = (
    (0x0300, 0x036F),  # combining diacritical marks (Latin accents after NFKD)
    (0x1AB0, 0x1AFF),  # combining diacritical marks, extended
    (0x1DC0, 0x1DFF),  # combining diacritical marks, supplement
    (0x20D0, 0x20FF),  # combining marks for symbols
    (0xFE20, 0xFE2F),  # combining half marks
    (0x0610, 0x061A),  # Arabic signs above and below
    (0x064B, 0x065F),  # harakat, shadda, sukun, hamza and madda marks
    (0x0670, 0x0670),  # superscript alif
    (0x0674, 0x0674),  # high hamza
    (0x06D6, 0x06ED),  # Quranic annotation marks
    (0x08D3, 0x08FF),  # Arabic extended-A marks
    (0x0640, 0x0640),  # tatweel
    (0x00AD, 0x00AD),  # soft hyphen
    (0x061C, 0x061C),  # Arabic letter mark
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner, LRM, RLM
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x2064),  # word joiner and invisible operators
    (0x2066, 0x2069),  # bidirectional isolates
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
)

# Whitespace (after NFKD, which already made most spaces a plain space): runs become one space.
WHITESPACE = (
    (0x09, 0x0D),
    (0x1C, 0x20),
    (0x85, 0x85),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
)

# One character for another (SQL translate()). Both cases of a Latin letter are listed: the
# database's lower() may leave capitals other than A-Z as they are (the C locale), Python's
# casefold does not.
LETTERS = (
    # alif wasla and alifs with wavy hamza (no decomposition), alif maqsura and Persian ya,
    # Persian kaf, ta marbuta
    ("ٱٲٳىیکةۃ", "اااييكهه"),
)
# The same, for characters few texts hold: PostgreSQL looks for them first (translate() costs
# in proportion to the characters it looks for).
UNCOMMON_LETTERS = (
    # Arabic-Indic and Persian digits
    ("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"),
    # Latin letters without a decomposition; ı also undoes a Turkish locale's lower('I')
    ("ØøŁłĐđÐðĦħŦŧıŊỺỼỾ", "oollddddhhttiŋỻỽỿ"),
)
# One letter for two (SQL replace()).
EXPANSIONS = (
    ("ß", "ss"),
    ("ẞ", "ss"),
    ("Æ", "ae"),
    ("æ", "ae"),
    ("Œ", "oe"),
    ("œ", "oe"),
    ("Þ", "th"),
    ("þ", "th"),
)


def _python_class(ranges) -> str:
    spans = (re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b != a else "") for a, b in ranges)
    return "[" + "".join(spans) + "]"


_DROP = re.compile(_python_class(DROPPED))
_SPACES = re.compile(_python_class(WHITESPACE) + "+")
_TABLE = {ord(a): b for pair in LETTERS + UNCOMMON_LETTERS for a, b in zip(*pair, strict=True)} | {
    ord(a): b for a, b in EXPANSIONS
}


def fold(text: str | None) -> str:
    """`text` as searches compare it (see the module's note)."""
    text = _DROP.sub("", unicodedata.normalize("NFKD", text or "")).casefold()
    return _SPACES.sub(" ", text.translate(_TABLE)).strip(" ")


def search_pattern(text: str) -> str:
    """The LIKE pattern `%folded text%` (wildcards escaped, length bounded) for what was typed."""
    return like_pattern(fold(text[:MAX_SEARCH]))


def folded(column):
    """The column as searches compare it (the database's `search_fold`)."""
    return func.search_fold(column)


def folded_like(column, text: str):
    """The column, folded, contains the typed text, folded: the one test of every search box."""
    return folded(column).like(search_pattern(text), escape="\\")


# Between the columns of one search: a control character, which no search text holds (inputs.py
# removes them from what is sent), so a match never spans two columns.
_BETWEEN = "\x01"


def any_folded_like(columns, text: str):
    """One of the columns contains the typed text (both folded). The columns are folded as one
    text: one call of the function per row, not one per column."""
    joined = functools.reduce(
        lambda left, right: left + _BETWEEN + right,
        (func.coalesce(column, "") for column in columns),
    )
    return folded(joined).like(search_pattern(text.replace(_BETWEEN, "")), escape="\\")


# PostgreSQL: the same rule in SQL, without extensions (unaccent may not be installed).


def _sql_class(ranges, indent: str, repeat: str = "") -> str:
    """A bracket expression of \\u escapes, as adjacent SQL literals of a few ranges each
    (PostgreSQL joins literals separated by a line break)."""
    spans = [f"\\u{a:04x}" + (f"-\\u{b:04x}" if b != a else "") for a, b in ranges]
    lines = ["".join(spans[i : i + 6]) for i in range(0, len(spans), 6)]
    lines[0], lines[-1] = "[" + lines[0], lines[-1] + "]" + repeat
    return f"\n{indent}".join(f"'{line}'" for line in lines)


def _sql_steps() -> str:
    common = [f"    t := translate(t, '{old}', '{new}');" for old, new in LETTERS]
    uncommon = [f"        t := translate(t, '{old}', '{new}');" for old, new in UNCOMMON_LETTERS]
    uncommon += [f"        t := replace(t, '{a}', '{b}');" for a, b in EXPANSIONS]
    rare = "".join(old for old, _ in UNCOMMON_LETTERS) + "".join(a for a, _ in EXPANSIONS)
    return "\n".join([*common, f"    IF t ~ '[{rare}]' THEN", *uncommon, "    END IF;"])


# plpgsql, installed in every PostgreSQL database, keeps each step's result in a variable: an
# SQL expression would compute the text again for each test of a step.
POSTGRES_FUNCTION = f"""CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $fold$
DECLARE
    t text := lower(regexp_replace(
        normalize(value, NFKD),
        {_sql_class(DROPPED, "        ")},
        '', 'g'));
BEGIN
{_sql_steps()}
    RETURN btrim(regexp_replace(t,
        {_sql_class(WHITESPACE, "        ", "+")},
        ' ', 'g'), ' ');
END
$fold$"""

# Tests and benchmarks build their schema with db.create_all(): the function comes with it.
event.listen(db.metadata, "before_create", DDL(POSTGRES_FUNCTION).execute_if(dialect="postgresql"))


@functools.lru_cache(maxsize=4096)
def _sqlite_fold(value):
    """SQLite calls it for each row of each search: a list searched again and again (the
    organisers' list, the door) folds its rows once."""
    return None if value is None else fold(str(value))


def init_app(app: Flask) -> None:
    """SQLite: `search_fold` is this module's `fold`, on every connection the engine opens."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():

        @event.listens_for(db.engine, "connect")
        def _register(dbapi_connection, _record):
            dbapi_connection.create_function("search_fold", 1, _sqlite_fold, deterministic=True)
