"""The follow-up an organisation chooses to publish: per recommendation, its organisers may mark
the follow-up public (Recommendation.follow_up_public) once the event is public and its outcome
summary published. Only those are shown, on the organisation's public page (this module's
answer to signals.organisation_page_asked) and on its page /o/<slug>/follow-up: the text,
addressee, theme, status, due date and the dated progress notes — never who wrote a note.

A recommendation whose event is no longer public, or whose summary was withdrawn, is not shown
whatever its flag says."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from eventapp import signals
from eventapp.common import DomainError
from eventapp.events.models import Event
from eventapp.events.services import PUBLIC_STATUSES
from eventapp.extensions import db
from eventapp.outcomes.followup import in_numbering_order
from eventapp.outcomes.models import EventOutcome, Recommendation
from eventapp.outcomes.tracker import numbered
from eventapp.speakers.models import Organisation

SECTION_ORDER = 30  # after the organisation's events and the outcome summaries
SECTION_SIZE = 5  # recommendations in the section of the public page; the rest on its own page


def publishable(event: Event) -> bool:
    """Whether the follow-up of the event's recommendations may be made public: the event is
    public, organised by an organisation, and its outcome summary is published."""
    if event.organiser_id is None or event.status not in PUBLIC_STATUSES:
        return False
    return bool(
        db.session.scalar(select(EventOutcome.published).where(EventOutcome.event_id == event.id))
    )


def set_public(rec: Recommendation, public: bool) -> None:
    if public and not publishable(rec.event):
        raise DomainError(
            _(
                "The follow-up can be made public only once the event is published and its "
                "outcome summary is published."
            )
        )
    rec.follow_up_public = public
    db.session.flush()


def public_follow_up(organisation: Organisation, event_ids=None) -> list[Recommendation]:
    """The recommendations whose follow-up the organisation publishes, newest event first,
    numbered as in their event; only of ``event_ids`` when given."""
    query = (
        select(Recommendation)
        .join(Event, Event.id == Recommendation.event_id)
        .join(EventOutcome, EventOutcome.event_id == Event.id)
        .where(
            Event.organiser_id == organisation.id,
            Event.status.in_(PUBLIC_STATUSES),
            EventOutcome.published.is_(True),
            Recommendation.follow_up_public.is_(True),
        )
        .order_by(Event.first_day.desc(), Event.id.desc())
    )
    if event_ids is not None:
        query = query.where(Event.id.in_(list(event_ids)))
    rows = db.session.scalars(
        in_numbering_order(query).options(
            selectinload(Recommendation.event),
            selectinload(Recommendation.notes),
            selectinload(Recommendation.addressee_organisation),
        )
    ).all()
    return numbered(list(rows))


@signals.organisation_page_asked.connect
def _follow_up_section(organisation, *, events=(), **_kwargs):
    recs = public_follow_up(organisation, [e.id for e in events])
    if not recs:
        return None
    html = render_template(
        "outcomes/_programme_follow_up.html",
        organisation=organisation,
        recs=recs[:SECTION_SIZE],
        total=len(recs),
    )
    return {"order": SECTION_ORDER, "html": Markup(html)}  # noqa: S704 - rendered by Jinja, escaped
