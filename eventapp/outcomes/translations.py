"""The outcome texts of an event that lack their English translation.

`missing_translations(event)` lists them (session and event outcomes, day summaries, comments
on objectives, recommendations, next steps) for the translation checklist
(eventapp/outcomes/checklist.py); the sources and `Missing` are in eventapp/outcomes/bilingual.py.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from eventapp.events.models import EventDay, EventGoal
from eventapp.i18n import event_date, localized
from eventapp.outcomes.bilingual import Missing, Source, check_sources, summed
from eventapp.outcomes.models import (
    DaySummary,
    EventOutcome,
    GoalAssessment,
    NextStep,
    Recommendation,
    SessionOutcome,
)


def _session_context(event, row) -> str:
    if row.session is None:
        return _("The event as a whole")
    return localized(row.session, "title")


def _goals_of(event):
    return select(EventGoal.id).where(EventGoal.event_id == event.id)


def _days_of(event):
    return select(EventDay.id).where(EventDay.event_id == event.id)


def _event_outcome_url(event, row) -> str:
    return url_for("outcomes.event_outcome", event_id=event.id)


OUTCOME_SOURCES: tuple[Source, ...] = (
    Source(
        "outcomes",
        EventOutcome,
        (("summary", _l("Summary of the event")), ("conclusions", _l("Conclusions"))),
        lambda event: EventOutcome.event_id == event.id,
        _event_outcome_url,
        lambda event, row: _("The event as a whole"),
    ),
    Source(
        "outcomes",
        DaySummary,
        (("text", _l("Summary of the day")),),
        lambda event: DaySummary.day_id.in_(_days_of(event)),
        _event_outcome_url,
        lambda event, row: event_date(row.day.date, event),
        options=(joinedload(DaySummary.day),),
    ),
    Source(
        "outcomes",
        GoalAssessment,
        (("comment", _l("Comment on an objective or output")),),
        lambda event: GoalAssessment.goal_id.in_(_goals_of(event)),
        _event_outcome_url,
        lambda event, row: localized(row.goal, "text"),
        options=(joinedload(GoalAssessment.goal),),
    ),
    Source(
        "outcomes",
        SessionOutcome,
        (
            ("summary", _l("Summary")),
            ("key_points", _l("Key points")),
            ("consensus", _l("Points of consensus")),
            ("disagreement", _l("Points of disagreement")),
            ("decisions", _l("Decisions")),
        ),
        lambda event: SessionOutcome.event_id == event.id,
        lambda event, row: url_for("outcomes.session_outcome", session_id=row.session_id),
        _session_context,
        options=(joinedload(SessionOutcome.session),),
    ),
    Source(
        "outcomes",
        Recommendation,
        (
            ("text", _l("Recommendation")),
            ("addressee", _l("Addressee")),
            ("theme", _l("Theme")),
        ),
        lambda event: Recommendation.event_id == event.id,
        lambda event, row: url_for("outcomes.edit_recommendation", rec_id=row.id),
        _session_context,
        order=(Recommendation.session_id, Recommendation.position),
        options=(joinedload(Recommendation.session),),
    ),
    # The responsible body is part of the follow-up, written on the recommendation's own page.
    Source(
        "outcomes",
        Recommendation,
        (("responsible_body", _l("Responsible body")),),
        lambda event: Recommendation.event_id == event.id,
        lambda event, row: url_for("outcomes.recommendation", event_id=event.id, rec_id=row.id),
        _session_context,
        order=(Recommendation.session_id, Recommendation.position),
        options=(joinedload(Recommendation.session),),
    ),
    Source(
        "outcomes",
        NextStep,
        (("what", _l("Next step")), ("who", _l("Who")), ("due_text", _l("By when"))),
        lambda event: NextStep.event_id == event.id,
        lambda event, row: url_for("outcomes.edit_step", step_id=row.id),
        _session_context,
        order=(NextStep.session_id, NextStep.position),
        options=(joinedload(NextStep.session),),
    ),
)


def missing_translations(event) -> list[Missing]:
    """The event's outcome texts whose Arabic has no English yet."""
    return check_sources(event, OUTCOME_SOURCES)[0]


def outcome_text_count(event) -> int:
    """How many outcome texts the event has, in either language: one query."""
    return summed([c for source in OUTCOME_SOURCES for c in source.total_clauses(event)])


__all__ = ["OUTCOME_SOURCES", "Missing", "missing_translations", "outcome_text_count"]
