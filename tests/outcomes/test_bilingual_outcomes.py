"""Bilingual outcomes: English companions are written, saved, protected against stale saves,
kept in revisions, shown in the English PDFs (the Arabic original marked where no translation
exists), change the report's cache key, and are listed when missing."""

from sqlalchemy import select

from eventapp.extensions import db
from eventapp.i18n import shown_text
from eventapp.outcomes import event_outcomes, items, jobs
from eventapp.outcomes.models import (
    NextStep,
    OutcomeRevision,
    Recommendation,
    ReportKind,
    SessionOutcome,
)
from eventapp.outcomes.translations import missing_translations
from tests.factories import give_role, make_event, make_user
from tests.outcomes.conftest import login_as, write_outcome
from tests.outcomes.pdfs import text
from tests.outcomes.test_programme_tracker import programme_world  # noqa: F401  (fixture)

TRANSLATED = "Guarantee freedom of expression and release those detained for their views"
UNTRANSLATED = "مواصلة التعاون والتخطيط المشترك بين المنظمات"


def _recs(event, session):
    translated = items.add_recommendation(
        event,
        session,
        {
            "text": "السماح بحرية التعبير وإطلاق سراح المعتقلين بسبب آرائهم",
            "text_en": TRANSLATED,
            "addressee": "السلطات السعودية",
            "addressee_en": "The Saudi authorities",
            "theme": "حرية التعبير",
            "theme_en": "Freedom of expression",
            "priority": "high",
        },
    )
    untranslated = items.add_recommendation(
        event,
        session,
        {"text": UNTRANSLATED, "addressee": "المنظمات الحقوقية", "theme": "العمل المشترك"},
    )
    db.session.commit()
    return translated, untranslated


def _pdf_text(event, language, options=""):
    data = jobs.build_data(ReportKind.OUTCOME_SUMMARY, event, None, language, options)
    return text(jobs.render(ReportKind.OUTCOME_SUMMARY, data))


def test_shown_text_falls_back_and_marks_only_in_english():
    rec = Recommendation(text="نص عربي", text_en=None, theme=None, theme_en="Theme")
    assert shown_text(rec, "text", "en") == shown_text(rec, "text", "en")
    english = shown_text(rec, "text", "en")
    assert (english.text, english.language, english.untranslated) == ("نص عربي", "ar", True)
    arabic = shown_text(rec, "theme", "ar")  # Arabic empty: the English, silently
    assert (arabic.text, arabic.language, arabic.untranslated) == ("Theme", "en", False)
    assert not shown_text(rec, "addressee", "en")


def test_session_outcome_form_saves_and_reloads_english(client, session, rapporteur):
    login_as(client, rapporteur)
    page = client.get(f"/manage/sessions/{session.id}/outcome").get_data(as_text=True)
    assert 'name="summary_en"' in page and 'lang="en"' in page
    response = client.post(
        f"/manage/sessions/{session.id}/outcome",
        {"version": "0", "summary": "ملخص الجلسة", "summary_en": "Summary of the session"},
    )
    assert response.status_code == 302
    outcome = db.session.scalar(select(SessionOutcome))
    assert outcome.summary_en == "Summary of the session"
    page = client.get(f"/manage/sessions/{session.id}/outcome").get_data(as_text=True)
    assert "Summary of the session" in page
    revision = db.session.scalar(select(OutcomeRevision))
    assert revision.snapshot["summary_en"] == "Summary of the session"


def test_stale_save_of_the_english_is_refused_like_the_arabic(client, session, rapporteur, event):
    other = make_user("facilitator@example.org", name="ديمة الميسّرة")
    give_role(other, event, "facilitator", session)
    login_as(client, rapporteur)
    client.post(f"/manage/sessions/{session.id}/outcome", {"version": "0", "summary": "ملخص"})
    login_as(client, other)
    client.post(
        f"/manage/sessions/{session.id}/outcome",
        {"version": "1", "summary": "ملخص", "summary_en": "Their English"},
    )
    login_as(client, rapporteur)
    response = client.post(
        f"/manage/sessions/{session.id}/outcome",
        {"version": "1", "summary": "ملخص", "summary_en": "My English"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Their English" in page and "My English" in page
    outcome = db.session.scalar(select(SessionOutcome))
    db.session.refresh(outcome)
    assert outcome.summary_en == "Their English"
    # The revisions keep the English of each version.
    snapshots = [r.snapshot for r in db.session.scalars(select(OutcomeRevision))]
    assert [s.get("summary_en") for s in snapshots] == ["", "Their English"]
    page = client.get(f"/manage/sessions/{session.id}/outcome/revisions").get_data(as_text=True)
    assert "الملخص (بالإنجليزية)" in page and 'dir="ltr" lang="en"' in page


def test_event_outcome_form_saves_english_of_sections_goals_and_days(client, organiser):
    from eventapp.events import services as event_services
    from eventapp.events.models import GoalKind

    event = make_event(organiser=organiser, days=2)
    goal = event_services.add_goal(event, GoalKind.OBJECTIVE, "بناء تحليل مشترك", None)
    db.session.commit()
    day1, _day2 = event.days
    login_as(client, organiser)
    response = client.post(
        f"/manage/events/{event.id}/outcome",
        {
            "version": "0",
            "summary": "ملخص",
            "summary_en": "Summary",
            "conclusions_en": "Conclusions",
            f"rating_{goal.id}": "met",
            f"comment_{goal.id}": "تحقق",
            f"comment_en_{goal.id}": "Met in full",
            f"day_{day1.id}": "اليوم الأول",
            f"day_en_{day1.id}": "The first day",
        },
    )
    assert response.status_code == 302
    values = event_outcomes.event_outcome_values(event)
    assert values["summary_en"] == "Summary" and values["conclusions_en"] == "Conclusions"
    assert values[f"comment_en_{goal.id}"] == "Met in full"
    assert values[f"day_en_{day1.id}"] == "The first day"
    page = client.get(f"/manage/events/{event.id}/outcome").get_data(as_text=True)
    assert "Met in full" in page and "The first day" in page
    revision = db.session.scalar(select(OutcomeRevision))
    assert revision.snapshot[f"comment_en_{goal.id}"] == "Met in full"


def test_recommendation_and_step_forms_save_english(client, session, rapporteur, event):
    login_as(client, rapporteur)
    response = client.post(
        f"/manage/sessions/{session.id}/outcome/recommendations",
        {
            "text": "نص التوصية",
            "text_en": "The recommendation",
            "addressee": "الدول",
            "addressee_en": "States",
            "theme": "المتابعة",
            "theme_en": "Follow-up",
            "priority": "medium",
            "addressee_organisation_id": "0",
        },
    )
    assert response.status_code == 302
    rec = db.session.scalar(select(Recommendation))
    assert (rec.text_en, rec.addressee_en, rec.theme_en) == (
        "The recommendation",
        "States",
        "Follow-up",
    )
    page = client.get(f"/manage/recommendations/{rec.id}/edit").get_data(as_text=True)
    assert "The recommendation" in page and 'value="Follow-up"' in page
    response = client.post(
        f"/manage/sessions/{session.id}/outcome/steps",
        {"what": "نشر المشاركات", "what_en": "Publish the contributions", "who_en": "ALQST"},
    )
    assert response.status_code == 302
    step = db.session.scalar(select(NextStep))
    assert (step.what_en, step.who_en) == ("Publish the contributions", "ALQST")


def test_stale_recommendation_save_shows_their_english(client, session, rapporteur, event):
    rec, _other = _recs(event, session)
    login_as(client, rapporteur)
    form = {
        "text": rec.text,
        "priority": "high",
        "addressee_organisation_id": "0",
        "version": str(rec.version),
    }
    client.post(f"/manage/recommendations/{rec.id}/edit", {**form, "text_en": "Theirs"})
    response = client.post(f"/manage/recommendations/{rec.id}/edit", {**form, "text_en": "Mine"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Theirs" in page and "Mine" in page
    db.session.refresh(rec)
    assert rec.text_en == "Theirs"


def test_english_summary_pdf_shows_english_and_marks_the_untranslated(event, session, rapporteur):
    write_outcome(session, rapporteur, summary_en="The session agreed on shared visions.")
    _recs(event, session)
    english = " ".join(_pdf_text(event, "en").split())
    assert TRANSLATED in english
    assert "The Saudi authorities" in english and "Freedom of expression" in english
    assert "The session agreed on shared visions." in english
    assert "Not yet translated" in english
    assert english.count("Not yet translated") == 1  # only the untranslated recommendation
    arabic = " ".join(_pdf_text(event, "ar").split())
    assert TRANSLATED not in arabic and "Not yet translated" not in arabic
    assert "حرية التعبير" in arabic
    # Grouped by theme, the English report's groups are the English themes.
    themes = " ".join(_pdf_text(event, "en", "theme").split())
    assert "Freedom of expression" in themes


def test_the_arabic_report_data_do_not_change_with_english(event, session, rapporteur):
    write_outcome(session, rapporteur)
    translated, _other = _recs(event, session)
    before = jobs.build_data(ReportKind.OUTCOME_SUMMARY, event, None, "ar", "")
    translated.text_en = None
    db.session.commit()
    assert jobs.build_data(ReportKind.OUTCOME_SUMMARY, event, None, "ar", "") == before


def test_cache_key_changes_when_an_english_text_changes(event, session, rapporteur):
    write_outcome(session, rapporteur, summary_en="First English")
    translated, _other = _recs(event, session)

    def key(kind=ReportKind.OUTCOME_SUMMARY, target=None):
        return jobs.content_hash(jobs.build_data(kind, event, target, "en", ""))

    summary, report = key(), key(ReportKind.SESSION_REPORT, session)
    translated.theme_en = "Expression"
    db.session.commit()
    assert key() != summary and key(ReportKind.SESSION_REPORT, session) != report
    summary, report = key(), key(ReportKind.SESSION_REPORT, session)
    outcome = db.session.scalar(select(SessionOutcome))
    outcome.summary_en = "Second English"
    db.session.commit()
    assert key() != summary and key(ReportKind.SESSION_REPORT, session) != report


def test_missing_translations_lists_exactly_the_missing(app, event, session, rapporteur):
    write_outcome(session, rapporteur, summary_en="Summary", key_points="- نقطة")
    translated, untranslated = _recs(event, session)
    items.add_next_step(event, None, {"what": "نشر", "what_en": "Publish", "who": "القسط"})
    db.session.commit()
    with app.test_request_context():
        found = missing_translations(event)
    step_id = db.session.scalar(select(NextStep.id))
    assert [m.url for m in found] == [
        f"/manage/sessions/{session.id}/outcome",
        f"/manage/recommendations/{untranslated.id}/edit",
        f"/manage/recommendations/{untranslated.id}/edit",
        f"/manage/recommendations/{untranslated.id}/edit",
        f"/manage/steps/{step_id}/edit",
    ]
    assert {m.kind for m in found} == {"outcomes"}
    translated.responsible_body = "هيئة حقوق الإنسان"
    db.session.commit()
    with app.test_request_context():
        urls = [m.url for m in missing_translations(event)]
    assert f"/manage/events/{event.id}/recommendations/{translated.id}" in urls


def test_csv_export_has_the_english_columns(client, organiser, event, session):
    import csv
    import io

    _recs(event, session)
    login_as(client, organiser)
    response = client.raw.get(f"/manage/events/{event.id}/recommendations.csv")
    header, first, second = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert header[-4:] == [
        "التوصية بالإنجليزية",
        "موجّهة إلى (نصًّا) بالإنجليزية",
        "المحور بالإنجليزية",
        "الجهة المسؤولة بالإنجليزية",
    ]
    assert first[-4:-1] == [TRANSLATED, "The Saudi authorities", "Freedom of expression"]
    assert second[-4:] == ["", "", "", ""]


def test_public_follow_up_in_english_shows_english_or_marks_the_arabic(
    client,
    programme_world,  # noqa: F811  (the fixture imported above)
):
    from tests.outcomes.test_programme_tracker import _publish_outcome

    w = programme_world
    old = w["old"]
    _publish_outcome(w["focus"], w["staff"])
    old.follow_up_public = True
    old.theme_en = "Justice"
    db.session.commit()
    client.switch_language("en")
    page = client.get("/o/rights/follow-up").get_data(as_text=True)
    # No English text yet: the Arabic original, marked, with its language and direction.
    assert f'dir="rtl" lang="ar">{old.text}</blockquote>' in page
    assert "Not yet translated" in page
    assert 'lang="en">Justice</span>' in page
    old.text_en = "Establish a national referral mechanism"
    old.responsible_body_en = "The national committee"
    db.session.commit()
    page = client.get("/o/rights/follow-up").get_data(as_text=True)
    assert "Establish a national referral mechanism" in page and old.text not in page
    assert "The national committee" in page
    client.switch_language("ar")
    page = client.get("/o/rights/follow-up").get_data(as_text=True)
    assert old.text in page and "Establish a national referral mechanism" not in page
    assert "لم يُترجم بعد" not in page
