"""An organiser signs in, adds a session in Arabic and sees it on the timetable."""

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_person, make_session

pytestmark = pytest.mark.browser


def test_organiser_adds_a_session_and_sees_it(
    live_server, browser_page, organiser, event, artifacts
):
    speaker = make_person("بهاء الدين السعدي", "Bahaa Eddin Al-Saadi")
    make_session(
        event,
        title_ar="الجلسة الافتتاحية",
        start="09:00",
        end="09:30",
        people=[(speaker, "presenter")],
    )
    page = browser_page
    sign_in(page, live_server, organiser.email, PASSWORD)

    page.goto(f"{live_server}/manage/events/{event.id}/timetable")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.click("#add-session")
    page.fill("#title_ar", "إدارة البيانات والمعلومات")
    page.fill("#title_en", "Managing data and information")
    page.fill("#start_time", "10:00")
    page.fill("#end_time", "11:15")
    page.select_option("#kind", "plenary")
    page.click("button[type=submit]")

    row = page.locator("#timetable tbody tr", has_text="إدارة البيانات والمعلومات")
    row.wait_for()
    assert "10:00" in row.inner_text()
    texts = page.locator("#timetable tbody tr").all_inner_texts()
    assert "الجلسة الافتتاحية" in texts[0] and "إدارة البيانات" in texts[1]
    page.screenshot(path=str(artifacts / "timetable-ar.png"), full_page=True)


def test_room_clash_is_refused_in_the_browser_and_keeps_the_typing(
    live_server, browser_page, organiser, event
):
    make_session(event, title_ar="جلسة قائمة", start="09:00", end="10:00")
    page = browser_page
    sign_in(page, live_server, organiser.email, PASSWORD)
    page.goto(f"{live_server}/manage/events/{event.id}/sessions/new")
    page.fill("#title_ar", "جلسة متداخلة")
    page.fill("#start_time", "09:30")
    page.fill("#end_time", "10:30")
    page.select_option("#room_id", str(event.rooms[0].id))
    page.click("button[type=submit]")
    assert (
        page.locator(".invalid-feedback", has_text="القاعة محجوزة").count() == 1
        or page.locator(".invalid-feedback").count() >= 1
    )
    assert page.input_value("#title_ar") == "جلسة متداخلة"


def test_two_organisers_edit_the_same_session_and_the_second_sees_both_texts(
    live_server, browser_page, phone_page, organiser, event, artifacts
):
    """A laptop and a phone open the same session; the laptop saves first. The phone's save is
    refused: its text is still in the form, the laptop's is shown next to it, on a 409 page."""
    session = make_session(event, title_ar="جلسة الحوار", start="09:00", end="10:00")
    url = f"{live_server}/manage/sessions/{session.id}/edit"
    for page in (browser_page, phone_page):
        sign_in(page, live_server, organiser.email, PASSWORD)
        page.goto(url)
    browser_page.fill("#title_ar", "جلسة الحوار الوطني")
    browser_page.click("button[type=submit]")
    browser_page.locator("#timetable").wait_for()

    phone_page.fill("#title_ar", "جلسة الحوار الإقليمي")
    with phone_page.expect_response(lambda r: r.request.method == "POST") as answer:
        phone_page.click("button[type=submit]")
    assert answer.value.status == 409
    box = phone_page.locator("#conflict")
    box.wait_for()
    assert "عدّل شخص آخر هذه البيانات" in box.inner_text()
    assert box.locator(".conflict-theirs").first.inner_text() == "جلسة الحوار الوطني"
    assert phone_page.input_value("#title_ar") == "جلسة الحوار الإقليمي"
    phone_page.screenshot(path=str(artifacts / "edit-conflict-phone-ar.png"), full_page=True)
