"""The facilitator's console (on a phone) and the live view (on a laptop/projector) in
headless Chromium: the live view follows the console without a reload, and a stale console
is refused with a message."""

import re

import pytest

from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.models import Intervention, InterventionStatus
from eventapp.interventions.services import Actor
from eventapp.sessions.services import save_room
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, give_role, make_session, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def running_session(event):
    room = event.rooms[0]
    save_room(
        event,
        room,
        {"name": room.name, "capacity": 150, "video_link": "https://meet.example.org/alqst"},
    )
    session = make_session(
        event, kind="discussion", title_ar="مداخلات ورؤى", start="14:30", end="17:30"
    )
    facilitator = make_user("facilitator@example.org", name="ديمة الميسِّرة")
    give_role(facilitator, event, "facilitator", session)
    actor = Actor(name="المنظمة")
    for name, org, mode in (
        ("عبدالله الناشط", "مجموعة الشباب في المهجر", "remote_live"),
        ("سارة الأكاديمية", "القسط", "in_room"),
        ("ناشطة حقوقية", None, "remote_live"),
    ):
        services.add_intervention(
            session,
            actor,
            {"speaker_name": name, "mode": mode, "organisation_name": org, "topic": "الشفافية"},
        )
    db.session.commit()
    return session, facilitator


def test_console_drives_the_live_view_without_reload(
    live_server, browser_page, phone_page, event, running_session, artifacts
):
    session, facilitator = running_session
    live = browser_page
    live.goto(f"{live_server}/e/{event.slug}/sessions/{session.id}/live")
    assert live.locator("html").get_attribute("dir") == "rtl"
    live.evaluate("window.__notReloaded = true")
    assert "لا أحد يتحدث الآن" in live.locator("#live-current").inner_text()
    assert "عبدالله الناشط" in live.locator("#live-next").inner_text()

    console = phone_page
    sign_in(console, live_server, facilitator.email, PASSWORD)
    console.goto(f"{live_server}/manage/sessions/{session.id}/console")
    assert console.locator("#video-link").get_attribute("href") == "https://meet.example.org/alqst"
    console.click("button[data-action=call_next]")
    console.wait_for_selector("#countdown")
    first = console.locator("#countdown").inner_text()
    console.wait_for_timeout(1300)
    assert console.locator("#countdown").inner_text() != first  # ticking down
    assert re.match(r"^\d+:\d\d$", first)
    assert "الكلمة الآن" in console.locator("#console-alert").inner_text()
    console.screenshot(path=str(artifacts / "interventions-console-phone.png"), full_page=True)

    # Functions, not expression strings: Playwright polls a string with eval(), which the
    # page's Content-Security-Policy (no 'unsafe-eval') refuses.
    live.wait_for_function(
        "() => document.querySelector('#live-current').innerText.includes('عبدالله الناشط')",
        timeout=8000,
    )
    assert live.evaluate("window.__notReloaded") is True
    assert "سارة الأكاديمية" in live.locator("#live-next").inner_text()
    live.wait_for_function("() => document.querySelector('#live-clock').innerText.length >= 4")
    live.screenshot(path=str(artifacts / "interventions-live-ar.png"))

    console.click("#now-speaking summary:has-text('انقطعت')")
    console.select_option(
        f"#interrupt-reason-{session_item(session, 'عبدالله الناشط')}", "connection_lost"
    )
    console.click("#now-speaking .reason-form button[data-action=interrupt]")
    console.wait_for_selector("#nobody-live")
    live.wait_for_function(
        "() => !document.querySelector('#live-current').innerText.includes('عبدالله')",
        timeout=8000,
    )
    assert live.evaluate("window.__notReloaded") is True
    db.session.expire_all()
    item = db.session.get(Intervention, session_item(session, "عبدالله الناشط"))
    assert item.status == InterventionStatus.INTERRUPTED
    assert item.status_reason.value == "connection_lost"


def session_item(session, name) -> int:
    db.session.expire_all()
    return (
        db.session.query(Intervention).filter_by(session_id=session.id, speaker_name=name).one().id
    )


def test_stale_console_is_refused_with_a_message(
    live_server, browser_page, phone_page, event, running_session, artifacts
):
    session, facilitator = running_session
    first_id = session_item(session, "عبدالله الناشط")
    laptop, phone = browser_page, phone_page
    for page in (laptop, phone):
        sign_in(page, live_server, facilitator.email, PASSWORD)
        page.goto(f"{live_server}/manage/sessions/{session.id}/console")
    # The phone's facilitator opens the "not aired" menu of the first speaker...
    phone.click(f"#queue li[data-id='{first_id}'] summary:has-text('لم تُبث')")
    # ...while the other facilitator gives the floor to that speaker.
    laptop.click("button[data-action=call_next]")
    laptop.wait_for_selector("#countdown")
    laptop.screenshot(path=str(artifacts / "interventions-console-laptop.png"), full_page=True)
    phone.select_option(f"#not_aired-reason-{first_id}", "speaker_unavailable")
    phone.click(f"#queue li[data-id='{first_id}'] .reason-form button")
    phone.wait_for_selector("#console-alert .alert-warning")
    assert "غيّر شخص آخر" in phone.locator("#console-alert").inner_text()
    phone.screenshot(path=str(artifacts / "interventions-console-stale.png"), full_page=True)
    db.session.expire_all()
    assert db.session.get(Intervention, first_id).status == InterventionStatus.LIVE


def test_participant_asks_from_the_session_page_and_is_told_they_are_next(
    live_server, phone_page, event, running_session, artifacts
):
    session, _facilitator = running_session
    participant = make_user("participant@example.org", name="سلمى المشاركة")
    other = make_session(event, title_ar="جلسة أخرى", start="09:00", end="10:00")
    give_role(participant, event, "rapporteur", other)  # a participant without registration
    page = phone_page
    sign_in(page, live_server, participant.email, PASSWORD)
    page.goto(f"{live_server}/e/{event.slug}/sessions/{session.id}/")
    page.fill("#topic", "حرية التعبير والمشاركة الشعبية")
    page.select_option("#mode", "remote_live")
    page.fill("#statement", "نص احتياطي يُنشر إذا تعذّر البث")
    page.click("button[type=submit]:has-text('إرسال طلبي')")
    page.wait_for_selector(".my-intervention")
    assert "بانتظار موافقة الميسّر" in page.locator("#my-interventions").inner_text()

    mine = session_item(session, "سلمى المشاركة")
    actor = Actor(name="الميسرة")
    services.change_status(session, actor, mine, "approve")
    for name in ("عبدالله الناشط", "سارة الأكاديمية", "ناشطة حقوقية"):
        services.change_status(session, actor, session_item(session, name), "withdraw")
    services.call_next(session, actor)  # the participant is now on air...
    services.change_status(session, actor, mine, "interrupt", reason="connection_lost")
    services.change_status(session, actor, mine, "requeue")  # ...cut off, and next again
    db.session.commit()
    # The page follows the queue by itself (it polls and reloads when the queue changed).
    page.wait_for_selector(".you-are-next", timeout=10000)
    assert "دورك التالي" in page.locator(".you-are-next").inner_text()
    assert "https://meet.example.org/alqst" in page.locator("#my-interventions").inner_text()
    page.screenshot(path=str(artifacts / "interventions-participant-next.png"), full_page=True)
