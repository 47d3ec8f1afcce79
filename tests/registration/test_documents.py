"""Badges and certificates: real PDFs through eventapp.reports, read back as a reader would."""

from __future__ import annotations

import io
import subprocess

import segno
from PIL import Image
from pypdf import PdfReader

from eventapp.extensions import db
from eventapp.registration import checkin, notify
from tests.registration.conftest import open_registration, register


def _people(event):
    people = [
        register(
            event,
            name_ar="مؤيد مهيار",
            name_en="Moayad Mahyar",
            organisation="المفوضية السامية لحقوق الإنسان",
            category="expert",
        ),
        register(
            event,
            name_ar="زهير الزومان",
            name_en="Zuhair Al-Zouman",
            organisation="هيئة حقوق الإنسان",
            category="delegate",
        ),
        register(
            event,
            name_ar=None,
            name_en="Jane Doe",
            organisation="Amnesty International",
            category="media",
        ),
    ]
    return people


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _png(pdf: bytes, path) -> None:
    pdf_path = path.with_suffix(".pdf")
    pdf_path.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "70",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf_path),
            str(path.with_suffix("")),
        ],
        check=True,
    )


def test_badges_sheet_has_names_in_both_languages_and_qr(client, organiser, make_event, artifacts):
    event = make_event(organiser=organiser, title_ar="لقاء تشاوري حول الآلية الوطنية")
    open_registration(event)
    _people(event)
    client.login(organiser)
    response = client.raw.get(f"/manage/events/{event.id}/badges.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pdf = response.data
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = _text(pdf)
    assert "مؤيد مهيار" in text
    assert "Moayad Mahyar" in text
    assert "Jane Doe" in text
    assert "هيئة حقوق الإنسان" in text
    assert any(
        "/Image" in str(page["/Resources"].get("/XObject", {})) or page.images
        for page in reader.pages
    )
    _png(pdf, artifacts / "registration-badges")


def test_certificates_in_arabic_for_people_checked_in(client, organiser, make_event, artifacts):
    event = make_event(organiser=organiser, days=2, title_ar="اجتماع المجموعة الاستشارية")
    open_registration(event)
    a, b, c = _people(event)
    checkin.check_in(a, event.days[0])
    checkin.check_in(a, event.days[1])
    checkin.check_in(c, event.days[0])
    db.session.commit()
    client.login(organiser)
    response = client.raw.get(f"/manage/events/{event.id}/certificates.pdf")
    assert response.status_code == 200
    pdf = response.data
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2  # b never came
    text = _text(pdf)
    assert "شهادة حضور" in text
    assert "مؤيد مهيار" in text
    assert "زهير الزومان" not in text
    assert "اجتماع المجموعة الاستشارية" in text
    _png(pdf, artifacts / "registration-certificate")
    one = client.raw.get(f"/manage/events/{event.id}/certificates.pdf?id={c.id}")
    assert len(PdfReader(io.BytesIO(one.data)).pages) == 1
    assert "Jane Doe" in _text(one.data)


def test_nobody_checked_in_means_no_certificate(client, organiser, make_event):
    event = make_event(organiser=organiser)
    open_registration(event)
    _people(event)
    client.login(organiser)
    assert client.raw.get(f"/manage/events/{event.id}/certificates.pdf").status_code == 404
    page = client.get(f"/manage/events/{event.id}/documents").get_data(as_text=True)
    assert "Jane Doe" in page


def test_checkin_qr_png_has_the_pixels_segno_draws(app, organiser, make_event):
    """qr_png writes the PNG with Pillow: the very pixels of segno's own writer, so any phone
    reads it as it read segno's."""
    event = make_event(organiser)
    open_registration(event)
    registration = register(event)
    with app.test_request_context():
        ours = Image.open(io.BytesIO(notify.qr_png(registration, scale=3))).convert("L")
        theirs = io.BytesIO()
        segno.make(notify.checkin_url(registration), error="m", mask=4).save(
            theirs, kind="png", scale=3, border=2
        )
    theirs = Image.open(theirs).convert("L")
    assert ours.size == theirs.size
    assert ours.tobytes() == theirs.tobytes()
