"""Bilingual texts of an event and which of them lack their translation: the machinery the
translation checklist (checklist.py) and the outcome texts' list (translations.py) share.

A bilingual text is a pair of columns `<field>_ar` / `<field>_en` (the Arabic column may be the
model's plain `<field>`, with `<field>_ar` its synonym). It lacks its English when the Arabic is
there and the English is not. A `Source` says where such pairs live: a model, its fields, how
its rows belong to an event, the form where they are translated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from eventapp.extensions import db

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


def check_sources(event, sources) -> tuple[list[Missing], int]:
    """The missing translations of the sources' texts, and how many texts there are."""
    missing, total = [], 0
    for source in sources:
        found, count = source.check(event)
        missing.extend(found)
        total += count
    return missing, total


def summed(clauses: list) -> int:
    """The sum of scalar subqueries, in one query."""
    return sum(db.session.execute(select(*clauses)).one()) if clauses else 0
