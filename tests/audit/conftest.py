"""Helpers for the audit trail's tests: the entries the database holds."""

from __future__ import annotations

from sqlalchemy import select

from eventapp.audit.models import AuditEntry
from eventapp.extensions import db
from tests.registration.conftest import open_event  # noqa: F401  (a fixture of these tests)


def entries(entity_type=None, action=None, **where) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id)
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    if action:
        query = query.where(AuditEntry.action == action)
    for key, value in where.items():
        query = query.where(getattr(AuditEntry, key) == value)
    return list(db.session.scalars(query))


def only(entity_type, action, **where) -> AuditEntry:
    found = entries(entity_type, action, **where)
    assert len(found) == 1, [(e.entity_type, e.action, e.changes) for e in entries()]
    return found[0]


def count() -> int:
    return len(entries())


def forget() -> None:
    """Start the test's trail empty (what the fixtures wrote is not the test's subject)."""
    db.session.execute(AuditEntry.__table__.delete())
    db.session.commit()
