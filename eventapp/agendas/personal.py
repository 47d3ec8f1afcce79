"""Personal agendas: the sessions a participant starred."""

from __future__ import annotations

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


def set_star(event, participant_key: str, session_id: int, starred: bool) -> None:
    """Star or unstar one of the event's sessions (idempotent)."""
    session = db.session.get(EventSession, session_id)
    if session is None or session.event_id != event.id:
        from flask_babel import gettext as _

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
