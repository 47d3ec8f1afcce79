"""Accounts and role assignment, shared by views and CLI."""

from __future__ import annotations

from sqlalchemy import func, select

from eventapp.auth.models import EventRole, EventRoleKind, User
from eventapp.extensions import db


class AccountError(ValueError):
    pass


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(email: str, name: str, password: str, *, is_admin: bool = False) -> User:
    from flask_babel import gettext as _

    email = email.strip().lower()
    if find_user(email):
        raise AccountError(_("An account with this e-mail already exists."))
    if len(password) < 8:
        raise AccountError(_("The password must have at least 8 characters."))
    user = User(email=email, name=name.strip(), is_admin=is_admin)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def grant_role(user: User, event, role: EventRoleKind, session=None) -> EventRole:
    """Give a role once; asking again returns the existing grant."""
    session_id = session.id if session is not None else None
    existing = db.session.scalar(
        select(EventRole).where(
            EventRole.user_id == user.id,
            EventRole.event_id == event.id,
            EventRole.role == role,
            EventRole.session_id.is_(None)
            if session_id is None
            else EventRole.session_id == session_id,
        )
    )
    if existing:
        return existing
    grant = EventRole(user=user, event_id=event.id, role=role, session_id=session_id)
    db.session.add(grant)
    db.session.flush()
    return grant


def session_assignments(user) -> list[EventRole]:
    """The sessions a user facilitates or reports on, with their events, in time order."""
    from sqlalchemy.orm import joinedload

    from eventapp.events.models import EventDay
    from eventapp.sessions.models import EventSession

    return db.session.scalars(
        select(EventRole)
        .where(EventRole.user_id == user.id, EventRole.session_id.is_not(None))
        .join(EventRole.session)
        .join(EventSession.day)
        .options(
            joinedload(EventRole.session).joinedload(EventSession.day),
            joinedload(EventRole.event),
        )
        .order_by(EventDay.date.desc(), EventSession.start_time)
    ).all()


def event_team(event) -> list[EventRole]:
    return db.session.scalars(
        select(EventRole)
        .where(EventRole.event_id == event.id)
        .join(EventRole.user)
        .order_by(EventRole.role, User.name)
    ).all()
