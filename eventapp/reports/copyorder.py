"""Text that copies back as written: numbers in logical order, table cells apart.

WeasyPrint writes each line's glyphs in visual order (left to right); extractors rebuild the
reading order themselves. pdftotext sorts by position and applies the bidi algorithm, but
pypdf (7.x) reads the content stream in order and keeps a direction: a right-to-left character
(Arabic letters) turns it right to left and each following character is put before the text
so far; a "neutral" character (space, ":", "–", and the Arabic-Indic digits ٠-٩) keeps the
direction in force. So "مايو ٢٠٢٣", written as [٢٠٢٣][ ][ويام], comes back as "مايو ٣٢٠٢", and
"٠٩:٠٠" as "٠٠:٩٠"; Western digits are left-to-right characters and come back right.
Nothing in the PDF (ActualText, a ToUnicode map) tells pypdf otherwise, so this module writes
such a run of Arabic-Indic digits right to left in the content stream instead (each glyph at
its own place: the page looks exactly the same), but only where pypdf will be reading right
to left at that point, which it finds by following the same rule over what it has drawn.

pypdf also adds a space between two pieces of text on one line only when the second one
starts to the right of the first: in a right-to-left table the next cell is to the left, and
"1" + "عالية" + "حرية التعبير" came back as "1عاليةحرية التعبير". Before a piece of text that
starts a new cell to the left of the previous one on the same baseline, an invisible space
(text rendering mode 3) is written, which both extractors read as a word break.

pypdf hands out the text it holds at each font selection (Tf), so pieces between two Tf come
out in stream order. Where that order is the visual one and a piece is right to left, a Tf is
added: between pieces of one line, and around a space at the edge of an Arabic run next to a
font change. A line of an Arabic paragraph that opens (on the left) with neutral characters
("اليوم ١: " is drawn " :١ اليوم") while pypdf reads left to right gets an invisible Arabic
letter mark first. The moves to the right around a reversed run of digits become character
spacing, which pypdf does not read as a word gap ("٣١ /٠١ /٢٠١٨" came back otherwise).
pdftotext splits a word at a haraka that the font raises or moves onto its letter (the
glyph's baseline or left edge is off): the glyphs drawn for harakat carry no text, and each
letter's harakat are written again, invisible, on the baseline just left of it (see
:func:`_harakat_copies`).
The line is written through :class:`_LineWriter`, which applies these changes to what
WeasyPrint writes.

:func:`install` wraps ``weasyprint.draw.text.draw_first_line`` (checked against WeasyPrint
70); the renderer calls it at import.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from io import BytesIO

log = logging.getLogger(__name__)

# pypdf's classes of characters (pypdf/_utils.py, 7.x).
_RTL_RANGES = (("\u0590", "\u08ff"), ("\ufb1d", "\ufdff"), ("\ufe70", "\ufeff"))
_NEUTRAL_RANGES = (
    ("\x00", "\x2f"),
    ("\x3a", "\x40"),
    ("\u0660", "\u066d"),
    ("\u06f0", "\u06f9"),
    ("\u2000", "\u206f"),
    ("\u20a0", "\u21ff"),
)
#: The first code given to an invisible copy of harakat: past any font's glyphs and past
#: the codes WeasyPrint gives glyphs missing from a font (counted up from the last glyph).
BASE_CODE = 0xF000
ARABIC_INDIC_DIGITS = frozenset("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")


def is_neutral(char: str) -> bool:
    return any(start <= char <= end for start, end in _NEUTRAL_RANGES)


def is_rtl(char: str) -> bool:
    return not is_neutral(char) and any(start <= char <= end for start, end in _RTL_RANGES)


def direction_after(text: str, right_to_left: bool) -> bool:
    """The direction pypdf reads in after ``text`` (in content-stream order)."""
    for char in text:
        if not is_neutral(char):
            right_to_left = is_rtl(char)
    return right_to_left


def reversible(text: str) -> bool:
    """A run that pypdf reverses when it reads right to left: Arabic-Indic digits with only
    neutral characters around them ("٢٠٢٣", "٠٩:٠٠–٠٩:٣٠", "٣١/٠١/٢٠١٨")."""
    return any(c in ARABIC_INDIC_DIGITS for c in text) and all(is_neutral(c) for c in text)


def has_strong_ltr(text: str) -> bool:
    """Characters pypdf reads as left to right (Latin letters, Western digits)."""
    return any(not is_neutral(c) and not is_rtl(c) for c in text)


def has_rtl(text: str) -> bool:
    return any(is_rtl(c) for c in text)


class _PageState:
    """What has been drawn so far on one content stream, as pypdf will read it."""

    __slots__ = ("last_box", "right_to_left")

    def __init__(self) -> None:
        self.right_to_left = False
        # baseline, left, right, ends with a space, text, font size
        self.last_box: tuple[float, float, float, bool, str, float] | None = None


def _state(stream) -> _PageState:
    state = getattr(stream, "_multaqa_copy_state", None)
    if state is None:
        state = _PageState()
        stream._multaqa_copy_state = state
    return state


def _font_glyph(font, codepoint: int) -> int | None:
    """The glyph id of ``codepoint`` in a WeasyPrint font (from its cmap), kept on the font
    object (not by ``id()``: a later document's font may get the id of a freed one)."""
    glyphs = font.__dict__.setdefault("_multaqa_glyphs", {})
    if codepoint not in glyphs:
        glyph = None
        try:
            from fontTools.ttLib import TTFont  # noqa: PLC0415  (only when a PDF is drawn)

            tt = TTFont(BytesIO(bytes(font.file_content)), fontNumber=font.index or 0, lazy=True)
            name = (tt.getBestCmap() or {}).get(codepoint)
            glyph = tt.getGlyphID(name) if name else None
        except Exception:  # a font fontTools cannot read: no such glyph, text unchanged
            log.warning("cannot read the glyphs of a PDF font", exc_info=True)
        glyphs[codepoint] = glyph
    return glyphs[codepoint]


def _runs(line, ffi):
    run = line.runs
    while run != ffi.NULL:
        yield run.data
        run = run.next


def _reverse_run(glyph_item) -> list:
    """Write the run's glyphs last first, each at its own place; returns what to restore."""
    glyph_string = glyph_item.glyphs
    count = glyph_string.num_glyphs
    infos = glyph_string.glyphs
    clusters = glyph_string.log_clusters
    saved = [
        (
            infos[i].glyph,
            infos[i].geometry.width,
            infos[i].geometry.x_offset,
            infos[i].geometry.y_offset,
            infos[i].attr.is_cluster_start,
            clusters[i],
        )
        for i in range(count)
    ]
    total = sum(item[1] for item in saved)
    drawn = 0  # width of the glyphs already written
    for j in range(count):
        glyph, width, x_offset, y_offset, start, cluster = saved[count - 1 - j]
        # The pen is at x0 + drawn; the glyph belongs at x0 + total - drawn - width. WeasyPrint
        # turns x_offset into text space as x_offset / font_size (thousandths of an em), not
        # x_offset / PANGO_SCALE * 1000 / font_size: hence the 1000 / 1024.
        shift = (total - 2 * drawn - width) * 1000 / 1024
        infos[j].glyph = glyph
        infos[j].geometry.width = width
        infos[j].geometry.x_offset = round(x_offset + shift)
        infos[j].geometry.y_offset = y_offset
        infos[j].attr.is_cluster_start = start
        clusters[j] = cluster
        drawn += width
    return saved


def _restore_run(glyph_item, saved: list) -> None:
    infos = glyph_item.glyphs.glyphs
    clusters = glyph_item.glyphs.log_clusters
    for i, (glyph, width, x_offset, y_offset, start, cluster) in enumerate(saved):
        infos[i].glyph = glyph
        infos[i].geometry.width = width
        infos[i].geometry.x_offset = x_offset
        infos[i].geometry.y_offset = y_offset
        infos[i].attr.is_cluster_start = start
        clusters[i] = cluster


def _map_glyph_texts(stream, glyph_item, utf8: bytes) -> None:
    """Give the run's glyphs their text now, from the logical order, as WeasyPrint would."""
    font, _size = stream.add_font(glyph_item.item.analysis.font)
    glyph_string = glyph_item.glyphs
    count = glyph_string.num_glyphs
    offset, length = glyph_item.item.offset, glyph_item.item.length
    for i in range(count):
        glyph = glyph_string.glyphs[i].glyph
        if glyph in font.to_unicode:
            continue
        start = glyph_string.log_clusters[i]
        end = length if i == count - 1 else glyph_string.log_clusters[i + 1]
        font.to_unicode[glyph] = utf8[offset + start : offset + end].decode(errors="replace")


def _write_separator(stream, glyph_item, textbox, x: float, y: float, pango, ffi) -> None:
    """An invisible space at (x, y): a word break for extractors, nothing on the page."""
    from weasyprint.matrix import Matrix  # noqa: PLC0415  (WeasyPrint internals, at draw time)
    from weasyprint.text.ffi import FROM_UNITS  # noqa: PLC0415

    pango_font = glyph_item.item.analysis.font
    font, font_size = stream.add_font(pango_font)
    if font.bitmap or font.png or font.svg:
        return
    glyph = _font_glyph(font, 0x20)
    if glyph is None:
        return
    if pango.pango_version() < 14802:
        font_size = textbox.style["font_size"]
    if glyph not in font.widths:
        pango.pango_font_get_glyph_extents(pango_font, glyph, stream.ink_rect, stream.logical_rect)
        font.widths[glyph] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
    font.to_unicode[glyph] = " "
    # pypdf gives out the text so far at each font selection (Tf): one before the space and
    # one after it put the space between the two cells. WeasyPrint's stream leaves out a Tf
    # that repeats the current font, so forget it (WeasyPrint 70: ``_current_font``).
    stream._current_font = None
    stream.set_text_matrix(*Matrix(d=-1, e=x, f=y).values)
    stream.set_font_size(font.hash, font_size)
    stream.set_text_rendering(3)
    stream.show_text(f"<{glyph:04x}>")
    stream.set_text_rendering(0)
    stream._current_font = None


def _draw(original, stream, textbox, text_overflow, block_ellipsis, matrix):
    from weasyprint.text.ffi import ffi, pango  # noqa: PLC0415  (WeasyPrint internals)

    text = textbox.text
    if (
        not text.strip()
        or textbox.style["font_size"] < 1e-6
        # An ellipsis makes WeasyPrint lay the line out again: leave it as it is.
        or text_overflow == "ellipsis"
        or block_ellipsis != "none"
    ):
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    state = _state(stream)
    restore = []
    plan = _LinePlan()
    try:
        # As draw_first_line does first: changing it later would lay the line out again and
        # free the glyphs changed here.
        pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
        line, _index = textbox.pango_layout.get_first_line()
        utf8 = textbox.pango_layout.text.encode()
        runs = list(_runs(line, ffi))
        if runs:
            x0, y = matrix.values[4], matrix.values[5]
            x1 = x0 + textbox.width
            last = state.last_box
            size = textbox.style["font_size"]
            # pypdf's rule: a piece less than 0.8 of the smaller font size above or below
            # continues the line (a badge's code beside the organisation's name).
            same_line = last is not None and abs(last[0] - y) < 0.8 * min(size, last[5])
            if same_line and x1 <= last[1] + 0.5:
                # To the left on the same line: the next cell of a right-to-left row, or a
                # piece in the other direction ("مندوب · " then "Delegate"), whose space pypdf
                # puts on the wrong side.
                apart = x1 <= last[1] - 0.15 * size and not last[3] and not text[:1].isspace()
                # A space that ends the previous piece is a word break, unless pypdf read a
                # character of it as left to right ("·"): then it put the space at the far end.
                apart = apart or (last[3] and has_rtl(last[4]) and has_strong_ltr(last[4]))
                mixed = (has_rtl(last[4]) and has_strong_ltr(text)) or (
                    has_strong_ltr(last[4]) and has_rtl(text)
                )
                if apart or mixed:
                    _write_separator(stream, runs[0], textbox, x1, y, pango, ffi)
                    same_line = False  # the separator selected the font again
            if same_line:
                # pypdf puts each right-to-left character before the text it holds: this
                # piece would land before the previous one ("التيالسؤال التوجيهي: ", or the
                # Arabic cells of an English table in reverse). A font selection (Tf) makes
                # it hand the text it holds out first, so pieces keep their stream order.
                stream._current_font = None
            state.last_box = (y, x0, x1, text[-1:].isspace(), text, size)
        right_to_left = state.right_to_left
        texts = []
        starts = []
        written = 0
        neutral_from = None  # first glyph of the neutral characters last drawn (pypdf LTR)
        for glyph_item in runs:
            item = glyph_item.item
            run_text = utf8[item.offset : item.offset + item.length].decode(errors="replace")
            drawn = _drawn_glyphs(glyph_item, pango)
            starts.append(written)
            if item.analysis.level % 2:
                emitted = run_text[::-1]
                for index, glyph in _harakat_copies(stream, glyph_item, drawn, utf8).items():
                    plan.harakat[written + index] = glyph
                if neutral_from is None and written == 0 and _first_glyph_neutral(glyph_item, utf8):
                    neutral_from = written
                if neutral_from == 0 and not right_to_left and _opens_rtl(emitted):
                    # pypdf, reading left to right as the line starts (at the top of a page,
                    # after English), would give out the neutral characters drawn before the
                    # Arabic ("اليوم ١: " is drawn " :١ اليوم") ahead of it: an invisible Arabic
                    # letter mark before them turns it right to left first. (Later on the
                    # line, after a left-to-right run, the flush points keep the words apart.)
                    mark = _mark_glyph(stream, glyph_item)
                    if mark is not None:
                        plan.marks[neutral_from] = mark
                        right_to_left = True
            else:
                emitted = run_text
                if right_to_left and reversible(run_text.strip("\u200e\u200f\u061c")):
                    _map_glyph_texts(stream, glyph_item, utf8)
                    restore.append((glyph_item, _reverse_run(glyph_item)))
                    emitted = run_text[::-1]
                    if drawn:
                        # The reversed run starts and ends with a move to the right: see
                        # _LineWriter.
                        plan.leads.add(written)
                        plan.trails.add(written + len(drawn) - 1)
            right_to_left = direction_after(emitted, right_to_left)
            texts.append(run_text)
            # Where the neutral characters drawn last (so far) start, pypdf reading left to right.
            strong = [c for c in emitted if not is_neutral(c)]
            if right_to_left or strong and not _neutral_end(emitted):
                neutral_from = None
            elif strong:
                neutral_from = written + len(drawn) - _neutral_end(emitted)
            elif neutral_from is None:
                neutral_from = written
            written += len(drawn)
        state.right_to_left = right_to_left
        plan.flushes = _flush_points(runs, texts, starts)
    except Exception:  # never lose a PDF over copy order: draw as WeasyPrint would
        log.warning("copy order not applied to a line", exc_info=True)
        plan = _LinePlan()
    writer = _LineWriter(stream, plan) if plan else None
    try:
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    finally:
        if writer is not None:
            writer.finish()
        if restore and textbox.pango_layout.get_first_line()[0] == line:
            for glyph_item, saved in restore:
                _restore_run(glyph_item, saved)


def _drawn_glyphs(glyph_item, pango) -> list[int]:
    """Indexes (in the run) of the glyphs WeasyPrint writes (an empty glyph is a move)."""
    glyph_string = glyph_item.glyphs
    return [
        i
        for i in range(glyph_string.num_glyphs)
        if glyph_string.glyphs[i].glyph != pango.PANGO_GLYPH_EMPTY
    ]


def _flush_points(runs, texts: list[str], starts: list[int]) -> set[int]:
    """Where, counted in glyphs written on the line, pypdf must hand out the text so far.

    pypdf joins a neutral character (a space) to the run it is reading: the space between an
    Arabic word and a following English word or Western number ("أكتوبر 3") ends up on the
    wrong side and the two words run together ("أكتوبر3"). Handing the text out (at a font
    selection) between the runs, and before the space that ends an Arabic run on its right,
    keeps each space between its two words.
    """
    points: set[int] = set()
    for index in range(len(runs) - 1):
        left, right = texts[index], texts[index + 1]
        left_start, right_start = starts[index], starts[index + 1]
        if runs[index].item.analysis.font != runs[index + 1].item.analysis.font:
            # pypdf gives out its text at the font change anyway, so the pieces come in the
            # order drawn; a space at the edge of an Arabic run is put at the far end of its
            # piece ("الكويت" "-" "جمعية": " الكويت-جمعية ..."). As a piece of its own, it
            # stays between the two.
            if runs[index].item.analysis.level % 2 and left[:1].isspace():
                points.add(right_start - 1)
            if runs[index + 1].item.analysis.level % 2 and right[-1:].isspace():
                points.add(right_start + 1)
        mixed = (has_rtl(left) and has_strong_ltr(right)) or (
            has_strong_ltr(left) and has_rtl(right)
        )
        if not mixed:
            continue
        points.add(right_start)
        if (
            runs[index].item.analysis.level % 2
            and left[:1].isspace()
            and right_start - left_start > 1
        ):
            points.add(right_start - 1)  # the space on the run's right end
    points.discard(0)
    return points


def _first_glyph_neutral(glyph_item, utf8: bytes) -> bool:
    """The first glyph drawn of a right-to-left run reads as neutral in pypdf: a neutral
    character, or a ligature of several letters ("لله" of "الله"), which pypdf keeps in its
    order. (The run's glyphs are in visual order: the first one ends the run's text.)"""
    glyph_string = glyph_item.glyphs
    if not glyph_string.num_glyphs:
        return False
    item = glyph_item.item
    first = glyph_string.log_clusters[0]
    text = utf8[item.offset + first : item.offset + item.length].decode(errors="replace")
    letters = [c for c in text if not unicodedata.combining(c)]
    return len(letters) > 1 or all(is_neutral(c) for c in letters)


def _opens_rtl(visual: str) -> bool:
    """The first strong character of the run as drawn (left to right) is right to left, or
    there is none (" ." before "١" in "١. ناشط")."""
    return next((is_rtl(c) for c in visual if not is_neutral(c)), True)


def _neutral_end(visual: str) -> int:
    """How many neutral characters end the run as drawn."""
    return len(visual) - len(visual.rstrip("".join({c for c in visual if is_neutral(c)})))


def _mark_glyph(stream, glyph_item) -> tuple[str, float, int] | None:
    """A glyph of the run's font that extracts as U+061C ARABIC LETTER MARK, for an invisible
    mark of no width.

    The font has no glyph for U+061C, and its glyph for U+200F cannot be borrowed: texts carry
    right-to-left marks (after a date) that Pango draws with it, and pypdf counts U+200F as
    neutral but U+061C as right to left. So the glyph of U+0606 (ARABIC-INDIC CUBE ROOT, not
    found in event texts) is borrowed, unless this document has drawn it already.
    """
    font, size = stream.add_font(glyph_item.item.analysis.font)
    glyph = _font_glyph(font, 0x0606)
    if glyph is None or font.to_unicode.get(glyph, "\u061c") != "\u061c":
        return None
    # dict.__setitem__: tounicode's map would put back the font's own text (U+0606).
    dict.__setitem__(font.to_unicode, glyph, "\u061c")
    font.widths[glyph] = 0
    return font.hash, size, glyph


#: How far left of its letter (thousandths of an em) the invisible copy of its harakat goes.
_HAIR = 10


def _harakat_copies(stream, glyph_item, drawn: list[int], utf8: bytes) -> dict[int, int]:
    """{position among ``drawn`` of a letter: glyph id of an invisible copy of its harakat}.

    WeasyPrint draws a haraka as a glyph of its own, raised (Ts) and moved (TJ) onto its
    letter. pdftotext starts a new word at a glyph whose baseline is more than half a point
    off, or that starts past the end of the glyphs before it, then sorts the pieces of a line
    by their left edge and puts a space wherever a piece starts past the end of the one before:
    "يُقيَّم" came back as "ُيقيَّ م" and "مؤكَّد" as "مؤ َّكد". So the haraka glyphs drawn on the page
    carry no text, and the harakat of each letter are written again, invisible and of no
    width, on the baseline a hair left of the letter (which is where they come, right to left,
    after it): a piece that touches its neighbours.
    """
    font, _size = stream.add_font(glyph_item.item.analysis.font)
    derived = getattr(font.to_unicode, "derived", None)
    if font.bitmap or derived is None or font.glyph_count >= BASE_CODE - 0x100:
        return {}
    infos = glyph_item.glyphs.glyphs
    copies: dict[int, int] = {}
    pending: list[int] = []  # haraka glyphs waiting for their letter (the next one drawn)
    for position, index in enumerate(drawn):
        glyph = infos[index].glyph
        text = derived.get(glyph)
        if infos[index].geometry.width == 0 and text is not None and _only_harakat(text):
            pending.append(glyph)
            continue
        marks, pending = pending, []
        # Right to left, a letter's harakat are drawn before it and follow it in the text.
        harakat = "".join(derived[mark] for mark in reversed(marks))
        if not harakat:
            continue
        for mark in marks:
            dict.__setitem__(font.to_unicode, mark, "")
        copies[position] = _harakat_glyph(font, harakat)
    return copies


def _only_harakat(text: str) -> bool:
    """Nonspacing marks only ("" too: a glyph that a decomposition adds, of no text)."""
    return all(unicodedata.category(c) == "Mn" for c in text)


def _harakat_glyph(font, harakat: str) -> int:
    """A code past the font's glyphs that extracts as ``harakat`` (drawn invisible only).

    Not WeasyPrint's ``get_unused_glyph_id``: a font with such "missing" glyphs gets an
    /Encoding CMap that pypdf 7 does not read (its whole text comes back as noise).
    """
    codes = font.__dict__.setdefault("_multaqa_harakat", {})
    if harakat not in codes:
        code = codes[harakat] = BASE_CODE + len(codes)
        font.widths[code] = 0
        dict.__setitem__(font.to_unicode, code, harakat)  # not GlyphTextMap's font text
    return codes[harakat]


class _LinePlan:
    """What to change in one line as WeasyPrint writes it (glyphs counted along the line)."""

    __slots__ = ("flushes", "harakat", "leads", "marks", "trails")

    def __init__(self) -> None:
        self.flushes: set[int] = set()  # select the font again before these glyphs
        self.marks: dict[int, tuple] = {}  # an invisible Arabic letter mark before them
        # (font, size, glyph id)
        self.harakat: dict[int, int] = {}  # the invisible copy of a letter's harakat before
        # the letter's glyph (glyph id)
        self.leads: set[int] = set()  # the move to the right before it goes on the glyph before
        self.trails: set[int] = set()  # the move to the right after it goes on the glyph

    def __bool__(self) -> bool:
        return bool(self.flushes or self.marks or self.harakat or self.leads or self.trails)


_TOKEN = re.compile(r"<([0-9a-fA-F]*)>|(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)")


def _number(value: float) -> str:
    """A PDF number (no exponent)."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


class _LineWriter:
    """Takes what WeasyPrint writes for one line (fonts, rises, TJ arrays), then writes it
    again with the plan's changes.

    pypdf adds a space for a large move to the right inside a TJ array: a reversed run of
    digits starts and ends with one ("٣١/٠١/٢٠١٨", whose slashes are in another font, came
    back as "٣١ /٠١ /٢٠١٨"). Such a move is made instead with character spacing (Tc) on the
    glyph before it: the same place on the page, no space in pypdf.
    """

    def __init__(self, stream, plan: _LinePlan) -> None:
        self.stream = stream
        self.plan = plan
        self.ops: list[tuple] = []
        stream.show_text = lambda text: self.ops.append(("text", text))
        stream.set_font_size = lambda font, size: self.ops.append(("font", font, size))
        stream.set_text_rise = lambda height: self.ops.append(("rise", height))

    def _tokens(self) -> list[list]:
        tokens: list[list] = []
        size = None
        for op in self.ops:
            if op[0] == "font":
                size = op[2]
                tokens.append(list(op))
            elif op[0] == "rise":
                tokens.append(list(op))
            else:
                for match in _TOKEN.finditer(op[1]):
                    hexes, number = match.groups()
                    if hexes is None:
                        tokens.append(["move", float(number), size or 0])
                        continue
                    width = 4 if len(hexes) % 4 == 0 else 2  # 2: one-byte (bitmap) fonts
                    tokens.extend(
                        ["glyph", hexes[i : i + width]] for i in range(0, len(hexes), width)
                    )
        return tokens

    def _move_onto_glyphs(self, tokens: list[list]) -> dict[int, float]:
        """{token index of a glyph: Tc} for the planned moves, which are taken out."""
        glyphs = [i for i, token in enumerate(tokens) if token[0] == "glyph"]
        spacing: dict[int, float] = {}

        def take(start: int, end: int, onto: int) -> None:
            moves = [i for i in range(start, end) if tokens[i][0] == "move"]
            distance = sum(-tokens[i][1] * tokens[i][2] / 1000 for i in moves)
            if distance > 0.01:  # only a move to the right makes a gap
                for i in moves:
                    tokens[i] = ["skip"]
                spacing[onto] = spacing.get(onto, 0.0) + distance

        for index in sorted(self.plan.trails):
            if index < len(glyphs):
                end = glyphs[index + 1] if index + 1 < len(glyphs) else len(tokens)
                take(glyphs[index] + 1, end, glyphs[index])
        for index in sorted(self.plan.leads):
            if 0 < index < len(glyphs):
                take(glyphs[index - 1] + 1, glyphs[index], glyphs[index - 1])
        return spacing

    def finish(self) -> None:
        stream = self.stream
        del stream.show_text, stream.set_font_size, stream.set_text_rise
        import pydyf  # noqa: PLC0415  (WeasyPrint's own dependency)

        show = type(stream).show_text
        tokens = self._tokens()
        spacing = self._move_onto_glyphs(tokens)
        parts: list[str] = []
        current = None

        def write() -> None:
            if parts:
                show(stream, "".join(parts))
                parts.clear()

        count = 0
        for position, token in enumerate(tokens):
            kind = token[0]
            if kind == "font":
                write()
                current = (token[1], token[2])
                type(stream).set_font_size(stream, *current)
            elif kind == "rise":
                write()
                pydyf.Stream.set_text_rise(stream, token[1])
            elif kind == "move":
                if parts and parts[-1][0] != "<":
                    parts[-1] = _number(float(parts[-1]) + token[1])
                else:
                    parts.append(_number(token[1]))
            elif kind == "glyph":
                if count and count in self.plan.flushes and current is not None:
                    # A Tf even when the font is the current one: pypdf gives out its text.
                    write()
                    pydyf.Stream.set_font_size(stream, *current)
                    stream._current_font = current
                if count in self.plan.marks and current is not None:
                    write()
                    font, size, glyph = self.plan.marks[count]
                    if (font, size) != current:  # the mark's glyph is in an Arabic font
                        pydyf.Stream.set_font_size(stream, font, size)
                    stream.set_text_rendering(3)
                    show(stream, f"<{glyph:04x}>")
                    stream.set_text_rendering(0)
                    if (font, size) != current:
                        pydyf.Stream.set_font_size(stream, *current)
                if count in self.plan.harakat:
                    write()
                    # A hair to the left of the letter, so that it sorts before it.
                    stream.set_text_rendering(3)
                    show(stream, f"{_HAIR}<{self.plan.harakat[count]:04x}>{-_HAIR}")
                    stream.set_text_rendering(0)
                if position in spacing:
                    write()
                    stream.stream.append(f"{spacing[position]:.3f} Tc".encode())
                    show(stream, f"<{token[1]}>")
                    stream.stream.append(b"0 Tc")
                elif parts and parts[-1][0] == "<":
                    parts[-1] = parts[-1][:-1] + token[1] + ">"
                else:
                    parts.append(f"<{token[1]}>")
                count += 1
        write()


_installed = False


def install() -> bool:
    """Wrap WeasyPrint's line drawing (idempotent); False, changing nothing, if its internal
    ``draw_first_line`` is not where WeasyPrint 70 has it."""
    global _installed
    if _installed:
        return True
    try:
        from weasyprint.draw import text as draw_text  # noqa: PLC0415  (internal: may move)
    except ImportError:  # pragma: no cover - another WeasyPrint layout
        log.warning("WeasyPrint draw_first_line not found: PDF copy order not corrected")
        return False
    original = draw_text.draw_first_line

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        return _draw(original, stream, textbox, text_overflow, block_ellipsis, matrix)

    draw_first_line.__wrapped__ = original
    draw_text.draw_first_line = draw_first_line
    _installed = True
    return True
