"""Which texts of an event still lack their translation, as data the checklist page reads.

A bilingual text is a pair of columns `<field>_ar` / `<field>_en` (the Arabic column may be the
model's plain `<field>`, with `<field>_ar` its synonym). It lacks its English when the Arabic is
there and the English is not. `Source` says where such pairs live (a model, its fields, how its
rows belong to an event, the form where they are translated); `missing_translations(event)` is
the outcome texts' answer, and eventapp/outcomes/checklist.py adds the event, its days, rooms,
sessions and objectives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload

from eventapp.events.models import EventDay, EventGoal
from eventapp.extensions import db
from eventapp.i18n import event_date, localized
from eventapp.outcomes.models import (
    DaySummary,
    EventOutcome,
    GoalAssessment,
    NextStep,
    Recommendation,
    SessionOutcome,
)

EXCERPT = 90  # characters of the text shown in the checklist


@dataclass(frozen=True)
class Missing:
    """One text without its translation."""

    kind: str  # the group: "event", "days", "rooms", "sessions", "goals", "outcomes"
    label: str  # what text it is ("Title", "Summary", ...)
    excerpt: str  # the start of the text that is there (the Arabic, unless that is missing)
    url: str  # the form where it is translated
    context: str = ""  # whose text it is (a session's title, a day's date...)
    language: str = "en"  # the language it lacks


def excerpt(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _filled(value) -> bool:
    return bool((value or "").strip()) if isinstance(value, str) else value is not None


def _filled_sql(column):
    return and_(column.is_not(None), func.trim(column) != "")


@dataclass(frozen=True)
class Source:
    """The bilingual fields of one model, within one event."""

    kind: str
    model: type
    fields: tuple[tuple[str, object], ...]  # (field, its label)
    of_event: Callable  # event -> SQL condition selecting the event's rows
    url: Callable  # (event, row) -> the form's URL
    context: Callable | None = None  # (event, row) -> whose text
    both_ways: bool = False  # also list English texts without Arabic
    order: tuple = ()
    options: tuple = ()

    def columns(self, field: str):
        return getattr(self.model, f"{field}_ar"), getattr(self.model, f"{field}_en")

    def rows(self, event) -> list:
        query = select(self.model).where(self.of_event(event))
        if self.options:
            query = query.options(*self.options)
        return db.session.scalars(query.order_by(*self.order, self.model.id)).all()

    def check(self, event) -> tuple[list[Missing], int]:
        """The missing translations, and how many texts there are (in either language)."""
        missing, total = [], 0
        for row in self.rows(event):
            for field, label in self.fields:
                arabic, english = getattr(row, f"{field}_ar"), getattr(row, f"{field}_en")
                if not (_filled(arabic) or _filled(english)):
                    continue
                total += 1
                lacks = (
                    "en"
                    if not _filled(english)
                    else ("ar" if self.both_ways and not _filled(arabic) else None)
                )
                if lacks:
                    missing.append(
                        Missing(
                            kind=self.kind,
                            label=str(label),
                            excerpt=excerpt(arabic if lacks == "en" else english),
                            url=self.url(event, row),
                            context=self.context(event, row) if self.context else "",
                            language=lacks,
                        )
                    )
        return missing, total

    def total_clauses(self, event) -> list:
        """One scalar subquery per field counting the event's texts (in either language)."""
        clauses = []
        for field, _label in self.fields:
            arabic, english = self.columns(field)
            clauses.append(
                select(func.count())
                .select_from(self.model)
                .where(self.of_event(event), or_(_filled_sql(arabic), _filled_sql(english)))
                .scalar_subquery()
            )
        return clauses

    def count_clauses(self, event) -> list:
        """One scalar subquery per field counting the event's texts that lack a translation:
        the tab's badge sums them in a single query."""
        clauses = []
        for field, _label in self.fields:
            arabic, english = self.columns(field)
            lacks = and_(_filled_sql(arabic), ~_filled_sql(english))
            if self.both_ways:
                lacks = or_(lacks, and_(_filled_sql(english), ~_filled_sql(arabic)))
            clauses.append(
                select(func.count())
                .select_from(self.model)
                .where(self.of_event(event), lacks)
                .scalar_subquery()
            )
        return clauses


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
            ("responsible_body", _l("Responsible body")),
        ),
        lambda event: Recommendation.event_id == event.id,
        lambda event, row: url_for("outcomes.edit_recommendation", rec_id=row.id),
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


def check_sources(event, sources) -> tuple[list[Missing], int]:
    missing, total = [], 0
    for source in sources:
        found, count = source.check(event)
        missing.extend(found)
        total += count
    return missing, total


def missing_translations(event) -> list[Missing]:
    """The event's outcome texts whose Arabic has no English yet."""
    return check_sources(event, OUTCOME_SOURCES)[0]


def summed(clauses: list) -> int:
    """The sum of scalar subqueries, in one query."""
    return sum(db.session.execute(select(*clauses)).one()) if clauses else 0


def outcome_text_count(event) -> int:
    """How many outcome texts the event has, in either language: one query."""
    return summed([c for source in OUTCOME_SOURCES for c in source.total_clauses(event)])
