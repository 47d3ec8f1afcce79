"""Check-in at the door: a phone-friendly page, per day."""

from __future__ import annotations

import datetime as dt

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from eventapp.auth.permissions import organiser_required
from eventapp.common import DomainError
from eventapp.events.models import EventDay
from eventapp.extensions import db
from eventapp.i18n import format_clock
from eventapp.inputs import bounded_int, owned_or_404
from eventapp.registration import checkin, services
from eventapp.registration.assembly import door_attendance
from eventapp.registration.blueprint import bp
from eventapp.registration.forms import CheckinForm
from eventapp.registration.models import Registration
from eventapp.reports.text import isolate


def _day(event) -> EventDay:
    day_id = request.values.get("day", type=bounded_int)
    if day_id:
        return owned_or_404(EventDay, day_id, event)
    return checkin.default_day(event)


def _page(event, day, *, form=None, found=None, matches=(), outcome=None, status=200):
    figures = next(f for f in services.attendance_by_day(event) if f["day_id"] == day.id)
    return render_template(
        "registration/checkin.html",
        event=event,
        day=day,
        form=form or CheckinForm(),
        found=found,
        matches=matches,
        outcome=outcome,
        figures=figures,
        assembly=door_attendance(event, day),
        recent=checkin.recent(event, day),
        local_time=lambda moment: _local_time(event, moment),
    ), status


@bp.route("/manage/events/<int:event_id>/checkin", methods=["GET", "POST"])
@organiser_required
def checkin_page(event):
    day = _day(event)
    form = CheckinForm()
    if form.validate_on_submit():
        found = checkin.find_by_code(event, form.code.data)
        if found is not None:
            return _check(event, day, found)
        matches = checkin.search(event, form.code.data)
        if len(matches) == 1:
            return _page(event, day, found=matches[0])
        if not matches:
            form.code.errors.append(
                _("Nobody with this code or name is registered for this event.")
            )
            return _page(event, day, form=form, status=404)
        return _page(event, day, form=form, matches=matches)
    return _page(event, day, form=form)


def _check(event, day, registration):
    """Check in now and say clearly what happened."""
    try:
        entry, already = checkin.check_in(registration, day, current_user)
    except DomainError as error:
        db.session.rollback()
        return _page(event, day, found=registration, outcome=("danger", error.message), status=409)
    db.session.commit()
    if already:
        message = _(
            "%(name)s had already checked in today at %(time)s.",
            name=isolate(registration.name),
            time=_local_time(event, entry.checked_in_at),
        )
        return _page(event, day, found=registration, outcome=("warning", message))
    return _page(
        event,
        day,
        found=registration,
        outcome=("success", _("%(name)s is checked in. Welcome!", name=isolate(registration.name))),
    )


def _local_time(event, moment) -> str:
    local = moment.replace(tzinfo=dt.UTC).astimezone(event.zone)
    return format_clock(local.time(), event)


@bp.get("/c/<int:event_id>/<code>")
def checkin_short(event_id, code):
    """The address in the QR code, short so the code stays small and quick to scan at the
    door: it leads to the check-in page (which asks an organiser to sign in)."""
    return redirect(
        url_for("registration.checkin_scan", event_id=event_id, code=code, **request.args)
    )


@bp.get("/manage/events/<int:event_id>/checkin/<code>")
@organiser_required
def checkin_scan(event, code):
    """The address in the QR code: shows the person, one tap checks them in."""
    day = _day(event)
    registration = checkin.find_by_code(event, code)
    if registration is None:
        form = CheckinForm(code=code)
        # Not validated, so its errors are still WTForms' empty tuple: set, don't append.
        form.code.errors = [_("This code is not a registration of this event.")]
        return _page(event, day, form=form, status=404)
    return _page(event, day, found=registration)


@bp.post("/manage/events/<int:event_id>/checkin/<int:registration_id>/<int:day_id>")
@organiser_required
def checkin_do(event, registration_id, day_id):
    registration = owned_or_404(Registration, registration_id, event)
    day = owned_or_404(EventDay, day_id, event)
    if request.form.get("undo"):
        checkin.undo_check_in(registration, day)
        db.session.commit()
        flash(_("The check-in of %(name)s was undone.", name=isolate(registration.name)), "info")
        return redirect(url_for("registration.checkin_page", event_id=event.id, day=day.id))
    return _check(event, day, registration)
