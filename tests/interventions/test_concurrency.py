"""Two facilitators acting at once, in real threads with their own connections (PostgreSQL
when DATABASE_URL points at it; SQLite otherwise): one wins, the other is refused, and no
change is lost."""

import threading

from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.models import Intervention, InterventionEvent, InterventionStatus
from eventapp.interventions.services import Actor, StaleQueue
from eventapp.sessions.models import EventSession
from tests.interventions.conftest import version_of


def run_together(app, count, work):
    """Run work(index) in `count` threads released at the same moment; collect outcomes."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def runner(index):
        with app.app_context():
            try:
                barrier.wait()
                work(index)
                db.session.commit()
                outcomes[index] = "ok"
            except StaleQueue:
                db.session.rollback()
                outcomes[index] = "stale"
            except DomainError as error:
                db.session.rollback()
                outcomes[index] = f"refused: {error.message}"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def test_two_facilitators_calling_from_the_same_view_one_is_refused(app, session, add):
    first, second = add(session, "الأول"), add(session, "الثاني")
    seen = version_of(session)
    targets = [first.id, second.id]
    session_id = session.id
    db.session.remove()

    def work(index):
        s = db.session.get(EventSession, session_id)
        services.change_status(
            s, Actor(name=f"f{index}"), targets[index], "call", seen_version=seen
        )

    outcomes = run_together(app, 2, work)
    assert sorted(outcomes) == ["ok", "stale"]
    live = db.session.query(Intervention).filter_by(status=InterventionStatus.LIVE).all()
    assert len(live) == 1  # never two speakers on air
    calls = db.session.query(InterventionEvent).filter_by(action="call").count()
    assert calls == 1
    assert version_of(session) == seen + 1


def test_many_changes_at_once_without_a_seen_version_are_all_applied_in_order(app, session):
    session_id = session.id
    db.session.remove()

    def work(index):
        s = db.session.get(EventSession, session_id)
        services.add_intervention(
            s, Actor(name="f"), {"speaker_name": f"متحدث {index}", "mode": "in_room"}
        )

    outcomes = run_together(app, 8, work)
    assert outcomes == ["ok"] * 8
    rows = db.session.query(Intervention).order_by(Intervention.position).all()
    assert len(rows) == 8
    assert [r.position for r in rows] == list(range(1, 9))  # no two in the same place
    assert sorted(r.requested_position for r in rows) == list(range(1, 9))


def test_call_next_pressed_by_two_facilitators_calls_one_speaker(app, session, add):
    for name in ("أ", "ب", "ج"):
        add(session, name)
    session_id = session.id
    db.session.remove()

    def work(index):
        s = db.session.get(EventSession, session_id)
        services.call_next(s, Actor(name=f"f{index}"))

    outcomes = run_together(app, 2, work)
    assert outcomes.count("ok") == 1
    assert any(o and o.startswith("refused") for o in outcomes)  # "still speaking"
    live = db.session.query(Intervention).filter_by(status=InterventionStatus.LIVE).all()
    assert [i.speaker_name for i in live] == ["أ"]
