""" "New edition from this event": a draft copy of an event, made in one transaction.

What the events layer copies: the event's own fields (new title and address), its organiser
and series, its days shifted to the new dates, rooms (not their video links: a meeting link
belongs to one occasion), sessions with their people and roles and times, partners,
objectives and expected outputs, and the team (EventRole rows, the facilitators and
rapporteurs of the copied sessions given the copies). Then `signals.edition_copied` lets each
capability copy what it owns (registration: settings, day limits, questions, invitation links
that were not issued to a person). Never copied: registrations, check-ins, interventions,
outcomes and recommendations, audit entries, personal links, content versions. The source
event is not changed (except, when asked, to join a series made from it).

The days keep their weekday pattern: they move by a whole number of weeks, the number that
brings the first day closest to the date asked for (exactly that date when it falls on the same
weekday as the source's first day). A four-Saturday training stays on four Saturdays.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp import signals
from eventapp.auth.models import EventRole, EventRoleKind
from eventapp.auth.permissions import can_manage_organisation
from eventapp.auth.services import grant_role
from eventapp.common import DomainError
from eventapp.events import series as series_services
from eventapp.events.models import (
    Event,
    EventGoal,
    EventOrganisation,
    EventStatus,
    GoalKind,
)
from eventapp.extensions import db
from eventapp.sessions.models import EventSession, Room, SessionPerson

EVENT_COPIED = (
    "kind",
    "description_ar",
    "description_en",
    "venue_ar",
    "venue_en",
    "city_ar",
    "city_en",
    "country",
    "attendance_mode",
    "timezone",
    "show_hijri",
    "use_arabic_digits",
    "organiser_id",
)
DAY_COPIED = ("title_ar", "title_en", "notes_ar", "notes_en", "venue_ar", "venue_en")
DAY_COPIED += ("city_ar", "city_en")
SESSION_COPIED = (
    "start_time",
    "end_time",
    "kind",
    "title_ar",
    "title_en",
    "description_ar",
    "description_en",
    "guiding_question_ar",
    "guiding_question_en",
)


def shift_for(source_first_day: dt.date, wanted: dt.date) -> dt.timedelta:
    """A whole number of weeks: the one that brings the first day closest to `wanted`."""
    weeks = round((wanted - source_first_day).days / 7)
    return dt.timedelta(weeks=weeks)


def defaults(source: Event) -> dict:
    """What the form proposes: a year later (52 weeks: the same weekday), the year moved on."""
    first_day = source.first_day + dt.timedelta(weeks=52)
    years = first_day.year - source.first_day.year or 1
    slug = series_services.bump_year(source.slug, years)
    if slug == source.slug:
        slug = f"{source.slug}-{first_day.year}"
    return {
        "first_day": first_day,
        "title_ar": series_services.bump_year(source.title_ar, years),
        "title_en": series_services.bump_year(source.title_en, years),
        "slug": slug[:80],
    }


def _copy(obj, fields, **values):
    return type(obj)(**{f: getattr(obj, f) for f in fields}, **values)


def copy_edition(source: Event, data: dict, user) -> tuple[Event, list[str]]:
    """The new draft edition and what was copied, as sentences (see the module's doc)."""
    wanted = data.get("first_day")
    if wanted is None:
        raise DomainError(_("Choose the first day of the new edition."), "first_day")
    proposed = defaults(source)
    slug = (data.get("slug") or proposed["slug"]).strip().lower()
    if db.session.scalar(select(Event.id).where(Event.slug == slug)):
        raise DomainError(_("Another event already uses this address."), "slug")
    shift = shift_for(source.first_day, wanted)
    if not shift:
        raise DomainError(
            _("Choose a first day at least four days away from this edition's."), "first_day"
        )
    title_ar = (data.get("title_ar") or "").strip()
    title_en = (data.get("title_en") or "").strip()
    if not title_ar and not title_en:
        title_ar, title_en = proposed["title_ar"] or "", proposed["title_en"] or ""

    if data.get("make_series") and source.series_id is None:
        source.series = series_services.series_from_event(source)  # asked for: joins it

    target = _copy(
        source,
        EVENT_COPIED,
        slug=slug,
        title_ar=title_ar or None,
        title_en=title_en or None,
        status=EventStatus.DRAFT,
        first_day=source.first_day + shift,
        last_day=source.last_day + shift,
    )
    target.series = source.series
    db.session.add(target)
    days = {}
    for day in source.days:
        days[day.id] = _copy(day, DAY_COPIED, date=day.date + shift)
        target.days.append(days[day.id])
    rooms = {
        room.id: Room(name=room.name, name_en=room.name_en, capacity=room.capacity)
        for room in source.rooms
    }
    target.rooms.extend(rooms.values())
    target.partners.extend(
        EventOrganisation(organisation_id=p.organisation_id, role=p.role, position=p.position)
        for p in source.partners
    )
    target.goals.extend(
        EventGoal(kind=g.kind, position=g.position, text_ar=g.text_ar, text_en=g.text_en)
        for g in source.goals
    )
    sessions = {}
    people = 0
    source_sessions = _sessions_of(source)  # with their people, before any copy is made
    with db.session.no_autoflush:
        for session in source_sessions:
            copy = _copy(session, SESSION_COPIED, event=target, day=days[session.day_id])
            db.session.add(copy)
            copy.room = rooms.get(session.room_id)
            copy.people = [
                SessionPerson(person_id=p.person_id, role=p.role, position=p.position)
                for p in session.people
            ]
            people += len(copy.people)
            sessions[session.id] = copy
    team = _copy_team(source, target, sessions, user)
    db.session.flush()

    lines = _lines(target, people, team)
    for _receiver, answer in signals.edition_copied.send(
        source,
        target=target,
        days={old: new.id for old, new in days.items()},
        sessions={old: new.id for old, new in sessions.items()},
    ):
        lines.extend(answer or [])
    return target, lines


def _sessions_of(event: Event) -> list[EventSession]:
    return db.session.scalars(
        select(EventSession)
        .where(EventSession.event_id == event.id)
        .options(selectinload(EventSession.people))
        .order_by(EventSession.day_id, EventSession.start_time, EventSession.id)
    ).all()


def _copy_team(source: Event, target: Event, sessions: dict, user) -> int:
    """The source's roles on the new edition; the one who copies organises it."""
    roles = db.session.scalars(select(EventRole).where(EventRole.event_id == source.id)).all()
    copied = 0
    for role in roles:
        session = sessions.get(role.session_id) if role.session_id else None
        if role.session_id and session is None:
            continue
        db.session.add(
            EventRole(user_id=role.user_id, event=target, role=role.role, session=session)
        )
        copied += 1
    organises = any(
        r.user_id == user.id and r.role == EventRoleKind.ORGANISER and r.session_id is None
        for r in roles
    )
    staff = source.organiser is not None and can_manage_organisation(user, source.organiser)
    if not organises and not staff and not user.is_admin:
        grant_role(user, target, EventRoleKind.ORGANISER)
    return copied


def _lines(target: Event, people: int, team: int) -> list[str]:
    goals = [g for g in target.goals if g.kind == GoalKind.OBJECTIVE]
    outputs = len(target.goals) - len(goals)
    counts = [
        ngettext("%(num)d day", "%(num)d days", len(target.days)),
        ngettext("%(num)d room", "%(num)d rooms", len(target.rooms)),
        ngettext("%(num)d session", "%(num)d sessions", len(target.sessions)),
        ngettext(
            "%(num)d role of a person in a session",
            "%(num)d roles of people in sessions",
            people,
        ),
        ngettext(
            "%(num)d partner organisation", "%(num)d partner organisations", len(target.partners)
        ),
        ngettext("%(num)d objective", "%(num)d objectives", len(goals)),
        ngettext("%(num)d expected output", "%(num)d expected outputs", outputs),
        ngettext("%(num)d member of the team", "%(num)d members of the team", team),
    ]
    return counts
