"""A general assembly seen from the door: who checked in, counted against the organiser's
voting roll (eventapp.events.assembly), for the check-in page and, through the signal
assembly_attendance_asked, for the minutes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.events import assembly
from eventapp.events.models import Event, EventDay
from eventapp.extensions import db
from eventapp.people import Audience, shown
from eventapp.registration.models import CheckIn, Registration


def _checked_in(event: Event, day: EventDay | None = None) -> list[Registration]:
    """Registrations checked in (on ``day``, or on any day), not erased."""
    attended = select(CheckIn.registration_id)
    if day is not None:
        attended = attended.where(CheckIn.day_id == day.id)
    return db.session.scalars(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.id.in_(attended))
        .where(Registration.email.is_not(None))
        .options(selectinload(Registration.organisation))
    ).all()


def door_attendance(event: Event, day: EventDay) -> assembly.Attendance | None:
    """Members present on that day against the roll; None when not a general assembly."""
    if assembly.assembly_of(event) is None:
        return None
    return assembly.attendance(event, [r.email for r in _checked_in(event, day)])


def minutes_attendance(event: Event) -> dict | None:
    """The answer to assembly_attendance_asked: present (checked in on any day) against the
    roll, and the members present as a published report may name them."""
    if assembly.assembly_of(event) is None:
        return None
    registrations = _checked_in(event)
    figures = assembly.attendance(event, [r.email for r in registrations])
    member_emails = {m.person.email.lower() for m in figures.present_members}
    names, unnamed, others = [], 0, 0
    for r in registrations:
        if r.email.lower() not in member_emails:
            others += 1
            continue
        person = shown(r.name, r.organisation_label, Audience.PUBLIC, naming=r.report_naming)
        if person.anonymous:
            unnamed += 1
        else:
            names.append(str(person))
    return {
        "present": figures.present,
        "members": figures.members,
        "quorum": figures.quorum,
        "reached": figures.reached,
        "text": figures.text(event),
        "names": sorted(names),
        "unnamed": unnamed,
        "others": others,
    }
