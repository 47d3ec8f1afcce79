"""Session and event outcomes, recommendations and next steps: rules shared by views and CLI.

Saving an outcome is optimistic: the form carries the version it loaded, and the row is only
updated when that is still the stored version (one conditional UPDATE, so it holds with many
workers). Otherwise ``OutcomeConflict`` carries the other person's text and a per-section diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from eventapp import audit, versions
from eventapp.common import DomainError, utcnow
from eventapp.events.models import Event, EventDay, EventGoal
from eventapp.extensions import db
from eventapp.outcomes.models import (
    EVENT_SECTIONS,
    SESSION_SECTIONS,
    Assessment,
    DaySummary,
    EventOutcome,
    GoalAssessment,
    NextStep,
    OutcomeRevision,
    OutcomeStatus,
    Priority,
    Recommendation,
    SessionOutcome,
)
from eventapp.sessions.models import EventSession

SECTION_LABELS = {
    "summary": _l("Summary"),
    "key_points": _l("Key points"),
    "consensus": _l("Points of consensus"),
    "disagreement": _l("Points of disagreement"),
    "decisions": _l("Decisions"),
    "conclusions": _l("Conclusions"),
}


def _clean(value):
    return (value.strip() or None) if isinstance(value, str) else value


def _normalised(text: str | None) -> str:
    """Text as compared for conflicts: line endings and trailing blanks do not count."""
    return "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n"))


# Conflicts


@dataclass
class SectionDiff:
    name: str
    label: str
    theirs: str
    yours: str
    lines: list[tuple[str, str]]  # ("+" yours, "-" theirs, " " both, "?" hint skipped)


@dataclass
class OutcomeConflict(Exception):
    """Someone saved the outcome after this form was loaded."""

    current: dict
    version: int
    by: str | None
    at: dt.datetime | None
    diffs: list[SectionDiff] = field(default_factory=list)

    @property
    def message(self) -> str:
        if self.by:
            return _(
                "%(name)s saved this outcome while you were editing it. Your text was not "
                "saved: it is still in the form below. Compare it with theirs, merge what "
                "you need and save again.",
                name=self.by,
            )
        return _(
            "Someone saved this outcome while you were editing it. Your text was not saved: "
            "it is still in the form below. Compare it with theirs, merge what you need and "
            "save again."
        )


def section_diffs(theirs: dict, yours: dict, sections) -> list[SectionDiff]:
    diffs = []
    for name in sections:
        a, b = _normalised(theirs.get(name)), _normalised(yours.get(name))
        if a == b:
            continue
        lines = [
            (line[0], line[2:])
            for line in difflib.ndiff(a.splitlines(), b.splitlines())
            if line[:1] in "+- "
        ]
        diffs.append(SectionDiff(name, str(SECTION_LABELS[name]), a, b, lines))
    return diffs


def _conflict(row, current: dict, yours: dict, sections) -> OutcomeConflict:
    by = row.updated_by.name if row is not None and row.updated_by else None
    return OutcomeConflict(
        current=current,
        version=row.version if row is not None else 0,
        by=by,
        at=row.updated_at if row is not None else None,
        diffs=section_diffs(current, yours, sections),
    )


# Session outcomes


def session_outcome(session: EventSession) -> SessionOutcome | None:
    return db.session.scalar(
        select(SessionOutcome)
        .where(SessionOutcome.session_id == session.id)
        .options(selectinload(SessionOutcome.updated_by))
    )


def sections_of(row, sections=SESSION_SECTIONS) -> dict:
    return {name: (getattr(row, name) or "") if row is not None else "" for name in sections}


def session_items(session_id: int) -> tuple[list[Recommendation], list[NextStep]]:
    recs = db.session.scalars(
        select(Recommendation)
        .where(Recommendation.session_id == session_id)
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
                "addressee": r.addressee or "",
                "theme": r.theme or "",
                "priority": r.priority.value,
            }
            for r in recs
        ],
        "next_steps": [
            {
                "what": s.what,
                "who": s.who or "",
                "due": s.due_date.isoformat() if s.due_date else (s.due_text or ""),
            }
            for s in steps
        ],
    }


def _record_revision(event_id, session_id, version, snapshot, user, note=None) -> None:
    db.session.add(
        OutcomeRevision(
            event_id=event_id,
            session_id=session_id,
            version=version,
            snapshot=snapshot,
            user_id=user.id if user else None,
            note=note,
        )
    )


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


def save_session_outcome(
    session: EventSession, data: dict, loaded_version: int, user
) -> SessionOutcome:
    """Save the text sections if nobody saved since ``loaded_version`` (0: not yet written).

    Raises OutcomeConflict (nothing saved) or DomainError (approved: locked).
    """
    values = {name: _clean(data.get(name)) for name in SESSION_SECTIONS}
    yours = {name: values[name] or "" for name in SESSION_SECTIONS}
    outcome = session_outcome(session)
    ensure_editable(outcome)
    if outcome is None:
        if loaded_version != 0:
            raise DomainError(_("This outcome no longer exists."))
        outcome = SessionOutcome(
            session_id=session.id, event_id=session.event_id, updated_by_id=user.id, **values
        )
        try:
            with db.session.begin_nested():
                db.session.add(outcome)
                db.session.flush()
        except IntegrityError:
            # Someone created it a moment ago.
            outcome = session_outcome(session)
            raise _conflict(outcome, sections_of(outcome), yours, SESSION_SECTIONS) from None
    else:
        if loaded_version != outcome.version:
            raise _conflict(outcome, sections_of(outcome), yours, SESSION_SECTIONS)
        before = audit.snapshot(outcome)
        updated = db.session.execute(
            sa.update(SessionOutcome)
            .where(SessionOutcome.id == outcome.id, SessionOutcome.version == loaded_version)
            .values(
                version=loaded_version + 1, updated_by_id=user.id, updated_at=utcnow(), **values
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.expire(outcome)
        if updated != 1:
            db.session.refresh(outcome)
            raise _conflict(outcome, sections_of(outcome), yours, SESSION_SECTIONS)
        db.session.refresh(outcome)
        audit.record_update(outcome, before)  # a Core UPDATE: the flush listener does not see it
    _record_revision(
        session.event_id, session.id, outcome.version, _session_snapshot(outcome), user
    )
    db.session.flush()
    return outcome


def _outcome_or_error(session: EventSession) -> SessionOutcome:
    outcome = session_outcome(session)
    if outcome is None:
        raise DomainError(_("Write the outcome before sending it for approval."))
    return outcome


def _set_status(outcome: SessionOutcome, status: OutcomeStatus, user, note) -> None:
    outcome.status = status
    outcome.version += 1
    outcome.updated_by_id = user.id
    if status == OutcomeStatus.SUBMITTED:
        outcome.submitted_at = utcnow()
    if status == OutcomeStatus.APPROVED:
        outcome.approved_at, outcome.approved_by_id = utcnow(), user.id
    db.session.flush()
    _record_revision(
        outcome.event_id,
        outcome.session_id,
        outcome.version,
        _session_snapshot(outcome),
        user,
        note,
    )
    db.session.flush()


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


def revisions(event_id: int, session_id: int | None) -> list[OutcomeRevision]:
    return db.session.scalars(
        select(OutcomeRevision)
        .where(OutcomeRevision.event_id == event_id, OutcomeRevision.session_id == session_id)
        .options(selectinload(OutcomeRevision.user))
        .order_by(OutcomeRevision.id.desc())
    ).all()


REVISION_NOTES = {
    "submitted": _l("Sent for approval"),
    "approved": _l("Approved"),
    "returned": _l("Returned to the writers"),
    "reopened": _l("Reopened"),
}


# Recommendations and next steps


def _touch_session_outcome(session_id: int | None) -> None:
    """A change of a session's items refuses once it is approved."""
    if session_id is None:
        return
    outcome = db.session.scalar(
        select(SessionOutcome).where(SessionOutcome.session_id == session_id)
    )
    ensure_editable(outcome)


def _next_position(model, event_id: int, session_id: int | None) -> int:
    top = db.session.scalar(
        select(sa.func.max(model.position)).where(
            model.event_id == event_id,
            model.session_id.is_(None) if session_id is None else model.session_id == session_id,
        )
    )
    return (top or 0) + 1


def _recommendation_values(data: dict) -> dict:
    text = _clean(data.get("text"))
    if not text:
        raise DomainError(_("Write the recommendation."), "text")
    return {
        "text": text,
        "addressee": _clean(data.get("addressee")),
        "theme": _clean(data.get("theme")),
        "priority": Priority(data.get("priority") or "medium"),
    }


def add_recommendation(event: Event, session: EventSession | None, data: dict) -> Recommendation:
    session_id = session.id if session else None
    _touch_session_outcome(session_id)
    rec = Recommendation(
        event_id=event.id,
        session_id=session_id,
        position=_next_position(Recommendation, event.id, session_id),
        **_recommendation_values(data),
    )
    db.session.add(rec)
    db.session.flush()
    return rec


@dataclass
class RecommendationConflict(Exception):
    current: str
    diffs: list[tuple[str, str]]

    @property
    def message(self) -> str:
        return _(
            "Someone changed this recommendation while you were editing it. Your text is "
            "still in the form; compare it with theirs and save again."
        )


def update_recommendation(rec: Recommendation, data: dict, loaded_version: int) -> None:
    _touch_session_outcome(rec.session_id)
    values = _recommendation_values(data)
    try:
        versions.claim(rec, loaded_version)
    except versions.EditConflict:
        db.session.refresh(rec)
        lines = [
            (line[0], line[2:])
            for line in difflib.ndiff(
                _normalised(rec.text).splitlines(), _normalised(values["text"]).splitlines()
            )
            if line[:1] in "+- "
        ]
        raise RecommendationConflict(rec.text, lines) from None
    for name, value in values.items():
        setattr(rec, name, value)
    db.session.flush()


def delete_recommendation(rec: Recommendation) -> None:
    _touch_session_outcome(rec.session_id)
    db.session.delete(rec)
    db.session.flush()


def move_item(item, step: int) -> None:
    """Swap a recommendation or next step with its neighbour in the same list."""
    _touch_session_outcome(item.session_id)
    model = type(item)
    scope = (
        model.session_id.is_(None)
        if item.session_id is None
        else model.session_id == item.session_id
    )
    siblings = db.session.scalars(
        select(model)
        .where(model.event_id == item.event_id, scope)
        .order_by(model.position, model.id)
    ).all()
    index = siblings.index(item)
    other = index + step
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for number, sibling in enumerate(siblings, start=1):
        sibling.position = number
    db.session.flush()


def _step_values(data: dict) -> dict:
    what = _clean(data.get("what"))
    if not what:
        raise DomainError(_("Say what is to be done."), "what")
    return {
        "what": what,
        "who": _clean(data.get("who")),
        "due_date": data.get("due_date"),
        "due_text": _clean(data.get("due_text")),
    }


def add_next_step(event: Event, session: EventSession | None, data: dict) -> NextStep:
    session_id = session.id if session else None
    _touch_session_outcome(session_id)
    step = NextStep(
        event_id=event.id,
        session_id=session_id,
        position=_next_position(NextStep, event.id, session_id),
        **_step_values(data),
    )
    db.session.add(step)
    db.session.flush()
    return step


def update_next_step(step: NextStep, data: dict) -> None:
    _touch_session_outcome(step.session_id)
    for key, value in _step_values(data).items():
        setattr(step, key, value)
    db.session.flush()


def delete_next_step(step: NextStep) -> None:
    _touch_session_outcome(step.session_id)
    db.session.delete(step)
    db.session.flush()


def event_items(event_id: int) -> tuple[list[Recommendation], list[NextStep]]:
    """The event's own recommendations and next steps (not a session's)."""
    recs = db.session.scalars(
        select(Recommendation)
        .where(Recommendation.event_id == event_id, Recommendation.session_id.is_(None))
        .order_by(Recommendation.position, Recommendation.id)
    ).all()
    steps = db.session.scalars(
        select(NextStep)
        .where(NextStep.event_id == event_id, NextStep.session_id.is_(None))
        .order_by(NextStep.position, NextStep.id)
    ).all()
    return recs, steps


def suggestions(event_id: int) -> dict:
    """Addressees and themes already used in the event, offered while typing."""
    rows = db.session.execute(
        select(Recommendation.addressee, Recommendation.theme).where(
            Recommendation.event_id == event_id
        )
    ).all()
    defaults = [str(_("States")), str(_("The United Nations")), str(_("Companies"))]
    return {
        "addressees": sorted({a for a, _t in rows if a} | set(defaults)),
        "themes": sorted({t for _a, t in rows if t}),
    }


# Event outcome


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
    values = {name: _clean(data.get(name)) for name in EVENT_SECTIONS}
    yours = {name: values[name] or "" for name in EVENT_SECTIONS}
    outcome = event_outcome(event)
    if outcome is None:
        if loaded_version != 0:
            raise DomainError(_("This outcome no longer exists."))
        outcome = EventOutcome(event_id=event.id, updated_by_id=user.id, **values)
        try:
            with db.session.begin_nested():
                db.session.add(outcome)
                db.session.flush()
        except IntegrityError:
            outcome = event_outcome(event)
            current = event_outcome_values(event)
            raise _conflict(outcome, current, yours, EVENT_SECTIONS) from None
    else:
        before = audit.snapshot(outcome)
        updated = db.session.execute(
            sa.update(EventOutcome)
            .where(EventOutcome.id == outcome.id, EventOutcome.version == loaded_version)
            .values(
                version=loaded_version + 1, updated_by_id=user.id, updated_at=utcnow(), **values
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.expire(outcome)
        db.session.refresh(outcome)
        if updated != 1:
            raise _conflict(outcome, event_outcome_values(event), yours, EVENT_SECTIONS)
        audit.record_update(outcome, before)
    # The version check above guards these rows too: only the winner gets here.
    assessments = goal_assessments(event)
    for goal in event.goals:
        rating = data.get(f"rating_{goal.id}") or None
        comment = _clean(data.get(f"comment_{goal.id}"))
        row = assessments.get(goal.id)
        if row is None and (rating or comment):
            row = GoalAssessment(goal_id=goal.id)
            db.session.add(row)
        if row is not None:
            row.rating = Assessment(rating) if rating else None
            row.comment = comment
    summaries = day_summaries(event)
    for day in event.days:
        text = _clean(data.get(f"day_{day.id}"))
        row = summaries.get(day.id)
        if row is None and text:
            row = DaySummary(day_id=day.id)
            db.session.add(row)
        if row is not None:
            row.text = text
    db.session.flush()
    _record_revision(event.id, None, outcome.version, event_outcome_values(event), user)
    db.session.flush()
    return outcome


def set_published(event: Event, published: bool, user) -> EventOutcome:
    outcome = event_outcome(event)
    if outcome is None:
        raise DomainError(_("Write the event outcome before publishing it."))
    outcome.published = published
    db.session.flush()
    return outcome


# Session list for the outcomes overview


def outcomes_overview(event: Event) -> list[dict]:
    """Each session (breaks left out) with its outcome status and counts, in two queries."""
    from eventapp.sessions.models import SessionKind
    from eventapp.sessions.services import timetable

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
