"""Plain data for the session report and the event outcome summary PDFs.

The builders read everything a report needs in a fixed number of queries, in the report's
language, and hand the templates dicts, lists and strings only (never model objects), so the
same data can be hashed to know whether a kept PDF is still current.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.events.models import Event, EventGoal, EventOrganisation, GoalKind
from eventapp.extensions import db
from eventapp.i18n import event_digits, format_clock, format_day, hijri_date, localized
from eventapp.outcomes import followup, services, sources
from eventapp.outcomes.markdown import markdown_html
from eventapp.outcomes.models import (
    SESSION_SECTIONS,
    NextStep,
    OutcomeStatus,
    Recommendation,
    SessionOutcome,
)
from eventapp.people import Audience, shown
from eventapp.reports.text import text_direction_of
from eventapp.sessions.models import EventSession, SessionKind, SessionPerson, SessionRoleKind
from eventapp.speakers.models import Person

LANGUAGES = ("ar", "en")


def _status_label(status: str) -> str:
    labels = {
        "delivered": _("Delivered"),
        "interrupted": _("Interrupted"),
        "not_aired": _("Not aired"),
        "queued": _("Not yet heard"),
        "withdrawn": _("Withdrawn"),
    }
    return labels.get(status, status.replace("_", " "))


def _day_text(value: dt.date, event: Event, hijri: bool) -> str:
    text = format_day(value, event)
    if hijri:
        h = hijri_date(value, event)
        if h:
            text = f"{text} ({h})"
    return text


def _span_text(event: Event, hijri: bool) -> str:
    first = _day_text(event.first_day, event, hijri)
    if event.last_day == event.first_day:
        return first
    return _("%(first)s to %(last)s", first=first, last=_day_text(event.last_day, event, hijri))


def _person_dict(entry: SessionPerson, language: str) -> dict:
    person: Person = entry.person
    organisation = person.organisation
    name = localized(person, "name", language)
    honorific = localized(person, "honorific", language)
    # A speaker of the session: public by their role (no naming consent).
    shown_as = shown(
        f"{honorific} {name}".strip() if honorific else name,
        localized(organisation, "name", language) if organisation else "",
        Audience.PUBLIC,
        language=language,
    )
    return {
        "name": shown_as.name,
        "position": localized(person, "position", language),
        "organisation": shown_as.organisation,
        "role": entry.role.label,
    }


def _session_header(session: EventSession, event: Event, language: str, hijri: bool) -> dict:
    runners = session.people_in(
        SessionRoleKind.CHAIR, SessionRoleKind.MODERATOR, SessionRoleKind.FACILITATOR
    )
    speakers = session.people_in(
        SessionRoleKind.PRESENTER, SessionRoleKind.PANELLIST, SessionRoleKind.DISCUSSANT
    )
    rapporteurs = session.people_in(SessionRoleKind.RAPPORTEUR)
    return {
        "id": session.id,
        "title": localized(session, "title", language),
        "kind": session.kind.label,
        "date": _day_text(session.day.date, event, hijri),
        "day_number": event_digits(session.day.number, event),
        "start": format_clock(session.start_time, event),
        "end": format_clock(session.end_time, event),
        "room": session.room.name if session.room else "",
        "guiding_question": localized(session, "guiding_question", language),
        "description": localized(session, "description", language),
        "runners": [_person_dict(p, language) for p in runners],
        "speakers": [_person_dict(p, language) for p in speakers],
        "rapporteurs": [_person_dict(p, language) for p in rapporteurs],
    }


def _sections(outcome: SessionOutcome | None, names=SESSION_SECTIONS) -> list[dict]:
    result = []
    for name in names:
        html = markdown_html(getattr(outcome, name, None) if outcome else None)
        if html:
            result.append(
                {
                    "key": name,
                    "label": str(services.SECTION_LABELS[name]),
                    "html": str(html),
                    "dir": text_direction_of(getattr(outcome, name)),
                }
            )
    return result


def _rec_dict(rec: Recommendation, number, event: Event) -> dict:
    return {
        "number": event_digits(number, event),
        "text": rec.text,
        "addressee": rec.addressee or "",
        "theme": rec.theme or "",
        "priority": rec.priority.value,
        "priority_label": rec.priority.label,
        "status_label": rec.status.label,
    }


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


def _step_dict(step: NextStep, event: Event) -> dict:
    due = format_day(step.due_date, event, "medium") if step.due_date else ""
    if step.due_text:
        due = f"{due} ({step.due_text})" if due else step.due_text
    return {"what": step.what, "who": step.who or "", "due": due}


def _base(event: Event, language: str, title: str, description: str) -> dict:
    organisers = [
        localized(p.organisation, "name", language)
        for p in event.partners
        if p.role.value == "organiser"
    ]
    return {
        "lang": language,
        "title": title,
        "author": "، ".join(organisers) if language == "ar" else ", ".join(organisers),
        "description": description,
        "keywords": [localized(event, "title", language), _("outcome"), _("recommendations")],
        "event_title": localized(event, "title", language),
        # "صفحة ١ من ٤": the page footer of Arabic reports always uses Arabic-Indic digits.
        "arabic_digits": True,
        "labels_dir": "rtl" if language == "ar" else "ltr",
    }


def _load_event(event_id: int) -> Event:
    return db.session.scalar(
        select(Event)
        .where(Event.id == event_id)
        .options(
            selectinload(Event.partners).selectinload(EventOrganisation.organisation),
            selectinload(Event.goals),
            selectinload(Event.days),
        )
    )


def present_interventions(items: list[dict], event: Event) -> list[dict]:
    """Interventions from ``sources`` with the event's digits and labels in the locale."""
    for item in items:
        item["number"] = event_digits(item["number"], event)
        item["status_label"] = item["status_label"] or _status_label(item["status"])
        item["mode_label"] = item["mode_label"] or (
            _("Remote") if item["mode"] == "remote" else _("In the room")
        )
        item["at"] = format_clock(item["at"], event) if isinstance(item["at"], dt.time) else ""
    return items


def session_report_data(session: EventSession, language: str = "ar", hijri=None) -> dict:
    """Everything the session report shows, as plain data in ``language``."""
    with force_locale(language):
        event = _load_event(session.event_id)
        hijri = event.show_hijri if hijri is None else bool(hijri)
        header = _session_header(session, event, language, hijri)
        outcome = services.session_outcome(session)
        recs, steps = services.session_items(session.id)
        interventions = present_interventions(sources.session_interventions(session), event)
        title = _("Session report: %(title)s", title=header["title"])
        data = _base(event, language, title, localized(event, "title", language))
        data.update(
            kind="session_report",
            event={
                "title": localized(event, "title", language),
                "dates": _span_text(event, hijri),
                "venue": ", ".join(
                    v
                    for v in (
                        localized(event, "venue", language),
                        localized(event, "city", language),
                    )
                    if v
                )
                if localized(event, "venue", language) != localized(event, "city", language)
                else localized(event, "venue", language),
            },
            session=header,
            interventions=interventions,
            outcome={
                "status": outcome.status.value if outcome else "none",
                "status_label": outcome.status.label if outcome else _("Not yet written"),
                "sections": _sections(outcome),
            },
            recommendations=[_rec_dict(r, n, event) for n, r in enumerate(recs, start=1)],
            next_steps=[_step_dict(s, event) for s in steps],
        )
        return data


def _assessment_rows(goals: list[EventGoal], assessments: dict, event: Event, language) -> list:
    rows = []
    for number, goal in enumerate(goals, start=1):
        row = assessments.get(goal.id)
        rating = row.rating if row and row.rating else None
        rows.append(
            {
                "number": event_digits(number, event),
                "text": localized(goal, "text", language),
                "rating": rating.value if rating else "",
                "rating_label": rating.label if rating else _("Not assessed"),
                "comment": (row.comment or "") if row else "",
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


def outcome_summary_data(event: Event, language: str = "ar", hijri=None, group_by="addressee"):
    """Everything the event outcome summary shows, as plain data in ``language``."""
    from eventapp.sessions.services import timetable

    with force_locale(language):
        event = _load_event(event.id)
        hijri = event.show_hijri if hijri is None else bool(hijri)
        sessions = [s for s in timetable(event) if s.kind != SessionKind.BREAK]
        outcomes = {
            o.session_id: o
            for o in db.session.scalars(
                select(SessionOutcome).where(SessionOutcome.event_id == event.id)
            )
        }
        steps_by_session: dict = {}
        for step in db.session.scalars(
            select(NextStep)
            .where(NextStep.event_id == event.id)
            .order_by(NextStep.position, NextStep.id)
        ):
            steps_by_session.setdefault(step.session_id, []).append(step)
        recs = followup.consolidated(event)
        recs_by_session: dict = {}
        for rec in recs:
            recs_by_session.setdefault(rec.session_id, []).append(rec)
        event_outcome = services.event_outcome(event)
        assessments = services.goal_assessments(event)
        summaries = services.day_summaries(event)
        figures = sources.participation_figures(event)

        session_blocks = []
        for session in sessions:
            outcome = outcomes.get(session.id)
            s_recs = recs_by_session.get(session.id, [])
            s_steps = steps_by_session.get(session.id, [])
            if outcome is None and not s_recs and not s_steps:
                continue
            session_blocks.append(
                {
                    **_session_header(session, event, language, hijri),
                    "status": outcome.status.value if outcome else "none",
                    "approved": bool(outcome and outcome.status == OutcomeStatus.APPROVED),
                    "sections": _sections(outcome),
                    "recommendation_ranges": _ranges([r.number for r in s_recs], event),
                    "next_steps": [_step_dict(s, event) for s in s_steps],
                }
            )

        groups = [
            {
                "label": label
                or (_("No addressee given") if group_by == "addressee" else _("No theme given")),
                "items": [_rec_dict(r, r.number, event) for r in items],
            }
            for label, items in followup.grouped(recs, group_by)
        ]
        days = []
        if len(event.days) > 1:
            for day in event.days:
                days.append(
                    {
                        "label": _(
                            "Day %(n)s: %(date)s",
                            n=event_digits(day.number, event),
                            date=_day_text(day.date, event, hijri),
                        ),
                        "title": localized(day, "title", language),
                        "html": str(markdown_html(summaries[day.id].text))
                        if day.id in summaries
                        else "",
                        "dir": text_direction_of(summaries[day.id].text)
                        if day.id in summaries
                        else "",
                    }
                )
        by_category = [
            {"label": c["label"], "count": event_digits(c["count"], event)}
            for c in figures["by_category"]
        ]
        title = _("Outcome summary: %(title)s", title=localized(event, "title", language))
        data = _base(event, language, title, localized(event, "title", language))
        data.update(
            kind="outcome_summary",
            group_by=group_by,
            event={
                "title": localized(event, "title", language),
                "kind": event.kind.label,
                "archived": event.is_archived,
                "dates": _span_text(event, hijri),
                "venue": localized(event, "venue", language),
                "city": localized(event, "city", language),
                "description": localized(event, "description", language),
                "organisers": [
                    {"name": localized(p.organisation, "name", language), "role": p.role.label}
                    for p in event.partners
                ],
            },
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
            participation={
                "organisations": event_digits(figures["organisations"], event),
                "participants": event_digits(figures["participants"], event),
                "in_person": event_digits(figures["in_person"], event),
                "remote": event_digits(figures["remote"], event),
                "by_category": by_category,
                "known": bool(figures["participants"] or figures["organisations"]),
            },
            summary_html=str(markdown_html(event_outcome.summary if event_outcome else None)),
            conclusions_html=str(
                markdown_html(event_outcome.conclusions if event_outcome else None)
            ),
            summary_dir=text_direction_of(event_outcome.summary if event_outcome else ""),
            conclusions_dir=text_direction_of(event_outcome.conclusions if event_outcome else ""),
            days=days,
            sessions=session_blocks,
            groups=groups,
            recommendation_count=event_digits(len(recs), event),
            event_recommendations=[
                _rec_dict(r, r.number, event) for r in recs_by_session.get(None, [])
            ],
            next_steps=[_step_dict(s, event) for s in steps_by_session.get(None, [])],
            organisations=_annex_organisations(event, sessions, figures, language),
        )
        return data
