"""The organisers' translation checklist of an event: every text partners read that has its
Arabic but not yet its English (and, for the event's own texts, the reverse), grouped as the
organiser's screens are, each with the form where it is translated.

A registry of groups: each names a function listing the group's missing translations and one
counting its texts. The outcome texts are eventapp.outcomes.translations.missing_translations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from eventapp.events.models import Event, EventDay, EventGoal
from eventapp.i18n import event_date
from eventapp.outcomes import translations
from eventapp.outcomes.bilingual import Missing, Source, check_sources, summed
from eventapp.outcomes.translations import OUTCOME_SOURCES
from eventapp.sessions.models import EventSession, Room

EVENT_SOURCES = (
    Source(
        "event",
        Event,
        (
            ("title", _l("Title")),
            ("description", _l("Description")),
            ("venue", _l("Venue")),
            ("city", _l("City")),
        ),
        lambda event: Event.id == event.id,
        lambda event, row: url_for("events.edit_event", event_id=event.id),
        both_ways=True,
    ),
)
DAY_SOURCES = (
    Source(
        "days",
        EventDay,
        (("title", _l("Title of the day")),),
        lambda event: EventDay.event_id == event.id,
        lambda event, row: url_for("events.edit_day", event_id=event.id, day_id=row.id),
        lambda event, row: event_date(row.date, event),
        order=(EventDay.date,),
    ),
)
ROOM_SOURCES = (
    Source(
        "rooms",
        Room,
        (("name", _l("Room name")),),
        lambda event: Room.event_id == event.id,
        lambda event, row: url_for("sessions.edit_room", event_id=event.id, room_id=row.id),
        order=(Room.name,),
    ),
)
SESSION_SOURCES = (
    Source(
        "sessions",
        EventSession,
        (("title", _l("Session title")), ("description", _l("Session description"))),
        lambda event: EventSession.event_id == event.id,
        lambda event, row: url_for("sessions.edit_session", session_id=row.id),
        lambda event, row: f"{event_date(row.day.date, event, 'medium')} · {row.title}",
        order=(EventSession.day_id, EventSession.start_time),
        options=(joinedload(EventSession.day),),
    ),
)
GOAL_SOURCES = (
    Source(
        "goals",
        EventGoal,
        (("text", _l("Objective or output")),),
        lambda event: EventGoal.event_id == event.id,
        lambda event, row: url_for("events.edit_goal", event_id=event.id, goal_id=row.id),
        lambda event, row: row.kind.label,
        order=(EventGoal.kind, EventGoal.position),
    ),
)


@dataclass(frozen=True)
class Group:
    key: str
    label: object
    sources: tuple[Source, ...]  # also what the badge's single count query reads
    check: Callable | None = None  # event -> (missing, how many texts); default: the sources'

    def run(self, event) -> tuple[list[Missing], int]:
        if self.check is not None:
            return self.check(event)
        return check_sources(event, self.sources)


def _outcomes(event) -> tuple[list[Missing], int]:
    return translations.missing_translations(event), translations.outcome_text_count(event)


GROUPS: tuple[Group, ...] = (
    Group("event", _l("Event"), EVENT_SOURCES),
    Group("days", _l("Days"), DAY_SOURCES),
    Group("rooms", _l("Rooms"), ROOM_SOURCES),
    Group("sessions", _l("Sessions"), SESSION_SOURCES),
    Group("goals", _l("Objectives and outputs"), GOAL_SOURCES),
    Group(
        "outcomes",
        _l("Outcomes"),
        OUTCOME_SOURCES,
        _outcomes,
    ),
)


@dataclass
class GroupResult:
    key: str
    label: str
    total: int
    missing: list[Missing] = field(default_factory=list)


def _lacks(missing) -> str:
    return getattr(missing, "language", "en")  # an outcome text's list may not say: English


@dataclass
class Checklist:
    groups: list[GroupResult]

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)

    @property
    def lacking_english(self) -> int:
        return sum(1 for g in self.groups for m in g.missing if _lacks(m) == "en")

    @property
    def lacking_arabic(self) -> int:
        return sum(1 for g in self.groups for m in g.missing if _lacks(m) == "ar")

    @property
    def missing(self) -> int:
        return sum(len(g.missing) for g in self.groups)


def checklist(event) -> Checklist:
    """Every group with its missing translations and how many texts it has."""
    groups = []
    for group in GROUPS:
        missing, total = group.run(event)
        groups.append(GroupResult(group.key, str(group.label), total, missing))
    return Checklist(groups)


def missing_count(event) -> int:
    """How many texts of the event lack a translation, for the tab's badge: one query."""
    return summed([c for g in GROUPS for s in g.sources for c in s.count_clauses(event)])


__all__ = ["GROUPS", "Checklist", "Missing", "checklist", "missing_count"]
