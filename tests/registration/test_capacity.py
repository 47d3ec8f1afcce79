"""Places, the waiting list, and the lock that keeps them right under concurrent writes."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from eventapp.extensions import db
from eventapp.registration import services
from eventapp.registration.models import Mode, Registration, Status
from eventapp.registration.services import RegistrationError
from tests.registration.conftest import open_registration, register


def _count(event, status):
    return db.session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(Registration.event_id == event.id, Registration.status == status)
    )


def test_confirmed_while_places_are_free_then_waitlisted(open_event):
    first = register(open_event)
    second = register(open_event)
    third = register(open_event)
    assert [first.status, second.status, third.status] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
    ]
    remote = register(open_event, mode=Mode.REMOTE)
    assert remote.status == Status.CONFIRMED  # remote places are counted apart


def test_full_event_without_waiting_list_refuses_and_keeps_nothing(make_event):
    event = make_event()
    open_registration(event, capacity_in_person=1, waitlist_enabled=False)
    register(event)
    with pytest.raises(RegistrationError) as refused:
        register(event, "late@example.org")
    assert "اكتملت جميع أماكن الحضور الشخصي." in refused.value.message
    db.session.rollback()
    assert services.registration_by_email(event, "late@example.org") is None
    assert _count(event, Status.CONFIRMED) == 1


def test_capacity_per_day(make_event):
    event = make_event(days=2)
    day1, day2 = event.days
    open_registration(event, day_capacities={day2.id: 1})
    assert register(event, day_ids=[day2.id]).status == Status.CONFIRMED
    assert register(event, day_ids=[day1.id]).status == Status.CONFIRMED
    waiting = register(event, day_ids=[day1.id, day2.id])
    assert waiting.status == Status.WAITLISTED


def test_a_day_limit_counts_confirmed_people_in_the_room_only(make_event):
    event = make_event(days=2)
    day1, day2 = event.days
    open_registration(event, offer_remote=True, capacity_in_person=10, day_capacities={day2.id: 1})
    assert register(event, day_ids=[day2.id], mode=Mode.REMOTE).status == Status.CONFIRMED
    services.cancel_registration(register(event, day_ids=[day2.id]))  # frees its place
    db.session.commit()
    assert register(event, day_ids=[day1.id, day2.id]).status == Status.CONFIRMED
    assert register(event, day_ids=[day2.id]).status == Status.WAITLISTED
    assert register(event, day_ids=[day1.id]).status == Status.CONFIRMED


def test_cancelling_confirms_the_first_waiting_at_once(open_event, mailbox):
    confirmed = register(open_event)
    register(open_event)
    first_waiting = register(open_event, "first@example.org")
    second_waiting = register(open_event, "second@example.org")
    promoted = services.cancel_registration(confirmed)
    db.session.commit()
    assert promoted == [first_waiting]
    assert first_waiting.status == Status.CONFIRMED
    assert second_waiting.status == Status.WAITLISTED
    assert confirmed.status == Status.CANCELLED


def test_raising_the_capacity_confirms_waiting_people(open_event):
    for _ in range(4):
        register(open_event)
    assert _count(open_event, Status.WAITLISTED) == 2
    promoted = services.save_settings(open_event, {"capacity_in_person": 3}, None)
    db.session.commit()
    assert len(promoted) == 1
    assert _count(open_event, Status.CONFIRMED) == 3
    services.save_settings(open_event, {"capacity_in_person": None}, None)
    db.session.commit()
    assert _count(open_event, Status.CONFIRMED) == 4


def test_approval_required_holds_no_place_until_approved(make_event):
    event = make_event()
    open_registration(event, capacity_in_person=1, requires_approval=True)
    a = register(event)
    b = register(event)
    assert a.status == b.status == Status.PENDING
    result = services.bulk_action(event, [a.id, b.id], "approve")
    db.session.commit()
    assert result.confirmed == [a]
    assert result.waitlisted == [b]


def test_bulk_waitlist_frees_places_for_others_not_for_the_same_people(open_event):
    a, b = register(open_event), register(open_event)
    c = register(open_event)
    assert c.status == Status.WAITLISTED
    result = services.bulk_action(open_event, [a.id], "waitlist")
    db.session.commit()
    assert a.status == Status.WAITLISTED
    assert result.promoted == [c]
    result = services.bulk_action(open_event, [b.id], "reject")
    db.session.commit()
    assert b.status == Status.REJECTED
    assert a.status == Status.CONFIRMED  # a waited longest among the remaining


def test_a_participant_cannot_move_into_a_full_day(make_event):
    event = make_event(days=2)
    day1, day2 = event.days
    open_registration(event, day_capacities={day2.id: 1})
    register(event, day_ids=[day2.id])
    mover = register(event, day_ids=[day1.id])
    with pytest.raises(RegistrationError):
        services.change_registration(mover, {"mode": Mode.IN_PERSON, "day_ids": [day1.id, day2.id]})
    db.session.rollback()
    db.session.refresh(mover)
    assert [d.id for d in mover.days] == [day1.id]
    assert mover.status == Status.CONFIRMED


def test_organiser_may_confirm_beyond_capacity(open_event):
    register(open_event), register(open_event)
    extra = register(open_event, organiser=True, override_capacity=True)
    assert extra.status == Status.CONFIRMED
    assert _count(open_event, Status.CONFIRMED) == 3


def test_fifty_concurrent_registrations_for_ten_places(app, make_event):
    """Real threads, each with its own session and connection, against the test database
    (a SQLite file by default, PostgreSQL when DATABASE_URL is set)."""
    event = make_event()
    open_registration(event, capacity_in_person=10)
    event_id = event.id
    attempts = 60
    barrier = threading.Barrier(attempts)
    outcomes: list = []
    lock = threading.Lock()

    def attempt(n):
        with app.app_context():
            from eventapp.events.models import Event

            try:
                barrier.wait(timeout=30)  # all start together (then share the pool)
                target = db.session.get(Event, event_id)
                registration = register(target, f"concurrent{n}@example.org")
                result = registration.status.value
            except Exception as error:  # noqa: BLE001 - the test reports every failure
                db.session.rollback()
                result = f"error: {error!r}"
            finally:
                db.session.remove()
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    db.session.expire_all()
    assert sorted(set(outcomes)) == ["confirmed", "waitlisted"], outcomes
    assert outcomes.count("confirmed") == 10
    assert _count(event, Status.CONFIRMED) == 10
    assert _count(event, Status.WAITLISTED) == attempts - 10
