"""In a real browser: a focus group's recommendation is taken up in the organisation's next
event, and its follow-up, made public, shows on the organisation's public follow-up page."""

import datetime as dt

import pytest

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes, followup, items
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, make_event, make_organisation, make_user

pytestmark = pytest.mark.browser


def test_focus_group_recommendation_taken_up_and_followed_up_in_public(
    live_server, browser_page, _browser, csp_violations, artifacts
):
    today = dt.date.today()
    organisation = make_organisation("مركز الحقوق والحريات", "Rights and Freedoms Centre")
    organisation.slug = "rights-centre"
    staff = make_user("programme@example.org", name="سلمى مديرة البرنامج")
    db.session.add(
        OrganisationStaff(organisation=organisation, user=staff, role=OrganisationRoleKind.STAFF)
    )
    focus = make_event(
        slug="focus-group",
        kind="meeting",
        title_ar="مجموعة تركيز مع صانعي القرار",
        first_day=today - dt.timedelta(days=200),
    )
    conference = make_event(
        slug="conference-next",
        title_ar="المؤتمر السنوي لحقوق الإنسان",
        first_day=today + dt.timedelta(days=30),
    )
    focus.organiser_id = conference.organiser_id = organisation.id
    rec = items.add_recommendation(
        focus,
        None,
        {"text": "إنشاء آلية وطنية لحماية المدافعين", "addressee": "البرلمان", "theme": "الحماية"},
    )
    followup.add_progress_note(
        rec, today - dt.timedelta(days=20), "ناقشت لجنة برلمانية مشروع القانون.", staff, "adopted"
    )
    event_outcomes.save_event_outcome(focus, {"summary": "خلاصة مجموعة التركيز."}, 0, staff)
    event_outcomes.submit_outcome(focus, staff)
    event_outcomes.approve_outcome(focus, staff)
    event_outcomes.set_published(focus, True, staff)
    db.session.commit()

    page = browser_page
    sign_in(page, live_server, staff.email, PASSWORD)
    # From the next event's follow-up: take the focus group's recommendation up.
    page.goto(f"{live_server}/manage/events/{conference.id}/recommendations")
    page.click("#take-up-link")
    page.locator("#earlier-table", has_text="إنشاء آلية وطنية لحماية المدافعين").wait_for()
    page.screenshot(path=str(artifacts / "programme-take-up-ar.png"), full_page=True)
    page.check(f"#take-{rec.id}")
    page.click("#take-up-button")
    page.locator(".alert-success").wait_for()
    rows = page.locator("#recommendations-table tbody tr").all_inner_texts()
    assert len(rows) == 1 and "إنشاء آلية وطنية لحماية المدافعين" in rows[0]
    # The later one shows where it comes from and the focus group's progress, read-only.
    page.click("#recommendations-table a >> nth=0")
    history = page.locator("#taken-up-from").inner_text()
    assert "مجموعة تركيز مع صانعي القرار" in history
    assert "ناقشت لجنة برلمانية مشروع القانون." in history
    page.screenshot(path=str(artifacts / "programme-history-ar.png"), full_page=True)
    # The earlier one: "taken up in", and its follow-up made public.
    page.click("#taken-up-from a")
    assert "المؤتمر السنوي لحقوق الإنسان" in page.locator("#taken-up-in").inner_text()
    page.click("#make-public")
    page.locator(".alert-success").wait_for()
    page.locator("#make-private").wait_for()
    # The organisation's tracker lists both events' recommendations.
    page.goto(f"{live_server}/manage/o/rights-centre/recommendations/")
    assert page.locator("#programme-table tbody tr").count() == 2
    page.screenshot(path=str(artifacts / "programme-tracker-ar.png"), full_page=True)

    # Anyone: the organisation's public follow-up page.
    visitor = _browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
    public = visitor.new_page()
    csp_violations.watch(public)
    public.goto(f"{live_server}/o/rights-centre/follow-up")
    text = public.locator("#public-follow-up").inner_text()
    assert "إنشاء آلية وطنية لحماية المدافعين" in text
    assert "ناقشت لجنة برلمانية مشروع القانون." in text and "مُعتمدة" in text
    assert "سلمى" not in public.content()  # never a note's author
    public.screenshot(path=str(artifacts / "programme-public-follow-up-ar.png"), full_page=True)
    visitor.close()
