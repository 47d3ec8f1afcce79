"""An organiser makes next year's edition of the annual conference from last year's, in one
step, sees what was copied, then edits the new draft, in a real browser."""

import datetime as dt

import pytest
from sqlalchemy import select

from eventapp.events.models import Event, EventStatus
from eventapp.extensions import db
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_event, make_person, make_session

pytestmark = pytest.mark.browser


def test_next_years_edition_in_one_step_then_edited(
    live_server, browser_page, organiser, artifacts
):
    first_day = dt.date.today() - dt.timedelta(days=300)
    source = make_event(
        organiser=organiser,
        slug="annual-forum-2026",
        title_ar="الملتقى السنوي 2026",
        first_day=first_day,
        days=2,
        status=EventStatus.ARCHIVED,
    )
    speaker = make_person("بهاء الدين السعدي", "Bahaa Eddin Al-Saadi")
    make_session(source, title_ar="الجلسة الافتتاحية", people=[(speaker, "presenter")])
    make_session(source, day=2, title_ar="الجلسة الختامية", kind="closing")
    page = browser_page
    sign_in(page, live_server, organiser.email, PASSWORD)

    page.goto(f"{live_server}/manage/events/{source.id}/")
    page.click("#new-edition-link")
    assert page.input_value("#slug") == "annual-forum-2027"
    assert page.input_value("#title_ar") == "الملتقى السنوي 2027"
    page.screenshot(path=str(artifacts / "edition-form-ar.png"), full_page=True)
    page.click("#edition-form button")
    page.locator("#copied-lines").wait_for()
    copied = page.locator("#copied-lines").inner_text()
    assert "يومان" in copied and "جلستان" in copied
    page.screenshot(path=str(artifacts / "edition-copied-ar.png"), full_page=True)

    # Edit the new draft: its title, then a day's place.
    page.click("text=افتح لوحة الدورة الجديدة")
    page.click("text=الإعدادات")
    page.fill("#title_en", "Annual Forum 2027")
    page.click("button[type=submit]")
    page.wait_for_selector(".alert-success")
    page.click("text=الأيام والقاعات")
    page.locator("#event-days a", has_text="تعديل").first.click()
    page.fill("#city_ar", "إربد")
    page.click("button.btn-brand")
    page.wait_for_selector("#event-days")
    assert "إربد" in page.locator("#event-days").inner_text()

    new = db.session.scalar(select(Event).where(Event.slug == "annual-forum-2027"))
    db.session.refresh(new)
    assert new.status == EventStatus.DRAFT and new.title_en == "Annual Forum 2027"
    assert new.first_day.weekday() == first_day.weekday()
    assert new.days[0].city_ar == "إربد"
    db.session.refresh(source)
    assert source.title_en == "Human Rights Conference" and source.days[0].city_ar is None
