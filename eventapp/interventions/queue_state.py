"""A session's queue state and the helpers every change of it uses.

Owns `session_queue_state` (one row per session: version, list open, default speaking time,
ended) and the history log (`InterventionEvent`). Every change of a session's queue starts with
`lock()`: a conditional UPDATE of the session's row that bumps its version. On PostgreSQL the
row stays locked until commit, so changes from any number of gunicorn workers are applied one
after another; a change that carries the version its author saw is refused (`StaleQueue`) when
someone changed the queue since. Also here: who acts (`Actor`), reading a session's
interventions in planned order, and the checks of typed values shared by the console and the
participants' requests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload

from eventapp.common import DomainError, utcnow
from eventapp.events.models import Event, EventStatus
from eventapp.extensions import db
from eventapp.interventions.models import (
    DEFAULT_LIMIT_SECONDS,
    LANGUAGES,
    Intervention,
    InterventionEvent,
    InterventionMode,
    InterventionStatus,
    SessionQueueState,
    StatusReason,
)
from eventapp.people import NAMINGS
from eventapp.sessions.models import EventSession
from eventapp.speakers.models import Organisation
from eventapp.versions import EditConflict

S = InterventionStatus
MAX_LIMIT_SECONDS = 60 * 60


class StaleQueue(DomainError):
    """The queue changed since the author of a change last saw it."""


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a signed-in user or a participant known by e-mail."""

    user_id: int | None = None
    email: str | None = None
    name: str = ""

    @classmethod
    def for_user(cls, user) -> Actor:
        return cls(user_id=user.id, email=user.email, name=user.name)

    @classmethod
    def for_participant(cls, participant) -> Actor:
        return cls(email=participant.email, name=participant.name)


# The queue state and its lock


def _insert_ignore(values: dict):
    # The dialect's own INSERT, for ON CONFLICT DO NOTHING.
    insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    return insert(SessionQueueState).values(**values).on_conflict_do_nothing()


def ensure_state(session: EventSession) -> SessionQueueState:
    """The session's queue state, created on first use (safely when two requests race)."""
    state = db.session.get(SessionQueueState, session.id)
    if state is None:
        db.session.execute(_insert_ignore(_new_state(session.id)))
        state = db.session.get(SessionQueueState, session.id)
    return state


def _new_state(session_id: int) -> dict:
    return {
        "session_id": session_id,
        "version": 1,
        "list_open": True,
        "default_limit_seconds": DEFAULT_LIMIT_SECONDS,
        "updated_at": utcnow(),
    }


def lock(
    session: EventSession, seen_version: int | None, *, allow_ended: bool = False
) -> SessionQueueState:
    """Take the session's queue for one change; refuse a stale view or a finished session."""
    session_id = session.id
    if db.engine.dialect.name == "sqlite":
        # SQLite: let the transaction start with the write, so that a concurrent writer waits
        # for the lock (busy_timeout) instead of failing on an outdated read snapshot.
        db.session.commit()
    for attempt in range(2):
        stmt = update(SessionQueueState).where(SessionQueueState.session_id == session_id)
        if seen_version is not None:
            stmt = stmt.where(SessionQueueState.version == seen_version)
        stmt = stmt.values(version=SessionQueueState.version + 1, updated_at=utcnow())
        result = db.session.execute(stmt, execution_options={"synchronize_session": False})
        if result.rowcount:
            break
        if attempt == 0:
            db.session.execute(_insert_ignore(_new_state(session_id)))
    else:
        raise StaleQueue(
            _(
                "Someone else changed this session's queue a moment ago, so your action was "
                "not applied. Here is the queue as it is now: check it and try again."
            )
        )
    # Anything read before the lock may be stale: read it again from the database.
    db.session.expire_all()
    state = db.session.get(SessionQueueState, session_id, populate_existing=True)
    if not allow_ended and is_finished(session, state):
        raise DomainError(_("This session has ended: its queue can no longer change."))
    return state


def is_finished(session: EventSession, state: SessionQueueState | None) -> bool:
    return bool(state and state.ended_at) or session.event.status == EventStatus.ARCHIVED


def log(
    state: SessionQueueState,
    actor: Actor,
    action: str,
    intervention: Intervention | None = None,
    *,
    from_status: InterventionStatus | None = None,
    reason: StatusReason | None = None,
    note: str | None = None,
) -> None:
    db.session.add(
        InterventionEvent(
            session_id=state.session_id,
            intervention=intervention,
            action=action,
            from_status=from_status,
            to_status=intervention.status if intervention is not None else None,
            reason=reason,
            note=note,
            actor_user_id=actor.user_id,
            actor_email=None if actor.user_id else actor.email,
        )
    )


def ordered_interventions(session_id: int) -> list[Intervention]:
    return db.session.scalars(
        select(Intervention)
        .where(Intervention.session_id == session_id)
        .options(joinedload(Intervention.organisation))
        .order_by(Intervention.position, Intervention.id)
    ).all()


def get_intervention(session: EventSession, intervention_id: int) -> Intervention:
    intervention = db.session.get(Intervention, intervention_id or 0)
    if intervention is None or intervention.session_id != session.id:
        raise DomainError(_("This intervention is not part of this session."))
    return intervention


def clean(value) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else value


def check_mode_and_language(data: dict) -> tuple[InterventionMode, str]:
    try:
        mode = InterventionMode(data.get("mode") or "")
    except ValueError:
        raise DomainError(_("Choose how the intervention will be made."), "mode") from None
    language = data.get("language") or "ar"
    if language not in LANGUAGES:
        raise DomainError(_("Choose a language from the list."), "language")
    return mode, language


def parse_limit(minutes) -> int | None:
    if minutes in (None, ""):
        return None
    try:
        seconds = round(float(minutes) * 60)
    except (TypeError, ValueError, OverflowError):  # not a number, "nan", "inf"
        seconds = 0
    if not 0 < seconds <= MAX_LIMIT_SECONDS:
        raise DomainError(_("A speaking time is between 1 and 60 minutes."), "time_limit")
    return seconds


def organisation_name_of(organisation: Organisation | None) -> str | None:
    """Kept with the intervention, so the record survives the directory entry's deletion."""
    if organisation is None:
        return None
    return organisation.name_ar or organisation.name_en


def append_to_line(session: EventSession, intervention: Intervention) -> None:
    numbers = db.session.execute(
        select(func.count(Intervention.id), func.max(Intervention.position)).where(
            Intervention.session_id == session.id
        )
    ).one()
    intervention.requested_position = (numbers[0] or 0) + 1
    intervention.position = (numbers[1] or 0) + 1
    db.session.add(intervention)


def naming_value(choice) -> str | None:
    """A registration's report naming as stored on the intervention (None: public by role)."""
    value = getattr(choice, "value", choice)
    return value if value in NAMINGS else None


def event_interventions_of(event: Event, email: str):
    return (
        select(Intervention)
        .join(EventSession, EventSession.id == Intervention.session_id)
        .where(EventSession.event_id == event.id, Intervention.participant_email == email)
    )


def touch_queues(session_ids) -> None:
    """A new version for these sessions' queues: the live view's kept bodies are renewed."""
    if session_ids:
        db.session.execute(
            update(SessionQueueState)
            .where(SessionQueueState.session_id.in_(list(session_ids)))
            .values(version=SessionQueueState.version + 1, updated_at=utcnow()),
            execution_options={"synchronize_session": False},
        )


def check_seen(intervention: Intervention, seen_stamp: str | None) -> None:
    """Refuse an edit made on an outdated copy of this intervention (a form opened earlier):
    its stamp is the time of its last change, checked under the session's queue lock.
    None: no form, nothing to check; an empty stamp cannot prove it saw the latest."""
    if seen_stamp is not None and intervention.updated_at.isoformat() != seen_stamp:
        raise EditConflict()


def save_statement_fields(intervention: Intervention, text, by: str | None) -> None:
    text = clean(text)
    if text is None and not intervention.statement:
        return
    intervention.statement = text
    if intervention.status != InterventionStatus.READ_ON_BEHALF:  # there: who read it out
        intervention.statement_by = by if text else None
    intervention.statement_at = utcnow() if text else None


def iso(value: dt.datetime | None) -> str | None:
    return value.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z") if value else None


def is_over(session: EventSession, state: SessionQueueState | None) -> bool:
    """Over for the public: ended by its facilitator, or past its end time."""
    if is_finished(session, state):
        return True
    return dt.datetime.now(dt.UTC) > session.ends_at
