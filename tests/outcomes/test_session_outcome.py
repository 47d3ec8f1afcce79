"""Writing a session's outcome: sections, workflow, revisions and concurrent saves."""

from sqlalchemy import select

from eventapp.extensions import db
from eventapp.outcomes.models import OutcomeRevision, OutcomeStatus, SessionOutcome
from tests.factories import make_user
from tests.outcomes.conftest import add_rec, login_as


def _page(client, session):
    return client.get(f"/manage/sessions/{session.id}/outcome")


def test_rapporteur_writes_the_outcome_in_markdown(client, session, rapporteur):
    login_as(client, rapporteur)
    assert _page(client, session).status_code == 200
    response = client.post(
        f"/manage/sessions/{session.id}/outcome",
        {
            "version": "0",
            "summary": "أجمع المشاركون على **حرية التعبير**.",
            "key_points": "- الشفافية\n- المشاركة",
            "consensus": "",
            "disagreement": "",
            "decisions": "",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "حرية التعبير" in page
    outcome = db.session.scalar(select(SessionOutcome))
    assert outcome.version == 1
    assert outcome.key_points == "- الشفافية\n- المشاركة"
    assert outcome.status == OutcomeStatus.DRAFT
    assert db.session.scalar(select(OutcomeRevision)).snapshot["summary"].startswith("أجمع")


def test_markdown_is_sanitised_on_screen(client, session, rapporteur, organiser):
    login_as(client, rapporteur)
    client.post(
        f"/manage/sessions/{session.id}/outcome",
        {"version": "0", "summary": "نص <script>alert(1)</script> [رابط](javascript:alert(1))"},
    )
    client.post(f"/manage/sessions/{session.id}/outcome/submit")
    login_as(client, organiser)
    client.post(f"/manage/sessions/{session.id}/outcome/approve")
    page = _page(client, session).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "رابط" in page


def test_second_save_with_a_stale_version_is_refused_with_the_difference(
    client, session, rapporteur, event
):
    other = make_user("facilitator@example.org", name="ديمة الميسّرة")
    from tests.factories import give_role

    give_role(other, event, "facilitator", session)
    login_as(client, rapporteur)
    client.post(f"/manage/sessions/{session.id}/outcome", {"version": "0", "summary": "سطر أول"})
    # Both load version 1; the facilitator saves first.
    login_as(client, other)
    client.post(
        f"/manage/sessions/{session.id}/outcome",
        {"version": "1", "summary": "سطر أول\nإضافة الميسّرة"},
    )
    login_as(client, rapporteur)
    response = client.post(
        f"/manage/sessions/{session.id}/outcome",
        {"version": "1", "summary": "سطر أول\nإضافة المقرر"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "ديمة الميسّرة" in page  # who saved
    assert "إضافة الميسّرة" in page  # their text
    assert "إضافة المقرر" in page  # the user's text kept in the form
    assert 'class="diff-add"' in page and 'class="diff-del"' in page
    assert 'name="version" value="2"' in page
    outcome = db.session.scalar(select(SessionOutcome))
    db.session.refresh(outcome)
    assert outcome.summary == "سطر أول\nإضافة الميسّرة"
    # Saving again from the conflict page (version 2) wins.
    client.post(
        f"/manage/sessions/{session.id}/outcome",
        {"version": "2", "summary": "سطر أول\nإضافة الميسّرة\nإضافة المقرر"},
    )
    db.session.refresh(outcome)
    assert outcome.version == 3 and outcome.summary.endswith("إضافة المقرر")


def test_conflict_message_is_translated_to_english(client, session, rapporteur):
    login_as(client, rapporteur)
    client.switch_language("en")
    client.post(f"/manage/sessions/{session.id}/outcome", {"version": "0", "summary": "a"})
    client.post(f"/manage/sessions/{session.id}/outcome", {"version": "1", "summary": "b"})
    page = client.post(
        f"/manage/sessions/{session.id}/outcome", {"version": "1", "summary": "c"}
    ).get_data(as_text=True)
    assert "saved this outcome while you were editing it" in page


def test_workflow_draft_submitted_approved_and_reopened(client, session, rapporteur, organiser):
    login_as(client, rapporteur)
    response = client.post(f"/manage/sessions/{session.id}/outcome/submit", follow_redirects=True)
    assert "اكتب" in response.get_data(as_text=True) or response.status_code == 200
    assert db.session.scalar(select(SessionOutcome)) is None
    client.post(f"/manage/sessions/{session.id}/outcome", {"version": "0", "summary": "ملخص"})
    client.post(f"/manage/sessions/{session.id}/outcome/submit")
    outcome = db.session.scalar(select(SessionOutcome))
    assert outcome.status == OutcomeStatus.SUBMITTED
    # The rapporteur cannot approve.
    assert client.post(f"/manage/sessions/{session.id}/outcome/approve").status_code == 403
    login_as(client, organiser)
    client.post(f"/manage/sessions/{session.id}/outcome/approve")
    db.session.refresh(outcome)
    assert outcome.status == OutcomeStatus.APPROVED
    # Approved: locked for everyone until reopened.
    login_as(client, rapporteur)
    page = client.post(
        f"/manage/sessions/{session.id}/outcome",
        {"version": str(outcome.version), "summary": "تغيير"},
    ).get_data(as_text=True)
    assert "اعتُمدت" in page or "approved" in page.lower()
    db.session.refresh(outcome)
    assert outcome.summary == "ملخص"
    login_as(client, organiser)
    client.post(f"/manage/sessions/{session.id}/outcome/return")
    db.session.refresh(outcome)
    assert outcome.status == OutcomeStatus.DRAFT
    notes = [
        r.note for r in db.session.scalars(select(OutcomeRevision).order_by(OutcomeRevision.id))
    ]
    assert notes == [None, "submitted", "approved", "reopened"]
    revisions = client.get(f"/manage/sessions/{session.id}/outcome/revisions")
    assert revisions.status_code == 200


def test_people_without_a_role_cannot_read_or_write(client, session, rapporteur):
    stranger = make_user("stranger@example.org")
    login_as(client, stranger)
    assert _page(client, session).status_code == 403
    assert (
        client.post(f"/manage/sessions/{session.id}/outcome", {"version": "0", "summary": "x"})
    ).status_code == 403
    assert client.get(f"/manage/sessions/{session.id}/report.pdf").status_code == 403


def test_recommendations_and_next_steps_of_a_session(client, session, rapporteur, event):
    login_as(client, rapporteur)
    response = client.post(
        f"/manage/sessions/{session.id}/outcome/recommendations",
        {
            "text": "إنشاء قاعدة بيانات وطنية لتتبع التوصيات",
            "addressee": "اللجنة الدائمة",
            "theme": "المتابعة",
            "priority": "high",
        },
    )
    assert response.status_code == 302
    add_rec(event, session, "تصنيف التوصيات حسب الأولوية", "الوزارات")
    response = client.post(
        f"/manage/sessions/{session.id}/outcome/recommendations", {"text": "  ", "priority": "low"}
    )
    assert response.status_code == 422
    assert "اكتب التوصية" in response.get_data(as_text=True)
    client.post(
        f"/manage/sessions/{session.id}/outcome/steps",
        {"what": "إعداد خطة التنفيذ", "who": "الأمانة", "due_date": "2026-12-31"},
    )
    page = _page(client, session).get_data(as_text=True)
    assert page.index("إنشاء قاعدة بيانات") < page.index("تصنيف التوصيات")
    assert "إعداد خطة التنفيذ" in page
    # Reorder: the second moves up.
    from eventapp.outcomes.session_outcomes import session_items

    recs, _steps = session_items(session.id)
    client.post(f"/manage/recommendations/{recs[1].id}/up")
    page = _page(client, session).get_data(as_text=True)
    assert page.index("تصنيف التوصيات") < page.index("إنشاء قاعدة بيانات")


def test_recommendation_edit_conflict_keeps_the_users_text(client, session, rapporteur, event):
    rec = add_rec(event, session, "النص الأول")
    login_as(client, rapporteur)
    client.get(f"/manage/recommendations/{rec.id}/edit")
    client.post(f"/manage/recommendations/{rec.id}/edit", {"version": "1", "text": "نص الزميل"})
    response = client.post(
        f"/manage/recommendations/{rec.id}/edit", {"version": "1", "text": "نصي أنا"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "نص الزميل" in page and "نصي أنا" in page


def test_overview_shows_a_rapporteur_their_sessions_only(client, event, session, rapporteur):
    from tests.factories import make_session

    make_session(event, start="11:00", end="12:00", title_ar="جلسة لا تخصه")
    login_as(client, rapporteur)
    page = client.get(f"/manage/events/{event.id}/outcomes").get_data(as_text=True)
    assert "الآلية الوطنية لإعداد التقارير" in page and "جلسة لا تخصه" not in page
    login_as(client, make_user("nobody@example.org"))
    assert client.get(f"/manage/events/{event.id}/outcomes").status_code == 403
