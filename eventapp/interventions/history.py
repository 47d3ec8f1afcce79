"""The record of what was said: a session's or an event's interventions as plain rows (for the
session page once over, the staff report and the outcome reports), their figures, and the
history of changes.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
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
from eventapp.people import ANONYMOUS, ORGANISATION, Audience
from eventapp.sessions.models import EventSession

NOT_ATTRIBUTED = _l("Not attributed (anonymous)")
NO_ORGANISATION = _l("No organisation given")


def _local(value: dt.datetime | None, event) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC).astimezone(event.zone) if value else None


def _attributed_to(i: Intervention, person) -> str | None:
    """The organisation a figure may count this intervention for: None when its author chose
    to stay anonymous (for every audience, staff included: a figure is easily passed on),
    "" when no organisation is known or may be shown."""
    if i.consent == ANONYMOUS or person.anonymous:
        return None
    if person.organisation:
        return person.organisation
    if i.consent == ORGANISATION:
        return person.name  # shown by their organisation only: the name is the organisation
    return ""


def _row(number: int, i: Intervention, state, event, audience: Audience) -> dict:
    person = i.shown(audience)
    hidden = person.name != i.speaker_name or person.organisation != i.organisation_label
    read_out = i.status == S.READ_ON_BEHALF
    # Read out on the author's behalf: statement_by is who read it (not shown when the author
    # is not named: the reader could name them).
    read_by = (i.statement_by or "") if read_out and not hidden else ""
    statement_by = "" if read_out else i.statement_by or ""
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
        "read_by": read_by,
        "attributed_to": _attributed_to(i, person),
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
    statement, statement_by (who wrote it, as the author may be shown), read_by (who read it
    out on the author's behalf, "" unless read out), attributed_to (the organisation figures
    may count it for: None when the author chose anonymity, "" when none may be shown).
    Two queries.
    """
    state = db.session.get(SessionQueueState, session.id)
    event = session.event
    return [
        _row(number, i, state, event, audience)
        for number, i in enumerate(ordered_interventions(session.id), start=1)
    ]


def technical_notes(session: EventSession) -> list[str]:
    """The technical problems noted on the console for ``session`` ("[HH:MM] text", stamped in
    the event's time zone): the session's own, then those noted during an intervention, for
    the session report. No names: the console notes the problem, not who was speaking."""
    state = db.session.get(SessionQueueState, session.id)
    notes = [state.technical_note] if state is not None and state.technical_note else []
    notes += [i.technical_note for i in ordered_interventions(session.id) if i.technical_note]
    return [line for note in notes for line in note.splitlines() if line.strip()]


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
    organisers, "delivered", "interrupted", "not_aired", "received_in_writing",
    "read_on_behalf" (each counted on its own: a statement received or read out is never
    delivered), "withdrawn", "rejected", "waiting" (still requested/approved/queued/live),
    "remote": remote live ones, "by_mode": {mode: n}, "with_statement": n,
    "total_speaking_seconds": n, "organisations_heard": [names of the organisations whose
    intervention was delivered, interrupted or read out on their behalf, sorted; never of an
    author who chose anonymity], "organisations_count": n, "by_organisation": the speaking
    time per organisation (speaking_time_by_organisation)}
    """
    rows = session_interventions(session) if rows is None else rows
    return statistics(rows)


HEARD = ("delivered", "interrupted", "read_on_behalf")
# What the speaking time per organisation counts: contributions made, however they came.
CONTRIBUTED = (*HEARD, "received_in_writing")


def statistics(rows: list[dict], now: dt.datetime | None = None) -> dict:
    count = {s.value: 0 for s in S}
    by_mode = {m.value: 0 for m in InterventionMode}
    for row in rows:
        count[row["status"]] += 1
        by_mode[row["mode"]] += 1
    requested = sum(1 for row in rows if row["source"] == "participant")
    heard = sorted(
        {row["attributed_to"] for row in rows if row["attributed_to"] and row["status"] in HEARD}
    )
    return {
        "total": len(rows),
        "requested": requested,
        "invited": len(rows) - requested,
        "delivered": count["delivered"],
        "interrupted": count["interrupted"],
        "not_aired": count["not_aired"],
        "received_in_writing": count["received_in_writing"],
        "read_on_behalf": count["read_on_behalf"],
        "withdrawn": count["withdrawn"],
        "rejected": count["rejected"],
        "waiting": sum(count[s] for s in ("requested", "approved", "queued", "live")),
        "remote": by_mode["remote_live"],
        "by_mode": by_mode,
        "with_statement": sum(1 for row in rows if row["statement"]),
        "total_speaking_seconds": sum(row["spoken_seconds"] for row in rows),
        "organisations_heard": heard,
        "organisations_count": len(heard),
        "by_organisation": speaking_time_by_organisation(rows, now),
    }


def speaking_time_by_organisation(rows: list[dict], now: dt.datetime | None = None) -> list:
    """Seconds spoken per organisation, from rows as session_interventions gives them (so each
    author counts for an organisation only as they may be shown to that audience).

    A list of {"organisation": label, "kind": "organisation" | "anonymous" (authors who chose
    anonymity: their organisation is never revealed) | "none" (no organisation known),
    "seconds": n, "interventions": n}, the organisations by most time first, then the
    anonymous, then those without an organisation. An intervention counts when it was made
    (delivered, interrupted, read out, received in writing) or spoken for some time; with
    ``now`` (an aware datetime), the one speaking now counts its time so far.
    """
    totals: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        seconds = row["spoken_seconds"] or 0
        if now is not None and row["status"] == "live" and row["started_at"] is not None:
            seconds += max(int((now - row["started_at"]).total_seconds()), 0)
        if row["status"] not in CONTRIBUTED and row["status"] != "live" and not seconds:
            continue
        label = row["attributed_to"]
        if label is None:
            key = ("anonymous", "")
        else:
            key = ("organisation", label) if label else ("none", "")
        entry = totals.setdefault(key, [0, 0])
        entry[0] += seconds
        entry[1] += 1
    order = {"organisation": 0, "anonymous": 1, "none": 2}
    unnamed = {"anonymous": NOT_ATTRIBUTED, "none": NO_ORGANISATION}
    result = [
        {
            "organisation": label or str(unnamed[kind]),
            "kind": kind,
            "seconds": seconds,
            "interventions": made,
        }
        for (kind, label), (seconds, made) in totals.items()
    ]
    result.sort(key=lambda r: (order[r["kind"]], -r["seconds"], r["organisation"]))
    return result


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
