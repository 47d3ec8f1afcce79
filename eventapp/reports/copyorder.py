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

:func:`install` wraps ``weasyprint.draw.text.draw_first_line`` (checked against WeasyPrint
70); the renderer calls it at import.
"""

from __future__ import annotations

import logging
import re
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
        # baseline, left, right, ends with a space, text
        self.last_box: tuple[float, float, float, bool, str] | None = None


def _state(stream) -> _PageState:
    state = getattr(stream, "_multaqa_copy_state", None)
    if state is None:
        state = _PageState()
        stream._multaqa_copy_state = state
    return state


_space_glyphs: dict[int, int | None] = {}


def _space_glyph(font) -> int | None:
    """The glyph id of U+0020 in a WeasyPrint font (from its cmap), cached per font file."""
    key = id(font)
    if key not in _space_glyphs:
        glyph = None
        try:
            from fontTools.ttLib import TTFont  # noqa: PLC0415  (only when a PDF is drawn)

            tt = TTFont(BytesIO(bytes(font.file_content)), fontNumber=font.index or 0, lazy=True)
            name = (tt.getBestCmap() or {}).get(0x20)
            glyph = tt.getGlyphID(name) if name else None
        except Exception:  # a font fontTools cannot read: no separator, text unchanged
            log.warning("no space glyph found for a PDF font", exc_info=True)
        _space_glyphs[key] = glyph
    return _space_glyphs[key]


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
    glyph = _space_glyph(font)
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
    flushes: set[int] = set()
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
            if last is not None and abs(last[0] - y) < 0.5 * size and x1 <= last[1] + 0.5:
                # To the left on the same line: the next cell of a right-to-left row, or a
                # piece in the other direction ("مندوب · " then "Delegate"), whose space pypdf
                # puts on the wrong side.
                apart = x1 <= last[1] - 0.15 * size and not last[3] and not text[:1].isspace()
                mixed = (has_rtl(last[4]) and has_strong_ltr(text)) or (
                    has_strong_ltr(last[4]) and has_rtl(text)
                )
                if apart or mixed:
                    _write_separator(stream, runs[0], textbox, x1, y, pango, ffi)
            state.last_box = (y, x0, x1, text[-1:].isspace(), text)
        right_to_left = state.right_to_left
        texts = []
        for glyph_item in runs:
            item = glyph_item.item
            run_text = utf8[item.offset : item.offset + item.length].decode(errors="replace")
            if item.analysis.level % 2:
                emitted = run_text[::-1]
            else:
                emitted = run_text
                if right_to_left and reversible(run_text.strip("\u200e\u200f\u061c")):
                    _map_glyph_texts(stream, glyph_item, utf8)
                    restore.append((glyph_item, _reverse_run(glyph_item)))
                    emitted = run_text[::-1]
            right_to_left = direction_after(emitted, right_to_left)
            texts.append(run_text)
        state.right_to_left = right_to_left
        flushes = _flush_points(runs, texts, pango)
    except Exception:  # never lose a PDF over copy order: draw as WeasyPrint would
        log.warning("copy order not applied to a line", exc_info=True)
        flushes = set()
    if flushes or restore:
        _split_text_at(stream, flushes)
    try:
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    finally:
        if flushes or restore:
            del stream.show_text, stream.set_font_size
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


def _flush_points(runs, texts: list[str], pango) -> set[int]:
    """Where, counted in glyphs written on the line, pypdf must hand out the text so far.

    pypdf joins a neutral character (a space) to the run it is reading: the space between an
    Arabic word and a following English word or Western number ("أكتوبر 3") ends up on the
    wrong side and the two words run together ("أكتوبر3"). Handing the text out (at a font
    selection) between the runs, and before the space that ends an Arabic run on its right,
    keeps each space between its two words.
    """
    points: set[int] = set()
    start = 0
    spans = []
    for glyph_item in runs:
        count = len(_drawn_glyphs(glyph_item, pango))
        spans.append((start, count))
        start += count
    for index in range(len(runs) - 1):
        left, right = texts[index], texts[index + 1]
        mixed = (has_rtl(left) and has_strong_ltr(right)) or (
            has_strong_ltr(left) and has_rtl(right)
        )
        if not mixed:
            continue
        left_start, left_count = spans[index]
        right_start, _count = spans[index + 1]
        points.add(right_start)
        if runs[index].item.analysis.level % 2 and left[:1].isspace() and left_count > 1:
            points.add(left_start + left_count - 1)  # the space on the run's right end
    points.discard(0)
    return points


_HEX_GROUP = re.compile(r"<([0-9a-fA-F]*)>")
_TWO_MOVES = re.compile(r"(?<=>)(-?[0-9.]+)<>(-?[0-9.]+)(?=<)")


def _add_moves(match: re.Match) -> str:
    return f"{float(match.group(1)) + float(match.group(2)):g}"


def _split_text_at(stream, flushes: set[int]) -> None:
    """Make ``stream.show_text`` cut the line's TJ before the glyphs in ``flushes`` and
    select the font again there (a Tf, which makes pypdf hand out the text so far)."""
    current: list = [None]
    written = [0]
    base_show = type(stream).show_text
    base_font = type(stream).set_font_size

    def set_font_size(font, size):
        current[0] = (font, size)
        base_font(stream, font, size)

    def show_text(text):
        # Two moves in a row (after a glyph, then before the next one, as a reversed run of
        # digits has them) become one: pypdf reads a large move to the right as a word gap.
        while True:
            merged = _TWO_MOVES.sub(_add_moves, text)
            if merged == text:
                break
            text = merged
        pieces: list[list[str]] = [[]]
        position = 0
        for match in _HEX_GROUP.finditer(text):
            pieces[-1].append(text[position : match.start()])  # positioning numbers
            hexes = match.group(1)
            width = 4 if len(hexes) % 4 == 0 else 2  # 2: one-byte (bitmap) fonts
            group = ""
            for i in range(0, len(hexes), width):
                if written[0] in flushes:
                    if group:
                        pieces[-1].append(f"<{group}>")
                        group = ""
                    pieces.append([])
                group += hexes[i : i + width]
                written[0] += 1
            if group:
                pieces[-1].append(f"<{group}>")
            position = match.end()
        pieces[-1].append(text[position:])
        for number, piece in enumerate(pieces):
            if number and current[0] is not None:
                pydyf_set_font_size(stream, *current[0])
            body = "".join(piece)
            if body:
                base_show(stream, body)

    stream.show_text = show_text
    stream.set_font_size = set_font_size


def pydyf_set_font_size(stream, font, size) -> None:
    """A Tf even when the font is the current one (WeasyPrint's stream would leave it out)."""
    import pydyf  # noqa: PLC0415  (WeasyPrint's own dependency)

    pydyf.Stream.set_font_size(stream, font, size)


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
