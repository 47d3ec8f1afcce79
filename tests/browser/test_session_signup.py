"""A participant chooses a working group on the registration form; the group is full, so they
wait; on their personal page they move to a parallel group instead. On a phone (390 px) and a
laptop (1280 px), in Arabic and English, with no page wider than the screen."""

import pytest

from eventapp.extensions import db
from eventapp.registration import services, session_signups
from eventapp.registration.models import SignupStatus
from tests.factories import make_session
from tests.registration.conftest import open_registration, register

pytestmark = pytest.mark.browser


def _groups(event):
    full = make_session(
        event,
        title_ar="مجموعة العمل الأولى: حماية المدافعين",
        title_en="Working group 1: protecting defenders",
        kind="working_group",
        room=0,
        start="11:00",
        end="12:30",
        signup_required=True,
        signup_capacity=1,
    )
    other = make_session(
        event,
        title_ar="مجموعة العمل الثانية: الفضاء المدني الرقمي",
        title_en="Working group 2: digital civic space",
        kind="working_group",
        room=1,
        start="11:00",
        end="12:30",
        signup_required=True,
        signup_capacity=40,
    )
    db.session.commit()
    return full, other


def _status(registration, session):
    db.session.expire_all()
    return session_signups.current_signups(registration).get(session.id)


@pytest.mark.parametrize(
    ("width", "language"), [(390, "ar"), (1280, "en"), (390, "en"), (1280, "ar")]
)
def test_choose_wait_and_move_to_another_group(
    live_server, _browser, csp_violations, organiser, make_event, artifacts, width, language
):
    event = make_event(
        organiser=organiser, rooms=("القاعة الكبرى", "قاعة المجموعات"), title_en="Consultation"
    )
    open_registration(event, capacity_in_person=100, offer_remote=True)
    full, other = _groups(event)
    session_signups.sign_up(register(event), full)  # the only place is taken
    db.session.commit()

    context = _browser.new_context(viewport={"width": width, "height": 900}, locale=language)
    page = context.new_page()
    csp_violations.watch(page)
    page.goto(f"{live_server}/lang/{language}?next=/")
    page.goto(f"{live_server}/e/{event.slug}/register")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    choice = page.locator(f'label[for="session_ids-{full.id}"]')
    assert choice.locator(".text-danger").count() == 1  # full: the waiting list
    page.fill("#name_ar", "ليلى الهاشمي")
    page.fill("#name_en", "Layla Al-Hashimi")
    email = f"layla-{width}-{language}@example.org"
    page.fill("#email", email)
    page.fill("#organisation", "المبادرة المصرية للحقوق الشخصية")
    page.check(f"#session_ids-{full.id}")
    page.screenshot(
        path=str(artifacts / f"session-signup-form-{language}-{width}.png"), full_page=True
    )
    page.click("#registration-form button.btn-lg")
    page.locator("#check-email").wait_for()
    registration = services.registration_by_email(event, email)
    assert _status(registration, full).status == SignupStatus.WAITLISTED

    page.goto(f"{live_server}/r/{services.make_token(registration)}")
    row = page.locator(f"#session-signup-{full.id}")
    row.locator(".badge.text-bg-warning").wait_for()  # waiting list, number 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.locator(f"#session-signup-{other.id} button[value=join]").click()
    page.locator(f"#session-signup-{other.id} .badge.text-bg-success").wait_for()
    assert page.locator(f"#session-signup-{full.id} .badge").count() == 0  # waiting ended
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.screenshot(
        path=str(artifacts / f"session-signup-personal-{language}-{width}.png"), full_page=True
    )
    assert _status(registration, other).status == SignupStatus.CONFIRMED
    assert _status(registration, full) is None
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_organiser_pages_fit_the_screen(
    live_server, _browser, csp_violations, organiser, make_event, artifacts, width
):
    from tests.browser.conftest import sign_in
    from tests.factories import PASSWORD

    event = make_event(organiser=organiser, rooms=("القاعة الكبرى", "قاعة المجموعات"))
    open_registration(event, capacity_in_person=100, offer_remote=True)
    full, other = _groups(event)
    person = register(event, name_ar="سلمى الخطيب")
    session_signups.sign_up(person, full)
    db.session.commit()
    context = _browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
    page = context.new_page()
    csp_violations.watch(page)
    sign_in(page, live_server, organiser.email, PASSWORD)
    pages = {
        "session-form": f"/manage/sessions/{full.id}/edit",
        "conflicts": f"/manage/events/{event.id}/conflicts",
        "door": f"/manage/events/{event.id}/sessions/{other.id}/door",
        "statistics": f"/manage/events/{event.id}/registrations/statistics",
        "participant": f"/manage/events/{event.id}/registrations/{person.id}",
    }
    for language in ("ar", "en"):
        page.goto(f"{live_server}/lang/{language}?next=/")
        for label, path in pages.items():
            response = page.goto(f"{live_server}{path}")
            assert response.status == 200, label
            page.screenshot(
                path=str(artifacts / f"session-signup-{label}-{language}-{width}.png"),
                full_page=True,
            )
            if label == "statistics":  # its per-day table (not this feature's) is wider
                wide = page.evaluate(
                    "document.getElementById('session-signup-figures').scrollWidth"
                )
                assert wide <= width, label
            else:
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= width + 1, label
    # At the door: someone without a place is refused, then admitted by the organiser.
    page.goto(f"{live_server}{pages['door']}")
    page.fill("#code", person.checkin_code)
    page.click("form button.btn-brand")
    page.locator("#admit-anyway").click()
    page.locator("#outcome.alert-success").wait_for()
    context.close()
