"""In a real browser: a rapporteur writes an outcome, a colleague's save is not lost, and the
organiser follows the recommendations up and gets the outcome summary PDF."""

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, give_role, make_person, make_session, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def inline_reports(app, tmp_path):
    saved = {k: app.config.get(k) for k in ("REPORTS_INLINE", "REPORTS_FOLDER")}
    app.config.update(REPORTS_INLINE=True, REPORTS_FOLDER=str(tmp_path / "reports"))
    yield
    app.config.update(saved)


def test_two_writers_never_overwrite_each_other(
    live_server, _browser, event, artifacts, inline_reports, csp_violations
):
    session = make_session(
        event,
        title_ar="نقاش تفاعلي: نحو قاعدة بيانات وطنية",
        kind="discussion",
        guiding_question_ar="كيف نصنّف التوصيات ونحدد أولويات تنفيذها؟",
        people=[(make_person("ديمه الصقري", "Deema Al-Saqri"), "facilitator")],
    )
    rapporteur = make_user("rapporteur@example.org", name="خالد المقرر")
    facilitator = make_user("facilitator@example.org", name="ديمة الميسّرة")
    give_role(rapporteur, event, "rapporteur", session)
    give_role(facilitator, event, "facilitator", session)
    pages = []
    for user in (rapporteur, facilitator):
        context = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
        page = context.new_page()
        page.set_default_timeout(15000)
        csp_violations.watch(page)
        sign_in(page, live_server, user.email, PASSWORD)
        page.goto(f"{live_server}/manage/sessions/{session.id}/outcome")
        pages.append(page)
    mine, theirs = pages
    assert mine.locator("html").get_attribute("dir") == "rtl"
    # Both have the empty form open; the facilitator saves first.
    theirs.fill("#summary", "ناقش الأعضاء تصنيف التوصيات.")
    theirs.click("#outcome-form button")
    theirs.locator(".alert-success").wait_for()
    mine.fill("#summary", "أجمع الأعضاء على إنشاء قاعدة بيانات وطنية.")
    mine.fill("#consensus", "- الشفافية\n- المشاركة")
    mine.click("#outcome-form button")
    mine.locator("#conflict").wait_for()
    conflict = mine.locator("#conflict").inner_text()
    assert "ديمة الميسّرة" in conflict and "ناقش الأعضاء تصنيف التوصيات." in conflict
    assert mine.input_value("#summary") == "أجمع الأعضاء على إنشاء قاعدة بيانات وطنية."
    mine.screenshot(path=str(artifacts / "outcomes-conflict-ar.png"), full_page=True)
    # Merging and saving again wins.
    mine.fill(
        "#summary", "ناقش الأعضاء تصنيف التوصيات.\n\nأجمع الأعضاء على إنشاء قاعدة بيانات وطنية."
    )
    mine.click("#outcome-form button")
    mine.locator(".alert-success").wait_for()
    # A recommendation, then the report.
    mine.locator("#recommendations summary").click() if not mine.is_visible("#text") else None
    mine.fill("#text", "إنشاء قاعدة بيانات وطنية لتتبع التوصيات")
    mine.fill("#addressee", "اللجنة الدائمة")
    mine.select_option("#priority", "high")
    mine.click("#recommendations form button")
    mine.locator(".rec-item", has_text="إنشاء قاعدة بيانات وطنية").wait_for()
    mine.screenshot(path=str(artifacts / "outcomes-session-ar.png"), full_page=True)
    for page in pages:
        page.context.close()


def test_organiser_follows_up_and_gets_the_summary(
    live_server, browser_page, organiser, event, artifacts, inline_reports
):
    from eventapp.extensions import db
    from eventapp.outcomes import items

    session = make_session(event, title_ar="الجلسة الأولى")
    for text, addressee in (
        ("تسمية نقطة اتصال في كل وزارة", "الوزارات"),
        ("تدريب ممثلي الوزارات", "هيئة حقوق الإنسان"),
    ):
        items.add_recommendation(event, session, {"text": text, "addressee": addressee})
    db.session.commit()
    page = browser_page
    sign_in(page, live_server, organiser.email, PASSWORD)
    page.goto(f"{live_server}/manage/events/{event.id}/recommendations")
    page.click("#recommendations-table a >> nth=0")
    page.select_option("#status", "in_progress")
    page.fill("#responsible_body", "هيئة حقوق الإنسان")
    page.click("form:has(#responsible_body) button")
    page.locator(".alert-success").wait_for()
    page.fill("#note-text", "سمّت ثلاث وزارات نقاط الاتصال.")
    page.click("form:has(#note-noted_on) button")
    page.locator("#progress-notes", has_text="سمّت ثلاث وزارات").wait_for()
    page.goto(f"{live_server}/manage/events/{event.id}/recommendations?status=in_progress")
    rows = page.locator("#recommendations-table tbody tr").all_inner_texts()
    assert len(rows) == 1 and "تسمية نقطة اتصال" in rows[0] and "قيد التنفيذ" in rows[0]
    page.screenshot(path=str(artifacts / "outcomes-follow-up-ar.png"), full_page=True)
    page.goto(f"{live_server}/manage/events/{event.id}/outcome")
    page.fill("#conclusions", "أكّد المشاركون ضرورة المتابعة.")
    page.click("#event-outcome-form button")
    page.locator(".alert-success").wait_for()
    page.screenshot(path=str(artifacts / "outcomes-event-ar.png"), full_page=True)
    page.goto(f"{live_server}/manage/events/{event.id}/outcomes")
    page.screenshot(path=str(artifacts / "outcomes-overview-ar.png"), full_page=True)
    page.click("#summary-form button")
    page.locator("#job-download").wait_for(state="visible")
    page.screenshot(path=str(artifacts / "outcomes-job-ar.png"))
    href = page.get_attribute("#job-download", "href")
    response = page.request.get(f"{live_server}{href}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"


def test_event_outcome_is_sent_approved_then_published(
    live_server, browser_page, organiser, event, artifacts, inline_reports
):
    from eventapp.extensions import db
    from eventapp.speakers.models import OrganisationKind
    from tests.factories import make_organisation

    shura = make_organisation("مجلس الشورى", "Shura Council", kind=OrganisationKind.PARLIAMENT)
    db.session.commit()
    page = browser_page
    sign_in(page, live_server, organiser.email, PASSWORD)
    page.goto(f"{live_server}/manage/events/{event.id}/outcome")
    page.fill("#summary", "نُفّذ اللقاء في يوم واحد.")
    page.click("#event-outcome-form button")
    page.locator(".alert-success").wait_for()
    # A recommendation addressed to parliaments and to a named one of the directory.
    page.fill("#recommendations form #text", "سنّ قانون لحماية المبلّغين")
    page.select_option("#recommendations form #addressee_kind", "parliament")
    page.select_option("#recommendations form #addressee_organisation_id", str(shura.id))
    page.click("#recommendations form button")
    page.locator("#recommendations", has_text="البرلمانات — مجلس الشورى").wait_for()
    assert page.locator("#publish-hint").is_visible()
    page.click("form[action$='/outcome/submit'] button")
    page.locator("#outcome-status", has_text="للاعتماد").wait_for()
    page.click("form[action$='/outcome/approve'] button")
    page.locator("#outcome-locked").wait_for()
    page.check("#published")
    page.click("#publish-form button")
    page.locator("#outcome-published").wait_for()
    page.screenshot(path=str(artifacts / "outcomes-event-approved-ar.png"), full_page=True)
    response = page.request.get(f"{live_server}/e/{event.slug}/outcome")
    assert response.ok  # the public summary (its PDF, or the page that waits for it)
