"""Sessions that require sign-up: places, the waiting list moving up at once, overlaps,
remote participants, and what a registration's change does to its sign-ups."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from eventapp.extensions import db
from eventapp.mail.models import OutboxMessage
from eventapp.registration import services, session_signups
from eventapp.registration.checks import RegistrationError
from eventapp.registration.models import Mode, SessionSignup, SignupStatus, Status
from eventapp.sessions import services as session_services
from tests.registration.conftest import open_registration, register


@pytest.fixture
def hybrid(make_event, organiser):
    event = make_event(organiser=organiser, days=2, rooms=("القاعة أ", "القاعة ب"))
    open_registration(event, offer_remote=True)
    return event


def _group(make_session, event, places=2, **kw):
    kw.setdefault("kind", "working_group")
    session = make_session(event, signup_required=True, signup_capacity=places, **kw)
    db.session.commit()
    return session


def _statuses(session):
    db.session.expire_all()
    rows = db.session.execute(
        select(SessionSignup.status, func.count())
        .where(SessionSignup.session_id == session.id)
        .group_by(SessionSignup.status)
    )
    return {SignupStatus(s).value: n for s, n in rows}


def test_places_then_waiting_list_then_promotion_on_cancel(hybrid, make_session):
    group = _group(make_session, hybrid, places=2)
    a, b, c, d = (register(hybrid) for _ in range(4))
    outcomes = [session_signups.sign_up(r, group).status for r in (a, b, c, d)]
    db.session.commit()
    assert outcomes == [SignupStatus.CONFIRMED] * 2 + [SignupStatus.WAITLISTED] * 2
    assert session_signups.sign_up(a, group).status == SignupStatus.CONFIRMED  # idempotent
    before = db.session.scalar(select(func.count(OutboxMessage.id)))
    promoted = session_signups.cancel(a, group)
    db.session.commit()
    assert [s.registration_id for s in promoted] == [c.id]  # who waited first
    assert _statuses(group) == {"confirmed": 2, "waitlisted": 1, "cancelled": 1}
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == before + 1


def test_remote_participants_sign_up_without_taking_room_places(hybrid, make_session):
    group = _group(make_session, hybrid, places=1)
    in_person = register(hybrid)
    remote = register(hybrid, mode=Mode.REMOTE)
    late = register(hybrid)
    assert session_signups.sign_up(in_person, group).status == SignupStatus.CONFIRMED
    assert session_signups.sign_up(remote, group).status == SignupStatus.CONFIRMED
    assert session_signups.sign_up(late, group).status == SignupStatus.WAITLISTED
    db.session.commit()
    figures = session_signups.places_by_session([group])[group.id]
    assert (figures.confirmed, figures.remote, figures.waitlisted, figures.left) == (1, 1, 1, 0)


def test_room_capacity_applies_when_the_session_has_none(hybrid, make_session):
    group = make_session(hybrid, signup_required=True)
    db.session.commit()
    assert group.places == 50
    assert session_signups.places_left(group) == 50


def test_overlapping_places_are_refused_and_waiting_ends_on_a_place(hybrid, make_session):
    g1 = _group(make_session, hybrid, places=1, start="11:00", end="12:30", room=0)
    g2 = _group(make_session, hybrid, places=5, start="12:00", end="13:00", room=1)
    first, person = register(hybrid), register(hybrid)
    session_signups.sign_up(first, g1)
    assert session_signups.sign_up(person, g1).status == SignupStatus.WAITLISTED
    assert session_signups.sign_up(person, g2).status == SignupStatus.CONFIRMED
    db.session.commit()
    assert _statuses(g1) == {"confirmed": 1, "cancelled": 1}  # their waiting in g1 ended
    session_signups.cancel(first, g1)
    db.session.commit()
    with pytest.raises(RegistrationError, match="في الوقت نفسه"):
        session_signups.sign_up(person, g1)
    db.session.rollback()


def test_only_confirmed_participants_of_that_day(hybrid, make_session):
    day2 = _group(make_session, hybrid, day=2)
    plain = make_session(hybrid, start="15:00", end="16:00")
    one_day = register(hybrid, day_ids=[hybrid.days[0].id])
    with pytest.raises(RegistrationError, match="يوم هذه الجلسة"):
        session_signups.sign_up(one_day, day2)
    db.session.rollback()
    with pytest.raises(RegistrationError, match="لا تتطلب"):
        session_signups.sign_up(one_day, plain)
    db.session.rollback()


def test_cancelled_registration_frees_its_session_places(hybrid, make_session):
    group = _group(make_session, hybrid, places=1)
    a, b = register(hybrid), register(hybrid)
    session_signups.sign_up(a, group), session_signups.sign_up(b, group)
    db.session.commit()
    services.cancel_registration(a)
    db.session.commit()
    db.session.expire_all()
    assert {s.registration_id: s.status for s in db.session.scalars(select(SessionSignup))} == {
        a.id: SignupStatus.CANCELLED,
        b.id: SignupStatus.CONFIRMED,
    }


def test_dropping_the_day_drops_the_sign_up(hybrid, make_session):
    group = _group(make_session, hybrid, places=1, day=2)
    a, b = register(hybrid), register(hybrid)
    session_signups.sign_up(a, group), session_signups.sign_up(b, group)
    db.session.commit()
    services.change_registration(a, {"mode": Mode.IN_PERSON, "day_ids": [hybrid.days[0].id]})
    db.session.commit()
    assert _statuses(group) == {"confirmed": 1, "cancelled": 1}
    assert session_signups.current_signups(b)[group.id].status == SignupStatus.CONFIRMED


def test_raising_the_capacity_promotes_at_once(hybrid, make_session):
    group = _group(make_session, hybrid, places=1)
    for registration in [register(hybrid) for _ in range(3)]:
        session_signups.sign_up(registration, group)
    db.session.commit()
    data = {
        "day_id": group.day_id,
        "start_time": group.start_time,
        "end_time": group.end_time,
        "room_id": group.room_id,
        "kind": group.kind.value,
        "title_ar": group.title_ar,
        "signup_required": True,
        "signup_capacity": 2,
    }
    session_services.save_session(hybrid, group, data)
    db.session.commit()
    assert _statuses(group) == {"confirmed": 2, "waitlisted": 1}
    position = session_signups.waiting_position(
        db.session.scalar(
            select(SessionSignup).where(SessionSignup.status == SignupStatus.WAITLISTED)
        )
    )
    assert position == 1


def test_waiting_registration_cannot_sign_up(hybrid, make_session):
    open_registration(hybrid, capacity_in_person=1, offer_remote=True)
    group = _group(make_session, hybrid)
    register(hybrid)
    waiting = register(hybrid)
    assert waiting.status == Status.WAITLISTED
    with pytest.raises(RegistrationError, match="المؤكَّد"):
        session_signups.sign_up(waiting, group)
    db.session.rollback()


def _concurrently(app, count, work):
    barrier = threading.Barrier(count)
    outcomes, lock = [], threading.Lock()

    def attempt(n):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                result = work(n)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - the test reports every failure
                db.session.rollback()
                result = f"error: {error!r}"
            finally:
                db.session.remove()
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    db.session.expire_all()
    return outcomes


def test_twenty_concurrent_sign_ups_for_five_places(app, hybrid, make_session):
    """Real threads, each with its own session and connection, against the test database
    (a SQLite file by default, PostgreSQL when DATABASE_URL is set)."""
    from eventapp.registration.models import Registration
    from eventapp.sessions.models import EventSession

    group = _group(make_session, hybrid, places=5)
    ids = [register(hybrid).id for _ in range(20)]
    group_id = group.id

    def work(n):
        registration = db.session.get(Registration, ids[n])
        session = db.session.get(EventSession, group_id)
        return session_signups.sign_up(registration, session).status.value

    outcomes = _concurrently(app, 20, work)
    assert sorted(outcomes).count("confirmed") == 5, outcomes
    assert outcomes.count("waitlisted") == 15, outcomes
    assert _statuses(group) == {"confirmed": 5, "waitlisted": 15}
    rows = db.session.execute(
        select(SessionSignup.registration_id).where(SessionSignup.session_id == group_id)
    ).all()
    assert len(rows) == len({r[0] for r in rows}) == 20

    # Concurrent: the five confirmed leave while five more sign up; counts stay right.
    confirmed = [
        s.registration_id
        for s in db.session.scalars(
            select(SessionSignup).where(SessionSignup.status == SignupStatus.CONFIRMED)
        )
    ]
    first_waiting = [
        s.registration_id
        for s in db.session.scalars(
            select(SessionSignup)
            .where(SessionSignup.status == SignupStatus.WAITLISTED)
            .order_by(SessionSignup.waitlisted_at, SessionSignup.id)
            .limit(5)
        )
    ]
    newcomers = [register(hybrid).id for _ in range(5)]

    def churn(n):
        session = db.session.get(EventSession, group_id)
        if n < 5:
            registration = db.session.get(Registration, confirmed[n])
            return f"left, promoted {len(session_signups.cancel(registration, session))}"
        registration = db.session.get(Registration, newcomers[n - 5])
        return session_signups.sign_up(registration, session).status.value

    outcomes = _concurrently(app, 10, churn)
    assert not [o for o in outcomes if o.startswith("error")], outcomes
    assert _statuses(group) == {"confirmed": 5, "waitlisted": 15, "cancelled": 5}
    now_confirmed = {
        s.registration_id
        for s in db.session.scalars(
            select(SessionSignup).where(SessionSignup.status == SignupStatus.CONFIRMED)
        )
    }
    assert now_confirmed == set(first_waiting)  # promoted in order of waiting, not newcomers


def test_the_promoted_participant_is_told_which_session(app, hybrid, make_session):
    from eventapp.registration import notify

    group = _group(make_session, hybrid, places=1, title_ar="مجموعة عمل المناخ")
    first, waiting = register(hybrid), register(hybrid, name_ar="رنا")
    session_signups.sign_up(first, group), session_signups.sign_up(waiting, group)
    db.session.commit()
    session_signups.cancel(first, group)
    db.session.commit()
    row = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc()))
    assert row.to_address == waiting.email
    assert row.recipe == {
        "composer": "registration",
        "registration_id": waiting.id,
        "kind": "session_promoted",
        "session_id": group.id,
    }
    with app.test_request_context():
        message = notify.compose(waiting, "session_promoted", session_id=group.id)
    assert "مجموعة عمل المناخ" in message["text"] and "رنا" in message["text"]
    assert "شغر مكان" in message["subject"]


def test_a_larger_room_promotes_when_the_session_has_no_own_capacity(hybrid, make_session):
    group = make_session(hybrid, signup_required=True, room=1)
    room = group.room
    session_services.save_room(hybrid, room, {"name": room.name, "capacity": 1})
    db.session.commit()
    for registration in [register(hybrid) for _ in range(3)]:
        session_signups.sign_up(registration, group)
    db.session.commit()
    assert _statuses(group) == {"confirmed": 1, "waitlisted": 2}
    session_services.save_room(hybrid, room, {"name": room.name, "capacity": 2})
    db.session.commit()
    assert _statuses(group) == {"confirmed": 2, "waitlisted": 1}


def test_an_erased_registration_frees_its_place(hybrid, make_session):
    from eventapp.registration import privacy

    group = _group(make_session, hybrid, places=1)
    first, waiting = register(hybrid), register(hybrid)
    session_signups.sign_up(first, group), session_signups.sign_up(waiting, group)
    db.session.commit()
    privacy.erase_registration(first)
    db.session.commit()
    assert _statuses(group) == {"confirmed": 1}


def test_changing_mode_moves_the_room_place(hybrid, make_session):
    group = _group(make_session, hybrid, places=1)
    remote = register(hybrid, mode=Mode.REMOTE)
    in_room, waiting = register(hybrid), register(hybrid)
    for registration in (remote, in_room, waiting):
        session_signups.sign_up(registration, group)
    db.session.commit()
    day_ids = [d.id for d in hybrid.days]
    # The remote participant comes in person: the room is full, so they wait (last).
    services.change_registration(remote, {"mode": Mode.IN_PERSON, "day_ids": day_ids})
    db.session.commit()
    assert session_signups.current_signups(remote)[group.id].status == SignupStatus.WAITLISTED
    # The one in the room goes remote: their room place goes to the first waiting.
    services.change_registration(in_room, {"mode": Mode.REMOTE, "day_ids": day_ids})
    db.session.commit()
    assert session_signups.current_signups(waiting)[group.id].status == SignupStatus.CONFIRMED
    assert session_signups.current_signups(in_room)[group.id].status == SignupStatus.CONFIRMED
    assert _statuses(group) == {"confirmed": 2, "waitlisted": 1}
