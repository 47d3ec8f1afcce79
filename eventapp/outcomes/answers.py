"""What outcomes answers to other capabilities: its receivers of the signals of eventapp.signals
(connected when the outcomes views are imported).

- organisation_page_asked: the organiser's public page lists the published outcome summaries
  of its past events
"""

from __future__ import annotations

import datetime as dt

from flask import render_template
from markupsafe import Markup
from sqlalchemy import select

from eventapp import signals
from eventapp.extensions import db
from eventapp.outcomes.models import EventOutcome

# Where the section stands on the organisation's page among the others' (lower: higher up).
SUMMARIES_ORDER = 10


@signals.organisation_page_asked.connect
def _published_summaries(organisation, *, events, **_kwargs) -> dict | None:
    """Links to the published outcome summary of each of the organisation's past events."""
    today = dt.date.today()
    past = {e.id: e for e in events if e.last_day < today or e.is_archived}
    if not past:
        return None
    published = set(
        db.session.scalars(
            select(EventOutcome.event_id).where(
                EventOutcome.event_id.in_(past), EventOutcome.published.is_(True)
            )
        )
    )
    shown = [e for e in events if e.id in published]
    if not shown:
        return None
    html = render_template("outcomes/_organisation_summaries.html", events=shown)
    return {"order": SUMMARIES_ORDER, "html": Markup(html)}
