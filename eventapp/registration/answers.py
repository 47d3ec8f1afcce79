"""What registration answers to other capabilities: its receivers of the signals of
eventapp.signals (interventions and outcomes may not import this package). Connected when the
registration views are imported.

- registration_asked: the registration of a personal link, or of an e-mail in an event
- remote_attendance_asked: whether a registration receives the rooms' video links
- participation_asked: the figures of the confirmed registrations, for the outcome summary
"""

from __future__ import annotations

from eventapp import signals
from eventapp.registration.models import Mode
from eventapp.registration.services import (
    confirmed_registration,
    joins_remotely,
    registration_by_email,
    registration_for_token,
    report_organisations,
    statistics,
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


@signals.participation_asked.connect
def _participation(event, **_kwargs) -> dict:
    stats = statistics(event)
    # Only organisations of people who agreed to be named at least by their organisation.
    names = [str(name) for name in report_organisations(event) if name]
    by_mode = {mode: int(count) for mode, count in stats["by_mode"].items()}
    return {
        "organisations": int(stats["organisations"] or len(names)),
        "participants": sum(by_mode.values()),
        "in_person": by_mode.get(Mode.IN_PERSON, 0),
        "remote": by_mode.get(Mode.REMOTE, 0),
        "by_category": [
            {"label": str(category.label), "count": int(count)}
            for category, count in stats["by_category"].items()
            if int(count)
        ],
        "organisation_names": names,
    }
