"""Check-in at a session's door: presence in the session (SessionAttendance, at the door), and
the day's check-in when the person had not been checked in at the event's door yet."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.registration import checkin
from eventapp.registration.models import (
    Attendance,
    Registration,
    SessionAttendance,
    SessionSignup,
    SignupStatus,
)
from eventapp.registration.session_signups import places_by_session
from eventapp.reports.text import isolate
from eventapp.sessions.models import EventSession


def _signed_up(registration: Registration, session: EventSession) -> bool:
    return bool(
        db.session.scalar(
            select(SessionSignup.id).where(
                SessionSignup.session_id == session.id,
                SessionSignup.registration_id == registration.id,
                SessionSignup.status == SignupStatus.CONFIRMED,
            )
        )
    )


def present_count(session: EventSession) -> int:
    return (
        db.session.scalar(
            select(func.count(SessionAttendance.id)).where(
                SessionAttendance.session_id == session.id,
                SessionAttendance.how == Attendance.DOOR,
            )
        )
        or 0
    )


def may_admit_anyway(session: EventSession) -> bool:
    """An organiser may let in someone not signed up while the room has places left."""
    if session.places is None:
        return True
    figures = places_by_session([session]).get(session.id)
    taken = figures.confirmed if figures else 0
    return max(taken, present_count(session)) < session.places


def check_in_session(
    registration: Registration, session: EventSession, user=None, *, admit=False
) -> tuple[SessionAttendance, bool]:
    """Record the person at the session's door; returns (attendance, True if already there).

    For a session that requires sign-up, only those with a place come in, unless an organiser
    admits them (`admit`) while places remain."""
    if registration.event_id != session.event_id:
        raise DomainError(_("This code is not a registration of this event."))
    existing = db.session.scalar(
        select(SessionAttendance).where(
            SessionAttendance.session_id == session.id,
            SessionAttendance.registration_id == registration.id,
        )
    )
    if existing is not None:
        return existing, True
    if session.signup_required and not _signed_up(registration, session):
        if not admit:
            raise DomainError(
                _(
                    "%(name)s has no place in this session (it requires sign-up).",
                    name=isolate(registration.name),
                )
            )
        if not may_admit_anyway(session):
            raise DomainError(_("The session is full: nobody can be admitted without a place."))
    # The day's check-in too (refuses a person not confirmed or not registered for the day).
    checkin.check_in(registration, session.day, user)
    attendance = SessionAttendance(
        session_id=session.id,
        registration_id=registration.id,
        how=Attendance.DOOR,
        by_user_id=getattr(user, "id", None),
    )
    try:
        with db.session.begin_nested():
            db.session.add(attendance)
    except IntegrityError:  # scanned at two doors at once
        existing = db.session.scalar(
            select(SessionAttendance).where(
                SessionAttendance.session_id == session.id,
                SessionAttendance.registration_id == registration.id,
            )
        )
        return existing, True
    return attendance, False


def door_figures(session: EventSession) -> dict:
    figures = places_by_session([session]).get(session.id)
    return {
        "present": present_count(session),
        "signed_up": figures.confirmed + figures.remote if figures else None,
        "places": session.places if session.signup_required else None,
        "room_capacity": session.room.capacity if session.room else None,
    }
