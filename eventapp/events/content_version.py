"""One central record of "what this event shows changed": the event's content version.

It lives with the events because it watches their models (and the sessions, people and
organisations they show); the version itself is read through eventapp/content_versions.py.
A `before_flush` listener looks at every row being inserted, updated or deleted; when the row
belongs to what an event's agenda shows (the event, its days, rooms, sessions, the people in
its sessions and their organisations, partners, objectives), the event's `content_version` is
bumped and `agenda_changed_at` set. Caches, ETag and Last-Modified are keyed on these, so
no view has to remember to invalidate anything.

Other capabilities add what their public pages show of an event with `track(Model, event_ids)`
(registration: the form's settings, day limits and questions), so their caches share the key.
"""

from __future__ import annotations

from sqlalchemy import event as sa_event
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from eventapp.common import utcnow
from eventapp.events.models import Event, EventDay, EventGoal, EventOrganisation
from eventapp.members.models import ParticipantCategory
from eventapp.sessions.models import EventSession, Room, SessionPerson
from eventapp.speakers.models import Organisation, Person

# Columns the listener itself writes: changing only these is not a change of content.
_BOOKKEEPING = {"content_version", "agenda_changed_at", "updated_at"}
_registered = False
_TRACKED: dict[type, object] = {}  # model -> function(session, obj) -> event ids


def track(model: type, event_ids) -> None:
    """Count changes of `model` rows as changes of the events `event_ids(session, obj)` names."""
    _TRACKED[model] = event_ids


def _modified(session: Session, obj) -> bool:
    if not session.is_modified(obj, include_collections=False):
        return False
    state = inspect(obj)
    return any(attr.history.has_changes() for attr in state.attrs if attr.key not in _BOOKKEEPING)


def _event_ids(session: Session, obj) -> set[int]:
    """The events whose agenda shows `obj` (queries run without autoflush)."""
    if isinstance(obj, Event):
        return {obj.id} if obj.id else set()
    if isinstance(obj, EventDay | Room | EventSession | EventGoal | EventOrganisation):
        if obj.event_id:
            return {obj.event_id}
        parent = getattr(obj, "event", None)
        return {parent.id} if parent is not None and parent.id else set()
    if isinstance(obj, SessionPerson):
        owner = obj.session
        if owner is None and obj.session_id:
            owner = session.get(EventSession, obj.session_id)
        return {owner.event_id} if owner is not None and owner.event_id else set()
    if isinstance(obj, Person) and obj.id:
        return set(
            session.scalars(
                select(EventSession.event_id)
                .join(SessionPerson, SessionPerson.session_id == EventSession.id)
                .where(SessionPerson.person_id == obj.id)
                .distinct()
            )
        )
    if isinstance(obj, Organisation) and obj.id:
        speakers = (
            select(EventSession.event_id)
            .join(SessionPerson, SessionPerson.session_id == EventSession.id)
            .join(Person, Person.id == SessionPerson.person_id)
            .where(Person.organisation_id == obj.id)
        )
        partners = select(EventOrganisation.event_id).where(
            EventOrganisation.organisation_id == obj.id
        )
        return set(session.scalars(speakers.union(partners)))
    if isinstance(obj, ParticipantCategory) and obj.organisation_id:
        # The organiser's categories are those of every event it runs (forms, badges, lists).
        return set(
            session.scalars(select(Event.id).where(Event.organiser_id == obj.organisation_id))
        )
    tracked = _TRACKED.get(type(obj))
    return set(tracked(session, obj)) if tracked else set()


def _before_flush(session: Session, _context, _instances) -> None:
    touched: set[int] = set()
    deleted_events: set[int] = set()
    with session.no_autoflush:
        for obj in session.new:
            touched |= _event_ids(session, obj)
        for obj in session.dirty:
            if _modified(session, obj):
                touched |= _event_ids(session, obj)
        for obj in session.deleted:
            if isinstance(obj, Event):
                deleted_events.add(obj.id)
            else:
                touched |= _event_ids(session, obj)
        now = utcnow()
        for event_id in touched - deleted_events:
            event = session.get(Event, event_id)
            if event is not None:
                # An SQL expression, so two workers saving at once both count.
                event.content_version = Event.content_version + 1
                event.agenda_changed_at = now


def register() -> None:
    """Listen on every ORM session (called once from create_app)."""
    global _registered
    if not _registered:
        sa_event.listen(Session, "before_flush", _before_flush)
        _registered = True
