"""In a real browser: a rapporteur writes a session's outcome in Arabic, then in English beside
it (left to right, marked as English), and adds a recommendation with its English."""

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, give_role, make_person, make_session, make_user

pytestmark = pytest.mark.browser


def test_rapporteur_writes_arabic_then_english(
    live_server, _browser, event, artifacts, csp_violations
):
    session = make_session(
        event,
        title_ar="نقاش تفاعلي: نحو قاعدة بيانات وطنية",
        title_en="Interactive discussion: towards a national database",
        kind="discussion",
        people=[(make_person("ديمه الصقري", "Deema Al-Saqri"), "facilitator")],
    )
    rapporteur = make_user("rapporteur@example.org", name="خالد المقرر")
    give_role(rapporteur, event, "rapporteur", session)
    context = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    page.set_default_timeout(15000)
    csp_violations.watch(page)
    sign_in(page, live_server, rapporteur.email, PASSWORD)
    page.goto(f"{live_server}/manage/sessions/{session.id}/outcome")
    english = page.locator("#summary_en")
    assert english.get_attribute("dir") == "ltr" and english.get_attribute("lang") == "en"
    # Arabic first, then English: the English field comes right after its Arabic one.
    order = page.eval_on_selector_all("#outcome-form textarea", "areas => areas.map(a => a.id)")
    assert order[:2] == ["summary", "summary_en"]
    page.fill("#summary", "أجمع الأعضاء على إنشاء قاعدة بيانات وطنية.")
    page.fill("#summary_en", "Members agreed to establish a national database.")
    page.click("#outcome-form button")
    page.locator(".alert-success").wait_for()
    assert page.input_value("#summary_en") == "Members agreed to establish a national database."
    # With no recommendation yet, the form to add one is open.
    page.fill("#text", "إنشاء قاعدة بيانات وطنية لتتبع التوصيات")
    page.locator("#recommendations details.english-fields summary").click()
    page.fill("#text_en", "Establish a national database to track recommendations")
    page.fill("#theme_en", "Follow-up")
    page.screenshot(path=str(artifacts / "outcomes-bilingual-editor-ar.png"), full_page=True)
    page.locator("#recommendations form button.btn-brand").click()
    page.locator(".rec-text-en").wait_for()
    assert "Establish a national database" in page.locator(".rec-text-en").inner_text()
    context.close()
