"""Two writers saving the same outcome at the same moment: one wins, the other is told."""

import threading

from eventapp.extensions import db
from eventapp.outcomes import revisions, session_outcomes
from eventapp.sessions.models import EventSession
from tests.factories import make_user
from tests.outcomes.conftest import write_outcome


def test_simultaneous_saves_never_overwrite_silently(app, session, rapporteur):
    write_outcome(session, rapporteur, summary="الأصل")
    other = make_user("second@example.org", name="كاتب ثان")
    user_ids = [rapporteur.id, other.id]
    session_id = session.id
    barrier = threading.Barrier(2)
    results = []

    def save(user_id, text):
        with app.app_context():
            from eventapp.auth.models import User

            user = db.session.get(User, user_id)
            target = db.session.get(EventSession, session_id)
            barrier.wait()
            try:
                session_outcomes.save_session_outcome(target, {"summary": text}, 1, user)
                db.session.commit()
                results.append(("saved", text))
            except revisions.OutcomeConflict as conflict:
                db.session.rollback()
                results.append(("conflict", conflict.current["summary"]))
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=save, args=(user_ids[0], "نص المقرر")),
        threading.Thread(target=save, args=(user_ids[1], "نص الكاتب الثاني")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    kinds = sorted(kind for kind, _text in results)
    assert kinds == ["conflict", "saved"], results
    winner = next(text for kind, text in results if kind == "saved")
    seen_by_loser = next(text for kind, text in results if kind == "conflict")
    db.session.expire_all()
    outcome = session_outcomes.session_outcome(session)
    assert outcome.summary == winner and outcome.version == 2
    assert seen_by_loser in (winner, "الأصل")
