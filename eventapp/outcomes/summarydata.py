"""Plain data for the event outcome summary PDF: the event, its objectives assessed, each day,
each session's outcome, every recommendation numbered once and grouped, the next steps and the
participation figures, built from the blocks of ``reportdata`` in a fixed number of queries."""

from __future__ import annotations

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import select

from eventapp.events import assembly
from eventapp.events.models import Event, EventGoal, GoalKind
from eventapp.extensions import db
from eventapp.i18n import event_digits, localized
from eventapp.outcomes import followup, sources, votes
from eventapp.outcomes.addressees import addressee_groups, detail_under_group
from eventapp.outcomes.event_outcomes import day_summaries, event_outcome, goal_assessments
from eventapp.outcomes.markdown import markdown_html
from eventapp.outcomes.models import NextStep, OutcomeStatus, SessionOutcome
from eventapp.outcomes.reportdata import (
    base,
    day_text,
    in_language,
    intervention_figures,
    load_event,
    rec_dict,
    section_blocks,
    session_header,
    span_text,
    step_dict,
)
from eventapp.reports.text import text_direction_of
from eventapp.sessions.models import SessionKind
from eventapp.sessions.services import timetable


def _ranges(numbers: list[int], event: Event) -> list[str]:
    """[3, 4, 5, 9] -> ["3–5", "9"]: a session's recommendations in the consolidated list."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return [
        # Marks around the dash keep "1–4" in order when the digits are Arabic-Indic.
        event_digits(f"{run[0]}\u200e–\u200e{run[-1]}" if len(run) > 1 else str(run[0]), event)
        for run in runs
    ]


def _assessment_rows(goals: list[EventGoal], assessments: dict, event: Event, language) -> list:
    rows = []
    for number, goal in enumerate(goals, start=1):
        row = assessments.get(goal.id)
        rating = row.rating if row and row.rating else None
        comment = in_language(row, "comment", language)
        goal_text = in_language(goal, "text", language)
        rows.append(
            {
                "number": event_digits(number, event),
                "text": localized(goal, "text", language),
                "rating": rating.value if rating else "",
                "rating_label": rating.label if rating else _("Not assessed"),
                "text_lang": goal_text["lang"],
                "text_untranslated": goal_text["untranslated"],
                "comment": comment["text"],
                "comment_lang": comment["lang"],
                "untranslated": comment["untranslated"],
            }
        )
    return rows


def _annex_organisations(event: Event, sessions, figures: dict, language: str) -> list[str]:
    names = {n.strip() for n in figures.get("organisation_names", []) if n and n.strip()}
    for partner in event.partners:
        names.add(localized(partner.organisation, "name", language))
    for session in sessions:
        for entry in session.people:
            if entry.person.organisation is not None:
                names.add(localized(entry.person.organisation, "name", language))
    return sorted(n for n in names if n)


def _by_session(rows) -> dict:
    """Rows (recommendations, next steps) by their session id, None for the event's own."""
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(row.session_id, []).append(row)
    return grouped


def _vote_dict(vote, event) -> dict | None:
    if vote is None:
        return None
    return {
        "text": _(
            "For: %(for)s · Against: %(against)s · Abstaining: %(abstaining)s",
            **{
                "for": event_digits(vote.votes_for, event),
                "against": event_digits(vote.votes_against, event),
                "abstaining": event_digits(vote.votes_abstaining, event),
            },
        )
    }


def _session_blocks(event, sessions, recs_by_session, steps_by_session, language, hijri):
    """Each session that has an outcome, recommendations, next steps or a recorded vote."""
    session_votes = votes.votes_by_session(event)
    outcomes = {
        o.session_id: o
        for o in db.session.scalars(
            select(SessionOutcome).where(SessionOutcome.event_id == event.id)
        )
    }
    blocks = []
    for session in sessions:
        outcome = outcomes.get(session.id)
        s_recs = recs_by_session.get(session.id, [])
        s_steps = steps_by_session.get(session.id, [])
        vote = session_votes.get(session.id)
        if outcome is None and not s_recs and not s_steps and vote is None:
            continue
        blocks.append(
            {
                **session_header(session, event, language, hijri),
                "status": outcome.status.value if outcome else "none",
                "approved": bool(outcome and outcome.status == OutcomeStatus.APPROVED),
                "sections": section_blocks(outcome, language=language),
                "recommendation_ranges": _ranges([r.number for r in s_recs], event),
                "next_steps": [step_dict(s, event, language) for s in s_steps],
                "vote": _vote_dict(vote, event),
            }
        )
    return blocks


def _day_blocks(event: Event, summaries: dict, language: str, hijri: bool) -> list[dict]:
    """A summary of each day, when the event has more than one."""
    if len(event.days) <= 1:
        return []
    days = []
    for day in event.days:
        text = in_language(summaries.get(day.id), "text", language)
        days.append(
            {
                "label": _(
                    "Day %(n)s: %(date)s",
                    n=event_digits(day.number, event),
                    date=day_text(day.date, event, hijri),
                ),
                "title": localized(day, "title", language),
                "html": str(markdown_html(text["text"] or None)) if day.id in summaries else "",
                "dir": text_direction_of(text["text"]) if day.id in summaries else "",
                "lang": text["lang"],
                "untranslated": text["untranslated"],
            }
        )
    return days


def _participation(figures: dict, event: Event) -> dict:
    return {
        "organisations": event_digits(figures["organisations"], event),
        "participants": event_digits(figures["participants"], event),
        "registered": event_digits(figures.get("registered", 0), event),
        "confirmed": event_digits(figures.get("confirmed", figures["participants"]), event),
        "attended": event_digits(figures.get("attended", 0), event),
        "in_person": event_digits(figures["in_person"], event),
        "remote": event_digits(figures["remote"], event),
        "by_category": [
            {"label": c["label"], "count": event_digits(c["count"], event)}
            for c in figures["by_category"]
        ],
        "known": bool(figures["participants"] or figures["organisations"]),
    }


def _minutes(event: Event) -> dict | None:
    """For a general assembly: attendance against the roll, the members present as a
    published report may name them (the others counted), and who signs the minutes."""
    present = votes.attendance(event)
    if present is None:
        return None
    settings = assembly.assembly_of(event)
    return {
        "text": present["text"],
        "names": present["names"],
        "unnamed": ngettext(
            "%(count)s member present asked not to be named.",
            "%(count)s members present asked not to be named.",
            present["unnamed"],
            count=event_digits(present["unnamed"], event),
        )
        if present["unnamed"]
        else "",
        "others": ngettext(
            "%(count)s other person attended without a vote.",
            "%(count)s other people attended without a vote.",
            present["others"],
            count=event_digits(present["others"], event),
        )
        if present["others"]
        else "",
        "chair": settings.chair_name or "",
        "secretary": settings.secretary_name or "",
    }


def _event_block(event: Event, language: str, hijri: bool) -> dict:
    return {
        "title": localized(event, "title", language),
        "kind": event.kind.label,
        "archived": event.is_archived,
        "dates": span_text(event, hijri),
        "venue": localized(event, "venue", language),
        "city": localized(event, "city", language),
        "description": localized(event, "description", language),
        "organisers": [
            {"name": localized(p.organisation, "name", language), "role": p.role.label}
            for p in event.partners
        ],
    }


def outcome_summary_data(event: Event, language: str = "ar", hijri=None, group_by="addressee"):
    """Everything the event outcome summary shows, as plain data in ``language``."""
    with force_locale(language):
        event = load_event(event.id)
        hijri = event.show_hijri if hijri is None else bool(hijri)
        sessions = [s for s in timetable(event) if s.kind != SessionKind.BREAK]
        steps_by_session = _by_session(
            db.session.scalars(
                select(NextStep)
                .where(NextStep.event_id == event.id)
                .order_by(NextStep.position, NextStep.id)
            )
        )
        recs = followup.consolidated(event)
        recs_by_session = _by_session(recs)
        outcome = event_outcome(event)
        figures = sources.participation_figures(event)
        session_blocks = _session_blocks(
            event, sessions, recs_by_session, steps_by_session, language, hijri
        )
        groups = [
            {
                "label": label,
                # A free-text addressee or theme with no translation yet heads its group in
                # Arabic in an English report.
                "lang": "ar" if language != "ar" and text_direction_of(label) == "rtl" else "",
                "items": [
                    dict(
                        rec_dict(r, r.number, event, language),
                        detail=detail_under_group(r, language),
                    )
                    for r in items
                ],
            }
            for label, items in (
                addressee_groups(recs, language)
                if group_by == "addressee"
                else [
                    (label or _("No theme given"), items)
                    for label, items in followup.grouped(recs, group_by, language)
                ]
            )
        ]
        assessments = goal_assessments(event)
        summaries = day_summaries(event)
        summary_shown = in_language(outcome, "summary", language)
        conclusions_shown = in_language(outcome, "conclusions", language)
        summary = summary_shown["text"] or None
        conclusions = conclusions_shown["text"] or None
        title = _("Outcome summary: %(title)s", title=localized(event, "title", language))
        data = base(event, language, title, localized(event, "title", language))
        data.update(
            kind="outcome_summary",
            group_by=group_by,
            event=_event_block(event, language, hijri),
            objectives=_assessment_rows(
                [g for g in event.goals if g.kind == GoalKind.OBJECTIVE],
                assessments,
                event,
                language,
            ),
            expected_outputs=_assessment_rows(
                [g for g in event.goals if g.kind == GoalKind.EXPECTED_OUTPUT],
                assessments,
                event,
                language,
            ),
            participation=_participation(figures, event),
            interventions=intervention_figures(sources.intervention_figures(event), event),
            minutes=_minutes(event),
            summary_html=str(markdown_html(summary)),
            conclusions_html=str(markdown_html(conclusions)),
            summary_dir=text_direction_of(summary or ""),
            conclusions_dir=text_direction_of(conclusions or ""),
            summary_lang=summary_shown["lang"],
            summary_untranslated=summary_shown["untranslated"],
            conclusions_lang=conclusions_shown["lang"],
            conclusions_untranslated=conclusions_shown["untranslated"],
            days=_day_blocks(event, summaries, language, hijri),
            sessions=session_blocks,
            groups=groups,
            recommendation_count=event_digits(len(recs), event),
            recommendation_total=len(recs),  # chooses the plural form
            event_recommendations=[
                rec_dict(r, r.number, event, language) for r in recs_by_session.get(None, [])
            ],
            next_steps=[step_dict(s, event, language) for s in steps_by_session.get(None, [])],
            organisations=_annex_organisations(event, sessions, figures, language),
        )
        return data
