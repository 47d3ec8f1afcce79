"""Which outcome texts of an event still lack their English translation: the list the per-event
translation checklist shows (a text is missing its English when its Arabic is written and its
English is empty). Each entry says what is missing and where it is translated (an endpoint and
its arguments, for ``url_for``)."""

from __future__ import annotations

from typing import NamedTuple

from flask_babel import gettext as _
from sqlalchemy import select

from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.i18n import localized
from eventapp.outcomes.event_outcomes import day_summaries, event_outcome, goal_assessments
from eventapp.outcomes.followup import consolidated
from eventapp.outcomes.models import (
    EVENT_SECTIONS,
    SESSION_SECTIONS,
    NextStep,
    SessionOutcome,
)
from eventapp.outcomes.revisions import section_label
from eventapp.sessions.services import timetable


class MissingTranslation(NamedTuple):
    """What lacks its English ("Session «…»: Summary") and where it is translated."""

    what: str
    endpoint: str
    url_args: dict


def _missing(row, field: str) -> bool:
    arabic = getattr(row, field, None) or ""
    english = getattr(row, f"{field}_en", None) or ""
    return bool(arabic.strip()) and not english.strip()


RECOMMENDATION_FIELDS = ("text", "addressee", "theme", "responsible_body")
STEP_FIELDS = ("what", "who", "due_text")


def _recommendation_label(field: str) -> str:
    return {
        "text": _("text"),
        "addressee": _("addressee"),
        "theme": _("theme"),
        "responsible_body": _("responsible body"),
    }[field]


def _step_label(field: str) -> str:
    return {"what": _("what"), "who": _("who"), "due_text": _("by when")}[field]


def missing_translations(event: Event) -> list[MissingTranslation]:
    """Every outcome text of ``event`` written in Arabic without its English, in the order of
    the outcome summary: the event's outcome (sections, assessments of goals, day summaries),
    each session's outcome, the recommendations (by their number), the next steps."""
    found: list[MissingTranslation] = []
    at_event = ("outcomes.event_outcome", {"event_id": event.id})

    outcome = event_outcome(event)
    for name in EVENT_SECTIONS:
        if outcome is not None and _missing(outcome, name):
            found.append(
                MissingTranslation(_("Event outcome: %(s)s", s=section_label(name)), *at_event)
            )
    assessments = goal_assessments(event)
    for number, goal in enumerate(event.goals, start=1):
        if _missing(assessments.get(goal.id), "comment"):
            found.append(
                MissingTranslation(
                    _(
                        "Event outcome: comment on %(kind)s %(position)s",
                        kind=goal.kind.label,
                        position=number,
                    ),
                    *at_event,
                )
            )
    summaries = day_summaries(event)
    for day in event.days:
        if _missing(summaries.get(day.id), "text"):
            found.append(
                MissingTranslation(
                    _("Event outcome: summary of day %(position)s", position=day.number), *at_event
                )
            )

    outcomes = {
        o.session_id: o
        for o in db.session.scalars(
            select(SessionOutcome).where(SessionOutcome.event_id == event.id)
        )
    }
    for session in timetable(event):
        session_outcome = outcomes.get(session.id)
        for name in SESSION_SECTIONS:
            if _missing(session_outcome, name):
                found.append(
                    MissingTranslation(
                        _(
                            "Session “%(title)s”: %(s)s",
                            title=localized(session, "title"),
                            s=section_label(name),
                        ),
                        "outcomes.session_outcome",
                        {"session_id": session.id},
                    )
                )

    for rec in consolidated(event):
        for field in RECOMMENDATION_FIELDS:
            if _missing(rec, field):
                where = (
                    ("outcomes.recommendation", {"event_id": event.id, "rec_id": rec.id})
                    if field == "responsible_body"
                    else ("outcomes.edit_recommendation", {"rec_id": rec.id})
                )
                found.append(
                    MissingTranslation(
                        _(
                            "Recommendation %(position)s: %(field)s",
                            position=rec.number,
                            field=_recommendation_label(field),
                        ),
                        *where,
                    )
                )

    steps = db.session.scalars(
        select(NextStep)
        .where(NextStep.event_id == event.id)
        .order_by(NextStep.session_id.is_not(None), NextStep.position, NextStep.id)
    ).all()
    for step in steps:
        for field in STEP_FIELDS:
            if _missing(step, field):
                found.append(
                    MissingTranslation(
                        _(
                            "Next step “%(what)s”: %(field)s",
                            what=_short(step.what),
                            field=_step_label(field),
                        ),
                        "outcomes.edit_step",
                        {"step_id": step.id},
                    )
                )
    return found


def _short(text: str, length: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
