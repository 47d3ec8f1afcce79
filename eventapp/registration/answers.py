"""What registration answers to other capabilities: its receivers of the signals of
eventapp.signals (other capabilities may not import this package). Connected when the registration
views are imported.

- registration_asked: the registration of a personal link, or of an e-mail in an event
- remote_attendance_asked: whether a registration receives the rooms' video links
- attendance_by_day_asked: the confirmed in-person attendance of each day (agendas' conflicts)
"""

from __future__ import annotations

from eventapp import signals
from eventapp.registration.figures import attendance_by_day
from eventapp.registration.links import (
    confirmed_registration,
    joins_remotely,
    registration_by_email,
    registration_for_token,
)


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
