"""Whether a registered participant may speak in a session, as registration knows it: the
days they registered for, how they attend, and their sign-up for the session. Interventions
asks (eventapp.signals.speaking_asked) and decides which ways of speaking to offer."""

from __future__ import annotations

from sqlalchemy import select

from eventapp import signals
from eventapp.extensions import db
from eventapp.registration.links import confirmed_registration, joins_remotely
from eventapp.registration.models import (
    Mode,
    Registration,
    SessionSignup,
    SignupStatus,
    Status,
)
from eventapp.registration.settings import day_label


def _registration(session, email: str | None, registration_id: int | None):
    event = session.event
    if registration_id:
        found = db.session.get(Registration, registration_id)
        if found is not None and found.event_id == event.id:
            return found if found.status == Status.CONFIRMED else None
    return confirmed_registration(event, email) if email else None


def speaking_facts(session, email: str | None = None, registration_id: int | None = None):
    """The facts of speaking_asked for this participant and session, or None."""
    registration = _registration(session, email, registration_id)
    if registration is None:
        return None
    day_ids = {d.id for d in registration.days}
    signed_up = db.session.scalar(
        select(SessionSignup.id).where(
            SessionSignup.session_id == session.id,
            SessionSignup.registration_id == registration.id,
            SessionSignup.status == SignupStatus.CONFIRMED,
        )
    )
    return {
        # A registration kept without days (made before days were asked) attends them all.
        "on_day": not day_ids or session.day_id in day_ids,
        "days": [day_label(d) for d in registration.days],
        "in_person": registration.mode == Mode.IN_PERSON,
        "remote": joins_remotely(registration),
        "signed_up": signed_up is not None,
    }


@signals.speaking_asked.connect
def _speaking(session, *, email=None, registration_id=None, **_kwargs):
    return speaking_facts(session, email, registration_id)
