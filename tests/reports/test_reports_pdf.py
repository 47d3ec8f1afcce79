"""What a reader gets from an Arabic report: pages, metadata, outline, fonts, text, pixels."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import flask
import pypdf
import pytest
from PIL import Image

from eventapp import reports

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture(scope="module")
def render(make_specimen_context):
    """``render(**overrides)`` -> PDF bytes of the specimen, on a bare Flask app."""
    app = flask.Flask(__name__, template_folder=str(TEMPLATES))
    reports.init_app(app)

    def render(**overrides) -> bytes:
        with app.app_context():
            return reports.render_pdf("reports/specimen.html", **make_specimen_context(**overrides))

    return render


def _text(page: pypdf.PageObject) -> str:
    """Extracted text, NFC-normalised, with every run of whitespace as one space."""
    text = unicodedata.normalize("NFC", page.extract_text())
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def specimen_pdf(render) -> bytes:
    return render()


@pytest.fixture(scope="module")
def reader(specimen_pdf) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(specimen_pdf))


@pytest.fixture(scope="module")
def page_texts(reader) -> list[str]:
    return [_text(page) for page in reader.pages]


def test_render_pdf_needs_only_a_bare_flask_app(report_app, make_specimen_context):
    with report_app.app_context():
        pdf = reports.render_pdf("reports/specimen.html", **make_specimen_context())
    assert pdf.startswith(b"%PDF-")


def test_the_specimen_is_two_a4_pages(reader):
    assert len(reader.pages) == 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_metadata_comes_from_title_and_meta_elements(reader):
    meta = reader.metadata
    assert meta.title == "تقرير مخرجات الجلسة الثانية"
    assert meta.author == "الديوان الوطني لحقوق الإنسان"
    assert meta.subject == "مخرجات جلسة النقاش التفاعلي والتوصيات"
    assert meta["/Keywords"] == "توصيات, متابعة, حقوق الإنسان"
    assert meta["/Creator"] == "Multaqa"
    assert meta.creation_date.year == 2025
    assert reader.trailer["/Root"]["/Lang"] == "ar"


def _outline(items, depth=0):
    for item in items:
        if isinstance(item, list):
            yield from _outline(item, depth + 1)
        else:
            yield depth, item.title


def test_headings_form_the_outline(reader):
    assert list(_outline(reader.outline)) == [
        (0, "تقرير مخرجات الجلسة الثانية"),
        (1, "الملخص"),
        (2, "النقاط الرئيسية"),
        (1, "المداخلات"),
        (1, "التوصيات"),
    ]


def _fonts(reader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            yield font.get_object()


def test_bundled_fonts_are_embedded(reader):
    names = set()
    for font in _fonts(reader):
        names.add(str(font["/BaseFont"]))
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
    assert any("NotoNaskhArabic" in name for name in names), names
    assert any("NotoNaskhArabic-Multaqa-Bold" in name for name in names), names
    assert any("NotoSans" in name for name in names), names
    # The "-Multaqa" family exists only through base.css's @font-face: bundled, not system.
    assert all("Multaqa" in name for name in names), names


def test_arabic_text_extracts_in_logical_order(page_texts, make_specimen_context):
    text = " ".join(page_texts)
    sentence = make_specimen_context()["summary"][0]
    assert "التوصيات" in text
    assert "تقرير مخرجات الجلسة الثانية" in text
    assert sentence.startswith("ناقش المشاركون") and sentence.endswith("الوطنية.")
    assert sentence in text
    assert "اللقاء التشاوري حول الآلية الوطنية للإبلاغ والمتابعة" in text


def test_english_names_and_times_stay_intact(page_texts):
    first = page_texts[0]
    assert "وقدّم ممثل منظمة" in first
    assert "Human Rights Watch" in first
    assert "Reporters Without Borders" in first
    assert "09:30–11:00" in first
    assert "09:30" in first


def test_harakat_do_not_spoil_other_words(page_texts):
    text = " ".join(page_texts)
    assert "أُلقيت" in text
    assert "لم تُبث" in text
    assert "تأُ" not in text and "أأُ" not in text


def test_footer_counts_pages_in_arabic_indic_digits(page_texts):
    assert "صفحة ١ من ٢" in page_texts[0]
    assert "صفحة ٢ من ٢" in page_texts[1]
    assert "Page " not in " ".join(page_texts)


def test_running_header_and_table_header_repeat_on_every_page(page_texts):
    for text in page_texts:
        assert "اللقاء التشاوري حول الآلية الوطنية للإبلاغ والمتابعة" in text
        assert "الجلسة الثانية: النقاش التفاعلي" in text
    # The interventions table starts on page 1 and ends on page 2 under a repeated header.
    assert "10:35–10:40" not in page_texts[0]
    assert "10:35–10:40" in page_texts[1]
    assert page_texts[1].count("المتحدث") == 1


def test_latin_digits_footer_when_the_event_asks_for_it(render):
    reader = pypdf.PdfReader(io.BytesIO(render(arabic_digits=False)))
    footer = _text(reader.pages[0]).rsplit("—", 1)[-1]
    assert "صفحة" in footer
    assert "1" in footer and "2" in footer
    assert "١" not in footer


def test_english_report_is_left_to_right_with_decimal_page_numbers(render):
    reader = pypdf.PdfReader(io.BytesIO(render(lang="en", title="Session outcome")))
    assert reader.metadata.title == "Session outcome"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    texts = [_text(page) for page in reader.pages]
    assert "Page 1 of 2" in texts[0]
    assert "Page 2 of 2" in texts[-1]


def _pdftoppm(pdf: bytes, prefix, resolution: int = 60) -> Image.Image:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = prefix.with_suffix(".pdf")
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(resolution), "-png", "-f", "1", "-l", "1", "-singlefile"]
        + [str(source), str(prefix)],
        check=True,
    )
    png = prefix.with_suffix(".png")
    assert png.is_file()
    return Image.open(png).convert("L")


def _ink_box(image: Image.Image) -> tuple[int, int, int, int]:
    """Bounding box of the dark pixels (text and rules)."""
    mask = image.point(lambda value: 255 if value < 200 else 0)
    box = mask.getbbox()
    assert box is not None, "blank page"
    return box


def test_first_page_renders_to_a_non_blank_png(specimen_pdf, artifacts_dir):
    image = _pdftoppm(specimen_pdf, artifacts_dir / "specimen-ar")
    width, height = image.size
    assert abs(width - 496) <= 1 and abs(height - 702) <= 1  # A4 at 60 dpi
    dark = sum(image.histogram()[:200])  # pixels darker than light grey
    assert dark > 0.01 * image.size[0] * image.size[1]


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_short_heading_sits_at_the_start_side(lang, direction, artifacts_dir):
    html = f'<html lang="{lang}" dir="{direction}"><body><h1>عنوان Title</h1></body></html>'
    image = _pdftoppm(reports.html_to_pdf(html), artifacts_dir / f"heading-{lang}")
    body = image.crop((0, 0, image.size[0], int(image.size[1] * 0.85)))  # without footer
    left, _, right, _ = _ink_box(body)
    middle = image.size[0] / 2
    if direction == "rtl":
        assert left > middle, "an Arabic heading starts on the right"
    else:
        assert right < middle, "an English heading starts on the left"
