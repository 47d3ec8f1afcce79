"""Pure text helpers for reports (no Flask, no WeasyPrint), reusable by ``eventapp.i18n``."""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def to_arabic_indic(s: object) -> str:
    """Return ``s`` as text with the ASCII digits 0-9 replaced by Arabic-Indic ones (٠-٩).

    Everything else (letters, ``:``, ``/``, ``-``) is kept, so ``"09:30"`` becomes ``"٠٩:٣٠"``.
    ``None`` becomes ``""``. Markup stays Markup so it is not escaped twice, but its digits are
    translated everywhere, attribute values included: prefer passing plain text.
    """
    if s is None:
        return ""
    if isinstance(s, Markup):
        return Markup(str(s).translate(_ARABIC_INDIC))
    return str(s).translate(_ARABIC_INDIC)


def ltr(text: object) -> Markup:
    """Wrap ``text`` (escaped) in ``<span dir="ltr">`` for an isolated left-to-right run.

    WeasyPrint ignores ``unicode-bidi``, so times ("09:30–11:00"), codes, e-mail addresses
    and English names inside Arabic text must be wrapped like this to stay in order.
    """
    return Markup('<span dir="ltr">{}</span>').format(escape("" if text is None else text))


def text_direction_of(text: object) -> str:
    """``"rtl"`` if ``text`` is right-to-left text, else ``"ltr"``.

    Right-to-left: its first strong character is Arabic (or Hebrew...), or it holds Arabic words
    outside brackets: "ALQST لحقوق الإنسان" and "منظمة Human Rights Watch" are Arabic text
    with English names in it, while "Human Rights Watch (هيومن رايتس ووتش)" is English text
    with an Arabic gloss. Text all between brackets ("(منظمة ALQST لحقوق الإنسان)") counts its
    content. Text with no strong character (``"09:30–11:00"``, ``"2025"``) is ``"ltr"``, so
    that a time range keeps its order inside Arabic text.
    """
    text = "" if text is None else str(text)
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            break
    else:
        return "ltr"
    outside = _BRACKETED.sub(" ", text)
    if not any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in outside):
        outside = text  # all of it between brackets
    return "rtl" if any(unicodedata.bidirectional(c) in ("R", "AL") for c in outside) else "ltr"


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def bidi(text: object, brackets: bool = False) -> Markup:
    """Wrap bilingual content (a name that may be Arabic or English) in a span with its own
    direction, found from its first strong character: ``<span dir="ltr">Human Rights
    Watch</span>``, ``<span dir="rtl">هيومن رايتس ووتش</span>``.

    ``brackets=True`` puts the text between brackets inside the span: "أحمد (HRW)". Brackets
    left outside, between Arabic and an English run, are drawn mirrored and come back swapped
    when the text is copied out of a PDF ("أحمد )HRW(").

    A short word with a hyphen ("Al-Saadi") is kept on one line: ``<span class="nowrap">``."""
    if text is None:
        text = ""
    shown = f"({text})" if brackets and text != "" else text
    direction = text_direction_of(text)
    inner = _ltr_runs(str(shown)) if direction == "rtl" else _whole(shown)
    return Markup('<span dir="{}">{}</span>').format(direction, inner)


# A word with a hyphen in it ("Al-Saadi", "Ben-Ali", "Abu-Zaid Foundation"): a reader never
# wants a name broken at its hyphen, and pdftotext joins "Al-" at a line end with "Saadi" on
# the next line as "AlSaadi". The word goes in a span that keeps it on one line (the text, and
# what copies back, is unchanged). Longer hyphenated tokens may still break.
_HYPHENATED = re.compile(r"[^\s\-‐‑]{1,24}(?:[\-‐][^\s\-‐‑]{1,24}){1,3}")
NOBREAK = '<span class="nowrap">{}</span>'


def _whole(text: object) -> Markup:
    """``text`` escaped, each short hyphenated word kept whole on its line."""
    if isinstance(text, Markup):
        return text  # already HTML: left as it is
    text = "" if text is None else str(text)
    out = Markup("")
    last = 0
    for match in _HYPHENATED.finditer(text):
        out += escape(text[last : match.start()]) + Markup(NOBREAK).format(match.group())
        last = match.end()
    return out + escape(text[last:])


# Left-to-right runs inside right-to-left text: an acronym or English name with the brackets
# around it ("(HRW)"), or Latin words. WeasyPrint ignores unicode-bidi, so each such run gets
# its own <span dir="ltr"> and its brackets are drawn, and copied back, the right way round.
_LTR_RUN = re.compile(
    r"\([^()\u0590-\u08ff]*[A-Za-z\u00c0-\u024f][^()\u0590-\u08ff]*\)"
    r"|[A-Za-z\u00c0-\u024f](?:[A-Za-z\u00c0-\u024f0-9.&'’/\- ]*[A-Za-z\u00c0-\u024f0-9.])?"
    r"(?: \([^()\u0590-\u08ff]*\))?"
)


def _ltr_runs(text: str) -> Markup:
    out = Markup("")
    last = 0
    for match in _LTR_RUN.finditer(text):
        out += _whole(text[last : match.start()])
        out += Markup('<span dir="ltr">{}</span>').format(_whole(match.group()))
        last = match.end()
    return out + _whole(text[last:])


# Unicode isolates for plain text (e-mails, .ics, flash messages, PDF text) where no tag can
# carry a direction: FSI takes the direction of the first strong character, LRI forces
# left-to-right; PDI closes either. An isolated run cannot reorder the text around it, so
# "منظمة (HRW)" keeps its brackets and "a@b.org." its full stop at the end.
FSI, LRI, RLI, PDI = "\u2068", "\u2066", "\u2067", "\u2069"


def bdi(text: object) -> Markup:
    """``text`` (escaped) in a ``<bdi>`` with its direction said: ``<bdi dir="rtl">ALQST لحقوق
    الإنسان</bdi>``. A bare ``<bdi>`` takes the first strong character's direction, which
    sets such mixed Arabic text left-to-right and reads it backwards in an Arabic page."""
    text = "" if text is None else text
    return Markup('<bdi dir="{}">{}</bdi>').format(text_direction_of(text), text)


def isolate(text: object, direction: str = "auto") -> str:
    """Return ``text`` between isolate marks: FSI…PDI (``direction="auto"``, for names that
    may be Arabic or English) or LRI…PDI (``"ltr"``, for e-mails, URLs, codes, file names).

    ``None`` and ``""`` stay ``""`` (no empty isolates). Markup stays Markup. With ``"auto"``,
    text written only in right-to-left letters (an Arabic name) is returned as it is: inside
    Arabic it is already in order, and inside English the bidi algorithm keeps it together.
    """
    if text is None or text == "":
        return ""
    if direction == "auto" and _only_right_to_left(str(text)):
        return text
    # FSI would go by the first letter: Arabic text opening with an English name needs RLI.
    starts_ltr = direction == "auto" and _starts_left_to_right(str(text))
    if starts_ltr and text_direction_of(text) == "rtl":
        direction = "rtl"
    opener = {"auto": FSI, "ltr": LRI, "rtl": RLI}[direction]
    if isinstance(text, Markup):
        return Markup(opener) + text + Markup(PDI)
    return f"{opener}{text}{PDI}"


def _only_right_to_left(text: str) -> bool:
    kinds = {unicodedata.bidirectional(char) for char in text}
    return bool(kinds & {"R", "AL"}) and "L" not in kinds


def _starts_left_to_right(text: str) -> bool:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind == "L"
    return False


def strip_isolates(text: str) -> str:
    """``text`` without isolate marks (for comparing or searching what a reader sees)."""
    return text.translate({ord(c): None for c in (FSI, LRI, RLI, PDI)})
