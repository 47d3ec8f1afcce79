"""The record of what was said: a session's or an event's interventions as plain rows (for the
session page once over, the staff report and the outcome reports), their figures, and the
history of changes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.interventions.models import (
    Intervention,
    InterventionEvent,
    InterventionMode,
    SessionQueueState,
)
from eventapp.interventions.queue_state import (
    S,
    ordered_interventions,
)
from eventapp.people import Audience
from eventapp.sessions.models import EventSession


def _local(value: dt.datetime | None, event) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC).astimezone(event.zone) if value else None


def _row(number: int, i: Intervention, state, event, audience: Audience) -> dict:
    person = i.shown(audience)
    hidden = person.name != i.speaker_name or person.organisation != i.organisation_label
    statement_by = i.statement_by or ""
    if hidden and statement_by:
        # A statement of a person named otherwise is signed as they consented.
        statement_by = person.name
    return {
        "number": number,
        "id": i.id,
        "requested_order": i.requested_position,
        "speaker": person.name,
        "person_id": i.person_id,
        "organisation": person.organisation,
        "organisation_id": i.organisation_id if person.organisation else None,
        "consent": i.consent,
        "topic": i.topic or "",
        "language": i.language,
        "language_label": i.language_label,
        "mode": i.mode.value,
        "mode_label": i.mode.label,
        "source": i.source,
        "status": i.status.value,
        "status_label": i.status.label,
        "reason": i.status_reason.value if i.status_reason else None,
        "reason_label": i.status_reason.label if i.status_reason else "",
        "status_note": i.status_note or "",
        "started_at": _local(i.started_at, event),
        "ended_at": _local(i.ended_at, event),
        "spoken_seconds": i.spoken_seconds or 0,
        "limit_seconds": i.limit_seconds(state),
        "aired": i.status in (S.DELIVERED, S.INTERRUPTED) and i.mode != InterventionMode.WRITTEN,
        "statement": i.statement or "",
        "statement_by": statement_by,
    }


def session_interventions(
    session: EventSession, audience: Audience = Audience.PUBLIC
) -> list[dict]:
    """Every intervention of a session in planned order, as plain data (for pages and reports),
    with each author shown to ``audience`` as they consented (eventapp.people.shown).

    Each dict: number (1..n, the planned order), id, requested_order (order of asking),
    speaker, person_id, organisation, organisation_id, consent, topic, language, language_label,
    mode, mode_label, source ("participant" or "organiser"), status, status_label, reason,
    reason_label, status_note, started_at, ended_at (aware datetimes in the event's time zone,
    or None), spoken_seconds, limit_seconds, aired (delivered or interrupted, not written),
    statement, statement_by. Two queries.
    """
    state = db.session.get(SessionQueueState, session.id)
    event = session.event
    return [
        _row(number, i, state, event, audience)
        for number, i in enumerate(ordered_interventions(session.id), start=1)
    ]


def event_interventions(
    event: Event, audience: Audience = Audience.PUBLIC
) -> dict[int, list[dict]]:
    """{session id: rows as session_interventions gives them} for a whole event, two queries."""
    states = {
        s.session_id: s
        for s in db.session.scalars(
            select(SessionQueueState).join(EventSession).where(EventSession.event_id == event.id)
        )
    }
    found = db.session.scalars(
        select(Intervention)
        .join(EventSession, EventSession.id == Intervention.session_id)
        .where(EventSession.event_id == event.id)
        .options(joinedload(Intervention.organisation))
        .order_by(Intervention.session_id, Intervention.position, Intervention.id)
    ).all()
    rows: dict[int, list[dict]] = {}
    for i in found:
        entries = rows.setdefault(i.session_id, [])
        entries.append(_row(len(entries) + 1, i, states.get(i.session_id), event, audience))
    return rows


def session_statistics(session: EventSession, rows: list[dict] | None = None) -> dict:
    """Figures for one session (plain data), from its rows (read when not given).

    {"total": all interventions, "requested": asked for by participants, "invited": added by the
    organisers, "delivered", "interrupted", "not_aired", "withdrawn", "rejected", "waiting"
    (still requested/approved/queued/live), "remote": remote live ones, "by_mode": {mode: n},
    "with_statement": n, "total_speaking_seconds": n, "organisations_heard": [names of the
    organisations whose intervention was delivered or interrupted, sorted],
    "organisations_count": n}
    """
    rows = session_interventions(session) if rows is None else rows
    return statistics(rows)


def statistics(rows: list[dict]) -> dict:
    count = {s.value: 0 for s in S}
    by_mode = {m.value: 0 for m in InterventionMode}
    for row in rows:
        count[row["status"]] += 1
        by_mode[row["mode"]] += 1
    requested = sum(1 for row in rows if row["source"] == "participant")
    heard = sorted(
        {
            row["organisation"]
            for row in rows
            if row["organisation"] and row["status"] in ("delivered", "interrupted")
        }
    )
    return {
        "total": len(rows),
        "requested": requested,
        "invited": len(rows) - requested,
        "delivered": count["delivered"],
        "interrupted": count["interrupted"],
        "not_aired": count["not_aired"],
        "withdrawn": count["withdrawn"],
        "rejected": count["rejected"],
        "waiting": sum(count[s] for s in ("requested", "approved", "queued", "live")),
        "remote": by_mode["remote_live"],
        "by_mode": by_mode,
        "with_statement": sum(1 for row in rows if row["statement"]),
        "total_speaking_seconds": sum(row["spoken_seconds"] for row in rows),
        "organisations_heard": heard,
        "organisations_count": len(heard),
    }


def history(session: EventSession, limit: int = 200) -> list[InterventionEvent]:
    return db.session.scalars(
        select(InterventionEvent)
        .where(InterventionEvent.session_id == session.id)
        .options(
            joinedload(InterventionEvent.actor_user),
            joinedload(InterventionEvent.intervention),
        )
        .order_by(InterventionEvent.id.desc())
        .limit(limit)
    ).all()
