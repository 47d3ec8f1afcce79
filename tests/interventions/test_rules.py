"""The status rules of an intervention, checked on what the database holds."""

import pytest

from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.models import Intervention, InterventionEvent, InterventionStatus
from eventapp.interventions.services import Actor, StaleQueue
from tests.interventions.conftest import version_of

S = InterventionStatus
ACTOR = Actor(name="الميسرة")


def act(session, intervention, action, **kw):
    result = services.change_status(session, ACTOR, intervention.id, action, **kw)
    db.session.commit()
    return result


def test_organiser_added_intervention_is_approved_and_logged(session, add, make_organisation):
    amnesty = make_organisation()
    item = add(session, "ممثلة العفو الدولية", organisation_id=amnesty.id, time_limit="4")
    assert item.status == S.APPROVED
    assert item.time_limit_seconds == 240
    assert item.organisation_label == "منظمة العفو الدولية"
    history = db.session.query(InterventionEvent).filter_by(intervention_id=item.id).all()
    assert [(h.action, h.to_status) for h in history] == [("added", S.APPROVED)]


def test_full_life_of_an_intervention_records_times_and_history(session, add):
    item = add(session, "عبدالله")
    act(session, item, "ready")
    act(session, item, "call")
    assert item.status == S.LIVE and item.started_at is not None
    act(session, item, "interrupt", reason="connection_lost", note="انقطع الاتصال")
    assert item.status == S.INTERRUPTED
    assert item.status_reason.value == "connection_lost"
    assert item.ended_at is not None
    act(session, item, "requeue")
    assert item.status == S.QUEUED and item.status_reason is None
    act(session, item, "call")
    act(session, item, "deliver")
    assert item.status == S.DELIVERED
    actions = [h.action for h in item.history]
    assert actions == ["added", "ready", "call", "interrupt", "requeue", "call", "deliver"]
    assert [h.from_status for h in item.history][1:] == [
        S.APPROVED,
        S.QUEUED,
        S.LIVE,
        S.INTERRUPTED,
        S.QUEUED,
        S.LIVE,
    ]


@pytest.mark.parametrize(
    ("start", "action"),
    [
        ("approved", "deliver"),  # a live intervention ends as delivered, not a waiting one
        ("approved", "interrupt"),
        ("approved", "requeue"),
        ("approved", "approve"),
    ],
)
def test_forbidden_transitions_are_refused_and_change_nothing(session, add, start, action):
    item = add(session, "متحدث")
    before = version_of(session)
    with pytest.raises(DomainError) as refused:
        services.change_status(session, ACTOR, item.id, action, reason="other")
    db.session.rollback()
    assert "لا يمكن" in refused.value.message or "cannot" in refused.value.message
    db.session.refresh(item)
    assert item.status.value == start
    assert version_of(session) == before
    assert len(item.history) == 1


def test_interrupt_and_not_aired_need_a_reason_from_their_list(session, add):
    item = add(session, "متحدث")
    act(session, item, "call")
    with pytest.raises(DomainError):
        services.change_status(session, ACTOR, item.id, "interrupt")
    db.session.rollback()
    with pytest.raises(DomainError):
        services.change_status(session, ACTOR, item.id, "interrupt", reason="off_topic")
    db.session.rollback()
    act(session, item, "not_aired", reason="audio_failure")
    assert item.status == S.NOT_AIRED and item.status_reason.value == "audio_failure"


def test_only_one_speaker_is_live_at_a_time(session, add):
    first, second = add(session, "الأول"), add(session, "الثاني")
    act(session, first, "call")
    with pytest.raises(DomainError) as refused:
        services.change_status(session, ACTOR, second.id, "call")
    db.session.rollback()
    assert "الأول" in refused.value.message
    assert db.session.get(Intervention, second.id).status == S.APPROVED


def test_call_next_takes_the_head_of_the_line_and_reorder_changes_it(session, add):
    first, second, third = add(session, "الأول"), add(session, "الثاني"), add(session, "الثالث")
    services.move(session, ACTOR, third.id, "first")
    db.session.commit()
    services.move(session, ACTOR, first.id, "down")
    db.session.commit()
    line = [i.speaker_name for i in services.console(session).line]
    assert line == ["الثالث", "الثاني", "الأول"]
    called = services.call_next(session, ACTOR)
    db.session.commit()
    assert called.id == third.id and called.status == S.LIVE
    assert second.id  # untouched


def test_requeued_speaker_goes_back_to_the_head_of_the_line(session, add):
    cut, waiting = add(session, "انقطع"), add(session, "ينتظر")
    act(session, cut, "call")
    act(session, cut, "interrupt", reason="audio_failure")
    act(session, cut, "requeue")
    assert [i.speaker_name for i in services.console(session).line] == ["انقطع", "ينتظر"]
    assert waiting.status == S.APPROVED


def test_written_statement_is_received_without_airing(session, add):
    item = add(session, "بيان مكتوب", mode="written")
    for action in ("deliver", "receive_written"):  # never delivered; received once it is there
        with pytest.raises(DomainError):
            services.change_status(session, ACTOR, item.id, action)
        db.session.rollback()
    services.save_statement(session, ACTOR, item.id, "نص البيان المكتوب")
    db.session.commit()
    act(session, item, "receive_written")
    assert item.status == S.RECEIVED_IN_WRITING and item.spoken_seconds == 0
    history = (
        db.session.query(InterventionEvent)
        .filter_by(intervention_id=item.id)
        .order_by(InterventionEvent.id)
        .all()
    )
    assert (history[-1].action, history[-1].from_status, history[-1].to_status) == (
        "receive_written",
        S.APPROVED,
        S.RECEIVED_IN_WRITING,
    )


def test_stale_version_is_refused_and_nothing_changes(session, add):
    item = add(session, "متحدث")
    seen = version_of(session)
    add(session, "متحدث آخر")  # someone else changes the queue
    with pytest.raises(StaleQueue):
        services.change_status(session, ACTOR, item.id, "call", seen_version=seen)
    db.session.rollback()
    assert db.session.get(Intervention, item.id).status == S.APPROVED
    act(session, item, "call", seen_version=version_of(session))
    assert item.status == S.LIVE


def test_ended_session_refuses_queue_changes_but_keeps_statements(session, add):
    live, waiting = add(session, "يتكلم"), add(session, "ينتظر")
    act(session, live, "call")
    services.end_session(session, ACTOR)
    db.session.commit()
    assert db.session.get(Intervention, live.id).status == S.DELIVERED
    with pytest.raises(DomainError) as refused:
        services.change_status(session, ACTOR, waiting.id, "call")
    db.session.rollback()
    assert "انتهت" in refused.value.message or "ended" in refused.value.message
    services.save_statement(session, ACTOR, waiting.id, "ملخص كتبه المقرر", "المقرر")
    db.session.commit()
    assert db.session.get(Intervention, waiting.id).statement == "ملخص كتبه المقرر"
    services.reopen_session(session, ACTOR)
    db.session.commit()
    act(session, waiting, "call")


def test_statistics_and_plain_rows_for_the_report(session, add, make_organisation):
    org = make_organisation("الكرامة", "Alkarama")
    delivered = add(session, "أ", organisation_id=org.id)
    cut = add(session, "ب", organisation_name="مجموعة مستقلة")
    never = add(session, "ج")
    written = add(session, "د", mode="written", statement="بيان")
    act(session, delivered, "call")
    db.session.get(Intervention, delivered.id).started_at -= __import__("datetime").timedelta(
        seconds=125
    )
    db.session.commit()
    act(session, delivered, "deliver")
    act(session, cut, "call")
    act(session, cut, "interrupt", reason="connection_lost")
    act(session, never, "not_aired", reason="speaker_unavailable")
    act(session, written, "receive_written")
    rows = services.session_interventions(session)
    assert [r["speaker"] for r in rows] == ["أ", "ب", "ج", "د"]
    assert rows[0]["status"] == "delivered" and rows[0]["spoken_seconds"] >= 125
    assert rows[0]["started_at"].tzinfo is not None
    assert rows[1]["reason"] == "connection_lost" and rows[1]["aired"] is True
    assert rows[3]["statement"] == "بيان" and rows[3]["aired"] is False
    stats = services.session_statistics(session, rows)
    assert stats["total"] == 4 and stats["delivered"] == 1
    assert stats["received_in_writing"] == 1 and stats["read_on_behalf"] == 0
    assert stats["interrupted"] == 1 and stats["not_aired"] == 1
    assert stats["total_speaking_seconds"] >= 125
    assert stats["organisations_heard"] == ["الكرامة", "مجموعة مستقلة"]
    assert stats["invited"] == 4 and stats["requested"] == 0


def test_record_keeps_the_organisation_name_when_the_directory_entry_is_deleted(
    session, add, make_organisation
):
    org = make_organisation("مراسلون بلا حدود", "Reporters Without Borders")
    item = add(session, "صحفية", organisation_id=org.id)
    db.session.delete(org)
    db.session.commit()
    db.session.expire_all()
    [row] = services.session_interventions(session)
    assert row["organisation"] == "مراسلون بلا حدود" and row["organisation_id"] is None
    assert db.session.get(Intervention, item.id).organisation_id is None
