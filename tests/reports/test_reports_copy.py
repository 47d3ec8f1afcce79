"""What a reader copies out of each kind of PDF: words and numbers as written, with pypdf and
with pdftotext, in Arabic with Arabic-Indic digits, in Arabic with Western digits and in
English; footers follow the event's digits; the agenda PDF carries session descriptions;
a venue is not repeated as its city; the certificate fills its page.

The demo is loaded once for the module and every PDF is rendered once (about 15 s); the
figures are those of bench/pdf_recall.py.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata

import pytest
from PIL import Image
from sqlalchemy import select

from eventapp.demo import load_demo
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.i18n import place_text
from tests.reports.copyback import (
    KINDS,
    pdf_text_poppler,
    pdf_text_pypdf,
    recall,
    render_badges,
    render_kind,
    words,
)

VARIANTS = {"ar-indic": ("ar", True), "ar-western": ("ar", False), "en": ("en", True)}
EXTRACTORS = {"pypdf": pdf_text_pypdf, "pdftotext": pdf_text_poppler}


def _clear_tables() -> None:
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture(scope="module")
def rendered(app):
    """{(kind, variant): (html, pdf)} for the demo, and {("badges", slug, language): ...} for
    the first badges of every demo event."""
    found = {}
    with app.app_context(), app.test_request_context(base_url="https://multaqa.example.org"):
        try:
            load_demo()
            for kind in KINDS:
                for variant, (language, arabic_digits) in VARIANTS.items():
                    found[kind, variant] = render_kind(kind, language, arabic_digits)
            for slug in db.session.scalars(select(Event.slug).order_by(Event.id)):
                for language in ("ar", "en"):
                    badges = render_badges(slug, language)
                    if badges is not None:
                        found["badges", slug, language] = badges
        finally:
            _clear_tables()
    return found


def test_badges_of_every_demo_event(rendered):
    """Names, organisations (Arabic and English, on one line or two) and codes of the badges
    of each demo event with confirmed participants, in Arabic and in English."""
    badges = {key: value for key, value in rendered.items() if len(key) == 3}
    assert len({slug for _kind, slug, _language in badges}) >= 5
    for (_kind, slug, language), (html, pdf) in badges.items():
        for name, extract in EXTRACTORS.items():
            result = recall(html, extract(pdf), fold=True)
            assert result.number_recall == 1.0, (slug, language, name, result.missing_numbers)
            assert result.word_recall >= 0.99, (slug, language, name, result.missing_words)


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_copies_back_words_and_numbers(rendered, kind, variant, extractor):
    """99 % of the words and every number, with the harakat folded (as search reads them) and
    as written (a haraka on its letter)."""
    html, pdf = rendered[kind, variant]
    text = EXTRACTORS[extractor](pdf)
    result = recall(html, text, fold=True)
    assert result.words > 20 and result.numbers > 5
    assert result.number_recall == 1.0, result.missing_numbers
    assert result.word_recall >= 0.99, result.missing_words[:20]
    as_written = recall(html, text)
    assert as_written.word_recall >= 0.99, as_written.missing_words[:20]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_harakat_stay_in_their_words(extractor):
    """pdftotext split a word at a raised or shifted haraka ("يُقيَّم" came back as
    "ُيقيَّ م", "مؤكَّد" as "مؤ َّكد"); tanween at a word's end, a haraka on a lam-alef or on
    a hamza, and a word at a line's start come back whole too."""
    from eventapp.reports import html_to_pdf  # noqa: PLC0415

    lines = ["لم يُقيَّم", "مؤكَّد عن بُعد وبُثّ مباشرة", "نيابةً عن", "أُلقيت", "مستقلاً عن الحكومة"]
    body = "".join(f"<p>{line}</p>" for line in lines)
    pdf = html_to_pdf(f'<html lang="ar" dir="rtl"><body>{body}</body></html>')
    text = _plain(EXTRACTORS[extractor](pdf))
    found = [unicodedata.normalize("NFC", line.strip()) for line in text.splitlines()]
    for line in lines:
        # Shadda then fatha, or fatha then shadda: the same text (NFC orders them).
        assert unicodedata.normalize("NFC", line) in found, (line, found)


def test_arabic_indic_numbers_come_back_in_order(rendered):
    """The figures the issue names: years and times, not reversed (٢٠٢٣, not ٣٢٠٢)."""
    _html, pdf = rendered["agenda", "ar-indic"]
    for text in (pdf_text_pypdf(pdf), pdf_text_poppler(pdf)):
        assert "٢٠٢٣" in text and "٣٢٠٢" not in text
        assert "٠٩:٠٠" in text and "٠٠:٩٠" not in text


def _plain(text: str) -> str:
    """Without the embedding marks pdftotext wraps right-to-left lines in."""
    return re.sub(r"[\u202a-\u202e]", "", text)


def test_table_cells_come_back_apart(rendered):
    _html, pdf = rendered["session_report", "ar-western"]
    for text in (_plain(pdf_text_pypdf(pdf)), _plain(pdf_text_poppler(pdf))):
        assert not re.search(r"الفعالية\S", text)
        assert not re.search(r"حالة المخرجات\S", text)


@pytest.mark.parametrize(
    ("kind", "variant", "footer"),
    [
        ("agenda", "ar-indic", "٠-٩"),
        ("agenda", "ar-western", "0-9"),
        ("session_report", "ar-indic", "٠-٩"),
        ("session_report", "ar-western", "0-9"),
        ("outcome_summary", "ar-indic", "٠-٩"),
        ("outcome_summary", "ar-western", "0-9"),
    ],
)
def test_footer_digits_follow_the_event(rendered, kind, variant, footer):
    """ "صفحة ١ من ٢" for an event with Arabic-Indic digits, "صفحة 1 من 2" otherwise."""
    _html, pdf = rendered[kind, variant]
    # pdftotext keeps the footer's order; pypdf reads "2 من 2 صفحة" when the digits are
    # Western (left-to-right inside Arabic): only its digits are checked.
    text = _plain(pdf_text_poppler(pdf))
    found = re.findall(r"صفحة\s*([0-9٠-٩]+)\s*من\s*([0-9٠-٩]+)", text)
    assert found, text[-200:]
    for page, total in found:
        assert re.fullmatch(f"[{footer}]+", page + total), (page, total)
    footers = [line for line in pdf_text_pypdf(pdf).splitlines() if "صفحة" in line]
    assert footers
    for line in footers:
        assert re.search(f"[{footer}]", line) and not re.search(
            f"[^{footer}]", re.sub(r"[^0-9٠-٩]", "", line)
        )


def test_english_footer(rendered):
    _html, pdf = rendered["agenda", "en"]
    assert re.search(r"Page 1 of \d", pdf_text_pypdf(pdf))


def test_agenda_pdf_shows_session_descriptions(app, client):
    from eventapp.agendas.pdf import agenda_pdf  # noqa: PLC0415  (after the app is set up)
    from eventapp.events.models import Event  # noqa: PLC0415

    load_demo()
    event = db.session.scalar(select(Event).where(Event.slug == "nmrf-consultative-workshop"))
    session = next(s for s in event.sessions if s.kind.value != "break")
    session.description_ar = "تعرض هذه الجلسة تجارب الدول في إنشاء الآليات الوطنية"
    session.description_en = "This session presents how States set up their national mechanisms"
    db.session.commit()
    # The module's renders may have cached a snapshot under the same version key.
    from eventapp import cache as app_cache  # noqa: PLC0415

    app_cache._memory.clear()
    for tier in app_cache._tiers():
        tier.clear()
    for language, phrases in (
        ("ar", ("تعرض هذه الجلسة", "الآليات الوطنية")),
        ("en", ("This session presents", "national mechanisms")),
    ):
        pdf = agenda_pdf(event, language)
        for text in (pdf_text_pypdf(pdf), pdf_text_poppler(pdf)):
            for phrase in phrases:
                assert phrase in re.sub(r"\s+", " ", _plain(text))


def test_place_text_leaves_out_a_city_the_venue_names(app):
    from flask_babel import force_locale  # noqa: PLC0415

    with force_locale("ar"):
        assert place_text("لندن", "لندن") == "لندن"
        assert place_text("فندق الريتز لندن", "لندن") == "فندق الريتز لندن"
        assert place_text("مقر الهيئة", "الرياض") == "مقر الهيئة، الرياض"
        assert place_text("", "الرياض") == "الرياض"
        assert place_text(None, None) == ""
    with force_locale("en"):
        assert place_text("London", "london") == "London"
        assert place_text("Londonderry Hall", "London") == "Londonderry Hall, London"


def test_event_page_and_certificate_do_not_repeat_the_city(app, client):
    from eventapp.registration.certificate_pdf import certificate_data  # noqa: PLC0415

    events = load_demo()
    response = client.get("/e/alqst-london-2017/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "لندن، لندن" not in page and "لندن" in page
    london = events["london"]
    with app.test_request_context(base_url="https://multaqa.example.org"):
        assert certificate_data(london, [], "ar")["place"] == "لندن"
        assert certificate_data(london, [], "en")["place"] == "London"


def _rows_with_ink(png: bytes) -> list[bool]:
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    return [
        any(pixels[x, y] < 200 for x in range(width // 10, width - width // 10))
        for y in range(height)
    ]


def test_certificate_fills_its_page(rendered, tmp_path, artifacts):
    for variant in ("ar-indic", "en"):
        _html, pdf = rendered["certificate", variant]
        source = tmp_path / f"certificate-{variant}.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", str(source)]
            + [str(tmp_path / variant)],
            check=True,
        )
        out = (tmp_path / f"{variant}.png").read_bytes()
        (artifacts / f"certificate-{variant}.png").write_bytes(out)
        image = Image.open(io.BytesIO(out))
        assert image.width > image.height  # A4 landscape
        rows = _rows_with_ink(out)
        height = len(rows)
        # Ink in each third of the page, inside the frame: not only at the top.
        inner = rows[height // 12 : height - height // 12]
        third = len(inner) // 3
        for part in (inner[:third], inner[third : 2 * third], inner[2 * third :]):
            assert sum(part) > len(part) // 8


def test_speakers_page_counts_sessions_in_the_events_digits(app, client):
    events = load_demo()
    workshop = events["workshop"]
    assert workshop.use_arabic_digits
    page = client.get(f"/e/{workshop.slug}/speakers/").get_data(as_text=True)
    assert re.search(r"[٠-٩]+ (?:جلسة|جلسات|جلستان)", page) or "جلسة واحدة" in page
    assert not re.search(r"\b[0-9]+ (?:جلسة|جلسات)", page)
    agenda = client.get(f"/e/{workshop.slug}/agenda").get_data(as_text=True)
    assert 'data-digits="arab"' in agenda
    workshop.use_arabic_digits = False
    db.session.commit()
    agenda = client.get(f"/e/{workshop.slug}/agenda").get_data(as_text=True)
    assert 'data-digits="latn"' in agenda


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_character_no_font_has_leaves_the_rest_readable(extractor):
    """A Chinese name or an emoji is drawn as the font's empty box; with pypdf the whole
    text in that font came back as noise (WeasyPrint's /Encoding CMap for missing glyphs)."""
    from eventapp.reports import html_to_pdf  # noqa: PLC0415

    pdf = html_to_pdf(
        '<html lang="ar" dir="rtl"><body><p>المتحدث 王伟 Wang Wei</p>'
        "<p>توصية مُعتمدة 👍</p></body></html>"
    )
    text = unicodedata.normalize("NFC", _plain(EXTRACTORS[extractor](pdf)))
    for word in ("المتحدث", "王伟", "Wang", "Wei", "توصية", "مُعتمدة", "👍"):
        assert word in text, (word, text)


def test_a_date_before_a_time_span_stays_apart_in_pypdf():
    """pypdf reads "·" as left to right and put the space after «ديسمبر» at the far end of
    its piece: the month and the time span of a session's line came back as one word."""
    from eventapp.reports import html_to_pdf  # noqa: PLC0415

    line = (
        'السبت، ٩ ديسمبر ٢٠١٧ · <span dir="ltr">\u200e١٤:٣٠–\u200e١٧:٣٠</span> · '
        '<span dir="rtl">القاعة الرئيسية</span>'
    )
    pdf = html_to_pdf(f'<html lang="ar" dir="rtl"><body><p>{line}</p></body></html>')
    text = pdf_text_pypdf(pdf)
    assert "ديسمبر" in words(text), text
    assert "٢٠١٧" in text.split() and "ديسمبر١٤:٣٠" not in text, text
