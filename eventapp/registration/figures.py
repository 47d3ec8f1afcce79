"""Figures and lists for the organiser screens, the dashboard and other parts."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.members.participants import event_categories
from eventapp.people import Audience, shown
from eventapp.registration.capacity import Usage
from eventapp.registration.models import (
    Attendance,
    CheckIn,
    DayCapacity,
    ListVisibility,
    Mode,
    Registration,
    RegistrationSettings,
    ReportNaming,
    SessionAttendance,
    Status,
    registration_days,
)
from eventapp.registration.session_signups import places_by_session, signup_sessions
from eventapp.registration.settings import existing_settings, settings_for
from eventapp.speakers.models import Organisation


def attendance_by_day(event: Event, settings: RegistrationSettings | None = None) -> list[dict]:
    """Per day: confirmed in person and remote, and how many checked in."""
    confirmed = (Registration.event_id == event.id) & (Registration.status == Status.CONFIRMED)
    rows = db.session.execute(
        select(registration_days.c.day_id, Registration.mode, func.count())
        .join(Registration, Registration.id == registration_days.c.registration_id)
        .where(confirmed)
        .group_by(registration_days.c.day_id, Registration.mode)
    ).all()
    checked = dict(
        db.session.execute(
            select(CheckIn.day_id, func.count())
            .join(Registration, Registration.id == CheckIn.registration_id)
            .where(Registration.event_id == event.id)
            .group_by(CheckIn.day_id)
        ).all()
    )
    settings = settings or existing_settings(event)
    figures = []
    for day in event.days:
        in_person = sum(n for d, m, n in rows if d == day.id and m == Mode.IN_PERSON)
        remote = sum(n for d, m, n in rows if d == day.id and m == Mode.REMOTE)
        figures.append(
            {
                "day": day,
                "day_id": day.id,
                "date": day.date,
                "in_person": in_person,
                "remote": remote,
                "registered": in_person + remote,
                "capacity": settings.capacity_for_day(day.id) if settings else None,
                "checked_in": checked.get(day.id, 0),
            }
        )
    return figures


def dashboard_figures(event: Event) -> dict:
    """The figures of the event dashboard panel in one query (the dashboard's budget is
    tight): registrations by status, confirmed per day and mode, check-ins per day, day
    capacities, and whether registration is open."""

    def const(value):
        return sa.literal_column(repr(value) if isinstance(value, str) else str(value))

    base = Registration.event_id == event.id
    confirmed = base & (Registration.status == Status.CONFIRMED)
    text = sa.String(32)
    rows = db.session.execute(
        sa.union_all(
            select(const("status"), sa.cast(Registration.status, text), const(0), func.count())
            .where(base)
            .group_by(Registration.status),
            select(
                const("day"),
                sa.cast(Registration.mode, text),
                registration_days.c.day_id,
                func.count(),
            )
            .join(Registration, Registration.id == registration_days.c.registration_id)
            .where(confirmed)
            .group_by(registration_days.c.day_id, Registration.mode),
            select(const("checkin"), const(""), CheckIn.day_id, func.count())
            .join(Registration, Registration.id == CheckIn.registration_id)
            .where(base)
            .group_by(CheckIn.day_id),
            select(const("capacity"), const(""), DayCapacity.day_id, DayCapacity.capacity)
            .join(RegistrationSettings, RegistrationSettings.id == DayCapacity.settings_id)
            .where(RegistrationSettings.event_id == event.id),
            select(
                const("open"),
                const(""),
                const(0),
                sa.cast(RegistrationSettings.is_open, sa.Integer),
            ).where(RegistrationSettings.event_id == event.id),
        )
    ).all()
    by_status = {s: 0 for s in Status}
    days = {
        d.id: {
            "day": d,
            "day_id": d.id,
            "date": d.date,
            "in_person": 0,
            "remote": 0,
            "capacity": None,
            "checked_in": 0,
        }
        for d in event.days
    }
    is_open = False
    for kind, key, day_id, n in rows:
        if kind == "status":
            by_status[Status(key)] = n
        elif kind == "day" and day_id in days:
            days[day_id][key] = n
        elif kind == "checkin" and day_id in days:
            days[day_id]["checked_in"] = n
        elif kind == "capacity" and day_id in days:
            days[day_id]["capacity"] = n
        elif kind == "open":
            is_open = bool(n)
    for figures in days.values():
        figures["registered"] = figures["in_person"] + figures["remote"]
    return {"is_open": is_open, "by_status": by_status, "days": list(days.values())}


def has_public_participants(event: Event) -> bool:
    return bool(
        db.session.scalar(
            select(Registration.id)
            .where(
                Registration.event_id == event.id,
                Registration.status == Status.CONFIRMED,
                Registration.list_visibility == ListVisibility.PUBLIC,
            )
            .limit(1)
        )
    )


def attendance_by_session(event: Event) -> dict[int, int]:
    """{session id: confirmed registrants attending that session's day}."""
    per_day = {f["day_id"]: f["registered"] for f in attendance_by_day(event)}
    return {s.id: per_day.get(s.day_id, 0) for s in event.sessions}


def statistics(event: Event) -> dict:
    """The organiser's figures: by status, category, mode, day, and organisations."""
    base = Registration.event_id == event.id
    by_status = Counter(
        dict(
            db.session.execute(
                select(Registration.status, func.count()).where(base).group_by(Registration.status)
            ).all()
        )
    )
    confirmed = base & (Registration.status == Status.CONFIRMED)
    by_category = dict(
        db.session.execute(
            select(Registration.category, func.count())
            .where(confirmed)
            .group_by(Registration.category)
        ).all()
    )
    by_mode = dict(
        db.session.execute(
            select(Registration.mode, func.count()).where(confirmed).group_by(Registration.mode)
        ).all()
    )
    directory = db.session.scalar(
        select(func.count(func.distinct(Registration.organisation_id))).where(
            confirmed & Registration.organisation_id.is_not(None)
        )
    )
    typed = db.session.scalar(
        select(func.count(func.distinct(func.lower(Registration.organisation_name)))).where(
            confirmed
            & Registration.organisation_id.is_(None)
            & Registration.organisation_name.is_not(None)
        )
    )
    settings = settings_for(event)
    usage = Usage.load(settings)
    return {
        "by_status": {s: by_status.get(s, 0) for s in Status},
        # Every category of the event in its order, then any code no longer offered.
        "by_category": {
            **{c.code: by_category.get(c.code, 0) for c in event_categories(event)},
            **{code: n for code, n in sorted(by_category.items()) if n},
        },
        "by_mode": {m: by_mode.get(m, 0) for m in Mode},
        "days": attendance_by_day(event, settings),
        "organisations": (directory or 0) + (typed or 0),
        "total": sum(by_status.values()),
        "free": {m: usage.free_places(m) for m in Mode},
        "settings": settings,
        "attendance": attendance_figures(event),
    }


def attendance_figures(event: Event) -> dict:
    """Who was present, and how: per day, checked in at the door vs joined remotely; per
    session (in the programme's order), present at its door vs joined remotely. Two queries."""
    per_day = {
        (d, how): n
        for d, how, n in db.session.execute(
            select(CheckIn.day_id, CheckIn.how, func.count())
            .join(Registration, Registration.id == CheckIn.registration_id)
            .where(Registration.event_id == event.id)
            .group_by(CheckIn.day_id, CheckIn.how)
        )
    }
    per_session = {
        (s, how): n
        for s, how, n in db.session.execute(
            select(SessionAttendance.session_id, SessionAttendance.how, func.count())
            .join(Registration, Registration.id == SessionAttendance.registration_id)
            .where(Registration.event_id == event.id)
            .group_by(SessionAttendance.session_id, SessionAttendance.how)
        )
    }
    days = [
        {
            "day": day,
            "day_id": day.id,
            "door": per_day.get((day.id, Attendance.DOOR), 0),
            "joined": per_day.get((day.id, Attendance.JOINED), 0),
        }
        for day in event.days
    ]
    sessions = [
        {
            "session": session,
            "session_id": session.id,
            "door": per_session.get((session.id, Attendance.DOOR), 0),
            "joined": per_session.get((session.id, Attendance.JOINED), 0),
        }
        for session in sorted(event.sessions, key=lambda s: (s.day.date, s.start_time, s.id))
        if session.kind.value != "break"
    ]
    return {"days": days, "sessions": sessions}


def attended_count(event: Event) -> int:
    """Confirmed registrations checked in on at least one day."""
    return int(
        db.session.scalar(
            select(func.count(func.distinct(CheckIn.registration_id)))
            .join(Registration, Registration.id == CheckIn.registration_id)
            .where(Registration.event_id == event.id, Registration.status == Status.CONFIRMED)
        )
        or 0
    )


def organisations_registered(event: Event) -> list[tuple[str, str]]:
    """(filter value, name) of every organisation with a registration, for the filter list."""
    linked = db.session.scalars(
        select(Organisation).where(
            Organisation.id.in_(
                select(Registration.organisation_id).where(Registration.event_id == event.id)
            )
        )
    ).all()
    typed = db.session.scalars(
        select(func.min(Registration.organisation_name))
        .where(Registration.event_id == event.id, Registration.organisation_id.is_(None))
        .where(Registration.organisation_name.is_not(None))
        .group_by(func.lower(Registration.organisation_name))
    ).all()
    choices = [(f"o{o.id}", o.display_name) for o in linked] + [(f"t:{t}", t) for t in typed]
    return sorted(choices, key=lambda c: c[1])


def participant_list(event: Event, *, participant: bool) -> list:
    """Confirmed people who agreed to be listed to this audience (the public, or fellow
    participants), each as eventapp.people.shown decides (a Shown: name, organisation)."""
    audience = Audience.PARTICIPANTS if participant else Audience.PUBLIC
    visible = [ListVisibility.PUBLIC] + ([ListVisibility.PARTICIPANTS] if participant else [])
    registrations = db.session.scalars(
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == Status.CONFIRMED,
            Registration.list_visibility.in_(visible),
            Registration.email.is_not(None),
        )
        .options(selectinload(Registration.organisation))
        .order_by(func.coalesce(Registration.name_ar, Registration.name_en))
    ).all()
    people = (
        shown(r.name, r.organisation_label, audience, listed_to=r.list_visibility)
        for r in registrations
    )
    return [person for person in people if person is not None]


def report_organisations(event: Event) -> list[str]:
    """Organisations a published report may name: of confirmed people who agreed to be named
    by name or by organisation (anonymous participants' organisations stay out)."""
    registrations = db.session.scalars(
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == Status.CONFIRMED,
            Registration.report_naming.in_([ReportNaming.NAME, ReportNaming.ORGANISATION]),
        )
        .options(selectinload(Registration.organisation))
    ).all()
    names = {r.organisation_label for r in registrations if r.organisation_label}
    return sorted(names)


def session_signup_figures(event: Event) -> list[dict]:
    """For each session that requires sign-up, in time order: places, confirmed in person,
    confirmed remote, waiting, present at its door and joined remotely (three queries)."""
    sessions = signup_sessions(event)
    if not sessions:
        return []
    places = places_by_session(sessions)
    present = Counter()
    for session_id, how, count in db.session.execute(
        select(SessionAttendance.session_id, SessionAttendance.how, func.count())
        .where(SessionAttendance.session_id.in_([s.id for s in sessions]))
        .group_by(SessionAttendance.session_id, SessionAttendance.how)
    ):
        present[(session_id, Attendance(how))] = count
    return [
        {
            "session": s,
            "places": places[s.id].places,
            "confirmed": places[s.id].confirmed,
            "remote": places[s.id].remote,
            "waitlisted": places[s.id].waitlisted,
            "at_the_door": present[(s.id, Attendance.DOOR)],
            "joined": present[(s.id, Attendance.JOINED)],
        }
        for s in sessions
    ]
