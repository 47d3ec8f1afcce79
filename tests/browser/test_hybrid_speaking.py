"""The facilitator's console in headless Chromium: a written statement marked received in
writing, an absent speaker's statement read out on their behalf, the counters and the speaking
time per organisation following, the empty queue without a numbered item, and every time (the
technical note, the history) in the event's time zone (Asia/Riyadh, UTC+3)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.models import Intervention, InterventionStatus
from eventapp.interventions.services import Actor
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, give_role, make_session, make_user

pytestmark = pytest.mark.browser
S = InterventionStatus


@pytest.fixture
def hybrid_session(event):
    session = make_session(
        event, kind="discussion", title_ar="جلسة هجينة", start="14:30", end="17:30"
    )
    facilitator = make_user("facilitator@example.org", name="ديمة الميسِّرة")
    give_role(facilitator, event, "facilitator", session)
    actor = Actor(name="المنظمة")
    for name, org, mode, statement in (
        ("كاتب البيان", "مركز الخليج", "written", "نص البيان المكتوب كاملًا"),
        ("متحدثة غائبة", "القسط", "in_room", None),
    ):
        services.add_intervention(
            session,
            actor,
            {
                "speaker_name": name,
                "mode": mode,
                "organisation_name": org,
                "topic": "الشفافية",
                "statement": statement,
                "language": "ar",
            },
        )
    db.session.commit()
    return session, facilitator


def _item(session, name) -> Intervention:
    db.session.expire_all()
    return db.session.query(Intervention).filter_by(session_id=session.id, speaker_name=name).one()


def _riyadh_now() -> set[str]:
    """HH:MM in Riyadh now and a minute later (the click may cross a minute)."""
    now = dt.datetime.now(ZoneInfo("Asia/Riyadh"))
    return {now.strftime("%H:%M"), (now + dt.timedelta(minutes=1)).strftime("%H:%M")}


def test_facilitator_marks_statements_and_sees_counters_and_local_times(
    live_server, browser_page, event, hybrid_session, artifacts
):
    session, facilitator = hybrid_session
    assert event.timezone == "Asia/Riyadh"
    written, absent = _item(session, "كاتب البيان"), _item(session, "متحدثة غائبة")
    page = browser_page
    sign_in(page, live_server, facilitator.email, PASSWORD)
    page.goto(f"{live_server}/manage/sessions/{session.id}/console")
    assert page.locator("#figure-received_in_writing").inner_text() == "0"

    # The written statement is received: its own counter, not "delivered".
    page.click(f"#queue li[data-id='{written.id}'] button[data-action=receive_written]")
    page.wait_for_selector(f"#settled li[data-id='{written.id}']")
    assert "كتابةً" in page.locator("#console-alert").inner_text()
    assert page.locator("#figure-received_in_writing").inner_text() == "1"
    assert page.locator("#figure-delivered").inner_text() == "0"

    # The absent speaker's statement is read out by a colleague.
    page.click(f"#queue li[data-id='{absent.id}'] summary:has-text('نيابةً')")
    page.fill(f"#read-by-{absent.id}", "زميلتها من القسط")
    page.click(f"#queue li[data-id='{absent.id}'] .read-form button")
    page.wait_for_selector(f"#settled li[data-id='{absent.id}']")
    assert page.locator("#figure-read_on_behalf").inner_text() == "1"
    assert page.locator("#figure-delivered").inner_text() == "0"
    assert "بقراءة زميلتها من القسط" in page.locator("#settled").inner_text()
    assert _item(session, "متحدثة غائبة").status == S.READ_ON_BEHALF

    # The queue is empty: a sentence, not a numbered "1.".
    assert page.locator("#queue ol").count() == 0
    assert page.locator("#queue-empty").inner_text() == "لا أحد في قائمة الانتظار"

    # The speaking time per organisation: both organisations contributed.
    table = page.locator("#speaking-time").inner_text()
    assert "مركز الخليج" in table and "القسط" in table

    # A technical note is stamped in Riyadh's time.
    page.fill("#technical-note", "صدى في الصوت عن بعد")
    page.click("form:has(#technical-note) button")
    page.wait_for_selector(".tech-notes")
    note = page.locator(".tech-notes").inner_text()
    assert note.endswith("صدى في الصوت عن بعد") and "UTC" not in note
    assert note[1:6] in _riyadh_now(), note
    page.screenshot(path=str(artifacts / "interventions-console-statements.png"), full_page=True)

    # The history shows the same local times.
    page.goto(f"{live_server}/manage/sessions/{session.id}/interventions")
    history = page.locator("ul.history").inner_text()
    assert "UTC" not in history
    stamps = page.locator("ul.history li .time").all_inner_texts()
    # Said by Babel («7 ديسمبر 2026، 07:18:36»), the clock in Riyadh's time.
    assert stamps and stamps[0].rsplit(" ", 1)[-1][:5] in _riyadh_now(), stamps[0]
    assert "توقيت الرياض" in page.locator(".history-zone").inner_text()
    page.screenshot(path=str(artifacts / "interventions-history-local.png"), full_page=True)
