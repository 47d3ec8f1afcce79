"""What an organiser should fix before the agenda goes out: people in two places at once,
rooms booked twice, and days whose registered attendance outgrows a session's room.

A session that requires sign-up is measured by its own confirmed in-person sign-ups (against
its places and its room), not by the day's attendance: its place count is what comes."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventapp.agendas.participants import attendance_by_day, session_signups
from eventapp.sessions.models import EventSession
from eventapp.sessions.services import person_clashes, timetable


@dataclass(frozen=True)
class RoomClash:
    room_name: str
    first: EventSession
    second: EventSession


@dataclass(frozen=True)
class OverCapacity:
    session: EventSession
    capacity: int
    attendance: int

    @property
    def excess(self) -> int:
        return self.attendance - self.capacity


@dataclass(frozen=True)
class SignupFigures:
    """A session that requires sign-up: its confirmed in-person sign-ups, its remote ones and
    its waiting list, against its places and its room's capacity."""

    session: EventSession
    places: int | None
    confirmed: int
    remote: int
    waitlisted: int

    @property
    def room_capacity(self) -> int | None:
        return self.session.room.capacity if self.session.room else None

    @property
    def over(self) -> bool:
        """More confirmed than the room holds (places set above the room, or organisers'
        additions)."""
        return self.room_capacity is not None and self.confirmed > self.room_capacity


@dataclass
class Conflicts:
    people: list = field(default_factory=list)
    rooms: list[RoomClash] = field(default_factory=list)
    capacity: list[OverCapacity] = field(default_factory=list)
    signups: list[SignupFigures] = field(default_factory=list)
    attendance_known: bool = False

    @property
    def count(self) -> int:
        over = sum(1 for s in self.signups if s.over)
        return len(self.people) + len(self.rooms) + len(self.capacity) + over


def room_clashes(sessions: list[EventSession]) -> list[RoomClash]:
    clashes = []
    by_room_day: dict[tuple[int, int], list[EventSession]] = {}
    for s in sessions:
        if s.room_id is not None:
            by_room_day.setdefault((s.room_id, s.day_id), []).append(s)
    for group in by_room_day.values():
        group.sort(key=lambda s: (s.start_time, s.id))
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if second.start_time >= first.end_time:
                    break
                clashes.append(RoomClash(first.room.label, first, second))
    return clashes


def over_capacity(sessions: list[EventSession], attendance: dict[int, int]) -> list[OverCapacity]:
    """In-person attendance of a session's day above its room's capacity (breaks excepted)."""
    found = []
    for s in sessions:
        if s.room is None or not s.room.capacity or s.kind.value == "break":
            continue
        if s.signup_required:  # measured by its sign-ups (signup_figures)
            continue
        count = attendance.get(s.day_id, 0)
        if count > s.room.capacity:
            found.append(OverCapacity(s, s.room.capacity, count))
    return found


def signup_figures(sessions: list[EventSession], counts: dict) -> list[SignupFigures]:
    found = []
    for s in sessions:
        if not s.signup_required:
            continue
        c = counts.get(s.id) or {}
        found.append(
            SignupFigures(
                s, s.places, c.get("confirmed", 0), c.get("remote", 0), c.get("waitlisted", 0)
            )
        )
    return found


def event_conflicts(event) -> Conflicts:
    sessions = timetable(event)
    attendance = attendance_by_day(event)
    counts = session_signups(event)
    return Conflicts(
        people=person_clashes(sessions),
        rooms=room_clashes(sessions),
        capacity=over_capacity(sessions, attendance) if attendance is not None else [],
        signups=signup_figures(sessions, counts) if counts is not None else [],
        attendance_known=attendance is not None,
    )
