"""Counts are said with ngettext (Arabic has six forms: «لا شواغر», «شاغر واحد», «شاغران»,
«٥ شواغر», «٣٧ شاغرًا», «١٠٠ شاغر»), never as "%(n)s seats" in a plain _() nor as
`{{ n }} {{ _('seats') }}` in a template. The catalogues' templates (.pot) hold every msgid
the code uses, so they are where a count without plural forms is found."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from flask_babel import force_locale, ngettext

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"

# A placeholder that may carry a count.
COUNT_PLACEHOLDER = re.compile(
    r"%\((n|num|count|total|number|present|shown|attended|places|free|left)\)[sd]"
    r"|\{(n|num|count|total)\}"
)

# msgids whose number is not a count of things, each with why.
ALLOWLIST = {
    "Day %(number)s": "an ordinal: the day's position in the event (اليوم ٢)",
    "Day %(n)s": "an ordinal: the day's position in the event",
    "Day %(n)s: %(date)s": "an ordinal, then the date",
    "Waiting list: number %(n)s": "a position in the waiting list, after a label",
    "Recommendation %(n)s": "the recommendation's number, an identifier",
    "Take up recommendation %(n)s of %(event)s": "the recommendation's number, an identifier",
    "Version %(n)s": "a version number, an identifier",
    "speakers before you: %(n)s": "a label then the figure: no noun agrees with the number",
    "Places: %(n)s": "a label then the figure: no noun agrees with the number",
    "Present: %(n)s": "a label then the figure: no noun agrees with the number",
    "Room capacity: %(n)s": "a label then the figure: no noun agrees with the number",
    "Signed up: %(n)s": "a label then the figure: no noun agrees with the number",
    "%(present)s; %(quorum)s": "joins two phrases, each already said with ngettext",
}
# "Line %(n)s ..." names a line of an uploaded file by its number (an identifier); the
# counts in those messages (%(num)s columns, characters) are plural entries of their own.
LINE_NUMBER = re.compile(r"^Line %\(n\)s\b")


def _catalogues(pattern: str):
    for path in sorted(TRANSLATIONS.glob(pattern)):
        with path.open("rb") as f:
            yield path, read_po(f)


def _without_identifiers(msgid: str) -> str:
    """The msgid without its line number ("Line %(n)s"), which is no count."""
    return LINE_NUMBER.sub("Line", msgid)


def test_no_count_is_translated_without_plural_forms():
    found = []
    for path, catalogue in _catalogues("*/messages.pot"):
        for message in catalogue:
            if not message.id or message.pluralizable or message.id in ALLOWLIST:
                continue
            if COUNT_PLACEHOLDER.search(_without_identifiers(message.id)):
                found.append(f"{path.parent.name}: {message.id}")
    assert not found, "counts without ngettext:\n" + "\n".join(found)


def test_the_allowlist_names_only_messages_that_exist():
    ids = {m.id for _, c in _catalogues("*/messages.pot") for m in c if m.id}
    assert not set(ALLOWLIST) - ids, "stale allowlist entries"
    assert all(reason.strip() for reason in ALLOWLIST.values())


# `{{ n }} {{ _('sessions') }}`, `{{ x|length }} {{ _("...") }}`, `({{ n|digits(e) }} ...`
NUMBER_THEN_WORD = re.compile(
    r"\{\{\s*[\w.\[\]'\"]+(\|length|\|count)?(\|digits\([^)]*\))?\s*\}\}\s*\{\{\s*_\("
)
LENGTH_THEN_WORD = re.compile(r"\|length[^}]*\}\}\s*\{\{\s*_\(")


def test_no_template_prints_a_number_before_a_translated_noun():
    found = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix not in (".html", ".txt", ".ics"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in NUMBER_THEN_WORD.finditer(line):
                printed = match.group(0)
                if match.group(1) or re.search(r"\b(count|total|num|n|number)\b", printed):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {printed}")
            for match in LENGTH_THEN_WORD.finditer(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert not found, "a number printed next to a translated noun:\n" + "\n".join(found)


# f"{n} sessions", "%d sessions" % n, "{} sessions".format(n) in Python.
PYTHON_COUNT = re.compile(
    r"""_\(\s*f["']|_\(\s*["'][^"']*%d\b|_\(\s*["'][^"']*\{\w*\}[^"']*["']\s*\)\.format"""
)


def test_no_python_count_is_formatted_into_a_translated_string():
    found = []
    for path in sorted((ROOT / "eventapp").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PYTHON_COUNT.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_every_arabic_plural_has_six_forms_not_all_the_same():
    problems = []
    for path, catalogue in _catalogues("*/ar/LC_MESSAGES/messages.po"):
        assert catalogue.num_plurals == 6, path
        for message in catalogue:
            if not (message.pluralizable and message.id):
                continue
            forms = message.string
            if len(forms) != 6 or not all(f.strip() for f in forms):
                problems.append(f"{path.parent.parent.parent.name}: {message.id[0]}: empty form")
            elif len(set(forms)) == 1:
                problems.append(f"{path.parent.parent.parent.name}: {message.id[0]}: all same")
    assert not problems, "\n".join(problems)


CLDR_INDEX = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 4, "other": 5}


def test_the_arabic_plural_rule_follows_cldr():
    """msgstr[4] is the "many" form (11–99: «٣٧ شاغرًا»), msgstr[5] "other" (100–102:
    «١٠٠ شاغر»). Babel's own header for Arabic swaps the two; ours must not."""
    rule = Locale("ar").plural_form
    for path, catalogue in _catalogues("*/ar/LC_MESSAGES/messages.po"):
        choose = gettext.c2py(catalogue.plural_expr)
        wrong = [n for n in range(0, 1300) if choose(n) != CLDR_INDEX[rule(n)]]
        assert not wrong, f"{path}: {wrong[:10]}"


def test_counts_read_right_in_arabic(app):
    with app.test_request_context(), force_locale("ar"):
        said = {
            n: ngettext("%(num)s place free", "%(num)s places free", n)
            for n in (0, 1, 2, 7, 37, 100)
        }
    assert said == {
        0: "لا أماكن شاغرة",
        1: "مكان شاغر واحد",
        2: "مكانان شاغران",
        7: "7 أماكن شاغرة",
        37: "37 مكانًا شاغرًا",
        100: "100 مكان شاغر",
    }
