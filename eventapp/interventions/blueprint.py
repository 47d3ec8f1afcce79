"""The interventions blueprint, and what its templates share: the history's action labels and
the `duration` and `event_moment` filters. Its routes are in views_participants and
views_console."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from eventapp.i18n import format_moment

bp = Blueprint("interventions", __name__)


ACTION_LABELS = {
    "requested": _l("Asked to intervene"),
    "added": _l("Added by the organisers"),
    "edited": _l("Details corrected"),
    "approve": _l("Approved"),
    "reject": _l("Rejected"),
    "ready": _l("Ready in the queue"),
    "call": _l("Given the floor"),
    "deliver": _l("Delivered"),
    "interrupt": _l("Interrupted"),
    "not_aired": _l("Not aired"),
    "requeue": _l("Queued again"),
    "withdraw": _l("Withdrawn"),
    "receive_written": _l("Received in writing"),
    "read_on_behalf": _l("Read out on behalf"),
    "moved": _l("Order changed"),
    "technical_note": _l("Technical note"),
    "statement": _l("Statement saved"),
    "list_opened": _l("List of speakers opened"),
    "list_closed": _l("List of speakers closed"),
    "default_limit": _l("Default speaking time changed"),
    "session_ended": _l("Session ended"),
    "session_reopened": _l("Session reopened"),
}


bp.add_app_template_global(ACTION_LABELS, "action_labels")


@bp.app_template_filter("event_moment")
def event_moment(value: dt.datetime | None, event, with_date: bool = True) -> str:
    """A stored moment (naive UTC) as the event's readers see it: in the event's time zone,
    "9 Dec 2026, 12:00:05" (or "12:00:05"), by Babel in the reader's language and digits."""
    return format_moment(value, event, with_date=with_date)


@bp.app_template_filter("duration")
def duration(seconds) -> str:
    """Seconds as m:ss (or h:mm:ss)."""
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
