"""Issue 16, direction: the Arabic personal page on a phone keeps English runs in order."""

import pytest

from eventapp.registration import services
from tests.registration.conftest import open_registration, register

pytestmark = pytest.mark.browser


def test_personal_page_keeps_english_runs_in_order_on_a_phone(
    live_server, phone_page, organiser, make_event, artifacts
):
    event = make_event(organiser=organiser, days=2, title_ar="اللقاء التشاوري الإقليمي")
    open_registration(event, capacity_in_person=20)
    registration = register(
        event, "sara@example.org", name_en="Sara Abdallah", organisation="Human Rights Watch (HRW)"
    )
    page = phone_page
    page.goto(f"{live_server}/r/{services.make_token(registration)}")
    page.locator("#participant-name").wait_for()
    organisation = page.locator("bdi", has_text="Human Rights Watch (HRW)")
    assert organisation.count() == 1
    # The (.ics) button: the file name is an isolated left-to-right run inside Arabic.
    button = page.locator("a", has_text=".ics")
    assert "(\u2066.ics\u2069)" in button.inner_text()
    page.screenshot(path=str(artifacts / "bidi-personal-phone.png"), full_page=True)
