"""Rooms, sessions and the timetable's rules: shared by views, API and CLI.

The sessions sit below the events (eventapp.events imports them, never the reverse): an
`event` or `day` here is an eventapp.events Event or EventDay, reached through its relationships
(`event.days`, `event.rooms`, `session.day`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from eventapp import signals
from eventapp.common import DomainError, move_in_list
from eventapp.extensions import db
from eventapp.i18n import current_language, format_clock
from eventapp.sessions.models import (
    LANGUAGES,
    EventSession,
    Room,
    SessionChannel,
    SessionKind,
    SessionPerson,
    SessionRoleKind,
)
from eventapp.speakers.models import Person

SESSION_TEXT_FIELDS = (
    "title_ar",
    "title_en",
    "description_ar",
    "description_en",
    "guiding_question_ar",
    "guiding_question_en",
)


def _clean(value):
    return (value.strip() or None) if isinstance(value, str) else value


# Rooms


def save_room(event, room: Room | None, data: dict) -> Room:
    name = data["name"].strip()
    clash = db.session.scalar(
        select(Room.id).where(
            Room.event_id == event.id, Room.name == name, Room.id != (room.id if room else -1)
        )
    )
    if clash:
        raise DomainError(_("This event already has a room with this name."), "name")
    name_en = _clean(data.get("name_en"))
    if name_en and db.session.scalar(
        select(Room.id).where(
            Room.event_id == event.id,
            func.lower(Room.name_en) == name_en.lower(),
            Room.id != (room.id if room else -1),
        )
    ):
        raise DomainError(_("This event already has a room with this English name."), "name_en")
    room = room or Room(event=event)
    room.name = name
    room.name_en = name_en
    room.capacity = data.get("capacity")
    room.video_link = _clean(data.get("video_link"))
    db.session.add(room)
    db.session.flush()
    for session in db.session.scalars(
        select(EventSession).where(
            EventSession.room_id == room.id,
            EventSession.signup_required.is_(True),
            EventSession.signup_capacity.is_(None),
        )
    ):
        signals.session_places_changed.send(session)  # the room's places are the session's
    return room


# Video links: for the event's staff and its remote participants only (see
# auth.permissions.can_see_video_links and may_join_remotely); never in a public output.


def room_video_links(event) -> list[tuple[str, str]]:
    """(room name in the reader's language, video link) of the event's rooms that have one,
    by name: one query."""
    english = current_language() == "en"
    return [
        ((name_en or name) if english else name, link)
        for name, name_en, link in db.session.execute(
            select(Room.name, Room.name_en, Room.video_link)
            .where(Room.event_id == event.id, Room.video_link.is_not(None))
            .order_by(Room.name)
        )
        if link
    ]


def session_video_links(event) -> dict[int, str]:
    """{session id: its joining link} for the event's sessions that have one: the session's
    own link, else its room's (a session's own link replaces the room's): one query."""
    return {
        session_id: own or room_link
        for session_id, own, room_link in db.session.execute(
            select(EventSession.id, EventSession.video_link, Room.video_link)
            .outerjoin(Room, EventSession.room_id == Room.id)
            .where(
                EventSession.event_id == event.id,
                or_(EventSession.video_link.is_not(None), Room.video_link.is_not(None)),
            )
        )
        if own or room_link
    }


def delete_room(room: Room) -> None:
    db.session.delete(room)
    db.session.flush()


# Sessions


def _check_placement(
    event,
    day,
    start: dt.time,
    end: dt.time,
    room_id: int | None,
    session_id: int | None,
) -> None:
    if day is None:
        raise DomainError(_("Choose one of the event's days."), "day_id")
    if end <= start:
        raise DomainError(_("The session must end after it starts."), "end_time")
    if room_id is None:
        return
    clash = db.session.scalar(
        select(EventSession).where(
            EventSession.day_id == day.id,
            EventSession.room_id == room_id,
            EventSession.id != (session_id or -1),
            EventSession.start_time < end,
            EventSession.end_time > start,
        )
    )
    if clash:
        raise DomainError(
            _(
                "The room is already taken from %(start)s to %(end)s by “%(title)s”.",
                start=format_clock(clash.start_time),
                end=format_clock(clash.end_time),
                title=clash.title,
            ),
            "start_time",
        )


def _room_in_event(event, room_id: int | None) -> int | None:
    if not room_id:
        return None
    room = db.session.get(Room, room_id)
    if room is None or room.event_id != event.id:
        raise DomainError(_("Choose one of the event's rooms."), "room_id")
    return room.id


def _day_of(event, day_id: int | None):
    """The event's day of this id, or None (a day of another event is none of its days)."""
    return next((day for day in event.days if day.id == day_id), None)


def save_session(event, session: EventSession | None, data: dict) -> EventSession:
    """Create or update a session; refuses a room double-booking or a day outside the event."""
    day = _day_of(event, data.get("day_id"))
    room_id = _room_in_event(event, data.get("room_id"))
    start, end = data["start_time"], data["end_time"]
    _check_placement(event, day, start, end, room_id, session.id if session else None)
    session = session or EventSession(event=event)
    session.day = day
    session.room_id = room_id
    session.start_time, session.end_time = start, end
    session.kind = SessionKind(data["kind"])
    for field in SESSION_TEXT_FIELDS:
        setattr(session, field, _clean(data.get(field)))
    if "signup_required" in data:
        session.signup_required = bool(data["signup_required"])
        session.signup_capacity = data.get("signup_capacity") or None
    if "video_link" in data:
        session.video_link = _clean(data.get("video_link"))
    if "channels" in data:
        _save_channels(session, data["channels"])
    db.session.add(session)
    db.session.flush()
    if session.signup_required:
        # More places (or sign-up newly required): those waiting move up at once.
        signals.session_places_changed.send(session)
    return session


def _save_channels(session: EventSession, rows) -> None:
    """The session's languages as given: rows without a language are dropped; a language
    given twice is refused (the form says so first)."""
    wanted = []
    for row in rows:
        language = (row.get("language") or "").strip()
        if not language:
            continue
        if language not in LANGUAGES:
            raise DomainError(_("Choose one of the languages."), "channels")
        if any(language == w[0] for w in wanted):
            raise DomainError(_("Give each language once."), "channels")
        wanted.append((language, _clean(row.get("channel"))))
    existing = {c.language: c for c in session.channels}
    kept = []
    for position, (language, channel) in enumerate(wanted):
        entry = existing.pop(language, None) or SessionChannel(language=language)
        entry.position, entry.channel = position, channel
        kept.append(entry)
    session.channels = kept


def move_session(session: EventSession, day_id: int, start: dt.time, room_id: int | None) -> None:
    """Move a session to another day, time or room, keeping its length."""
    length = session.ends_at - session.starts_at
    end_dt = dt.datetime.combine(dt.date.min, start) + length
    if end_dt.date() != dt.date.min:
        raise DomainError(_("The session would end after midnight."), "start_time")
    event = session.event
    day = _day_of(event, day_id)
    room_id = _room_in_event(event, room_id)
    _check_placement(event, day, start, end_dt.time(), room_id, session.id)
    session.day, session.room_id = day, room_id
    session.start_time, session.end_time = start, end_dt.time()
    db.session.flush()


def delete_session(session: EventSession) -> None:
    db.session.delete(session)
    db.session.flush()


def add_person(session: EventSession, person_id: int, role: SessionRoleKind) -> SessionPerson:
    person = db.session.get(Person, person_id or 0)
    if person is None:
        raise DomainError(_("Choose a person."), "person_id")
    if any(p.person_id == person.id and p.role == role for p in session.people):
        raise DomainError(_("This person already has this role in the session."), "person_id")
    entry = SessionPerson(
        person=person,
        role=role,
        position=max((p.position for p in session.people), default=0) + 1,
    )
    session.people.append(entry)
    db.session.flush()
    return entry


def move_person(entry: SessionPerson, step: int) -> None:
    move_in_list(entry.session.people, entry, step)
    db.session.expire(entry.session, ["people"])  # reload in the new order


def remove_person(entry: SessionPerson) -> None:
    session = entry.session
    session.people.remove(entry)
    for number, other in enumerate(session.people, start=1):
        other.position = number
    db.session.flush()


# The timetable


def timetable(event) -> list[EventSession]:
    """Every session of the event with what a timetable shows, by day and time."""
    sessions = db.session.scalars(
        select(EventSession)
        .where(EventSession.event_id == event.id)
        .options(
            selectinload(EventSession.room),
            selectinload(EventSession.day),
            selectinload(EventSession.people)
            .selectinload(SessionPerson.person)
            .selectinload(Person.organisation),
        )
    ).all()
    return sorted(sessions, key=lambda s: (s.day.date, s.start_time, s.id))


@dataclass(frozen=True)
class PersonClash:
    person: Person
    first: EventSession
    second: EventSession


def person_clashes(sessions: list[EventSession]) -> list[PersonClash]:
    """People placed in two overlapping sessions: allowed, but worth a warning."""
    clashes = []
    by_day: dict[int, list[EventSession]] = {}
    for s in sessions:
        by_day.setdefault(s.day_id, []).append(s)
    for day_sessions in by_day.values():
        for i, first in enumerate(day_sessions):
            for second in day_sessions[i + 1 :]:
                if not first.overlaps(second):
                    continue
                shared = {p.person_id for p in first.people} & {p.person_id for p in second.people}
                for entry in first.people:
                    if entry.person_id in shared:
                        shared.discard(entry.person_id)
                        clashes.append(PersonClash(entry.person, first, second))
    return clashes


def sessions_by_day(event, sessions: list[EventSession]) -> list[tuple]:
    """[(day, its sessions)] for every day of the event, in order."""
    grouped = {day.id: [] for day in event.days}
    for s in sessions:
        grouped.setdefault(s.day_id, []).append(s)
    return [(day, grouped[day.id]) for day in event.days]
