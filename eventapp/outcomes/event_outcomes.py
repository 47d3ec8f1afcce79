"""The event's own outcome: its summary and conclusions, the assessment of each objective and
expected output, a summary of each day (saved together, against lost updates), and whether
the outcome summary is public."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.common import DomainError
from eventapp.events.models import Event, EventDay, EventGoal
from eventapp.extensions import db
from eventapp.outcomes.models import (
    EVENT_SECTIONS,
    Assessment,
    DaySummary,
    EventOutcome,
    GoalAssessment,
)
from eventapp.outcomes.revisions import (
    cleaned,
    conflict,
    inserted,
    record_revision,
    sections_of,
    updated_if_current,
)


def event_outcome(event: Event) -> EventOutcome | None:
    return db.session.scalar(
        select(EventOutcome)
        .where(EventOutcome.event_id == event.id)
        .options(selectinload(EventOutcome.updated_by))
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
    values = sections_of(outcome, EVENT_SECTIONS)
    for goal in event.goals:
        row = assessments.get(goal.id)
        values[f"rating_{goal.id}"] = row.rating.value if row and row.rating else ""
        values[f"comment_{goal.id}"] = (row.comment or "") if row else ""
    for day in event.days:
        row = summaries.get(day.id)
        values[f"day_{day.id}"] = (row.text or "") if row else ""
    return values


def save_event_outcome(event: Event, data: dict, loaded_version: int, user) -> EventOutcome:
    """Save the summary, conclusions, assessments of goals and summaries of days together."""
    values = {name: cleaned(data.get(name)) for name in EVENT_SECTIONS}
    yours = {name: values[name] or "" for name in EVENT_SECTIONS}
    outcome = event_outcome(event)
    if outcome is None:
        if loaded_version != 0:
            raise DomainError(_("This outcome no longer exists."))
        outcome = EventOutcome(event_id=event.id, updated_by_id=user.id, **values)
        if not inserted(outcome):
            outcome = event_outcome(event)
            raise conflict(outcome, event_outcome_values(event), yours, EVENT_SECTIONS)
    elif not updated_if_current(outcome, loaded_version, user, values):
        raise conflict(outcome, event_outcome_values(event), yours, EVENT_SECTIONS)
    # The version check above guards these rows too: only the winner gets here.
    _save_assessments(event, data)
    _save_day_summaries(event, data)
    db.session.flush()
    record_revision(event.id, None, outcome.version, event_outcome_values(event), user)
    db.session.flush()
    return outcome


def _save_assessments(event: Event, data: dict) -> None:
    assessments = goal_assessments(event)
    for goal in event.goals:
        rating = data.get(f"rating_{goal.id}") or None
        comment = cleaned(data.get(f"comment_{goal.id}"))
        row = assessments.get(goal.id)
        if row is None and (rating or comment):
            row = GoalAssessment(goal_id=goal.id)
            db.session.add(row)
        if row is not None:
            row.rating = Assessment(rating) if rating else None
            row.comment = comment


def _save_day_summaries(event: Event, data: dict) -> None:
    summaries = day_summaries(event)
    for day in event.days:
        text = cleaned(data.get(f"day_{day.id}"))
        row = summaries.get(day.id)
        if row is None and text:
            row = DaySummary(day_id=day.id)
            db.session.add(row)
        if row is not None:
            row.text = text


def set_published(event: Event, published: bool, user) -> EventOutcome:
    outcome = event_outcome(event)
    if outcome is None:
        raise DomainError(_("Write the event outcome before publishing it."))
    outcome.published = published
    db.session.flush()
    return outcome
