"""Issue 14's "Done when", as one journey of an organisation's staff through the UI: a year of
its programme. Its public page; this year's annual conference made from last year's in one
step, starting the series, and edited; a training of four Saturdays (days added and removed on
the days screen) for members, with approval; a general assembly whose quorum is counted against
the roll ("present 7 of 12"), a vote recorded and the minutes downloaded as an Arabic PDF; a
focus group whose recommendation is taken up in the new conference and followed up in public.

Factories and helpers make only what the UI cannot make quickly: last year's events with their
sessions and published outcome, the focus group's recommendation, past check-ins at the
assembly's door."""

import datetime as dt
import subprocess

import pytest

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.events.models import Event, EventStatus
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes, followup, items
from eventapp.registration import checkin
from eventapp.registration.choices import Status
from eventapp.registration.models import Registration
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_event, make_organisation, make_session, make_user
from tests.registration.conftest import open_registration, register

pytestmark = pytest.mark.browser

SLUG = "youth-dev"
MEMBERS = [
    ("أمل", "amal"),
    ("باسل", "basel"),
    ("جنى", "jana"),
    ("دانة", "dana"),
    ("هالة", "hala"),
    ("وليد", "walid"),
    ("زياد", "ziad"),
    ("حنان", "hanan"),
    ("طارق", "tareq"),
    ("يارا", "yara"),
    ("كريم", "karim"),
    ("لينا", "lina"),
]


def _email(key: str) -> str:
    return f"{key}@members.example.org"


@pytest.fixture
def inline_reports(app, tmp_path):
    saved = {k: app.config.get(k) for k in ("REPORTS_INLINE", "REPORTS_FOLDER")}
    app.config.update(REPORTS_INLINE=True, REPORTS_FOLDER=str(tmp_path / "reports"))
    yield
    app.config.update(saved)


def _next_saturday(after: dt.date) -> dt.date:
    return after + dt.timedelta(days=(5 - after.weekday()) % 7 or 7)


def _last_year(organisation, staff, today):
    """Last year's conference (archived, two days, two sessions) and a focus group whose
    outcome was published with one recommendation."""
    conference = make_event(
        staff,
        slug="annual-conference-2025",
        title_ar="المؤتمر السنوي للشباب 2025",
        title_en="Annual Youth Conference 2025",
        first_day=today - dt.timedelta(days=330),
        days=2,
        status=EventStatus.ARCHIVED,
    )
    make_session(conference, title_ar="الجلسة الافتتاحية", title_en="Opening")
    make_session(conference, day=2, title_ar="الجلسة الختامية", kind="closing")
    focus = make_event(
        staff,
        slug="focus-group-decision-makers",
        kind="meeting",
        title_ar="مجموعة تركيز مع صانعي القرار",
        first_day=today - dt.timedelta(days=120),
    )
    conference.organiser_id = focus.organiser_id = organisation.id
    rec = items.add_recommendation(
        focus,
        None,
        {"text": "إشراك الشباب في المجالس المحلية", "addressee": "وزارة الشباب"},
    )
    followup.add_progress_note(
        rec, today - dt.timedelta(days=30), "عقدت الوزارة جلسة تشاور أولى.", staff, "in_progress"
    )
    event_outcomes.save_event_outcome(focus, {"summary": "خلاصة مجموعة التركيز."}, 0, staff)
    event_outcomes.submit_outcome(focus, staff)
    event_outcomes.approve_outcome(focus, staff)
    event_outcomes.set_published(focus, True, staff)
    db.session.commit()
    return conference, focus, rec


def test_an_organisation_runs_a_year_of_its_programme(
    app, live_server, _browser, browser_page, csp_violations, artifacts, inline_reports, tmp_path
):
    today = dt.date.today()
    organisation = make_organisation("جمعية تنمية الشباب", "Youth Development Association")
    organisation.slug = SLUG
    organisation.description_ar = "جمعية أهلية تعمل مع الشباب في خمس محافظات."
    staff = make_user("programme@youth.example.org", name="سلمى مديرة البرنامج")
    db.session.add(
        OrganisationStaff(organisation=organisation, user=staff, role=OrganisationRoleKind.OWNER)
    )
    db.session.commit()
    source, focus, rec = _last_year(organisation, staff, today)
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())  # "Remove this day?"
    sign_in(page, live_server, staff.email, PASSWORD)

    # The organisation's public page: last year's conference, the focus group's summary.
    page.goto(f"{live_server}/o/{SLUG}/")
    public_text = page.inner_text("main")
    assert "جمعية تنمية الشباب" in public_text and "خمس محافظات" in public_text
    assert "المؤتمر السنوي للشباب 2025" in public_text
    assert "مجموعة تركيز مع صانعي القرار" in public_text

    # The roll: twelve members, imported from a CSV file.
    page.goto(f"{live_server}/manage/o/{SLUG}/")
    page.click(f"#organisation-nav a[href='/manage/o/{SLUG}/members/']")
    roll = tmp_path / "roll.csv"
    roll.write_text(
        "name_ar,email,status\n"
        + "".join(f"{name},{_email(key)},active\n" for name, key in MEMBERS),
        encoding="utf-8",
    )
    page.set_input_files("#import input[type=file]", str(roll))
    page.click("#import button")
    page.locator(".alert-success").wait_for()
    assert page.inner_text("#total") == "12"

    # This year's conference from last year's, in one step, starting the series; then edited.
    page.goto(f"{live_server}/manage/events/{source.id}/")
    page.click("#new-edition-link")
    assert page.input_value("#slug") == "annual-conference-2026"
    assert page.input_value("#title_ar") == "المؤتمر السنوي للشباب 2026"
    page.check("#make_series")
    page.click("#edition-form button")
    copied = page.locator("#copied-lines").inner_text()
    assert "يومان" in copied and "جلستان" in copied
    page.click("text=افتح لوحة الدورة الجديدة")
    page.click("text=الإعدادات")
    page.fill("#title_en", "Annual Youth Conference 2026")
    page.click("button[type=submit]")
    page.locator(".alert-success").wait_for()
    conference = db.session.query(Event).filter_by(slug="annual-conference-2026").one()
    db.session.refresh(source)
    assert conference.status == EventStatus.DRAFT and conference.series_id is not None
    assert conference.series_id == source.series_id
    assert conference.title_en == "Annual Youth Conference 2026"
    assert source.title_en == "Annual Youth Conference 2025"  # the source is never changed
    page.goto(f"{live_server}/manage/o/{SLUG}/series/")
    assert "نسختان" in page.inner_text("#series-list")  # two editions

    # A training of four Saturdays, for members, each registration approved.
    first = _next_saturday(today + dt.timedelta(days=20))
    saturdays = [first + dt.timedelta(weeks=n) for n in range(4)]
    page.goto(f"{live_server}/manage/events/new")
    page.fill("#title_ar", "تدريب الأعضاء الجدد")
    page.fill("#slug", "new-members-training")
    page.fill("#first_day", first.isoformat())
    page.fill("#last_day", first.isoformat())
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/manage/events/*/")
    training = db.session.query(Event).filter_by(slug="new-members-training").one()
    assert training.organiser_id == organisation.id
    page.click("text=الأيام والقاعات")
    wrong_day = saturdays[1] + dt.timedelta(days=1)  # a Sunday, typed by mistake
    for date in [*saturdays[1:], wrong_day]:
        page.fill("#date", date.isoformat())
        page.click("text=أضف اليوم")
        page.locator(".alert-success").wait_for()
    assert page.locator("#event-days li").count() == 5
    page.locator("#event-days li", has_text="اليوم 3").locator("button").click()
    page.locator(".alert-success", has_text="أُزيل").wait_for()
    db.session.expire_all()
    assert [d.date for d in training.days] == saturdays
    page.screenshot(path=str(artifacts / "year-training-days-ar.png"), full_page=True)
    page.goto(f"{live_server}/manage/events/{training.id}/registration/settings")
    page.check("#is_open")
    page.check("input[name=who_may_register][value=members]")
    page.check("#requires_approval")
    page.click("#settings-form button.btn-brand")
    page.locator(".alert-success").wait_for()
    page.goto(f"{live_server}/manage/events/{training.id}/")
    page.select_option("#status", "published")
    page.click("form[action$='/status'] button")
    page.locator(".alert-success").wait_for()

    member = _browser.new_context(viewport={"width": 390, "height": 844}, locale="ar").new_page()
    csp_violations.watch(member)
    member.goto(f"{live_server}/e/new-members-training/register")
    member.fill("#name_ar", "جنى")
    member.fill("#email", _email("jana"))
    member.fill("#organisation", "جمعية تنمية الشباب")
    member.click("#registration-form button.btn-lg")
    member.locator("#check-email").wait_for()
    member.context.close()
    jana = db.session.query(Registration).filter_by(event_id=training.id).one()
    assert jana.status == Status.PENDING
    page.goto(f"{live_server}/manage/events/{training.id}/registrations")
    page.check(f"#bulk input[name=ids][value='{jana.id}']")
    page.click("#bulk button[value=approve]")
    page.locator(".alert-success").wait_for()
    db.session.refresh(jana)
    assert jana.status == Status.CONFIRMED

    # The general assembly: set up in the UI; seven members came through the door.
    assembly = make_event(
        staff,
        slug="general-assembly",
        kind="meeting",
        title_ar="الاجتماع العادي للجمعية العامة",
        first_day=today,
    )
    assembly.organiser_id = organisation.id
    item = make_session(assembly, title_ar="إقرار التقرير المالي", title_en="Financial report")
    open_registration(assembly)
    for name, key in MEMBERS[:7]:
        checkin.check_in(register(assembly, _email(key), name_ar=name), assembly.days[0])
    db.session.commit()
    page.goto(f"{live_server}/manage/events/{assembly.id}/outcome")
    page.click("#assembly-link")
    page.check("#is_assembly")
    page.select_option("#quorum_kind", "majority")
    page.fill("#chair_name", "نادية سالم")
    page.fill("#secretary_name", "فراس عودة")
    page.click("#assembly-form button")
    page.locator(".alert-success").wait_for()
    page.goto(f"{live_server}/manage/events/{assembly.id}/checkin")
    quorum = page.inner_text("#quorum")
    assert "حضر 7 من أصل 12 عضوًا" in quorum and "اكتمل النصاب (7)" in quorum
    page.screenshot(path=str(artifacts / "year-assembly-door-ar.png"), full_page=True)
    page.goto(f"{live_server}/manage/sessions/{item.id}/outcome")
    page.click("#record-vote")
    page.fill("#votes_for", "6")
    page.fill("#votes_against", "0")
    page.fill("#votes_abstaining", "1")
    page.click("#vote-form button")
    page.locator("#vote-result").wait_for()
    assert "6" in page.inner_text("#vote-result")
    page.goto(f"{live_server}/manage/events/{assembly.id}/outcomes")
    page.click("#summary-form button")
    page.locator("#job-download").wait_for(state="visible")
    pdf = page.request.get(f"{live_server}{page.get_attribute('#job-download', 'href')}")
    assert pdf.headers["content-type"] == "application/pdf"
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(pdf.body())
    words = subprocess.run(
        ["pdftotext", "-layout", str(minutes), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(words.split())
    assert "الاجتماع العادي للجمعية العامة" in flat or "الجمعية العامة" in flat
    for expected in ("نادية سالم", "فراس عودة", "إقرار التقرير المالي", "أمل", "زياد"):
        assert expected in flat, expected
    assert "حنان" not in flat  # on the roll, not present
    (artifacts / "year-assembly-minutes.pdf").write_bytes(pdf.body())
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(minutes), str(artifacts / "year-assembly-minutes")],
        check=True,
    )

    # The focus group's recommendation taken up in this year's conference, followed up publicly.
    page.goto(f"{live_server}/manage/events/{conference.id}/recommendations")
    page.click("#take-up-link")
    page.check(f"#take-{rec.id}")
    page.click("#take-up-button")
    page.locator(".alert-success").wait_for()
    assert "إشراك الشباب في المجالس المحلية" in page.inner_text("#recommendations-table")
    page.click("#recommendations-table a >> nth=0")
    assert "مجموعة تركيز مع صانعي القرار" in page.inner_text("#taken-up-from")
    page.click("#taken-up-from a")
    assert "المؤتمر السنوي للشباب 2026" in page.inner_text("#taken-up-in")
    page.click("#make-public")
    page.locator("#make-private").wait_for()
    page.goto(f"{live_server}/manage/o/{SLUG}/")
    page.click(f"#organisation-nav a[href='/manage/o/{SLUG}/recommendations/']")
    assert page.locator("#programme-table tbody tr").count() == 2

    visitor = _browser.new_context(viewport={"width": 390, "height": 844}, locale="ar").new_page()
    csp_violations.watch(visitor)
    visitor.goto(f"{live_server}/o/{SLUG}/follow-up")
    follow_up = visitor.inner_text("#public-follow-up")
    assert "إشراك الشباب في المجالس المحلية" in follow_up
    assert "عقدت الوزارة جلسة تشاور أولى." in follow_up
    visitor.click(f"a[href='/o/{SLUG}/']")
    assert "جمعية تنمية الشباب" in visitor.inner_text("main")
    visitor.context.close()
