"""Sessions a participant starred for their personal agenda."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from eventapp.common import utcnow
from eventapp.extensions import db


class AgendaStar(db.Model):
    """One starred session. `participant_key` is the registration's id (as text) so this table
    needs no foreign key to registration; a participant is only ever found through their
    personal link (see participants.py)."""

    __tablename__ = "agenda_stars"
    __table_args__ = (
        sa.UniqueConstraint("session_id", "participant_key", name="uq_agenda_stars"),
        sa.Index("ix_agenda_stars_event_participant", "event_id", "participant_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"))
    participant_key: Mapped[str] = mapped_column(sa.String(80))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
