"""The bridge to registration: who holds a personal link, and how many attend each day.

Participants have no accounts. Registration gives each one a signed personal link token;
these functions are the only places the agenda asks registration anything, through the signals
of eventapp.signals (answered by eventapp.registration.answers). Where registration is absent
nobody answers, and the agenda works without personal agendas or attendance figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventapp import signals
from eventapp.i18n import localized


@dataclass(frozen=True)
class Participant:
    key: str  # stored in agenda_stars.participant_key
    name: str
    token: str
    joins_remotely: bool = False  # receives the rooms' video links (may_join_remotely)


def participant_key(registration_id: int) -> str:
    """A registration's key in agenda_stars (no foreign key to registration's tables)."""
    return str(registration_id)


def participant_for_token(event, token: str) -> Participant | None:
    """The registered participant of `event` holding the personal link `token`, else None."""
    if not token:
        return None
    registration = signals.answer(signals.registration_asked, event, token=token)
    if registration is None or registration.event_id != event.id:
        return None
    return Participant(
        key=participant_key(registration.id),
        name=localized(registration, "name"),
        token=token,
        joins_remotely=bool(signals.answer(signals.remote_attendance_asked, registration)),
    )


def attendance_by_day(event) -> dict[int, int] | None:
    """Registered in-person attendance per EventDay id, or None where registration is absent."""
    return signals.answer(signals.attendance_by_day_asked, event)


def session_signups(event, snap: dict | None = None) -> dict | None:
    """Sign-up counts of the event's sessions that require it (no names), or None where
    registration is absent: {session id: {"places", "confirmed", "remote", "waitlisted",
    "left"}}. Given the agenda's snapshot, nothing is asked when no session requires sign-up
    (the cached agenda then costs no query more)."""
    if snap is not None and not any(
        s.get("signup_required") for d in snap["days"] for s in d["sessions"]
    ):
        return {}
    return signals.answer(signals.session_signups_asked, event)


def personal_signups(event, participant) -> dict:
    """The participant's sign-ups: {session id: {"status", "position"}}."""
    if participant is None:
        return {}
    return (
        signals.answer(signals.personal_signups_asked, event, registration_id=int(participant.key))
        or {}
    )
