"""The event outcome's way from draft to submitted to approved, as a session outcome's: who may
move it, what approval locks, publication only once approved, reopening withdraws it."""

import pytest
from sqlalchemy import select

from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes
from eventapp.outcomes.models import EventOutcome, OutcomeRevision, OutcomeStatus
from tests.factories import make_organiser
from tests.outcomes.conftest import login_as


def _outcome():
    db.session.expire_all()
    return db.session.scalar(select(EventOutcome))


def _write(client, event, summary="ملخص الفعالية", version=0):
    return client.post(
        f"/manage/events/{event.id}/outcome", {"version": str(version), "summary": summary}
    )


def test_draft_submitted_approved_published_then_reopened(client, organiser, event):
    login_as(client, organiser)
    assert _write(client, event).status_code == 302
    page = client.get(f"/manage/events/{event.id}/outcome").get_data(as_text=True)
    assert 'id="outcome-status"' in page and "مسودة" in page
    assert 'id="publish-hint"' in page and 'id="publish-form"' not in page

    # Publishing a draft is refused, with a clear message.
    response = client.post(
        f"/manage/events/{event.id}/outcome/publish", {"published": "y"}, follow_redirects=True
    )
    assert "لا تُنشر إلا المخرجات المعتمدة" in response.get_data(as_text=True)
    assert not _outcome().published
    # Approving a draft is refused too: it must be sent first.
    client.post(f"/manage/events/{event.id}/outcome/approve")
    assert _outcome().status == OutcomeStatus.DRAFT

    client.post(f"/manage/events/{event.id}/outcome/submit")
    outcome = _outcome()
    assert outcome.status == OutcomeStatus.SUBMITTED and outcome.submitted_at is not None
    client.post(f"/manage/events/{event.id}/outcome/approve")
    outcome = _outcome()
    assert outcome.status == OutcomeStatus.APPROVED
    assert outcome.approved_by_id == organiser.id and outcome.approved_at is not None

    # Approved: the text and the event's own recommendations are locked.
    page = client.get(f"/manage/events/{event.id}/outcome").get_data(as_text=True)
    assert 'id="outcome-locked"' in page and 'id="event-outcome-form"' not in page
    assert "أُرسلت للاعتماد" in page and 'id="status-history"' in page
    refused = _write(client, event, "نص جديد", outcome.version)
    assert refused.status_code == 422 and "اعتُمدت هذه المخرجات" in refused.get_data(as_text=True)
    client.post(f"/manage/events/{event.id}/outcome/recommendations", {"text": "توصية متأخرة"})
    assert "توصية متأخرة" not in client.get(f"/manage/events/{event.id}/outcome").get_data(
        as_text=True
    )

    # Published once approved: the public link serves the summary.
    client.post(f"/manage/events/{event.id}/outcome/publish", {"published": "y"})
    assert _outcome().published
    client.post("/auth/logout")
    public = client.raw.get(f"/e/{event.slug}/outcome", follow_redirects=True)
    assert public.mimetype == "application/pdf"

    # Reopened: a draft again, and no longer public until approved and published again.
    login_as(client, organiser)
    response = client.post(f"/manage/events/{event.id}/outcome/return", follow_redirects=True)
    assert "لم تعد خلاصتها منشورة" in response.get_data(as_text=True)
    outcome = _outcome()
    assert outcome.status == OutcomeStatus.DRAFT and not outcome.published
    assert outcome.approved_by_id is None
    client.post("/auth/logout")
    assert client.raw.get(f"/e/{event.slug}/outcome").status_code == 404
    notes = db.session.scalars(
        select(OutcomeRevision.note)
        .where(OutcomeRevision.session_id.is_(None))
        .order_by(OutcomeRevision.id)
    ).all()
    assert notes == [None, "submitted", "approved", "reopened"]


def test_unpublishing_is_always_allowed(client, organiser, event):
    login_as(client, organiser)
    _write(client, event)
    for action in ("submit", "approve"):
        client.post(f"/manage/events/{event.id}/outcome/{action}")
    client.post(f"/manage/events/{event.id}/outcome/publish", {"published": "y"})
    assert _outcome().published
    client.post(f"/manage/events/{event.id}/outcome/publish", {})
    outcome = _outcome()
    assert not outcome.published and outcome.status == OutcomeStatus.APPROVED


def test_a_submitted_outcome_can_be_returned_and_changed(client, organiser, event):
    login_as(client, organiser)
    _write(client, event)
    client.post(f"/manage/events/{event.id}/outcome/submit")
    client.post(f"/manage/events/{event.id}/outcome/return")
    outcome = _outcome()
    assert outcome.status == OutcomeStatus.DRAFT
    assert _write(client, event, "ملخص معدّل", outcome.version).status_code == 302
    assert _outcome().summary == "ملخص معدّل"


def test_sending_needs_a_summary(client, organiser, event):
    login_as(client, organiser)
    client.post(f"/manage/events/{event.id}/outcome", {"version": "0", "conclusions": "خلاصة"})
    response = client.post(f"/manage/events/{event.id}/outcome/submit", follow_redirects=True)
    assert "اكتب الملخص على الأقل" in response.get_data(as_text=True)
    assert _outcome().status == OutcomeStatus.DRAFT


def test_nobody_but_the_organisers_moves_it(client, organiser, event, rapporteur, make_user):
    login_as(client, organiser)
    _write(client, event)
    outsider = make_user("outsider@example.org")
    for user in (rapporteur, outsider):
        login_as(client, user)
        for action in ("submit", "approve", "return"):
            assert client.post(f"/manage/events/{event.id}/outcome/{action}").status_code == 403
        assert (
            client.post(
                f"/manage/events/{event.id}/outcome/publish", {"published": "y"}
            ).status_code
            == 403
        )
    assert _outcome().status == OutcomeStatus.DRAFT


def test_a_viewer_reads_the_status_but_changes_nothing(client, organiser, event, make_user):
    viewer = make_user("viewer@example.org")
    organisation = make_organiser("forum", viewer=viewer)
    event.organiser_id = organisation.id
    db.session.commit()
    login_as(client, organiser)
    _write(client, event)
    client.post(f"/manage/events/{event.id}/outcome/submit")
    login_as(client, viewer)
    page = client.get(f"/manage/events/{event.id}/outcome")
    assert page.status_code == 200 and 'id="outcome-status"' in page.get_data(as_text=True)
    assert client.post(f"/manage/events/{event.id}/outcome/approve").status_code == 403
    assert _outcome().status == OutcomeStatus.SUBMITTED


def test_two_forms_on_the_same_version_conflict(client, organiser, event, make_user):
    login_as(client, organiser)
    _write(client, event, "النص الأول")
    version = _outcome().version
    assert _write(client, event, "نص المنظّم الأول", version).status_code == 302
    # A second form loaded the same version: refused, its text kept in the form.
    second = _write(client, event, "نص المنظّم الثاني", version)
    assert second.status_code == 409
    body = second.get_data(as_text=True)
    assert "نص المنظّم الثاني" in body and "نص المنظّم الأول" in body
    assert _outcome().summary == "نص المنظّم الأول"


def test_a_change_of_status_makes_an_open_form_stale(client, organiser, event):
    """Sending for approval moves the version on: a form loaded before it cannot overwrite."""
    login_as(client, organiser)
    _write(client, event)
    version = _outcome().version
    client.post(f"/manage/events/{event.id}/outcome/submit")
    assert _write(client, event, "نص قديم", version).status_code == 409


def test_the_services_refuse_as_the_pages_do(organiser, event):
    event_outcomes.save_event_outcome(event, {"summary": "ملخص"}, 0, organiser)
    with pytest.raises(DomainError):
        event_outcomes.set_published(event, True, organiser)
    event_outcomes.submit_outcome(event, organiser)
    with pytest.raises(DomainError):
        event_outcomes.submit_outcome(event, organiser)  # only a draft is sent
    event_outcomes.approve_outcome(event, organiser)
    event_outcomes.set_published(event, True, organiser)
    db.session.commit()
    history = event_outcomes.status_history(event)
    assert [h["by"] for h in history] == [organiser.name, organiser.name]
    assert history[0]["at"].tzinfo is not None  # shown in the event's time zone


def test_an_approved_outcome_is_shown_read_only_with_its_assessments(client, organiser, event):
    from eventapp.events import services as event_services
    from eventapp.events.models import GoalKind

    goal = event_services.add_goal(event, GoalKind.OBJECTIVE, "بناء تحليل مشترك", None)
    db.session.commit()
    login_as(client, organiser)
    client.post(
        f"/manage/events/{event.id}/outcome",
        {
            "version": "0",
            "summary": "ملخص",
            f"rating_{goal.id}": "met",
            f"comment_{goal.id}": "تحقق بالكامل",
        },
    )
    for action in ("submit", "approve"):
        client.post(f"/manage/events/{event.id}/outcome/{action}")
    page = client.get(f"/manage/events/{event.id}/outcome").get_data(as_text=True)
    assert 'id="outcome-locked"' in page
    assert "بناء تحليل مشترك" in page and "تحقق بالكامل" in page and "تحقّق" in page
    overview = client.get(f"/manage/events/{event.id}/outcomes").get_data(as_text=True)
    assert 'id="outcome-status"' in overview and "معتمدة" in overview
