"""The organisers' translation checklist of an event (checklist.py) and its tab's badge."""

from __future__ import annotations

from flask import g, render_template

from eventapp.auth.permissions import organiser_required
from eventapp.outcomes import checklist
from eventapp.outcomes.blueprint import bp


@bp.get("/manage/events/<int:event_id>/translations")
@organiser_required
def translations(event):
    return render_template(
        "outcomes/translations.html", event=event, checklist=checklist.checklist(event)
    )


@bp.app_template_global()
def translation_gaps(event) -> int:
    """How many of the event's texts lack a translation (the tab's badge), once a request."""
    found = g.setdefault("translation_gaps", {})
    if event.id not in found:
        found[event.id] = checklist.missing_count(event)
    return found[event.id]
