"""The public agenda on a phone, in Arabic, in a real browser (headless Chromium)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventapp.demo import load_demo
from tests.factories import make_event, make_person, make_session

pytestmark = pytest.mark.browser


def test_agenda_on_a_phone_in_arabic(live_server, phone_page, artifacts):
    load_demo()
    page = phone_page
    page.goto(f"{live_server}/e/solidarity-system-guatemala-2019/agenda")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"

    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Day tabs: one day at a time.
    tabs = page.locator("[data-day-tab]")
    assert tabs.count() == 4
    first_day = page.locator(".agenda-day").nth(0)
    second_day = page.locator(".agenda-day").nth(1)
    assert first_day.is_visible() and not second_day.is_visible()
    assert "الافتتاح والتعارف" in first_day.inner_text()
    page.screenshot(path=str(artifacts / "agenda-phone-ar.png"), full_page=False)

    tabs.nth(1).click()
    assert second_day.is_visible() and not first_day.is_visible()
    assert "تحليل الدوافع المنهجية وراء الهجمات" in second_day.inner_text()

    # The reader's zone (the test machine's) differs from Guatemala's: the note says so and
    # each session shows its local time too.
    zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    if zone not in ("America/Guatemala",):
        assert page.locator(".agenda-zone-note").is_visible()
        assert "توقيت غواتيمالا" in page.locator(".agenda-zone-note").inner_text()
        hint = page.locator(".agenda-session .local-time").first.inner_text().strip()
        assert hint and zone not in hint  # the zone named in Arabic, not its identifier

    # Search filters at once, across days, in Arabic without diacritics.
    page.fill("#agenda-q", "شهادات")
    visible = page.locator(".agenda-session:visible")
    assert visible.count() == 1
    assert "لا بويا" in visible.first.inner_text()
    page.fill("#agenda-q", "تَقْييم")  # with diacritics: still found
    assert page.locator(".agenda-session:visible").count() == 2
    page.fill("#agenda-q", "شهادات")

    page.screenshot(path=str(artifacts / "agenda-phone-ar-search.png"), full_page=True)

    # Printed, the agenda shows every day and every session, without filters or tabs.
    page.emulate_media(media="print")
    assert first_day.is_visible() and second_day.is_visible()
    assert not page.locator(".agenda-filters").is_visible()
    assert page.locator(".agenda-session:visible").count() == 9


def test_now_and_next_are_marked_during_the_event(live_server, phone_page, artifacts):
    today = dt.datetime.now(dt.UTC).date()
    event = make_event(first_day=today, days=2, timezone="UTC", title_ar="فعالية جارية الآن")
    speaker = make_person("نور الهدى", "Nour Al-Huda")
    make_session(
        event,
        day=1,
        start="00:00",
        end="23:59",
        title_ar="جلسة جارية",
        people=[(speaker, "presenter")],
    )
    make_session(event, day=2, start="09:00", end="10:00", title_ar="جلسة الغد")
    page = phone_page
    page.goto(f"{live_server}/e/{event.slug}/agenda")
    now = page.locator(".agenda-session.is-now")
    assert now.count() == 1 and "جلسة جارية" in now.inner_text()
    assert now.locator(".agenda-live").inner_text() == "الآن"
    following = page.locator(".agenda-session.is-next")
    assert following.count() == 1 and "جلسة الغد" in following.inner_text()
    page.screenshot(path=str(artifacts / "agenda-phone-now.png"), full_page=True)
