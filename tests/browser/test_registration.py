"""A participant registers on a phone in Arabic; an organiser checks them in at the door."""

import pytest

from eventapp.extensions import db
from eventapp.registration import services
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.registration.conftest import open_registration, register

pytestmark = pytest.mark.browser


def test_participant_registers_on_a_phone_and_is_checked_in(
    live_server, phone_page, browser_page, organiser, make_event, artifacts
):
    event = make_event(organiser=organiser, days=4, title_ar="اجتماع المجموعة الاستشارية")
    first_three = [d.id for d in event.days[:3]]
    open_registration(
        event, capacity_in_person=20, offer_remote=True, category_days={"guest": first_three}
    )
    page = phone_page
    page.goto(f"{live_server}/e/{event.slug}/register")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#name_ar", "ليلى الهاشمي")
    page.fill("#name_en", "Layla Al-Hashimi")
    page.fill("#email", "layla@example.org")
    page.fill("#organisation", "المبادرة المصرية للحقوق الشخصية")
    page.select_option("#category", "guest")
    # A guest may attend the first three days only: the fourth is disabled as she chooses.
    assert page.locator(f'input[name="day_ids"][value="{event.days[3].id}"]').is_disabled()
    page.screenshot(path=str(artifacts / "registration-form-phone.png"), full_page=True)
    page.click("#registration-form button.btn-lg")
    # The page says to check the mail; the personal link is in the message only.
    page.locator("#check-email").wait_for()
    page.screenshot(path=str(artifacts / "registration-sent-phone.png"), full_page=True)
    registration = services.registration_by_email(event, "layla@example.org")
    page.goto(f"{live_server}/r/{services.make_token(registration)}")
    page.locator("#participant-name").wait_for()
    assert "ليلى الهاشمي" in page.inner_text("#participant-name")
    assert page.locator(".qr svg").count() == 1
    page.screenshot(path=str(artifacts / "registration-personal-phone.png"), full_page=True)

    assert registration.category == "guest"
    assert [d.id for d in registration.days] == first_three

    door = browser_page
    door.set_viewport_size({"width": 390, "height": 844})
    sign_in(door, live_server, organiser.email, PASSWORD)
    door.goto(f"{live_server}/manage/events/{event.id}/checkin?day={event.days[0].id}")
    door.fill("#code", registration.checkin_code)
    door.click("form button.btn-brand")
    door.locator("#outcome").wait_for()
    assert "أهلًا وسهلًا" in door.inner_text("#outcome")
    door.screenshot(path=str(artifacts / "registration-checkin-phone.png"), full_page=True)


def test_organiser_list_in_arabic(live_server, browser_page, organiser, make_event, artifacts):
    event = make_event(organiser=organiser, days=2)
    open_registration(event, capacity_in_person=3, offer_remote=True)
    for name, org in [
        ("سلمى الخطيب", "هيومن رايتس ووتش"),
        ("مراد بن علي", "مراسلون بلا حدود"),
        ("نادية يوسف", "منظمة العفو الدولية"),
        ("كريم صالح", "الكرامة"),
    ]:
        register(event, name_ar=name, organisation=org)
    db.session.commit()
    sign_in(browser_page, live_server, organiser.email, PASSWORD)
    browser_page.goto(f"{live_server}/manage/events/{event.id}/registrations")
    assert "كريم صالح" in browser_page.inner_text("table")
    browser_page.screenshot(path=str(artifacts / "registration-list.png"), full_page=True)
    for name, path in [
        ("settings", "registration/settings"),
        ("statistics", "registrations/statistics"),
        ("invitations", "invitations"),
        ("documents", "documents"),
        ("dashboard", ""),
    ]:
        browser_page.goto(f"{live_server}/manage/events/{event.id}/{path}")
        browser_page.screenshot(path=str(artifacts / f"registration-{name}.png"), full_page=True)
