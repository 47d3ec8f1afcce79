"""The event outcome: goals assessed, a summary per day, conclusions, publication."""

from sqlalchemy import select

from eventapp.extensions import db
from eventapp.outcomes import event_outcomes
from eventapp.outcomes.models import DaySummary, EventOutcome, GoalAssessment
from tests.factories import make_event, make_user
from tests.outcomes.conftest import login_as


def _goals(event):
    from eventapp.events import services as event_services
    from eventapp.events.models import GoalKind

    objective = event_services.add_goal(event, GoalKind.OBJECTIVE, "بناء تحليل مشترك", None)
    output = event_services.add_goal(event, GoalKind.EXPECTED_OUTPUT, "خطة متابعة التوصيات", None)
    db.session.commit()
    return objective, output


def test_organiser_assesses_goals_and_summarises_each_day(client, organiser):
    event = make_event(organiser=organiser, days=3)
    objective, output = _goals(event)
    login_as(client, organiser)
    page = client.get(f"/manage/events/{event.id}/outcome").get_data(as_text=True)
    assert "بناء تحليل مشترك" in page and "اليوم 3" in page
    day1, day2, _day3 = event.days
    response = client.post(
        f"/manage/events/{event.id}/outcome",
        {
            "version": "0",
            "summary": "التقى الأعضاء أربعة أيام.",
            "conclusions": "خلص الفريق إلى أهمية الحماية.",
            f"rating_{objective.id}": "met",
            f"comment_{objective.id}": "تحقق بالكامل",
            f"rating_{output.id}": "partly",
            f"comment_{output.id}": "",
            f"day_{day1.id}": "حدّد الأعضاء الاتجاهات.",
            f"day_{day2.id}": "تحليل الدوافع المنهجية.",
        },
    )
    assert response.status_code == 302
    outcome = db.session.scalar(select(EventOutcome))
    assert outcome.version == 1 and outcome.conclusions == "خلص الفريق إلى أهمية الحماية."
    ratings = {a.goal_id: a.rating.value for a in db.session.scalars(select(GoalAssessment))}
    assert ratings == {objective.id: "met", output.id: "partly"}
    days = {d.day_id: d.text for d in db.session.scalars(select(DaySummary))}
    assert days == {day1.id: "حدّد الأعضاء الاتجاهات.", day2.id: "تحليل الدوافع المنهجية."}
    page = client.get(f"/manage/events/{event.id}/outcome").get_data(as_text=True)
    assert "حدّد الأعضاء الاتجاهات." in page and 'selected value="met"' in page


def test_a_bad_assessment_value_is_refused_next_to_the_field(client, organiser, event):
    objective, _output = _goals(event)
    login_as(client, organiser)
    response = client.post(
        f"/manage/events/{event.id}/outcome",
        {"version": "0", "summary": "ملخص", f"rating_{objective.id}": "excellent"},
    )
    assert response.status_code == 422
    assert "ملخص" in response.get_data(as_text=True)
    assert db.session.scalar(select(EventOutcome)) is None


def test_a_blank_assessment_is_not_assessed(client, organiser, event):
    objective, _output = _goals(event)
    login_as(client, organiser)
    response = client.post(
        f"/manage/events/{event.id}/outcome",
        {"version": "0", "summary": "ملخص", f"rating_{objective.id}": "  "},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(GoalAssessment.rating)) is None


def test_stale_event_outcome_save_shows_the_other_text(client, organiser, event):
    colleague = make_user("colleague@example.org", name="زميلة منظِّمة")
    from tests.factories import give_role

    give_role(colleague, event, "organiser")
    login_as(client, organiser)
    client.post(f"/manage/events/{event.id}/outcome", {"version": "0", "conclusions": "أولاً"})
    login_as(client, colleague)
    client.post(f"/manage/events/{event.id}/outcome", {"version": "1", "conclusions": "نص الزميلة"})
    login_as(client, organiser)
    response = client.post(
        f"/manage/events/{event.id}/outcome", {"version": "1", "conclusions": "نصي"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "زميلة منظِّمة" in page and "نص الزميلة" in page and "نصي" in page
    assert event_outcomes.event_outcome(event).conclusions == "نص الزميلة"


def test_event_recommendations_and_publication(client, organiser, event):
    login_as(client, organiser)
    assert (
        client.post(f"/manage/events/{event.id}/outcome/publish", {"published": "y"}).status_code
        == 302
    )
    assert event_outcomes.event_outcome(event) is None  # nothing to publish yet
    client.post(f"/manage/events/{event.id}/outcome", {"version": "0", "summary": "ملخص"})
    client.post(
        f"/manage/events/{event.id}/outcome/recommendations",
        {"text": "تعميق التعاون بين الأعضاء", "addressee": "الأعضاء", "priority": "medium"},
    )
    client.post(
        f"/manage/events/{event.id}/outcome/steps", {"what": "صياغة المقترحات", "who": "المجموعة"}
    )
    page = client.get(f"/manage/events/{event.id}/outcome").get_data(as_text=True)
    assert "تعميق التعاون بين الأعضاء" in page and "صياغة المقترحات" in page
    client.post(f"/manage/events/{event.id}/outcome/submit")
    client.post(f"/manage/events/{event.id}/outcome/approve")
    client.post(f"/manage/events/{event.id}/outcome/publish", {"published": "y"})
    assert event_outcomes.event_outcome(event).published
    # The public link serves the summary PDF (rendered inline in tests).
    client.post("/auth/logout")
    response = client.raw.get(f"/e/{event.slug}/outcome", follow_redirects=True)
    assert response.mimetype == "application/pdf"


def test_unpublished_outcome_is_not_public(client, organiser, event):
    login_as(client, organiser)
    client.post(f"/manage/events/{event.id}/outcome", {"version": "0", "summary": "ملخص"})
    client.post("/auth/logout")
    assert client.raw.get(f"/e/{event.slug}/outcome").status_code == 404


def test_only_organisers_write_the_event_outcome(client, event, make_user):
    login_as(client, make_user("x@example.org"))
    assert client.get(f"/manage/events/{event.id}/outcome").status_code == 403
