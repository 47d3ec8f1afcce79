"""The audit trail's pages: an event's trail for its organisers, everything for administrators."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField
from wtforms.fields import DateField
from wtforms.validators import Optional

from eventapp.audit import HIDDEN, services
from eventapp.auth.permissions import admin_required, organiser_required
from eventapp.common import select_choices, strip_text
from eventapp.i18n import format_day, format_moment
from eventapp.inputs import bounded_page

bp = Blueprint("audit", __name__)

UTC = ZoneInfo("UTC")


class FilterForm(Form):
    """The filters of a trail, read from the query string (a GET form: no CSRF token)."""

    entity_type = SelectField(_l("What"), filters=[strip_text], validators=[Optional()])
    action = SelectField(_l("Action"), filters=[strip_text], validators=[Optional()])
    actor = SelectField(_l("Who"), filters=[strip_text], validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("Until"), validators=[Optional()])

    def __init__(self, actors, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _l("All"))]
        self.entity_type.choices = select_choices(
            anything + sorted(services.ENTITY_LABELS.items(), key=lambda kv: str(kv[1]))
        )
        self.action.choices = select_choices(anything + list(services.ACTION_LABELS.items()))
        self.actor.choices = select_choices(anything + list(actors))

    def filters(self) -> services.Filters:
        """What was chosen; a field refused (with its message) does not filter."""
        self.validate()

        def value(field):
            return (field.data or None) if not field.errors else None

        return services.Filters(
            entity_type=value(self.entity_type),
            action=value(self.action),
            actor=value(self.actor),
            since=value(self.since),
            until=value(self.until),
        )


# Values recorded as ISO text (audit.recording): a moment (stored UTC) or a day.
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|\+00:00)?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def readable_value(value: str, event, zone) -> str:
    """A recorded change as its reader says it: a moment in the trail's zone, a day in words."""
    if _ISO_MOMENT.fullmatch(value):
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return format_moment(moment, event, zone=zone)
    if _ISO_DAY.fullmatch(value):
        return format_day(dt.date.fromisoformat(value), event, "d MMMM y")
    return value


def _trail(event, zone: ZoneInfo):
    event_id = event.id if event is not None else None
    form = FilterForm(services.actors_of(event_id), request.args)
    filters = form.filters()
    page = request.args.get("page", 1, type=bounded_page)
    pagination = services.page_of_entries(event_id, filters, zone, page)
    args = {k: v for k, v in request.args.items() if k != "page"}

    def page_url(number: int) -> str:
        return url_for(request.endpoint, **(request.view_args or {}), **args, page=number)

    return render_template(
        "audit/trail.html",
        event=event,
        form=form,
        pagination=pagination,
        entries=pagination.items,
        names=services.account_names(pagination.items),
        local_time=lambda at: format_moment(at, event, zone=zone),
        readable=lambda value: readable_value(value, event, zone),
        page_url=page_url,
        entity_labels=services.ENTITY_LABELS,
        action_labels=services.ACTION_LABELS,
        actor_labels=services.ACTOR_LABELS,
        field_labels=services.FIELD_LABELS,
        hidden=HIDDEN,
    ), (200 if not form.errors else 422)


@bp.get("/manage/events/<int:event_id>/audit")
@organiser_required
def event_trail(event):
    return _trail(event, event.zone)


@bp.get("/auth/audit")
@admin_required
def all_entries():
    return _trail(None, UTC)
