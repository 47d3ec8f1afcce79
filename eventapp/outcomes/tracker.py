"""The recommendations of an organisation's programme: those of every event it organises
(Event.organiser_id), filtered, counted by status, paginated and exported; and the earlier ones
a later event of the organisation takes up (a new recommendation linked to the earlier one).

Each keeps the number it has in its own event's consolidated list (followup.consolidated), and
the follow-up itself (status, notes) is the one of the event tracker (followup)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp.common import DomainError
from eventapp.events.models import Event, EventSeries
from eventapp.extensions import db
from eventapp.outcomes import items
from eventapp.outcomes.followup import (
    OPEN_STATUSES,
    addressed_to_kind,
    in_numbering_order,
    known_kind,
    text_key,
)
from eventapp.outcomes.models import FollowUpStatus, Recommendation
from eventapp.search_text import any_folded_like
from eventapp.speakers.models import Organisation, OrganisationKind

PAGE_SIZE = 25


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _id(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None


@dataclass
class ProgrammeFilters:
    """What the organisation's list is narrowed by; as typed (kept in the form) and parsed."""

    event: str = ""
    series: str = ""
    status: str = ""
    addressee: str = ""
    addressee_kind: str = ""  # an OrganisationKind value
    theme: str = ""
    owner: str = ""  # the responsible body
    due_after: str = ""
    due_before: str = ""
    overdue: bool = False
    q: str = ""
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args) -> ProgrammeFilters:
        status = args.get("status", "")
        filters = cls(
            event=args.get("event", "").strip(),
            series=args.get("series", "").strip(),
            status=status if status in {s.value for s in FollowUpStatus} else "",
            addressee=args.get("addressee", "").strip(),
            addressee_kind=known_kind(args.get("addressee_kind", "")),
            theme=args.get("theme", "").strip(),
            owner=args.get("owner", "").strip(),
            due_after=args.get("due_after", "").strip()[:20],
            due_before=args.get("due_before", "").strip()[:20],
            overdue=args.get("overdue") in ("1", "on", "true"),
            q=args.get("q", "").strip(),
        )
        for text in (filters.due_after, filters.due_before):
            if text and _date(text) is None:
                filters.errors.append(_("Give the date as YYYY-MM-DD."))
                break
        return filters

    def as_args(self) -> dict:
        args = {k: v for k, v in self.__dict__.items() if v and k not in ("overdue", "errors")}
        if self.overdue:
            args["overdue"] = "1"
        return args


def _same_key(column, organisation_id: int, wanted: str):
    """``column`` equal to one of the organisation's values written like ``wanted`` (spaces and
    case aside), as the event tracker compares addressees and themes."""
    values = db.session.scalars(
        select(column)
        .join(Event, Event.id == Recommendation.event_id)
        .where(Event.organiser_id == organisation_id, column.is_not(None))
        .distinct()
    ).all()
    return column.in_([v for v in values if text_key(v) == text_key(wanted)])


def _conditions(organisation: Organisation, filters: ProgrammeFilters, today, *, status=True):
    found = [Event.organiser_id == organisation.id]
    if (event_id := _id(filters.event)) is not None:
        found.append(Recommendation.event_id == event_id)
    if (series_id := _id(filters.series)) is not None:
        found.append(Event.series_id == series_id)
    if status and filters.status:
        found.append(Recommendation.status == FollowUpStatus(filters.status))
    for column, wanted in (
        (Recommendation.addressee, filters.addressee),
        (Recommendation.theme, filters.theme),
        (Recommendation.responsible_body, filters.owner),
    ):
        if wanted:
            found.append(_same_key(column, organisation.id, wanted))
    if filters.addressee_kind:
        found.append(addressed_to_kind(OrganisationKind(filters.addressee_kind)))
    if after := _date(filters.due_after):
        found.append(Recommendation.due_date >= after)
    if before := _date(filters.due_before):
        found.append(Recommendation.due_date <= before)
    if filters.overdue:
        found.append(Recommendation.due_date < today)
        found.append(Recommendation.status.in_(OPEN_STATUSES))
    if filters.q:
        found.append(
            any_folded_like(
                (
                    Recommendation.text,
                    Recommendation.addressee,
                    Recommendation.theme,
                    Recommendation.responsible_body,
                ),
                filters.q,
            )
        )
    return found


def programme_query(organisation: Organisation, filters: ProgrammeFilters, today=None):
    """The organisation's recommendations as filtered: newest event first, each event's in
    the order of its numbering."""
    today = today or dt.date.today()
    query = (
        select(Recommendation)
        .join(Event, Event.id == Recommendation.event_id)
        .where(*_conditions(organisation, filters, today))
        .order_by(Event.first_day.desc(), Event.id.desc())
    )
    return in_numbering_order(query).options(
        selectinload(Recommendation.event).selectinload(Event.series),
        selectinload(Recommendation.session),
        selectinload(Recommendation.notes),
        selectinload(Recommendation.addressee_organisation),
        selectinload(Recommendation.taken_up_from).selectinload(Recommendation.event),
    )


def numbered(recs: list[Recommendation]) -> list[Recommendation]:
    """Sets on each its number in its event's consolidated list (one query for all)."""
    event_ids = {r.event_id for r in recs}
    if not event_ids:
        return recs
    rows = db.session.execute(
        in_numbering_order(select(Recommendation.id, Recommendation.event_id)).where(
            Recommendation.event_id.in_(event_ids)
        )
    ).all()
    counters: dict[int, int] = {}
    numbers = {}
    for rec_id, event_id in rows:
        counters[event_id] = counters.get(event_id, 0) + 1
        numbers[rec_id] = counters[event_id]
    for rec in recs:
        rec.number = numbers[rec.id]
    return recs


def page_of(organisation: Organisation, filters: ProgrammeFilters, page: int, query=None):
    """One page (db.paginate) of the list, its recommendations numbered."""
    pagination = db.paginate(
        query if query is not None else programme_query(organisation, filters),
        page=page,
        per_page=PAGE_SIZE,
        error_out=False,
    )
    numbered(pagination.items)
    return pagination


def everything(organisation: Organisation, filters: ProgrammeFilters) -> list[Recommendation]:
    """The whole filtered list, numbered: what the exports write."""
    return numbered(db.session.scalars(programme_query(organisation, filters)).all())


def status_counts(organisation: Organisation, filters: ProgrammeFilters, today=None):
    """[(status, how many)] of the list as filtered by everything but the status."""
    today = today or dt.date.today()
    rows = dict(
        db.session.execute(
            select(Recommendation.status, sa.func.count())
            .join(Event, Event.id == Recommendation.event_id)
            .where(*_conditions(organisation, filters, today, status=False))
            .group_by(Recommendation.status)
        ).all()
    )
    return [(s, rows.get(s, 0)) for s in FollowUpStatus]


def choices(organisation: Organisation) -> dict:
    """The organisation's events, series, addressees, themes and responsible bodies."""
    events = db.session.scalars(
        select(Event)
        .where(Event.organiser_id == organisation.id)
        .order_by(Event.first_day.desc(), Event.id.desc())
    ).all()
    series = db.session.scalars(
        select(EventSeries).where(EventSeries.organisation_id == organisation.id)
    ).all()
    rows = db.session.execute(
        select(Recommendation.addressee, Recommendation.theme, Recommendation.responsible_body)
        .join(Event, Event.id == Recommendation.event_id)
        .where(Event.organiser_id == organisation.id)
    ).all()
    found: list[dict] = [{}, {}, {}]
    for row in rows:
        for values, value in zip(found, row, strict=True):
            if value:
                values.setdefault(text_key(value), value)
    return {
        "events": events,
        "series": sorted(series, key=lambda s: s.title),
        "addressees": sorted(found[0].values()),
        "themes": sorted(found[1].values()),
        "owners": sorted(found[2].values()),
        "statuses": list(FollowUpStatus),
        "kinds": list(OrganisationKind),
    }


# Taking up earlier recommendations


def earlier_query(event: Event, filters: ProgrammeFilters):
    """The recommendations of the organisation's events that began before ``event``."""
    query = programme_query(event.organiser, filters)
    return query.where(Event.first_day < event.first_day, Event.id != event.id)


def taken_up_ids(event: Event) -> set[int]:
    """Ids of the earlier recommendations already taken up in ``event``."""
    return set(
        db.session.scalars(
            select(Recommendation.taken_up_from_id).where(
                Recommendation.event_id == event.id, Recommendation.taken_up_from_id.is_not(None)
            )
        )
    )


def take_up(event: Event, earlier: Recommendation) -> Recommendation:
    """A new recommendation of ``event`` (the event's own) copying the earlier one's text,
    addressee, theme and priority, linked to it; refused twice into the same event."""
    source = earlier.event
    if event.organiser_id is None or source.organiser_id != event.organiser_id:
        raise DomainError(
            _("Only recommendations of the same organisation's events can be taken up.")
        )
    if source.id == event.id or source.first_day >= event.first_day:
        raise DomainError(_("Only recommendations of earlier events can be taken up."))
    if earlier.id in taken_up_ids(event):
        raise DomainError(_("This recommendation is already taken up in this event."))
    rec = items.add_recommendation(
        event,
        None,
        {
            "text": earlier.text,
            "addressee_kind": earlier.addressee_kind,
            "addressee_organisation_id": earlier.addressee_organisation_id,
            "addressee": earlier.addressee,
            "theme": earlier.theme,
            "priority": earlier.priority.value,
        },
    )
    rec.taken_up_from = earlier
    db.session.flush()
    return rec


def history(rec: Recommendation) -> list[Recommendation]:
    """The recommendations this one was taken up from, the nearest first, numbered."""
    chain, seen = [], {rec.id}
    earlier = rec.taken_up_from
    while earlier is not None and earlier.id not in seen:
        chain.append(earlier)
        seen.add(earlier.id)
        earlier = earlier.taken_up_from
    return numbered(chain)


def taken_up_in(rec: Recommendation) -> list[Recommendation]:
    """The later recommendations that took this one up, numbered, oldest event first."""
    later = db.session.scalars(
        select(Recommendation)
        .join(Event, Event.id == Recommendation.event_id)
        .where(Recommendation.taken_up_from_id == rec.id)
        .order_by(Event.first_day, Recommendation.id)
        .options(selectinload(Recommendation.event))
    ).all()
    return numbered(list(later))
