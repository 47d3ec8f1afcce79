"""A four-day training with a 75 % attendance rule: who attended three days gets a certificate
that its public verification page confirms; who attended two gets none, and is told why."""

import pytest

from eventapp.extensions import db
from eventapp.registration import checkin
from eventapp.registration.links import make_token
from eventapp.registration.models import Certificate
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.registration.conftest import open_registration, register

pytestmark = pytest.mark.browser


def test_certificate_for_three_of_four_days_verified(
    live_server, browser_page, phone_page, organiser, make_event, artifacts
):
    event = make_event(
        organiser=organiser, days=4, slug="members-training", title_ar="تدريب الأعضاء الجدد"
    )
    open_registration(event)
    reem = register(event, name_ar="ريم العلي", name_en="Reem Al-Ali")
    samer = register(event, name_ar="سامر حداد", name_en="Samer Haddad")
    for day in event.days[:3]:
        checkin.check_in(reem, day)
    for day in event.days[:2]:
        checkin.check_in(samer, day)
    db.session.commit()

    # The organiser sets the rule and a signatory.
    page = browser_page
    sign_in(page, live_server, organiser.email, PASSWORD)
    page.goto(f"{live_server}/manage/events/{event.id}/documents")
    page.click("#certificate-settings-link")
    page.fill("#min_percent_days", "75")
    page.fill("#signatory1_name_ar", "سلمى يوسف")
    page.fill("#signatory1_title_ar", "المديرة التنفيذية")
    page.click("#certificate-settings button.btn-brand")
    page.locator("#certificate-list").wait_for()
    assert "ريم العلي" in page.inner_text("#certificate-list")
    assert "سامر حداد" in page.inner_text("#below-rule")
    page.screenshot(path=str(artifacts / "certificates-documents.png"), full_page=True)

    # Reem downloads her certificate from her personal page.
    phone = phone_page
    phone.goto(f"{live_server}/r/{make_token(reem)}")
    phone.locator("#my-certificate").wait_for()
    href = phone.get_attribute("#certificate-ar", "href")
    pdf = phone.request.get(f"{live_server}{href}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert "members-training-2026-0001" in pdf.headers["content-disposition"]
    phone.screenshot(path=str(artifacts / "certificates-personal-phone.png"), full_page=True)

    # Anyone she shows it to checks it.
    certificate = db.session.query(Certificate).filter_by(registration_id=reem.id).one()
    phone.goto(f"{live_server}/verify/{certificate.code}")
    phone.locator("#verified").wait_for()
    assert phone.inner_text("#verified-name") == "ريم العلي"
    assert "تدريب الأعضاء الجدد" in phone.inner_text("#verified-event")
    assert "3" in phone.inner_text("#verified-attendance")
    assert "4" in phone.inner_text("#verified-attendance")
    phone.screenshot(path=str(artifacts / "certificates-verify-phone.png"), full_page=True)

    # Samer, two days of four: no certificate, and a clear message why.
    phone.goto(f"{live_server}/r/{make_token(samer)}")
    phone.locator("#no-certificate").wait_for()
    assert phone.locator("#certificate-ar").count() == 0
    assert db.session.query(Certificate).filter_by(registration_id=samer.id).count() == 0

    # An unknown code: the page says the certificate is not known.
    response = phone.goto(f"{live_server}/verify/AAAABBBBCCCCDDDDEEEE")
    assert response.status == 404
    assert phone.locator("#unknown-certificate").count() == 1
