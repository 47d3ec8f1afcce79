"""A remote participant's journey in a real browser: registers choosing their time zone, finds
on their personal page the times in that zone, the interpretation channels and the
instructions, presses "Join now" in a session under way (and lands on its joining link), and
the organiser's statistics count them as joined remotely. On a phone and a laptop, in Arabic
and English, nothing scrolls sideways."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from babel.dates import get_timezone_location

from eventapp.registration import services
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.registration.test_remote import CHANNEL_NUMBER, SESSION_LINK, _running_event

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page, width: int, what: str) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        culprits = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => (e.getBoundingClientRect().right"
            " > innerWidth + 1 || e.getBoundingClientRect().left < -1) && !e.closest("
            "'.overflow-auto, .table-responsive')).slice(0, 8)"
            ".map(e => e.tagName + '#' + e.id + '.' + e.className)"
        )
        raise AssertionError((what, wide, culprits))


def test_remote_participant_joins_and_is_counted(
    live_server, phone_page, browser_page, organiser, artifacts
):
    event, own, _later = _running_event(organiser)
    # A zone other than the event's, so the page shows both.
    mine = "Asia/Tokyo" if event.timezone != "Etc/GMT-9" else "America/Lima"
    page = phone_page
    # The joining link is outside this test's world: the browser is answered in its place.
    page.route(
        "https://meet.example.org/**",
        lambda route: route.fulfill(status=200, body="<h1>meeting</h1>", content_type="text/html"),
    )
    page.goto(f"{live_server}/e/{event.slug}/register")
    page.fill("#name_ar", "سلمى البعيدة")
    page.fill("#email", "salma@example.org")
    page.check('input[name="mode"][value="remote"]')
    assert page.input_value("#time_zone") == event.timezone  # the event's by default
    page.select_option("#time_zone", mine)  # a select of zones named by their city
    city = get_timezone_location(ZoneInfo(mine), locale="ar", return_city=True)
    assert city in page.locator("#time_zone option:checked").inner_text()
    page.click("#registration-form button.btn-lg")
    page.locator("#check-email").wait_for()
    registration = services.registration_by_email(event, "salma@example.org")
    assert registration.time_zone == mine
    token = services.make_token(registration)

    page.goto(f"{live_server}/r/{token}")
    section = page.locator("#remote-participation")
    section.wait_for()
    text = section.inner_text()
    starts = own.starts_at.astimezone(ZoneInfo(mine))
    # Their zone is named by its city in Arabic («توقيت طوكيو»), never by its identifier.
    assert starts.strftime("%H:%M") in text and city in text and mine not in text
    assert own.starts_at.strftime("%H:%M") in text  # the event's time too
    assert CHANNEL_NUMBER in text and "الفرنسية" in text
    assert "ارفع يدك الافتراضية لطلب الكلمة" in text
    assert page.locator(".qr").count() == 0
    page.screenshot(path=str(artifacts / "remote-personal-phone.png"), full_page=True)

    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844})
        for language in ("ar", "en"):
            page.goto(f"{live_server}/lang/{language}?next=/r/{token}")
            page.locator("#remote-participation").wait_for()
            _no_sideways_scroll(page, width, f"personal page {language} {width}")
    assert "Raise your virtual hand to ask to speak" in page.inner_text("#remote-participation")
    page.screenshot(path=str(artifacts / "remote-personal-laptop-en.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/lang/ar?next=/r/{token}")
    page.click(f"#remote-session-{own.id} .join-button")
    page.wait_for_url(SESSION_LINK)
    page.goto(f"{live_server}/r/{token}")
    assert page.locator(f"#remote-session-{own.id} .joined-badge").count() == 1

    staff = browser_page
    sign_in(staff, live_server, organiser.email, PASSWORD)
    for width in (390, 1280):
        staff.set_viewport_size({"width": width, "height": 900})
        for language in ("ar", "en"):
            staff.goto(
                f"{live_server}/lang/{language}"
                f"?next=/manage/events/{event.id}/registrations/statistics"
            )
            staff.locator("#attendance-figures").wait_for()
            row = staff.locator(f"#attendance-session-{own.id} .joined")
            assert row.inner_text().strip() in ("1", "١")
            day = staff.locator("#attendance-per-day .joined").first
            assert day.inner_text().strip() in ("1", "١")
            _no_sideways_scroll(staff, width, f"statistics {language} {width}")
    staff.screenshot(path=str(artifacts / "remote-statistics.png"), full_page=True)
    assert dt.datetime.now(dt.UTC) <= own.ends_at  # the session was indeed under way
