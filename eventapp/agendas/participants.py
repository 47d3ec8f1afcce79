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
    name = getattr(registration, "display_name", None) or getattr(registration, "name", "") or ""
    return Participant(key=str(registration.id), name=str(name), token=token)


def attendance_by_day(event) -> dict[int, int] | None:
    """Registered in-person attendance per EventDay id, or None where registration is absent."""
    services = _registration_services()
    counter = getattr(services, "attendance_by_day", None)
    if counter is None:
        return None
    figures = counter(event) or {}
    by_date = {day.date: day.id for day in event.days}
    result: dict[int, int] = {}
    for key, count in figures.items():
        # Accept day ids, EventDay rows or dates as keys.
        day_id = getattr(key, "id", None) or by_date.get(key) or key
        if isinstance(day_id, int):
            result[day_id] = int(count if isinstance(count, int) else _in_person(count))
    return result


def _in_person(value) -> int:
    if isinstance(value, dict):
        return int(value.get("in_person", value.get("total", 0)))
    return int(getattr(value, "in_person", getattr(value, "total", 0)))
