"""Reading the queue while a session runs: the console's view, a participant's place in the line
(on the session page and across the event for their personal page), and the live view (its
one-query head, ETag and JSON snapshot, shown to the public as people consented).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eventapp.common import utcnow
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.interventions.models import (
    Intervention,
    SessionQueueState,
)
from eventapp.interventions.queue_state import (
    S,
    ensure_state,
    is_finished,
    iso,
    ordered_interventions,
)
from eventapp.people import Audience
from eventapp.sessions.models import EventSession

# Reading: the console, the participant, the live view, the report

# Dealt with: heard, cut off, not aired, or a statement received in writing or read out.
DONE = (S.DELIVERED, S.INTERRUPTED, S.NOT_AIRED, S.RECEIVED_IN_WRITING, S.READ_ON_BEHALF)
SETTLED = (*DONE, S.WITHDRAWN, S.REJECTED)


@dataclass
class Console:
    session: EventSession
    state: SessionQueueState
    interventions: list[Intervention]

    @property
    def live(self) -> Intervention | None:
        return next((i for i in self.interventions if i.status == S.LIVE), None)

    @property
    def line(self) -> list[Intervention]:
        return [i for i in self.interventions if i.status.in_line]

    @property
    def requested(self) -> list[Intervention]:
        return [i for i in self.interventions if i.status == S.REQUESTED]

    @property
    def settled(self) -> list[Intervention]:
        return [i for i in self.interventions if i.status in SETTLED]

    @property
    def finished(self) -> bool:
        return is_finished(self.session, self.state)


def console(session: EventSession) -> Console:
    state = ensure_state(session)
    return Console(session, state, ordered_interventions(session.id))


def participant_interventions(session: EventSession, email: str | None) -> list[dict]:
    """The participant's own interventions in the session, with their place in the line."""
    if not email:
        return []
    everything = ordered_interventions(session.id)
    line = [i for i in everything if i.status.in_line]
    waiting = [i for i in everything if i.status in (S.REQUESTED, S.APPROVED, S.QUEUED)]
    someone_live = any(i.status == S.LIVE for i in everything)
    mine = []
    for i in everything:
        if i.participant_email != email.lower():
            continue
        place = line.index(i) + 1 if i in line else None
        mine.append(
            {
                "intervention": i,
                "place": place,
                "waiting_place": waiting.index(i) + 1 if i in waiting else None,
                "is_next": place == 1,
                "someone_live": someone_live,
                "ahead": (place - 1) if place else None,
            }
        )
    return mine


def live_head(session_id: int):
    """One query: what the live view's ETag and access rule need."""
    return db.session.execute(
        select(EventSession, Event.status, SessionQueueState)
        .join(Event, Event.id == EventSession.event_id)
        .outerjoin(SessionQueueState, SessionQueueState.session_id == EventSession.id)
        .where(EventSession.id == session_id)
    ).first()


def live_etag(session: EventSession, state: SessionQueueState | None, language: str) -> str:
    """Changes with every change of the queue (version) and of the session's own text."""
    version = state.version if state else 0
    stamp = int(state.updated_at.timestamp() * 1000) if state else 0
    edited = int(session.updated_at.timestamp()) if session.updated_at else 0
    return f"s{session.id}-v{version}-{stamp}-{edited}-{language}"


def _public(i: Intervention, state: SessionQueueState | None) -> dict:
    person = i.shown(Audience.PUBLIC)
    return {
        "id": i.id,
        "speaker": person.name,
        "organisation": person.organisation,
        "topic": i.topic or "",
        "mode": i.mode.value,
        "mode_label": i.mode.label,
        "language": i.language,
        "status": i.status.value,
        "status_label": i.status.label,
        "started_at": iso(i.started_at),
        "limit_seconds": i.limit_seconds(state),
    }


def iso_now() -> str:
    return iso(utcnow())


def live_snapshot(session: EventSession, with_now: bool = True) -> dict:
    """What the live view shows, as JSON-ready data (the state from the identity map when the
    caller read it already, and one query for the interventions)."""
    state = db.session.get(SessionQueueState, session.id)
    interventions = ordered_interventions(session.id)
    live = next((i for i in interventions if i.status == S.LIVE), None)
    line = [i for i in interventions if i.status.in_line]
    done = [i for i in interventions if i.status in DONE]
    snapshot = {
        "version": state.version if state else 0,
        "list_open": state.list_open if state else True,
        "finished": bool(state and state.ended_at),
        "title": session.title,
        "current": _public(live, state) if live else None,
        "next": _public(line[0], state) if line else None,
        "queue": [_public(i, state) for i in line],
        "done": len(done),
        "waiting": len(line),
    }
    if with_now:
        snapshot["now"] = iso_now()
    return snapshot


def participant_overview(event: Event, email: str | None) -> list[dict]:
    """A participant's interventions across an event, for their personal page (two queries).

    Each dict: session_id, session_title, intervention_id, status, status_label, place (in the
    line, or None), is_next, is_live.
    """
    if not email:
        return []
    email = email.strip().lower()
    mine = db.session.scalars(
        select(Intervention)
        .join(EventSession, EventSession.id == Intervention.session_id)
        .where(EventSession.event_id == event.id, Intervention.participant_email == email)
        .options(joinedload(Intervention.session))
        .order_by(EventSession.day_id, EventSession.start_time, Intervention.id)
    ).all()
    if not mine:
        return []
    waiting = db.session.execute(
        select(Intervention.session_id, Intervention.id)
        .where(
            Intervention.session_id.in_({i.session_id for i in mine}),
            Intervention.status.in_((S.APPROVED, S.QUEUED)),
        )
        .order_by(Intervention.session_id, Intervention.position, Intervention.id)
    ).all()
    lines: dict[int, list[int]] = {}
    for session_id, intervention_id in waiting:
        lines.setdefault(session_id, []).append(intervention_id)
    result = []
    for i in mine:
        line = lines.get(i.session_id, [])
        place = line.index(i.id) + 1 if i.id in line else None
        result.append(
            {
                "session_id": i.session_id,
                "session_title": i.session.title,
                "intervention_id": i.id,
                "status": i.status.value,
                "status_label": i.status.label,
                "place": place,
                "is_next": place == 1,
                "is_live": i.status == S.LIVE,
            }
        )
    return result
