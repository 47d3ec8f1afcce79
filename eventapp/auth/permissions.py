"""The one place where permissions are decided. Views call these; templates only ask them."""

from __future__ import annotations

from functools import wraps

from flask import abort, has_request_context, request
from flask_login import current_user
from sqlalchemy import select

from eventapp.auth.models import EventRole, EventRoleKind
from eventapp.extensions import db, login_manager

MANAGE = "manage"  # everything in the event: organisers (and admins)
RUN = "run"  # run a session: its facilitators, and organisers
REPORT = "report"  # write a session's outcome: its rapporteurs and facilitators, and organisers


def _roles(user) -> list[EventRole]:
    """The user's event roles, read once per request (never kept beyond it)."""
    if not has_request_context():
        return db.session.scalars(select(EventRole).where(EventRole.user_id == user.id)).all()
    cache = request.__dict__.setdefault("_multaqa_event_roles", {})
    if user.id not in cache:
        cache[user.id] = db.session.scalars(
            select(EventRole).where(EventRole.user_id == user.id)
        ).all()
    return cache[user.id]


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def can_manage_event(user, event) -> bool:
    if not _signed_in(user):
        return False
    if user.is_admin:
        return True
    return any(r.event_id == event.id and r.role == EventRoleKind.ORGANISER for r in _roles(user))


def can_act_on_session(user, session, action: str = RUN) -> bool:
    if can_manage_event(user, session.event):
        return True
    if not _signed_in(user) or action == MANAGE:
        return False
    allowed = {EventRoleKind.FACILITATOR}
    if action == REPORT:
        allowed.add(EventRoleKind.RAPPORTEUR)
    return any(r.session_id == session.id and r.role in allowed for r in _roles(user))


def can_edit_directory(user) -> bool:
    """People and organisations are shared across events: admins and any organiser edit them."""
    if not _signed_in(user):
        return False
    return user.is_admin or any(r.role == EventRoleKind.ORGANISER for r in _roles(user))


def can_create_event(user) -> bool:
    """Accounts are made by an administrator for staff, so every account may start an event."""
    return _signed_in(user)


def ensure(allowed: bool) -> None:
    """Anonymous users are sent to log in; signed-in users without the right get 403."""
    if not _signed_in(current_user):
        abort(login_manager.unauthorized())
    if not allowed:
        abort(403)


def organiser_required(view):
    """View decorator: loads `event_id` into `event`; only its organisers (and admins) pass."""

    @wraps(view)
    def wrapper(*args, event_id: int, **kwargs):
        from eventapp.events.models import Event

        if not _signed_in(current_user):
            abort(login_manager.unauthorized())
        event = db.session.get(Event, event_id) or abort(404)
        ensure(can_manage_event(current_user, event))
        return view(*args, event=event, **kwargs)

    return wrapper


def session_permission(action: str = RUN):
    """View decorator: loads `session_id` into `session` and checks the current user's right."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, session_id: int, **kwargs):
            from eventapp.sessions.models import EventSession

            if not _signed_in(current_user):
                abort(login_manager.unauthorized())
            session = db.session.get(EventSession, session_id) or abort(404)
            ensure(can_act_on_session(current_user, session, action))
            return view(*args, session=session, **kwargs)

        return wrapper

    return decorator


def directory_permission(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        ensure(can_edit_directory(current_user))
        return view(*args, **kwargs)

    return wrapper


def account_required(view):
    """Any signed-in account (its own settings, e.g. its password); anonymous users log in."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        ensure(_signed_in(current_user))
        return view(*args, **kwargs)

    return wrapper


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        ensure(_signed_in(current_user) and current_user.is_admin)
        return view(*args, **kwargs)

    return wrapper


def permissions_for_templates() -> dict:
    return {
        "can_manage_event": lambda event: can_manage_event(current_user, event),
        "can_act_on_session": lambda s, action=RUN: can_act_on_session(current_user, s, action),
        "can_edit_directory": lambda: can_edit_directory(current_user),
    }
