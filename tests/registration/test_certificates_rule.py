"""Certificates worth keeping: the attendance rule (days), serial numbers, the public
verification page, the organiser's logo and signatories, Arabic and English."""

from __future__ import annotations

import io
import re
import subprocess

import segno
from pypdf import PdfReader

from eventapp.extensions import db
from eventapp.registration import certificates, checkin, privacy
from eventapp.registration.links import make_token
from eventapp.registration.models import Certificate
from tests.registration.conftest import open_registration, register


def _logo() -> bytes:
    out = io.BytesIO()
    segno.make("logo").save(out, kind="png", scale=6, dark="#0f5257")
    return out.getvalue()


def _training(make_event, make_organisation, organiser, percent=75):
    org = make_organisation(name_ar="جمعية الحقوقيين", name_en="Lawyers' Association")
    org.logo, org.logo_type = _logo(), "image/png"
    event = make_event(
        organiser=organiser,
        days=4,
        slug="training",
        title_en="Training for new members",
        title_ar="دورة تدريبية للأعضاء الجدد",
    )
    event.organiser_id = org.id
    open_registration(event)
    if percent is not None:
        certificates.save_settings(
            event,
            {
                "min_percent_days": percent,
                "signatory1_name_ar": "سلمى يوسف",
                "signatory1_name_en": "Salma Youssef",
                "signatory1_title_ar": "المديرة التنفيذية",
                "signatory1_title_en": "Executive Director",
                "signatory2_name_ar": "خالد منصور",
                "signatory2_title_ar": "رئيس مجلس الإدارة",
            },
        )
    db.session.commit()
    return event


def _attend(registration, event, days):
    for day in event.days[:days]:
        checkin.check_in(registration, day)
    db.session.commit()


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _png(pdf: bytes, path) -> None:
    path.with_suffix(".pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(path.with_suffix(".pdf")), str(path)], check=True
    )


def test_rule_serial_and_verification(client, organiser, make_event, make_organisation, artifacts):
    event = _training(make_event, make_organisation, organiser)
    three = register(event, name_ar="ريم العلي", name_en="Reem Al-Ali")
    two = register(event, name_ar="سامر حداد", name_en="Samer Haddad")
    _attend(three, event, 3)
    _attend(two, event, 2)
    client.login(organiser)
    page = client.get(f"/manage/events/{event.id}/documents").get_data(as_text=True)
    assert "ريم العلي" in page.split('id="certificate-list"')[1].split("</ul>")[0]
    assert "سامر حداد" in page.split('id="below-rule"')[1]

    response = client.raw.get(f"/manage/events/{event.id}/certificates.pdf")
    assert response.status_code == 200
    pdf = response.data
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1  # 2 of 4 days is below 75 %
    text = _text(pdf)
    assert "ريم العلي" in text and "سامر حداد" not in text
    assert "training-2026-0001" in text
    assert "سلمى يوسف" in text and "رئيس مجلس الإدارة" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 2  # the logo and the QR code
    _png(pdf, artifacts / "certificate-rule-ar")
    certificate = db.session.query(Certificate).one()
    assert certificate.code in text.replace("\n", "")

    english = client.raw.get(f"/manage/events/{event.id}/certificates.pdf?lang=en").data
    text_en = _text(english)
    assert "Certificate of attendance" in text_en
    assert "Reem Al-Ali" in text_en and "Executive Director" in text_en
    assert "attended 3 of 4 days" in text_en
    assert "training-2026-0001" in text_en  # the same certificate: stable serial
    _png(english, artifacts / "certificate-rule-en")
    assert db.session.query(Certificate).count() == 1

    # The verification page, public: the name as printed, event, dates, attendance.
    client.raw.post("/logout", data={})  # (the page is public: no sign-in needed either way)
    verify = client.raw.get(f"/verify/{certificate.code}")
    assert verify.status_code == 200
    html = verify.get_data(as_text=True)
    assert "ريم العلي" in html and "دورة تدريبية للأعضاء الجدد" in html
    assert re.search(r"3\D+4", html.split('id="verified-attendance"')[1])
    assert "training-2026-0001" in html


def test_unknown_code_is_a_404_that_says_so(client):
    response = client.raw.get("/verify/NOTACODE1234567890AB")
    assert response.status_code == 404
    assert 'id="unknown-certificate"' in response.get_data(as_text=True)
    assert client.raw.get("/verify/%3Cscript%3E").status_code == 404


def test_personal_page_offers_the_certificate_or_says_why_not(
    client, organiser, make_event, make_organisation
):
    event = _training(make_event, make_organisation, organiser)
    three = register(event, name_ar="ريم العلي")
    two = register(event, name_ar="سامر حداد")
    _attend(three, event, 3)
    _attend(two, event, 2)
    page = client.get(f"/r/{make_token(two)}").get_data(as_text=True)
    assert 'id="no-certificate"' in page and 'id="certificate-ar"' not in page
    refused = client.raw.get(f"/r/{make_token(two)}/certificate.pdf")
    assert refused.status_code == 302 and refused.location.endswith(f"/r/{make_token(two)}")
    page = client.get(f"/r/{make_token(three)}").get_data(as_text=True)
    assert 'id="certificate-ar"' in page
    pdf = client.raw.get(f"/r/{make_token(three)}/certificate.pdf?lang=ar")
    assert pdf.status_code == 200 and "ريم العلي" in _text(pdf.data)


def test_anonymous_participant_certificate_names_them_and_erasure_unverifies(
    client, organiser, make_event, make_organisation
):
    """The certificate is the person's own: it names them even when they asked reports to
    keep them anonymous. The verify page shows only the name as printed; once they erase
    their data, the code confirms nothing."""
    event = _training(make_event, make_organisation, organiser, percent=None)
    shy = register(event, name_ar="هدى", report_naming="anonymous")
    _attend(shy, event, 1)  # no rule: any check-in
    certificate = certificates.issue(shy, event)
    db.session.commit()
    assert "هدى" in client.raw.get(f"/verify/{certificate.code}").get_data(as_text=True)
    code = certificate.code
    privacy.erase_registration(shy)
    db.session.commit()
    assert client.raw.get(f"/verify/{code}").status_code == 404


def test_rule_settings_form_refuses_bad_percent_and_keeps_input(
    client, organiser, make_event, make_organisation
):
    event = _training(make_event, make_organisation, organiser, percent=None)
    client.login(organiser)
    url = f"/manage/events/{event.id}/certificates/settings"
    version = client.version(url)
    response = client.post(
        url, {"min_percent_days": "150", "signatory1_name_ar": "سلمى", "version": version}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "سلمى" in html and "100" in html
    ok = client.post(url, {"min_percent_days": "75", "version": version})
    assert ok.status_code == 302
    assert certificates.settings_of(event).min_percent_days == 75
    stale = client.post(url, {"min_percent_days": "50", "version": version})
    assert stale.status_code == 409
    assert certificates.settings_of(event).min_percent_days == 75
