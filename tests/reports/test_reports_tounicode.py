"""Copy and search: every Arabic word extracts as typed, harakat or not, in any order."""

from __future__ import annotations

import io
import unicodedata

import pypdf

from eventapp import reports
from eventapp.reports import tounicode

WORDS = [
    "أُلقيت",
    "ألقيت",
    "لم تُبث",
    "تبث",
    "مُخرجات",
    "مخرجات",
    "إِنَّ المُقرِّرَ",
    "المقرر",
    "الله",
    "لا إله",
    "للأمم المتحدة",
    "مسؤولية",
    "الطاقة",
]


def test_words_extract_as_typed():
    html = '<html lang="ar" dir="rtl"><body>' + "".join(f"<p>{w}</p>" for w in WORDS)
    pdf = reports.html_to_pdf(html + "</body></html>")
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    lines = [unicodedata.normalize("NFC", line).strip() for line in text.splitlines()]
    assert lines[: len(WORDS)] == WORDS


def test_glyph_texts_follow_the_font():
    font = (reports.STATIC_DIR / "fonts" / "NotoNaskhArabic-Regular.ttf").read_bytes()
    texts = tounicode.glyph_texts(font)
    values = set(texts.values())
    assert {"ا", "أ", "ل", "ُ", "ّ", "لا", "١"} <= values
    # positional forms and ligatures extract as letters, never as presentation forms (U+FExx)
    presentation_forms = [
        char
        for text in values
        for char in text
        if tounicode._is_presentation_form(ord(char))
        and unicodedata.normalize("NFKC", char) != char
    ]
    assert presentation_forms == []
    assert tounicode.cached_glyph_texts(font) is tounicode.cached_glyph_texts(font)
