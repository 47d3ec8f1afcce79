"""A session's outcome: its text sections saved against lost updates, and its way from draft
to submitted to approved (an approved outcome is locked until an organiser reopens it).
Also the outcomes overview of an event: every session with its outcome's status."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.common import DomainError
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.outcomes.addressees import addressee_label
from eventapp.outcomes.models import (
    SESSION_TEXTS,
    NextStep,
    OutcomeStatus,
    Recommendation,
    SessionOutcome,
)
from eventapp.outcomes.revisions import (
    change_status,
    cleaned,
    conflict,
    inserted,
    record_revision,
    sections_of,
    updated_if_current,
)
from eventapp.sessions.models import EventSession, SessionKind
from eventapp.sessions.services import timetable


def session_outcome(session: EventSession) -> SessionOutcome | None:
    return db.session.scalar(
        select(SessionOutcome)
        .where(SessionOutcome.session_id == session.id)
        .options(selectinload(SessionOutcome.updated_by))
    )


def session_items(session_id: int) -> tuple[list[Recommendation], list[NextStep]]:
    recs = db.session.scalars(
        select(Recommendation)
        .where(Recommendation.session_id == session_id)
        .options(selectinload(Recommendation.addressee_organisation))
        .order_by(Recommendation.position, Recommendation.id)
    ).all()
    steps = db.session.scalars(
        select(NextStep)
        .where(NextStep.session_id == session_id)
        .order_by(NextStep.position, NextStep.id)
    ).all()
    return recs, steps


def _items_snapshot(recs, steps) -> dict:
    return {
        "recommendations": [
            {
                "text": r.text,
                "text_en": r.text_en or "",
                "addressee": addressee_label(r),
                "addressee_en": r.addressee_en or "",
                "theme": r.theme or "",
                "theme_en": r.theme_en or "",
                "priority": r.priority.value,
            }
            for r in recs
        ],
        "next_steps": [
            {
                "what": s.what,
                "what_en": s.what_en or "",
                "who": s.who or "",
                "who_en": s.who_en or "",
                "due": s.due_date.isoformat() if s.due_date else (s.due_text or ""),
                "due_en": s.due_text_en or "",
            }
            for s in steps
        ],
    }


def _session_snapshot(outcome: SessionOutcome) -> dict:
    recs, steps = session_items(outcome.session_id)
    return {
        "status": outcome.status.value,
        **sections_of(outcome),
        **_items_snapshot(recs, steps),
    }


def ensure_editable(outcome: SessionOutcome | None) -> None:
    if outcome is not None and outcome.status == OutcomeStatus.APPROVED:
        raise DomainError(
            _(
                "This outcome has been approved. An organiser must reopen it before it can "
                "be changed."
            )
        )


def ensure_session_editable(session_id: int | None) -> None:
    """A change of a session's recommendations or next steps refuses once it is approved."""
    if session_id is None:
        return
    outcome = db.session.scalar(
        select(SessionOutcome).where(SessionOutcome.session_id == session_id)
    )
    ensure_editable(outcome)


def save_session_outcome(
    session: EventSession, data: dict, loaded_version: int, user
) -> SessionOutcome:
    """Save the text sections if nobody saved since ``loaded_version`` (0: not yet written).

    Raises OutcomeConflict (nothing saved) or DomainError (approved: locked).
    """
    values = {name: cleaned(data.get(name)) for name in SESSION_TEXTS}
    yours = {name: values[name] or "" for name in SESSION_TEXTS}
    outcome = session_outcome(session)
    ensure_editable(outcome)
    if outcome is None:
        if loaded_version != 0:
            raise DomainError(_("This outcome no longer exists."))
        outcome = SessionOutcome(
            session_id=session.id, event_id=session.event_id, updated_by_id=user.id, **values
        )
        if not inserted(outcome):
            outcome = session_outcome(session)
            raise conflict(outcome, sections_of(outcome), yours, SESSION_TEXTS)
    elif loaded_version != outcome.version or not updated_if_current(
        outcome, loaded_version, user, values
    ):
        raise conflict(outcome, sections_of(outcome), yours, SESSION_TEXTS)
    record_revision(session.event_id, session.id, outcome.version, _session_snapshot(outcome), user)
    db.session.flush()
    return outcome


def _outcome_or_error(session: EventSession) -> SessionOutcome:
    outcome = session_outcome(session)
    if outcome is None:
        raise DomainError(_("Write the outcome before sending it for approval."))
    return outcome


def _set_status(outcome: SessionOutcome, status: OutcomeStatus, user, note) -> None:
    change_status(outcome, status, user, lambda: _session_snapshot(outcome), note)


def submit_outcome(session: EventSession, user) -> SessionOutcome:
    outcome = _outcome_or_error(session)
    if outcome.status != OutcomeStatus.DRAFT:
        raise DomainError(_("Only a draft can be sent for approval."))
    if not (outcome.summary or "").strip():
        raise DomainError(_("Write at least the summary before sending it for approval."))
    _set_status(outcome, OutcomeStatus.SUBMITTED, user, "submitted")
    return outcome


def approve_outcome(session: EventSession, user) -> SessionOutcome:
    outcome = _outcome_or_error(session)
    if outcome.status != OutcomeStatus.SUBMITTED:
        raise DomainError(_("Only an outcome sent for approval can be approved."))
    _set_status(outcome, OutcomeStatus.APPROVED, user, "approved")
    return outcome


def return_to_draft(session: EventSession, user) -> SessionOutcome:
    """An organiser sends a submitted outcome back, or reopens an approved one."""
    outcome = _outcome_or_error(session)
    if outcome.status == OutcomeStatus.DRAFT:
        raise DomainError(_("This outcome is already a draft."))
    note = "reopened" if outcome.status == OutcomeStatus.APPROVED else "returned"
    outcome.approved_at = outcome.approved_by_id = None
    _set_status(outcome, OutcomeStatus.DRAFT, user, note)
    return outcome


def outcomes_overview(event: Event) -> list[dict]:
    """Each session (breaks left out) with its outcome status and counts, in two queries."""
    sessions = [s for s in timetable(event) if s.kind != SessionKind.BREAK]
    outcomes = {
        o.session_id: o
        for o in db.session.scalars(
            select(SessionOutcome).where(SessionOutcome.event_id == event.id)
        )
    }
    counts = dict(
        db.session.execute(
            select(Recommendation.session_id, sa.func.count())
            .where(Recommendation.event_id == event.id)
            .group_by(Recommendation.session_id)
        ).all()
    )
    return [
        {
            "session": s,
            "outcome": outcomes.get(s.id),
            "recommendations": counts.get(s.id, 0),
        }
        for s in sessions
    ]
