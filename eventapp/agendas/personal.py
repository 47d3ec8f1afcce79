"""Personal agendas: the sessions a participant starred."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, select

from eventapp.agendas.models import AgendaStar
from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.sessions.models import EventSession


def starred_ids(event, participant_key: str) -> set[int]:
    return set(
        db.session.scalars(
            select(AgendaStar.session_id).where(
                AgendaStar.event_id == event.id, AgendaStar.participant_key == participant_key
            )
        )
    )


def _stars(event, participant_key: str):
    return select(AgendaStar).where(
        AgendaStar.event_id == event.id, AgendaStar.participant_key == participant_key
    )


def starred_sessions(event, participant_key: str) -> list[dict]:
    """The participant's stars as plain data, for the download of their data."""
    return [
        {"session_id": star.session_id, "starred_at": star.created_at.isoformat() + "Z"}
        for star in db.session.scalars(_stars(event, participant_key))
    ]


def erase_stars(event, participant_key: str) -> None:
    """The participant erased their data: their stars go with it."""
    for star in db.session.scalars(_stars(event, participant_key)).all():
        db.session.delete(star)


def set_star(event, participant_key: str, session_id: int, starred: bool) -> None:
    """Star or unstar one of the event's sessions (idempotent)."""
    session = db.session.get(EventSession, session_id)
    if session is None or session.event_id != event.id:
        raise DomainError(_("This session is not part of the event."), "session_id")
    exists = db.session.scalar(
        select(AgendaStar.id).where(
            AgendaStar.session_id == session_id, AgendaStar.participant_key == participant_key
        )
    )
    if starred and not exists:
        db.session.add(
            AgendaStar(event_id=event.id, session_id=session_id, participant_key=participant_key)
        )
    elif not starred and exists:
        db.session.execute(delete(AgendaStar).where(AgendaStar.id == exists))
    db.session.flush()
