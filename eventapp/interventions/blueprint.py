"""The interventions blueprint, and what its templates share: the history's action labels and
the `duration` filter. Its routes are in views_participants and views_console."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

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


@bp.app_template_filter("duration")
def duration(seconds) -> str:
    """Seconds as m:ss (or h:mm:ss)."""
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
