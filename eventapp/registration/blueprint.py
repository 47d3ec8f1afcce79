"""The registration blueprint, and what all its pages share: the event as the reader may see it.

Its routes are in views.py (the sign-up form), personal.py (the participant's pages after it),
manage*.py (the organisers' screens), door.py (check-in), documents.py (badges and certificates)
and cli.py (its commands); views.py imports them all, so that importing it registers them.
"""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from eventapp.events import services as event_services

bp = Blueprint("registration", __name__, cli_group="registration")


def public_event(slug: str):
    return shown(event_services.event_by_slug(slug))


def shown(event):
    """The event if this reader may see it (events.services.may_see_event), else 404."""
    if not event_services.may_see_event(event, current_user):
        abort(404)
    return event
