"""The timetable's rules, as the services enforce them for every screen, API and CLI."""

import datetime as dt

import pytest

from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.sessions import services
from eventapp.sessions.models import EventSession
from tests.factories import make_event, make_person, make_session


def _data(event, **overrides):
    data = {
        "day_id": event.days[0].id,
        "start_time": dt.time(9, 0),
        "end_time": dt.time(10, 0),
        "room_id": event.rooms[0].id,
        "kind": "panel",
        "title_ar": "جلسة",
    }
    data.update(overrides)
    return data


def test_a_session_must_end_after_it_starts(event):
    with pytest.raises(DomainError) as error:
        services.save_session(event, None, _data(event, end_time=dt.time(9, 0)))
    assert error.value.field == "end_time"


def test_a_session_lies_within_the_events_days(event):
    other = make_event(slug="other-event")
    with pytest.raises(DomainError) as error:
        services.save_session(event, None, _data(event, day_id=other.days[0].id))
    assert error.value.field == "day_id"


def test_a_room_of_another_event_is_refused(event):
    other = make_event(slug="other-event")
    with pytest.raises(DomainError) as error:
        services.save_session(event, None, _data(event, room_id=other.rooms[0].id))
    assert error.value.field == "room_id"


def test_two_sessions_in_one_room_may_not_overlap(event):
    make_session(event, title_ar="الأولى", start="09:00", end="10:00")
    with pytest.raises(DomainError) as error:
        services.save_session(
            event, None, _data(event, start_time=dt.time(9, 30), end_time=dt.time(11, 0))
        )
    assert "الأولى" in error.value.message or "“" in error.value.message
    db.session.rollback()
    assert db.session.query(EventSession).count() == 1


def test_back_to_back_sessions_and_other_rooms_are_fine(make_event):
    event = make_event(rooms=("أ", "ب"))
    make_session(event, start="09:00", end="10:00", room=0)
    make_session(event, start="10:00", end="11:00", room=0)
    make_session(event, start="09:30", end="10:30", room=1)
    make_session(event, start="09:30", end="10:30", room=None)
    assert len(event.sessions) == 4


def test_a_person_in_two_overlapping_sessions_is_a_warning_not_a_refusal(make_event):
    event = make_event(rooms=("أ", "ب"))
    speaker = make_person()
    make_session(
        event,
        title_ar="الأولى",
        start="09:00",
        end="10:00",
        room=0,
        people=[(speaker, "presenter")],
    )
    make_session(
        event,
        title_ar="الثانية",
        start="09:30",
        end="10:30",
        room=1,
        people=[(speaker, "moderator")],
    )
    make_session(
        event,
        title_ar="الثالثة",
        start="11:00",
        end="12:00",
        room=1,
        people=[(speaker, "moderator")],
    )
    clashes = services.person_clashes(services.timetable(event))
    assert [(c.person.id, c.first.title_ar, c.second.title_ar) for c in clashes] == [
        (speaker.id, "الأولى", "الثانية")
    ]


def test_moving_keeps_the_length_and_checks_the_room(make_event):
    event = make_event(days=2)
    first = make_session(event, start="09:00", end="10:30")
    second = make_session(event, start="11:00", end="12:00")
    services.move_session(second, event.days[1].id, dt.time(9, 15), event.rooms[0].id)
    assert (second.day.date, second.start_time, second.end_time) == (
        event.days[1].date,
        dt.time(9, 15),
        dt.time(10, 15),
    )
    with pytest.raises(DomainError):
        services.move_session(first, event.days[1].id, dt.time(9, 0), event.rooms[0].id)
    with pytest.raises(DomainError):
        services.move_session(first, event.days[0].id, dt.time(23, 0), event.rooms[0].id)


def test_speakers_keep_their_order(event):
    a, b, c = (make_person(f"متحدث {n}", f"Speaker {n}") for n in "أبج")
    session = make_session(event, people=[(a, "moderator"), (b, "panellist"), (c, "panellist")])
    services.move_person(session.people[2], -1)
    db.session.commit()
    db.session.refresh(session)
    assert [p.person.name_en for p in session.people] == ["Speaker أ", "Speaker ج", "Speaker ب"]
    services.remove_person(session.people[0])
    assert [p.position for p in session.people] == [1, 2]


def test_the_same_person_and_role_twice_is_refused(event):
    speaker = make_person()
    session = make_session(event, people=[(speaker, "presenter")])
    with pytest.raises(DomainError):
        services.add_person(session, speaker.id, services.SessionRoleKind.PRESENTER)


def test_the_database_refuses_a_session_ending_before_it_starts(event):
    """The rule holds even for code that skips the services (CHECK constraint)."""
    from sqlalchemy.exc import IntegrityError

    db.session.add(
        EventSession(
            event=event,
            day=event.days[0],
            kind="panel",
            start_time=dt.time(10),
            end_time=dt.time(9),
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
