"""Issue 15 end to end, in a real browser: a hybrid conference of two days in Amman with parallel
working groups runs from publication to the published outcome. Participants register in person
and remotely, a waiting list moves, a remote participant joins the running plenary and speaks,
a day-2-only participant is refused in a day-1 session, the facilitator's console counts a
delivered intervention, a statement received in writing and one read out on behalf, the door
checks a participant in, the organiser's figures match, and the reports (session report and
outcome summary PDFs) say what happened without leaking joining links or anonymous names.

Set up through services (the factories), not the UI: the event, its days and rooms, and the
sessions with their channels (see the report of this test's author); everything after that
goes through the pages."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import SignupStatus
from eventapp.sessions.models import SessionChannel
from eventapp.sessions.services import save_room
from eventapp.speakers.models import OrganisationKind
from tests.browser.conftest import sign_in
from tests.factories import (
    PASSWORD,
    give_role,
    make_event,
    make_organisation,
    make_session,
    make_user,
)
from tests.outcomes.pdfs import text as pdf_text

pytestmark = pytest.mark.browser

ZONE = "Asia/Amman"
REMOTE_ZONE = "Europe/London"
PLENARY_LINK = "https://meet.example.org/plenary-8841"
ROOM_LINKS = (
    "https://meet.example.org/hall-1101",
    "https://meet.example.org/wg1-2202",
    "https://meet.example.org/wg2-3303",
)
CHANNEL = "Channel 2"
INSTRUCTIONS = "ارفع يدك الافتراضية لطلب الكلمة"
CHECK_LINK = "https://meet.example.org/tech-check-4404"
PRIVATE = (PLENARY_LINK, *ROOM_LINKS, CHECK_LINK, CHANNEL, "meet.example.org")


def _hhmm(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def _slots(now: dt.datetime):
    """(plenary start, end), (groups start, end) as times of today in Amman: the plenary is
    under way now; the groups follow it, or precede it late in the evening."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    last = midnight + dt.timedelta(hours=23, minutes=59)
    hour = dt.timedelta(hours=1)

    def floor5(moment):
        return moment.replace(minute=moment.minute // 5 * 5, second=0, microsecond=0)

    start = floor5(max(midnight, now - dt.timedelta(minutes=30)))
    end = min(last, floor5(now + dt.timedelta(minutes=65)))
    groups = (end, end + hour) if end + hour <= last else (start - hour, start)
    return (start.time(), end.time()), (groups[0].time(), groups[1].time())


def _world(organiser):
    now = dt.datetime.now(ZoneInfo(ZONE))
    event = make_event(
        organiser=organiser,
        slug="hybrid-amman",
        first_day=now.date(),
        days=2,
        timezone=ZONE,
        attendance_mode="hybrid",
        status="draft",
        rooms=("القاعة الكبرى", "قاعة المجموعة الأولى", "قاعة المجموعة الثانية"),
        title_ar="المؤتمر الإقليمي للفضاء المدني",
        title_en="Regional conference on civic space",
    )
    for room, capacity, link in zip(event.rooms, (120, 30, 30), ROOM_LINKS, strict=True):
        save_room(event, room, {"name": room.name, "capacity": capacity, "video_link": link})
    (p_start, p_end), (g_start, g_end) = _slots(now)
    plenary = make_session(
        event,
        kind="plenary",
        title_ar="الجلسة العامة",
        title_en="Plenary",
        start=p_start.isoformat("minutes"),
        end=p_end.isoformat("minutes"),
    )
    plenary.video_link = PLENARY_LINK
    plenary.channels = [
        SessionChannel(language="ar", channel=None, position=0),
        SessionChannel(language="en", channel=CHANNEL, position=1),
    ]
    groups = [
        make_session(
            event,
            kind="working_group",
            room=index + 1,
            title_ar=f"مجموعة العمل {name}",
            title_en=f"Working group {index + 1}",
            start=g_start.isoformat("minutes"),
            end=g_end.isoformat("minutes"),
            signup_required=True,
            signup_capacity=2,
        )
        for index, name in enumerate(("الأولى", "الثانية"))
    ]
    day_two = make_session(
        event,
        day=2,
        title_ar="جلسة الختام",
        title_en="Closing",
        kind="closing",
        start="09:00",
        end="10:00",
    )
    facilitator = make_user("facilitator@example.org", name="ديمة الميسّرة")
    give_role(facilitator, event, "facilitator", plenary)
    give_role(facilitator, event, "rapporteur", plenary)
    make_organisation("مجلس النواب", "House of Representatives", kind=OrganisationKind.PARLIAMENT)
    db.session.commit()
    return event, plenary, groups, day_two, facilitator


def _register(
    page,
    base,
    event,
    name,
    email,
    *,
    mode="in_person",
    days=None,
    group=None,
    zone=None,
    anonymous=False,
    organisation="مركز عمّان لحقوق الإنسان",
):
    page.goto(f"{base}/e/{event.slug}/register")
    page.fill("#name_ar", name)
    page.fill("#email", email)
    page.fill("#organisation", organisation)
    page.check(f'input[name="mode"][value="{mode}"]')
    if days is not None:
        for day in event.days:
            box = page.locator(f'input[name="day_ids"][value="{day.id}"]')
            box.set_checked(day.id in days)
    if group is not None:
        page.check(f"#session_ids-{group.id}")
    if zone:
        page.select_option("#time_zone", zone)
    if anonymous:
        page.check('input[name="report_naming"][value="anonymous"]')
    page.click("#registration-form button.btn-lg")
    page.locator("#check-email").wait_for()
    registration = services.registration_by_email(event, email)
    return registration, services.make_token(registration)


def _signup(registration, session):
    from eventapp.registration import session_signups

    db.session.expire_all()
    return session_signups.current_signups(registration).get(session.id)


def _number(locator) -> str:
    return locator.inner_text().strip().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))


def test_hybrid_conference_from_publication_to_published_outcome(
    live_server, _browser, csp_violations, organiser, artifacts, reports_inline
):
    base = live_server
    event, plenary, (wg1, wg2), day_two, facilitator = _world(organiser)
    day1, day2 = event.days

    def new_page(locale="ar"):
        context = _browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
        page = context.new_page()
        page.set_default_timeout(10000)
        csp_violations.watch(page)
        page.route(
            "https://meet.example.org/**",
            lambda route: route.fulfill(
                status=200, body="<h1>meeting</h1>", content_type="text/html"
            ),
        )
        return page

    # 1. The organiser sets registration up, publishes the event and opens registration.
    staff = new_page()
    sign_in(staff, base, organiser.email, PASSWORD)
    staff.goto(f"{base}/manage/events/{event.id}/registration/settings")
    staff.check("#is_open")
    staff.check("#offer_in_person")
    staff.fill("#capacity_in_person", "50")
    staff.check("#offer_remote")
    staff.fill("#capacity_remote", "50")
    staff.fill("#remote_instructions_ar", INSTRUCTIONS)
    check_at = dt.datetime.combine(day1.date, dt.time(0, 30))
    staff.fill("#technical_check_at", check_at.strftime("%Y-%m-%dT%H:%M"))
    staff.fill("#technical_check_link", CHECK_LINK)
    staff.click("#settings-form button.btn-brand")
    staff.locator(".alert-success").first.wait_for()
    staff.goto(f"{base}/manage/events/{event.id}/")
    staff.select_option("#status", "published")
    staff.click(f"form[action$='/events/{event.id}/status'] button")
    staff.locator(".alert-success").first.wait_for()
    db.session.expire_all()
    assert event.status.value == "published"

    # 2. Participants register through the public form.
    public = new_page()
    a, a_token = _register(public, base, event, "أحمد الأول", "a@example.org", group=wg1)
    b, b_token = _register(public, base, event, "بشرى الثانية", "b@example.org", group=wg1)
    c, c_token = _register(public, base, event, "كريم المنتظر", "c@example.org", group=wg1)
    d, d_token = _register(
        public,
        base,
        event,
        "دانة المجهولة",
        "d@example.org",
        days={day1.id},
        group=wg1,
        anonymous=True,
        organisation="جمعية سرية",
    )
    r1, r1_token = _register(
        public, base, event, "رنا البعيدة", "r1@example.org", mode="remote", zone=REMOTE_ZONE
    )
    r2, r2_token = _register(
        public,
        base,
        event,
        "رامي عن بعد",
        "r2@example.org",
        mode="remote",
        zone=REMOTE_ZONE,
        group=wg2,
    )
    e, e_token = _register(
        public, base, event, "إيمان اليوم الثاني", "e@example.org", days={day2.id}
    )
    S = SignupStatus
    assert [_signup(x, wg1).status for x in (a, b, c, d)] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITLISTED,
        S.WAITLISTED,
    ]
    assert _signup(r2, wg2).status == S.CONFIRMED

    # 3. The waiting participant moves to the other group; a place is given up and the next
    # one waiting gets it at once.
    public.goto(f"{base}/r/{c_token}")
    public.locator(f"#session-signup-{wg1.id} .badge.text-bg-warning").wait_for()
    public.locator(f"#session-signup-{wg2.id} button[value=join]").click()
    public.locator(f"#session-signup-{wg2.id} .badge.text-bg-success").wait_for()
    assert public.locator(f"#session-signup-{wg1.id} .badge").count() == 0
    public.goto(f"{base}/r/{b_token}")
    public.locator(f"#session-signup-{wg1.id} button[value=leave]").click()
    public.locator(f"#session-signup-{wg1.id} .badge").wait_for(state="detached")
    public.goto(f"{base}/r/{d_token}")
    public.locator(f"#session-signup-{wg1.id} .badge.text-bg-success").wait_for()

    # 4. The remote participant's page: their zone, link, channels, instructions; "Join now".
    remote = new_page()
    remote.goto(f"{base}/r/{r1_token}")
    section = remote.locator("#remote-participation")
    section.wait_for()
    text = section.inner_text()
    p_starts = dt.datetime.combine(day1.date, plenary.start_time, ZoneInfo(ZONE))
    # The participant's zone is named by its city, never by its identifier.
    assert _hhmm(p_starts.astimezone(ZoneInfo(REMOTE_ZONE))) in text and "توقيت لندن" in text
    assert _hhmm(p_starts) in text and "توقيت عمّان" in text
    assert REMOTE_ZONE not in text and ZONE not in text
    assert PLENARY_LINK in text and CHANNEL in text and INSTRUCTIONS in text
    assert CHECK_LINK in text
    remote.click(f"#remote-session-{plenary.id} .join-button")
    remote.wait_for_url(PLENARY_LINK)
    remote.goto(f"{base}/r/{r1_token}")
    remote.locator(f"#remote-session-{plenary.id} .joined-badge").wait_for()

    # The day-2-only participant is refused in a day-1 session, with the reason.
    second_day = new_page()
    second_day.goto(f"{base}/r/{e_token}")
    second_day.goto(f"{base}/e/{event.slug}/sessions/{plenary.id}/")
    refusal = second_day.locator("#cannot-speak").inner_text()
    assert "وهو يوم لم تسجّل فيه" in refusal, refusal
    assert second_day.locator("#topic").count() == 0  # no form to ask with

    # 5. Requests to speak: remote live, in the room, a written statement.
    def ask(page, token, mode, topic, language="ar", statement=None):
        page.goto(f"{base}/r/{token}")
        page.goto(f"{base}/e/{event.slug}/sessions/{plenary.id}/")
        page.fill("#topic", topic)
        page.select_option("#mode", mode)
        page.select_option("#language", language)
        if statement:
            page.fill("#statement", statement)
        page.click("button[type=submit]:has-text('إرسال طلبي')")
        page.wait_for_selector(".my-intervention")

    ask(remote, r1_token, "remote_live", "حرية التجمع عن بعد", language="en")
    ask(public, a_token, "in_room", "حماية المدافعين")
    ask(second_day, d_token, "written", "الفضاء الرقمي", statement="بيان مكتوب عن الفضاء الرقمي")

    console = new_page()
    sign_in(console, base, facilitator.email, PASSWORD)
    console.goto(f"{base}/manage/sessions/{plenary.id}/console")
    requested = console.locator("#requests li.request-item")
    requested.nth(2).wait_for()
    for request_id in [item.get_attribute("data-id") for item in requested.all()]:
        console.click(f"#requests li[data-id='{request_id}'] button[data-action=approve]")
        console.locator(f"#queue li[data-id='{request_id}']").wait_for()
    assert console.locator("#requests").count() == 0
    remote_item = console.locator("#queue li", has_text="رنا البعيدة")
    remote_id = remote_item.get_attribute("data-id")
    remote_item.locator("button[data-action=call]").click()
    console.wait_for_selector("#countdown")
    console.click("#now-speaking button[data-action=deliver]")
    console.wait_for_selector(f"#settled li[data-id='{remote_id}']")
    written = console.locator("#queue li", has_text="الفضاء الرقمي")
    written_id = written.get_attribute("data-id")
    written.locator("button[data-action=receive_written]").click()
    console.wait_for_selector(f"#settled li[data-id='{written_id}']")
    in_room = console.locator("#queue li", has_text="أحمد الأول")
    in_room_id = in_room.get_attribute("data-id")
    in_room.locator("summary.btn-outline-info").click()
    console.fill(f"#read-by-{in_room_id}", "زميله من المركز")
    console.click(f"#queue li[data-id='{in_room_id}'] .read-form button")
    console.wait_for_selector(f"#settled li[data-id='{in_room_id}']")
    console.fill("#technical-note", "صدى في الصوت عن بعد")
    console.click("form:has(#technical-note) button")
    console.wait_for_selector(".tech-notes")
    note_at = {_hhmm(dt.datetime.now(ZoneInfo(ZONE)) - dt.timedelta(minutes=m)) for m in (0, 1)}
    note = console.locator(".tech-notes").inner_text()
    assert any(at in note for at in note_at), note
    figures = {
        k: _number(console.locator(f"#figure-{k}"))
        for k in ("total", "delivered", "received_in_writing", "read_on_behalf")
    }
    assert figures == {
        "total": "3",
        "delivered": "1",
        "received_in_writing": "1",
        "read_on_behalf": "1",
    }, figures
    speaking = console.locator("#speaking-time").inner_text()
    assert "مركز عمّان لحقوق الإنسان" in speaking
    assert "جمعية سرية" not in speaking  # the anonymous author's organisation is not named
    console.screenshot(path=str(artifacts / "hybrid-conference-console.png"), full_page=True)

    # 6. The door of the first working group: the organiser checks a participant in.
    db.session.expire_all()
    staff.goto(f"{base}/manage/events/{event.id}/sessions/{wg1.id}/door")
    staff.fill("#code", a.checkin_code)
    staff.click("form button.btn-brand")
    staff.locator("#outcome.alert-success").wait_for()

    # 7. The figures.
    staff.goto(f"{base}/manage/events/{event.id}/registrations/statistics")
    staff.locator("#attendance-figures").wait_for()
    day_row = staff.locator("#attendance-per-day tbody tr").first
    assert _number(day_row.locator(".joined")) == "1"
    assert _number(day_row.locator(".door")) == "1"
    assert _number(staff.locator(f"#attendance-session-{plenary.id} .joined")) == "1"
    assert _number(staff.locator(f"#attendance-session-{wg1.id} .door")) == "1"
    cells = [_number(c) for c in staff.locator(f"#session-figures-{wg1.id} td").all()[1:]]
    assert cells == ["2", "2", "0", "0", "1", "0"], cells  # places, in person, remote, waiting
    cells = [_number(c) for c in staff.locator(f"#session-figures-{wg2.id} td").all()[1:]]
    assert cells[:4] == ["2", "1", "1", "0"], cells
    staff.screenshot(path=str(artifacts / "hybrid-conference-statistics.png"), full_page=True)
    staff.goto(f"{base}/manage/events/{event.id}/conflicts")
    assert staff.locator("#signup-sessions").count() == 1
    assert staff.locator("#signup-sessions .table-danger").count() == 0  # none over its places
    for group, expected in ((wg1, ["2", "0", "0", "2", "30"]), (wg2, ["1", "1", "0", "2", "30"])):
        cells = [_number(c) for c in staff.locator(f"#signup-session-{group.id} td").all()[1:]]
        assert cells == expected, (group.title_ar, cells)  # in person, remote, waiting, places
    assert "مجموعة العمل" not in staff.locator("#capacity-conflicts").inner_text()

    # 8. Outcomes: the session's, then the event's, published.
    console.goto(f"{base}/manage/sessions/{plenary.id}/outcome")
    console.fill("#summary", "ناقش المشاركون حماية الفضاء المدني في المنطقة.")
    console.click("#outcome-form button")
    console.locator(".alert-success").first.wait_for()
    console.click("form[action$='/outcome/submit'] button")
    console.locator(".alert-success").first.wait_for()
    staff.goto(f"{base}/manage/sessions/{plenary.id}/outcome")
    staff.click("form[action$='/outcome/approve'] button")
    staff.locator(".alert-success").first.wait_for()

    staff.goto(f"{base}/manage/events/{event.id}/outcome")
    staff.fill("#summary", "انعقد المؤتمر يومين حضوريًا وعن بعد.")
    staff.click("#event-outcome-form button")
    staff.locator(".alert-success").first.wait_for()
    staff.fill("#recommendations form #text", "سنّ قانون يحمي حق التجمع السلمي")
    staff.select_option("#recommendations form #addressee_kind", "parliament")
    staff.click("#recommendations details form button")
    staff.locator("#recommendations", has_text="سنّ قانون يحمي").wait_for()
    staff.click("#recommendations details > summary")  # closed once one exists
    staff.fill("#recommendations form #text", "إنشاء صندوق طوارئ للمدافعين")
    staff.fill("#recommendations form #addressee", "الجهات المانحة في المنطقة")
    staff.click("#recommendations details form button")
    staff.locator("#recommendations", has_text="إنشاء صندوق طوارئ").wait_for()
    staff.click("form[action$='/outcome/submit'] button")
    staff.locator("#outcome-status", has_text="للاعتماد").wait_for()
    staff.click("form[action$='/outcome/approve'] button")
    staff.locator("#outcome-locked").wait_for()
    staff.check("#published")
    staff.click("#publish-form button")
    staff.locator("#outcome-published").wait_for()

    anonymous = new_page()
    anonymous.goto(f"{base}/e/{event.slug}/")
    href = anonymous.locator("#outcome-summary").get_attribute("href")
    summary = anonymous.request.get(f"{base}{href}")
    assert summary.headers["content-type"] == "application/pdf"
    summary_text = pdf_text(summary.body())
    report = staff.request.get(f"{base}/manage/sessions/{plenary.id}/report.pdf")
    assert report.headers["content-type"] == "application/pdf", report.headers
    report_text = pdf_text(report.body())
    (artifacts / "hybrid-conference-report.txt").write_text(report_text)
    (artifacts / "hybrid-conference-summary.txt").write_text(summary_text)

    # The session report's figures are what happened.
    flat = re.sub(r"\s+", " ", report_text)
    assert "صدى في الصوت عن بعد" in flat
    assert any(at in flat for at in note_at), "technical note's time in Amman"
    figures_said = {
        "delivered": "أُلقيت 1",
        "interrupted": "انقطعت 0",
        "not_aired": "لم تُبث 0",
        "received_in_writing": "استُلمت مكتوبة 1",
        "read_on_behalf": "قُرئت نيابةً عن صاحبها 1",
    }
    for said in figures_said.values():
        assert said in flat, said
    assert "اللغات العربية، الإنجليزية" in flat  # the channels' languages, by name only
    assert "رنا البعيدة" in flat and "الإنجليزية · عن بعد" in flat  # the remote one, in English
    assert "بقراءة زميله من المركز" in flat
    assert "بيان مكتوب عن الفضاء الرقمي" in flat
    assert "دانة المجهولة" not in flat and "جمعية سرية" not in flat
    # The outcome summary: the same figures, recommendations under their addressee's heading,
    # no anonymous name.
    flat_summary = re.sub(r"\s+", " ", summary_text)
    for said in figures_said.values():
        assert said in flat_summary, said
    assert "مؤكَّد عن بُعد 2" in flat_summary and "مؤكَّد حضوريًا 5" in flat_summary
    parliaments = flat_summary.index("إلى البرلمانات")
    assert parliaments < flat_summary.index("سنّ قانون يحمي حق التجمع السلمي")
    assert "الجهات المانحة في المنطقة" in flat_summary
    assert "دانة المجهولة" not in flat_summary and "جمعية سرية" not in flat_summary
    for secret in PRIVATE:
        assert secret not in flat and secret not in flat_summary, secret

    # 9. Privacy: the public pages never show a joining link or a channel.
    for path in (
        "/",
        "/agenda",
        "/participants",
        f"/sessions/{plenary.id}/",
        f"/sessions/{wg1.id}/",
        "/agenda.ics",
    ):
        response = anonymous.request.get(f"{base}/e/{event.slug}{path}")
        body = response.text()
        for secret in PRIVATE:
            assert secret not in body, (path, secret)
