"""What registration answers to other capabilities: its receivers of the signals of
eventapp.signals (other capabilities may not import this package). Connected when the registration
views are imported.

- registration_asked: the registration of a personal link, or of an e-mail in an event
- remote_attendance_asked: whether a registration receives the rooms' video links
- attendance_by_day_asked: the confirmed in-person attendance of each day (agendas' conflicts)
- participation_asked: registered, confirmed and attended, and the figures of the confirmed
  registrations, for the outcome summary
- assembly_attendance_asked: a general assembly's members present against the roll (minutes)
- edition_copied, day_in_use_asked: in editions.py (a new edition; may a day be removed)
- speaking_asked: in speaking.py (a participant's days, attendance and sign-up for a session)
"""

from __future__ import annotations

from eventapp import signals
from eventapp.extensions import db
from eventapp.members.participants import category_label
from eventapp.registration import (
    editions,  # noqa: F401  (its receivers: edition_copied, day_in_use_asked)
    speaking,  # noqa: F401  (its receiver: speaking_asked)
)
from eventapp.registration.assembly import minutes_attendance
from eventapp.registration.figures import (
    attendance_by_day,
    attended_count,
    report_organisations,
    statistics,
)
from eventapp.registration.links import (
    confirmed_registration,
    joins_remotely,
    registration_by_email,
    registration_for_token,
)
from eventapp.registration.models import Mode, Registration, Status
from eventapp.registration.session_signups import (
    current_signups,
    places_by_session,
    promote,
    signup_sessions,
    waiting_position,
)


@signals.session_places_changed.connect
def _session_places_changed(session, **_kwargs):
    promote(session)


@signals.session_signups_asked.connect
def _session_signups(event, **_kwargs):
    return {
        session_id: {
            "places": figures.places,
            "confirmed": figures.confirmed,
            "remote": figures.remote,
            "waitlisted": figures.waitlisted,
            "left": figures.left,
        }
        for session_id, figures in places_by_session(signup_sessions(event)).items()
    }


@signals.personal_signups_asked.connect
def _personal_signups(event, *, registration_id, **_kwargs):
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        return {}
    return {
        session_id: {"status": signup.status.value, "position": waiting_position(signup)}
        for session_id, signup in current_signups(registration).items()
    }


@signals.registration_asked.connect
def _registration(event, *, token=None, email=None, confirmed=False, **_kwargs):
    if token is not None:
        return registration_for_token(token)
    if confirmed:
        return confirmed_registration(event, email)
    return registration_by_email(event, email)


@signals.remote_attendance_asked.connect
def _remote_attendance(registration, **_kwargs) -> bool:
    return joins_remotely(registration)


@signals.attendance_by_day_asked.connect
def _attendance_by_day(event, **_kwargs) -> dict[int, int]:
    # Only those in the room count against its capacity.
    return {row["day_id"]: row["in_person"] for row in attendance_by_day(event)}


@signals.participation_asked.connect
def _participation(event, **_kwargs) -> dict:
    stats = statistics(event)
    # Only organisations of people who agreed to be named at least by their organisation.
    names = [str(name) for name in report_organisations(event) if name]
    by_mode = {mode: int(count) for mode, count in stats["by_mode"].items()}
    by_status = stats["by_status"]
    return {
        "organisations": int(stats["organisations"] or len(names)),
        "participants": sum(by_mode.values()),
        "registered": int(stats["total"] - by_status[Status.CANCELLED]),
        "confirmed": int(by_status[Status.CONFIRMED]),
        "attended": attended_count(event),
        "in_person": by_mode.get(Mode.IN_PERSON, 0),
        "remote": by_mode.get(Mode.REMOTE, 0),
        "by_category": [
            {"label": category_label(event, code), "count": int(count)}
            for code, count in stats["by_category"].items()
            if int(count)
        ],
        "organisation_names": names,
    }


@signals.assembly_attendance_asked.connect
def _assembly_attendance(event, **_kwargs) -> dict | None:
    return minutes_attendance(event)
