"""The pages' behaviours that moved out of the templates work under the Content-Security-
Policy (the fixtures fail a test on any CSP violation or script error): the personal agenda's
stars, the questions asked before a cancellation, "tick all" in the organiser's list."""

import pytest

from eventapp import security
from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import Status
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_session
from tests.registration.conftest import open_registration, register

pytestmark = pytest.mark.browser


def test_participant_stars_a_session_and_cancels_only_when_sure(
    live_server, phone_page, organiser, make_event
):
    event = make_event(organiser=organiser, days=1)
    make_session(event, title_ar="جلسة الافتتاح", start="09:00", end="10:00")
    open_registration(event)
    registration = register(event, "layla@example.org")
    token = services.make_token(registration)
    page = phone_page

    response = page.goto(f"{live_server}/e/{event.slug}/my/{token}/")
    assert response.headers["content-security-policy"] == security.CSP
    assert response.headers["referrer-policy"] == "no-referrer"
    page.click("button[aria-pressed=false]")
    page.locator("button[aria-pressed=true]").wait_for()
    assert "جلسة الافتتاح" in page.inner_text(".personal-agenda")

    page.goto(f"{live_server}/r/{token}")
    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("text=إلغاء تسجيلي")
    page.wait_for_timeout(300)
    assert questions and "إلغاء" in questions[0]  # asked, in Arabic, and nothing was sent
    db.session.expire_all()
    assert services.registration_by_email(event, "layla@example.org").status == Status.CONFIRMED

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=إلغاء تسجيلي")
    page.wait_for_load_state()
    page.locator(".alert").first.wait_for()
    db.session.expire_all()
    assert services.registration_by_email(event, "layla@example.org").status == Status.CANCELLED


def test_organiser_ticks_every_registration_at_once(
    live_server, browser_page, organiser, make_event
):
    event = make_event(organiser=organiser, days=1)
    open_registration(event)
    for n in range(3):
        register(event, f"p{n}@example.org")
    page = browser_page
    sign_in(page, live_server, organiser.email, PASSWORD)
    response = page.goto(f"{live_server}/manage/events/{event.id}/registrations")
    assert "no-store" in response.headers["cache-control"]
    page.check("input[data-check-all=ids]")
    boxes = page.locator("input[name=ids]")
    assert boxes.count() == 3
    assert all(boxes.nth(i).is_checked() for i in range(3))
    page.uncheck("input[data-check-all=ids]")
    assert not any(boxes.nth(i).is_checked() for i in range(3))
