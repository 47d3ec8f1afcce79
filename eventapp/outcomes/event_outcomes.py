"""The event's own outcome: its summary and conclusions, the assessment of each objective and
expected output, a summary of each day (saved together, against lost updates), its way from
draft to submitted to approved (as a session's outcome), and whether the outcome summary is
public.

The rules mirror a session's outcome (``session_outcomes``): the writers (here the event's
organisers) send a draft for approval; an organiser approves it or returns it; an approved
outcome, and the event's own recommendations and next steps, are locked until an organiser
reopens it. Only an approved outcome may be published; reopening a published one withdraws it
from the public page, so the public PDF never shows text that is not approved."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.common import DomainError
from eventapp.events.models import Event, EventDay, EventGoal
from eventapp.extensions import db
from eventapp.outcomes.models import (
    EVENT_TEXTS,
    Assessment,
    DaySummary,
    EventOutcome,
    GoalAssessment,
    OutcomeStatus,
)
from eventapp.outcomes.revisions import (
    REVISION_NOTES,
    change_status,
    cleaned,
    conflict,
    history,
    inserted,
    record_revision,
    sections_of,
    updated_if_current,
)


def event_outcome(event: Event) -> EventOutcome | None:
    return db.session.scalar(
        select(EventOutcome)
        .where(EventOutcome.event_id == event.id)
        .options(selectinload(EventOutcome.updated_by), selectinload(EventOutcome.approved_by))
    )


def goal_assessments(event: Event) -> dict[int, GoalAssessment]:
    rows = db.session.scalars(
        select(GoalAssessment).join(EventGoal).where(EventGoal.event_id == event.id)
    ).all()
    return {row.goal_id: row for row in rows}


def day_summaries(event: Event) -> dict[int, DaySummary]:
    rows = db.session.scalars(
        select(DaySummary).join(EventDay).where(EventDay.event_id == event.id)
    ).all()
    return {row.day_id: row for row in rows}


def event_outcome_values(event: Event) -> dict:
    """Everything the event-outcome form edits, as plain values (also the revision snapshot)."""
    outcome = event_outcome(event)
    assessments = goal_assessments(event)
    summaries = day_summaries(event)
    values = sections_of(outcome, EVENT_TEXTS)
    for goal in event.goals:
        row = assessments.get(goal.id)
        values[f"rating_{goal.id}"] = row.rating.value if row and row.rating else ""
        values[f"comment_{goal.id}"] = (row.comment or "") if row else ""
        values[f"comment_en_{goal.id}"] = (row.comment_en or "") if row else ""
    for day in event.days:
        row = summaries.get(day.id)
        values[f"day_{day.id}"] = (row.text or "") if row else ""
        values[f"day_en_{day.id}"] = (row.text_en or "") if row else ""
    return values


def save_event_outcome(event: Event, data: dict, loaded_version: int, user) -> EventOutcome:
    """Save the summary, conclusions, assessments of goals and summaries of days together."""
    values = {name: cleaned(data.get(name)) for name in EVENT_TEXTS}
    yours = {name: values[name] or "" for name in EVENT_TEXTS}
    outcome = event_outcome(event)
    ensure_editable(outcome)
    if outcome is None:
        if loaded_version != 0:
            raise DomainError(_("This outcome no longer exists."))
        outcome = EventOutcome(event_id=event.id, updated_by_id=user.id, **values)
        if not inserted(outcome):
            outcome = event_outcome(event)
            raise conflict(outcome, event_outcome_values(event), yours, EVENT_TEXTS)
    elif not updated_if_current(outcome, loaded_version, user, values):
        raise conflict(outcome, event_outcome_values(event), yours, EVENT_TEXTS)
    # The version check above guards these rows too: only the winner gets here.
    _save_assessments(event, data)
    _save_day_summaries(event, data)
    db.session.flush()
    record_revision(event.id, None, outcome.version, _snapshot(event, outcome), user)
    db.session.flush()
    return outcome


def _snapshot(event: Event, outcome: EventOutcome) -> dict:
    return {"status": outcome.status.value, **event_outcome_values(event)}


def _save_assessments(event: Event, data: dict) -> None:
    assessments = goal_assessments(event)
    for goal in event.goals:
        rating = data.get(f"rating_{goal.id}") or None
        comment = cleaned(data.get(f"comment_{goal.id}"))
        comment_en = cleaned(data.get(f"comment_en_{goal.id}"))
        row = assessments.get(goal.id)
        if row is None and (rating or comment or comment_en):
            row = GoalAssessment(goal_id=goal.id)
            db.session.add(row)
        if row is not None:
            row.rating = Assessment(rating) if rating else None
            row.comment = comment
            row.comment_en = comment_en


def _save_day_summaries(event: Event, data: dict) -> None:
    summaries = day_summaries(event)
    for day in event.days:
        text = cleaned(data.get(f"day_{day.id}"))
        text_en = cleaned(data.get(f"day_en_{day.id}"))
        row = summaries.get(day.id)
        if row is None and (text or text_en):
            row = DaySummary(day_id=day.id)
            db.session.add(row)
        if row is not None:
            row.text = text
            row.text_en = text_en


# The way from draft to approved


def ensure_editable(outcome: EventOutcome | None) -> None:
    if outcome is not None and outcome.status == OutcomeStatus.APPROVED:
        raise DomainError(
            _(
                "This outcome has been approved. An organiser must reopen it before it can "
                "be changed."
            )
        )


def ensure_event_items_editable(event_id: int) -> None:
    """A change of the event's own recommendations or next steps refuses once it is approved."""
    ensure_editable(
        db.session.scalar(select(EventOutcome).where(EventOutcome.event_id == event_id))
    )


def _outcome_or_error(event: Event) -> EventOutcome:
    outcome = event_outcome(event)
    if outcome is None:
        raise DomainError(_("Write the outcome before sending it for approval."))
    return outcome


def _set_status(event: Event, outcome: EventOutcome, status: OutcomeStatus, user, note) -> None:
    change_status(outcome, status, user, lambda: _snapshot(event, outcome), note)


def status_history(event: Event) -> list[dict]:
    """The event outcome's changes of status, newest first: what, by whom, when (in the
    event's time zone)."""
    return [
        {
            "note": str(REVISION_NOTES[revision.note]),
            "by": revision.user.name if revision.user else "",
            "at": revision.created_at.replace(tzinfo=dt.UTC).astimezone(event.zone),
        }
        for revision in history(event.id, None)
        if revision.note in REVISION_NOTES
    ]


def submit_outcome(event: Event, user) -> EventOutcome:
    outcome = _outcome_or_error(event)
    if outcome.status != OutcomeStatus.DRAFT:
        raise DomainError(_("Only a draft can be sent for approval."))
    if not (outcome.summary or "").strip():
        raise DomainError(_("Write at least the summary before sending it for approval."))
    _set_status(event, outcome, OutcomeStatus.SUBMITTED, user, "submitted")
    return outcome


def approve_outcome(event: Event, user) -> EventOutcome:
    outcome = _outcome_or_error(event)
    if outcome.status != OutcomeStatus.SUBMITTED:
        raise DomainError(_("Only an outcome sent for approval can be approved."))
    _set_status(event, outcome, OutcomeStatus.APPROVED, user, "approved")
    return outcome


def return_to_draft(event: Event, user) -> EventOutcome:
    """An organiser sends a submitted outcome back, or reopens an approved one; a published
    one stops being public (only approved text is ever public)."""
    outcome = _outcome_or_error(event)
    if outcome.status == OutcomeStatus.DRAFT:
        raise DomainError(_("This outcome is already a draft."))
    note = "reopened" if outcome.status == OutcomeStatus.APPROVED else "returned"
    outcome.approved_at = outcome.approved_by_id = None
    outcome.published = False
    _set_status(event, outcome, OutcomeStatus.DRAFT, user, note)
    return outcome


def set_published(event: Event, published: bool, user) -> EventOutcome:
    """Publish the outcome summary (approved outcomes only) or withdraw it (always allowed)."""
    outcome = event_outcome(event)
    if outcome is None:
        raise DomainError(_("Write the event outcome before publishing it."))
    if published and outcome.status != OutcomeStatus.APPROVED:
        raise DomainError(
            _("Only an approved outcome can be published: send it for approval first.")
        )
    outcome.published = published
    db.session.flush()
    return outcome
