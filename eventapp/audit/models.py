"""The audit trail: one row per change of a tracked record, export of personal data or
check-in. Written by `eventapp.audit.recording` in the transaction of the change."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from eventapp.common import utcnow
from eventapp.extensions import db


class AuditEntry(db.Model):
    """Who (an account, or a label: a participant's personal link, the command line, the
    system), when (UTC), what (entity type and id, action) and the changed fields as
    {field: [old, new]}. No foreign keys on purpose: the trail outlives the records and the
    accounts it names (an event deleted keeps the entry saying who deleted it)."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_event_at", "event_id", "at"),
        sa.Index("ix_audit_entries_entity", "entity_type", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor_user_id: Mapped[int | None] = mapped_column(index=True)
    actor_label: Mapped[str] = mapped_column(sa.String(32))
    event_id: Mapped[int | None]
    entity_type: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(sa.String(20))
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.action} {self.entity_type} {self.entity_id}>"


__all__ = ["AuditEntry"]
