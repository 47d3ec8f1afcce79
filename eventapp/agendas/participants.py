"""The bridge to registration: who holds a personal link, and how many attend each day.

Participants have no accounts. Registration gives each one a signed personal link token;
these two functions are the only places the agenda asks registration anything, so the
agenda works (without personal agendas or attendance figures) where registration is absent.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Participant:
    key: str  # stored in agenda_stars.participant_key
    name: str
    token: str
    joins_remotely: bool = False  # receives the rooms' video links (may_join_remotely)


def _registration_services():
    try:
        return importlib.import_module("eventapp.registration.services")
    except ModuleNotFoundError:
        return None


def participant_for_token(event, token: str) -> Participant | None:
    """The registered participant of `event` holding the personal link `token`, else None."""
    services = _registration_services()
    finder = getattr(services, "registration_for_token", None)
    if finder is None or not token:
        return None
    registration = finder(token)
    if registration is None or getattr(registration, "event_id", None) != event.id:
        return None
    from eventapp.i18n import localized

    joins = getattr(services, "joins_remotely", None)
    return Participant(
        key=str(registration.id),
        name=localized(registration, "name"),
        token=token,
        joins_remotely=bool(joins and joins(registration)),
    )


def attendance_by_day(event) -> dict[int, int] | None:
    """Registered in-person attendance per EventDay id, or None where registration is absent."""
    services = _registration_services()
    counter = getattr(services, "attendance_by_day", None)
    if counter is None:
        return None
    # registration gives one dict per day: {"day_id", "in_person", "remote", ...}; only those
    # in the room count against its capacity.
    return {row["day_id"]: int(row["in_person"]) for row in counter(event) or []}
