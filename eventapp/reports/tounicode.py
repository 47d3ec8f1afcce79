"""Correct text extraction for Arabic PDFs: each glyph's Unicode text, derived from the font.

A PDF maps every glyph to one Unicode string (the ``ToUnicode`` CMap); copy, search and
``pypdf``'s ``extract_text`` read it. WeasyPrint 70 fills that map from the first cluster in
which it meets a glyph. When a cluster holds several glyphs, which happens in Arabic as soon as
a letter carries a haraka ("أُلقيت", "تُبث"), one glyph gets the whole cluster and the others
get nothing, and that wrong entry is then used for the glyph everywhere in the document:
"ألقيت" comes back as "لقيت" and "تُبث" as "تأُبث" (see Kozea/WeasyPrint#1686 and #2841).

This module reads the font instead: a glyph's text comes from the character map (``cmap``)
and follows the font's substitutions (positional forms, alternates, ligatures such as لا).
Glyphs whose text cannot be derived without ambiguity keep WeasyPrint's value.

A character that no font has (a Chinese name, an emoji) is drawn as the font's .notdef box
under a code of its own; WeasyPrint then gives the whole font an /Encoding CMap that sends
those codes to .notdef, which pypdf (7.x) cannot read: all the text in that font came back
as noise. The font keeps the Identity-H encoding instead, and a CIDToGIDMap sends the
missing codes to .notdef (:func:`_missing_glyphs_as_notdef`).
:func:`install` makes WeasyPrint use these texts; the renderer calls it at import.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
import zlib
from io import BytesIO

import pydyf
from fontTools.ttLib import TTFont

log = logging.getLogger(__name__)

# Presentation forms are compatibility characters: a glyph that is also reached from the
# nominal letter should extract as the nominal letter, not as U+FExx.
_PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0xFB00, 0xFB4F))


def _is_presentation_form(codepoint: int) -> bool:
    return any(start <= codepoint <= end for start, end in _PRESENTATION_FORMS)


def _cmap_text(codepoint: int) -> str:
    """A presentation form extracts as what it presents: U+FE8E as ا, U+FEFB as لا."""
    if _is_presentation_form(codepoint):
        return unicodedata.normalize("NFKC", chr(codepoint))
    return chr(codepoint)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _subtables(lookup):
    for subtable in lookup.SubTable:
        if lookup.LookupType == 7:  # extension: the real subtable is wrapped
            yield subtable.ExtensionLookupType, subtable.ExtSubTable
        else:
            yield lookup.LookupType, subtable


def glyph_texts(font_bytes: bytes, font_index: int = 0) -> dict[int, str]:
    """Map glyph ids of a TrueType/OpenType font to the Unicode text each one stands for.

    Only unambiguous glyphs are returned: a glyph reached from two different texts is left
    out. Marks that a decomposition adds with no text of their own map to ``""``.
    """
    font = TTFont(BytesIO(font_bytes), fontNumber=font_index, lazy=True)
    order = font.getGlyphOrder()

    best: dict[str, tuple[bool, int]] = {}
    for codepoint, name in (font.getBestCmap() or {}).items():
        key = (_is_presentation_form(codepoint), codepoint)
        if name not in best or key < best[name]:
            best[name] = key
    from_cmap = {name: _cmap_text(codepoint) for name, (_, codepoint) in best.items()}

    texts: dict[str, str] = dict(from_cmap)
    ambiguous: set[str] = set()

    def assign(name: str, text: str) -> bool:
        if name in from_cmap or name in ambiguous:
            return False
        current = texts.get(name)
        if current is None:
            texts[name] = text
            return True
        if _nfc(current) != _nfc(text):
            ambiguous.add(name)
            del texts[name]
            return True
        return False

    lookups = font["GSUB"].table.LookupList.Lookup if "GSUB" in font else []
    for _ in range(6):  # substitutions feed each other: repeat until nothing changes
        changed = False
        for lookup in lookups:
            for kind, table in _subtables(lookup):
                if kind == 1:
                    for source, target in table.mapping.items():
                        if source in texts:
                            changed |= assign(target, texts[source])
                elif kind == 3:
                    for source, targets in table.alternates.items():
                        if source in texts:
                            for target in targets:
                                changed |= assign(target, texts[source])
                elif kind == 4:
                    for first, ligatures in table.ligatures.items():
                        for ligature in ligatures:
                            parts = [first, *ligature.Component]
                            if all(part in texts for part in parts):
                                text = "".join(texts[part] for part in parts)
                                changed |= assign(ligature.LigGlyph, text)
                elif kind == 2:
                    for source, targets in table.mapping.items():
                        if source not in texts:
                            continue
                        known = "".join(texts.get(target, "") for target in targets)
                        if _nfc(known) == _nfc(texts[source]):
                            for target in targets:
                                if target not in texts:
                                    changed |= assign(target, "")
        if not changed:
            break

    glyph_ids = {name: index for index, name in enumerate(order)}
    return {glyph_ids[name]: text for name, text in texts.items() if name in glyph_ids}


_cache: dict[tuple[int, int, int], dict[int, str]] = {}
_cache_lock = threading.Lock()


def cached_glyph_texts(font_bytes: bytes, font_index: int = 0) -> dict[int, str]:
    """:func:`glyph_texts`, computed once per font file and process; ``{}`` if unreadable."""
    key = (len(font_bytes), zlib.crc32(font_bytes), font_index)
    texts = _cache.get(key)
    if texts is None:
        with _cache_lock:
            texts = _cache.get(key)
            if texts is None:
                try:
                    texts = glyph_texts(font_bytes, font_index)
                except Exception:  # a font fontTools cannot read: keep WeasyPrint's map
                    log.warning("cannot derive glyph texts for a font", exc_info=True)
                    texts = {}
                _cache[key] = texts
    return texts


class GlyphTextMap(dict):
    """WeasyPrint's ``Font.to_unicode``, with the font's own text winning for known glyphs."""

    def __init__(self, derived: dict[int, str]) -> None:
        super().__init__()
        self.derived = derived

    def __setitem__(self, glyph_id: int, text: str) -> None:
        super().__setitem__(glyph_id, self.derived.get(glyph_id, text))


_installed = False


def install() -> bool:
    """Make WeasyPrint build its ``ToUnicode`` maps with :class:`GlyphTextMap` (idempotent).

    Wraps ``weasyprint.pdf.fonts.Font.__init__`` (checked against WeasyPrint 70). Returns
    False, and changes nothing, if that internal API is not there.
    """
    global _installed
    if _installed:
        return True
    try:
        from weasyprint.pdf.fonts import Font  # noqa: PLC0415  (internal: may be absent)
    except ImportError:  # pragma: no cover - another WeasyPrint layout
        log.warning("WeasyPrint Font class not found: PDF text extraction not corrected")
        return False
    original_init = Font.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        content = getattr(self, "file_content", None)
        if isinstance(getattr(self, "to_unicode", None), dict) and content:
            derived = cached_glyph_texts(bytes(content), getattr(self, "index", 0) or 0)
            self.to_unicode = GlyphTextMap(derived)

    __init__.__wrapped__ = original_init
    Font.__init__ = __init__
    _missing_glyphs_as_notdef()
    _installed = True
    return True


def _missing_glyphs_as_notdef() -> None:
    """Wrap ``weasyprint.pdf.fonts._build_vector_font_dictionary`` (WeasyPrint 70): a font with
    missing glyphs keeps /Identity-H, and its CIDToGIDMap sends their codes to .notdef."""
    from weasyprint.pdf import fonts  # noqa: PLC0415  (internal: may move)

    original = getattr(fonts, "_build_vector_font_dictionary", None)
    if original is None:  # pragma: no cover - another WeasyPrint layout
        log.warning("WeasyPrint font dictionary builder not found: missing glyphs unchanged")
        return

    def build(font_dictionary, pdf, font, widths, *args, **kwargs):
        missing = font.missing
        if not missing:
            return original(font_dictionary, pdf, font, widths, *args, **kwargs)
        font.missing = {}  # WeasyPrint writes /Identity-H
        try:
            result = original(font_dictionary, pdf, font, widths, *args, **kwargs)
        finally:
            font.missing = missing
        descendant = font_dictionary["DescendantFonts"][0]
        subfont = pdf.objects[int(descendant.split()[0])]
        last = max(widths) if widths else 0
        # Codes past the font's glyphs (missing ones, invisible copies) to glyph 0, .notdef.
        to_glyph = bytearray(2 * (last + 1))
        for code in range(min(last + 1, font.glyph_count)):
            to_glyph[2 * code : 2 * code + 2] = code.to_bytes(2, "big")
        stream = pydyf.Stream([bytes(to_glyph)], compress=True)
        pdf.add_object(stream)
        subfont["CIDToGIDMap"] = stream.reference
        return result

    build.__wrapped__ = original
    fonts._build_vector_font_dictionary = build
