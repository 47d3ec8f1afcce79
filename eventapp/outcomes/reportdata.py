"""Plain data for the PDFs: the blocks both reports share (dates, a session's header and
sections, a recommendation, a next step) and the session report's data.

The builders read everything a report needs in a fixed number of queries, in the report's
language, and hand the templates dicts, lists and strings only (never model objects), so the
same data can be hashed to know whether a kept PDF is still current. The event outcome
summary is built from these blocks in ``summarydata``.
"""

from __future__ import annotations

import datetime as dt
import re

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.events.models import Event, EventOrganisation
from eventapp.extensions import db
from eventapp.i18n import (
    event_digits,
    format_clock,
    format_day,
    hijri_date,
    localized,
    shown_text,
)
from eventapp.outcomes import sources
from eventapp.outcomes.addressees import addressee_label, addressee_untranslated
from eventapp.outcomes.markdown import markdown_html
from eventapp.outcomes.models import (
    SESSION_SECTIONS,
    NextStep,
    Recommendation,
    SessionOutcome,
)
from eventapp.outcomes.revisions import SECTION_LABELS
from eventapp.outcomes.session_outcomes import session_items, session_outcome
from eventapp.people import Audience, shown
from eventapp.reports.text import text_direction_of
from eventapp.sessions.models import EventSession, SessionPerson, SessionRoleKind
from eventapp.speakers.models import Person

LANGUAGES = ("ar", "en")


def _status_label(status: str) -> str:
    labels = {
        "delivered": _("Delivered"),
        "interrupted": _("Interrupted"),
        "not_aired": _("Not aired"),
        "received_in_writing": _("Received in writing"),
        "read_on_behalf": _("Read out on behalf"),
        "queued": _("Not yet heard"),
        "withdrawn": _("Withdrawn"),
    }
    return labels.get(status, status.replace("_", " "))


def day_text(value: dt.date, event: Event, hijri: bool) -> str:
    text = format_day(value, event)
    if hijri:
        h = hijri_date(value, event)
        if h:
            text = f"{text} ({h})"
    return text


def span_text(event: Event, hijri: bool) -> str:
    first = day_text(event.first_day, event, hijri)
    if event.last_day == event.first_day:
        return first
    return _("%(first)s to %(last)s", first=first, last=day_text(event.last_day, event, hijri))


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
        "role": entry.role.label_for(person.form_of_address),
    }


def session_header(session: EventSession, event: Event, language: str, hijri: bool) -> dict:
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
        "date": day_text(session.day.date, event, hijri),
        "day_number": event_digits(session.day.number, event),
        "start": format_clock(session.start_time, event),
        "end": format_clock(session.end_time, event),
        "room": localized(session.room, "name", language) if session.room else "",
        "guiding_question": localized(session, "guiding_question", language),
        "description": localized(session, "description", language),
        "runners": [_person_dict(p, language) for p in runners],
        "speakers": [_person_dict(p, language) for p in speakers],
        "rapporteurs": [_person_dict(p, language) for p in rapporteurs],
    }


def in_language(obj, field: str, language: str) -> dict:
    """A bilingual text for a report: {"text", "lang", "untranslated"} (``i18n.shown_text``);
    "lang" is "" when the text is in the report's language, so the Arabic report is unchanged."""
    value = shown_text(obj, field, language)
    return {
        "text": value.text,
        "lang": value.language if value.language != language else "",
        "untranslated": value.untranslated,
    }


def section_blocks(
    outcome: SessionOutcome | None, names=SESSION_SECTIONS, language: str = "ar"
) -> list[dict]:
    """The written sections of an outcome in ``language``: each section's English in an English
    report, its Arabic marked "untranslated" where the English is missing."""
    result = []
    for name in names:
        text = in_language(outcome, name, language)
        html = markdown_html(text["text"] or None)
        if html:
            result.append(
                {
                    "key": name,
                    "label": str(SECTION_LABELS[name]),
                    "html": str(html),
                    "dir": text_direction_of(text["text"]),
                    "lang": text["lang"],
                    "untranslated": text["untranslated"],
                }
            )
    return result


def rec_dict(rec: Recommendation, number, event: Event, language: str = "ar") -> dict:
    text = in_language(rec, "text", language)
    theme = in_language(rec, "theme", language)
    return {
        "number": event_digits(number, event),
        "text": text["text"],
        "text_lang": text["lang"],
        "addressee": addressee_label(rec, language),
        "theme": theme["text"],
        "theme_lang": theme["lang"],
        # Any of its texts is shown in Arabic to a reader of English: one marker says so.
        "untranslated": text["untranslated"]
        or theme["untranslated"]
        or addressee_untranslated(rec, language),
        "priority": rec.priority.value,
        "priority_label": rec.priority.label,
        "status_label": rec.status.label,
    }


def step_dict(step: NextStep, event: Event, language: str = "ar") -> dict:
    what, who, due_text = (in_language(step, f, language) for f in ("what", "who", "due_text"))
    due = format_day(step.due_date, event, "medium") if step.due_date else ""
    if due_text["text"]:
        due = f"{due} ({due_text['text']})" if due else due_text["text"]
    return {
        "what": what["text"],
        "what_lang": what["lang"],
        "who": who["text"],
        "due": due,
        "untranslated": what["untranslated"] or who["untranslated"] or due_text["untranslated"],
    }


def base(event: Event, language: str, title: str, description: str) -> dict:
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
        # "صفحة ١ من ٤" or "صفحة 1 من 4": the footer follows the event's digits.
        "arabic_digits": event.use_arabic_digits,
        "labels_dir": "rtl" if language == "ar" else "ltr",
    }


def load_event(event_id: int) -> Event:
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
        item.setdefault("language_label", "")
        item.setdefault("read_by", "")
    return items


# The statuses a report counts, each on its own (a statement received in writing or read out
# on its author's behalf is never counted as delivered), in this order.
FIGURE_STATUSES = ("delivered", "interrupted", "not_aired", "received_in_writing", "read_on_behalf")


def duration_text(seconds: int, event: Event) -> str:
    """Seconds as m:ss (h:mm:ss from an hour), in the event's digits."""
    hours, rest = divmod(int(seconds or 0), 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return event_digits(text, event)


def intervention_figures(figures: dict, event: Event) -> dict:
    """The figures of interventions (sources.intervention_figures) as a report shows them."""
    return {
        "counts": [
            {
                "key": key,
                "label": _status_label(key),
                "count": event_digits(figures.get(key, 0), event),
            }
            for key in FIGURE_STATUSES
        ],
        "reported": sum(int(figures.get(key, 0)) for key in FIGURE_STATUSES),
        "speaking_time": duration_text(figures.get("total_speaking_seconds", 0), event),
        "by_organisation": [
            {
                "organisation": str(row["organisation"]),
                "kind": row["kind"],
                "interventions": event_digits(row["interventions"], event),
                "time": duration_text(row["seconds"], event),
            }
            for row in figures.get("by_organisation", [])
        ],
        # "[HH:MM] text" lines of a session's console, stamped in the event's time zone.
        "technical_notes": [_stamped(line, event) for line in figures.get("technical_notes", [])],
    }


_CONSOLE_STAMP = re.compile(r"^\[\d{1,2}:\d{2}\]")


def _stamped(line: str, event) -> str:
    """A console note with its "[HH:MM]" stamp in the event's digits; the note as typed."""
    stamp = _CONSOLE_STAMP.match(line)
    return event_digits(stamp.group(), event) + line[stamp.end() :] if stamp else line


def session_languages(session: EventSession) -> list[str]:
    """The names of the languages the session lists (floor and interpretation), in the
    report's language; never their links or channel numbers, which are private."""
    return [channel.language_label for channel in session.channels]


def session_report_data(session: EventSession, language: str = "ar", hijri=None) -> dict:
    """Everything the session report shows, as plain data in ``language``."""
    with force_locale(language):
        event = load_event(session.event_id)
        hijri = event.show_hijri if hijri is None else bool(hijri)
        header = session_header(session, event, language, hijri)
        outcome = session_outcome(session)
        recs, steps = session_items(session.id)
        interventions = present_interventions(sources.session_interventions(session), event)
        figures = intervention_figures(sources.intervention_figures(event, session), event)
        title = _("Session report: %(title)s", title=header["title"])
        data = base(event, language, title, localized(event, "title", language))
        data.update(
            kind="session_report",
            event={
                "title": localized(event, "title", language),
                "dates": span_text(event, hijri),
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
            languages=session_languages(session),
            interventions=interventions,
            figures=figures,
            outcome={
                "status": outcome.status.value if outcome else "none",
                "status_label": outcome.status.label if outcome else _("Not yet written"),
                "sections": section_blocks(outcome, language=language),
            },
            recommendations=[rec_dict(r, n, event, language) for n, r in enumerate(recs, start=1)],
            next_steps=[step_dict(s, event, language) for s in steps],
        )
        return data
