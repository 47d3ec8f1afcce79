"""Recording of audit entries: the registry of tracked models, the flush listener, the actor."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
import decimal
import enum
from collections.abc import Callable, Iterable

import click
import sqlalchemy as sa
from flask import g, has_request_context, request
from flask import session as cookie_session
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from eventapp.audit.models import AuditEntry
from eventapp.auth.models import EventRole, OrganisationStaff
from eventapp.common import utcnow
from eventapp.extensions import db

# Never recorded, whatever a model declares: secrets, and columns that are bookkeeping.
NEVER = frozenset(
    {
        "id",
        "password_hash",
        "session_version",
        "link_version",
        "checkin_code",
        "code",
        "token",
        "created_at",
        "updated_at",
        "version",
        "content_version",
        "agenda_changed_at",
    }
)
# The value recorded for a field whose change is logged but whose content is not.
HIDDEN = "•••"
# Long texts (outcome sections) are cut: the trail says what changed, the revisions keep all.
MAX_TEXT = 2000

# Actor labels (translated where they are shown: eventapp.audit.services.ACTOR_LABELS).
USER = "user"
PARTICIPANT = "participant"
PUBLIC = "public"
CLI = "cli"
SYSTEM = "system"


@dataclasses.dataclass
class Tracked:
    entity: str
    include: tuple[str, ...] | None
    exclude: frozenset[str]
    hidden: frozenset[str]
    collections: dict[str, Callable]
    event_of: Callable
    actions: dict[str, str]
    fields: tuple[str, ...] | None = None  # worked out at first use (mappers configured)

    def columns(self, model) -> tuple[str, ...]:
        if self.fields is None:
            names = [a.key for a in sa.inspect(model).column_attrs]
            if self.include is not None:
                names = [n for n in names if n in self.include]
            self.fields = tuple(n for n in names if n not in self.exclude and n not in NEVER)
        return self.fields


_TRACKED: dict[type, Tracked] = {}
_actor: contextvars.ContextVar[tuple[int | None, str] | None] = contextvars.ContextVar(
    "multaqa_audit_actor", default=None
)
_registered = False


def _own_event_id(_session, obj) -> int | None:
    return sa.inspect(obj).dict.get("event_id")


def _id(obj) -> int | None:
    """The row's id: set on a new row by the flush, before its identity key is."""
    state = sa.inspect(obj)
    return state.dict.get("id") or (state.identity[0] if state.identity else None)


def track(
    model: type,
    entity: str,
    *,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    hidden: Iterable[str] = (),
    collections: dict[str, Callable] | None = None,
    event_of: Callable | None = None,
    actions: dict[str, str] | None = None,
) -> None:
    """Audit `model` as `entity`: the columns in `include` (default: all) less `exclude`;
    `hidden` columns are logged as changed without their values; `collections` maps a
    relationship to the function giving what is recorded of one member; `event_of(session,
    obj)` gives the event id (default: the row's own event_id); `actions` renames an action
    ({"create": "check_in"})."""
    _TRACKED[model] = Tracked(
        entity=entity,
        include=tuple(include) if include is not None else None,
        exclude=frozenset(exclude),
        hidden=frozenset(hidden),
        collections=dict(collections or {}),
        event_of=event_of or _own_event_id,
        actions=dict(actions or {}),
    )


def itself(_session, obj) -> int | None:
    """event_of for an event: its own id."""
    return _id(obj)


def via(relationship: str) -> Callable:
    """event_of for a row whose event is its parent's (a session's person, a day's limit)."""

    def event_of(session: Session, obj) -> int | None:
        state = sa.inspect(obj)
        parent = state.dict.get(relationship)
        if parent is None:
            link = state.mapper.relationships[relationship]
            key = state.dict.get(next(iter(link.local_columns)).key)
            parent = session.get(link.mapper.class_, key) if key is not None else None
        return getattr(parent, "event_id", None)

    return event_of


# Who ------------------------------------------------------------------------------------------


@contextlib.contextmanager
def acting_as(label: str, user_id: int | None = None):
    """Entries written inside are attributed to `label` (and the account `user_id`)."""
    token = _actor.set((user_id, label))
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> tuple[int | None, str]:
    explicit = _actor.get()
    if explicit is not None:
        return explicit
    if has_request_context():
        # The signed-in user as Flask-Login loaded it for this request; never loaded here
        # (that would be a query inside the flush): else the id the signed session holds.
        user = g.get("_login_user")
        if user is not None and not user.is_anonymous:
            return sa.inspect(user).identity[0], USER
        if user is None:
            account, _sep, _version = str(cookie_session.get("_user_id") or "").partition(":")
            if account.isdigit():
                return int(account), USER
        if request.view_args and "token" in request.view_args:
            return None, PARTICIPANT
        return None, PUBLIC
    # The command line is the one caller outside a request that is not the system.
    if click.get_current_context(silent=True) is not None:
        return None, CLI
    return None, SYSTEM


# What -----------------------------------------------------------------------------------------


def plain(value):
    """A value as JSON holds it."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + "…"
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    return value


def _shown(spec: Tracked, key: str, value):
    if spec.hidden and key in spec.hidden:
        return None if value is None else HIDDEN
    return plain(value)


def _column_changes(spec: Tracked, obj, action: str) -> dict:
    state = sa.inspect(obj)
    changes = {}
    for key in spec.columns(type(obj)):
        if action == "update":
            history = state.attrs[key].history  # never loads an unloaded attribute
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
        elif action == "create":
            old, new = None, state.dict.get(key)
        else:  # delete: what was loaded (an unloaded column would be a query for a gone row)
            old, new = state.dict.get(key), None
        if old in (None, "") and new in (None, ""):
            continue  # a blank field saved blank again
        pair = [_shown(spec, key, old), _shown(spec, key, new)]
        if pair[0] != pair[1] or (key in spec.hidden and action == "update"):
            changes[key] = pair
    for key, label in spec.collections.items():
        history = state.attrs[key].history
        if action == "update" and not history.has_changes():
            continue
        before = list(history.unchanged) + list(history.deleted)
        after = list(history.unchanged) + list(history.added)
        if action == "delete":
            before, after = after, []
        old = sorted(plain(label(m)) for m in before) if action != "create" else None
        new = sorted(plain(label(m)) for m in after) if action != "delete" else None
        if old != new and (old or new):
            changes[key] = [old, new]
    return changes


def _event_id(spec: Tracked, session: Session, obj) -> int | None:
    try:
        return spec.event_of(session, obj)
    except sa.exc.InvalidRequestError:  # a parent already gone in this flush
        return None


def _entry(session: Session, obj, spec: Tracked, action: str) -> dict | None:
    changes = _column_changes(spec, obj, action)
    if action == "update" and not changes:
        return None
    action = spec.actions.get(action, action)
    return _row(action, spec.entity, _event_id(spec, session, obj), _id(obj), changes)


def _row(action: str, entity_type: str, event_id, entity_id, changes: dict) -> dict:
    """The columns of one entry, with who and when."""
    user_id, label = current_actor()
    return {
        "at": utcnow(),
        "actor_user_id": user_id,
        "actor_label": label,
        "event_id": event_id,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "action": action,
        "changes": changes,
    }


def _after_flush(session: Session, flush_context) -> None:
    if not _TRACKED:
        return
    rows = []
    with session.no_autoflush:
        # Every row this flush wrote, with the orphans and cascades the flush itself decided
        # on (session.deleted lists only what was deleted explicitly).
        for state, (is_delete, list_only) in list(flush_context.states.items()):
            obj = state.obj()
            spec = _TRACKED.get(type(obj)) if obj is not None and not list_only else None
            if spec is None:
                continue
            action = "delete" if is_delete else "create" if obj in session.new else "update"
            row = _entry(session, obj, spec, action)
            if row is not None:
                rows.append(row)
    if rows:
        # The flush's own connection: the entries commit or roll back with the change.
        session.connection().execute(sa.insert(AuditEntry.__table__), rows)


# Explicit entries -----------------------------------------------------------------------------


def record(
    action: str,
    entity_type: str,
    *,
    event_id: int | None = None,
    entity_id: int | None = None,
    details: dict | None = None,
    changes: dict | None = None,
):
    """An entry for an action that changes no tracked row (an export of personal data); it is
    written with the session's next flush or commit."""
    if changes is None:
        changes = {key: [None, plain(value)] for key, value in (details or {}).items()}
    entry = AuditEntry(**_row(action, entity_type, event_id, entity_id, changes))
    db.session.add(entry)
    return entry


def snapshot(obj) -> dict:
    """The tracked values of `obj`, before a Core UPDATE the flush listener does not see."""
    spec = _TRACKED[type(obj)]
    return {key: _shown(spec, key, getattr(obj, key)) for key in spec.columns(type(obj))}


def record_update(obj, before: dict) -> None:
    """The entry of a Core UPDATE of `obj` (refreshed), against `snapshot` taken before it."""
    spec = _TRACKED[type(obj)]
    after = snapshot(obj)
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        event_id = _event_id(spec, db.session, obj)
        record("update", spec.entity, event_id=event_id, entity_id=obj.id, changes=changes)


def _keep_old_value(_target, value, _old, _initiator):
    return value


def register() -> None:
    """Listen on every ORM session (called once from create_app, after the models are
    imported). A tracked column set while unloaded (expired by a commit) first reads its old
    value, so the entry has it (SQLAlchemy's active history)."""
    global _registered
    if _registered:
        return
    # Accounts sit below the trail (the trail's pages use their permissions): their one
    # audited model is named here rather than next to it.
    track(EventRole, "role")
    track(OrganisationStaff, "organisation_staff", event_of=lambda _session, _staff: None)
    sa.orm.configure_mappers()
    for model, spec in _TRACKED.items():
        for key in spec.columns(model):
            sa_event.listen(
                getattr(model, key), "set", _keep_old_value, active_history=True, retval=True
            )
    sa_event.listen(Session, "after_flush", _after_flush)
    _registered = True
