"""An event's days as chosen dates: add a day, remove one (the "Days and rooms" screen)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from eventapp.auth.permissions import organiser_required
from eventapp.common import DomainError, attach_error
from eventapp.events import days
from eventapp.events.blueprint import bp
from eventapp.events.forms import AddDayForm
from eventapp.events.models import EventDay
from eventapp.extensions import db
from eventapp.i18n import format_day
from eventapp.inputs import owned_or_404
from eventapp.sessions.forms import RoomForm


@bp.app_template_global()
def add_day_form(form=None):
    """The "add a day" form of the Days and rooms screen (shown again with its error)."""
    return form or AddDayForm()


@bp.post("/manage/events/<int:event_id>/days/add")
@organiser_required
def add_day(event):
    form = AddDayForm()
    if form.validate_on_submit():
        try:
            day = days.add_day(event, form.date.data)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("%(date)s was added.", date=format_day(day.date, event)), "success")
            return redirect(url_for("sessions.rooms_and_days", event_id=event.id))
    # The screen again, with the date as typed and why it was refused.
    return render_template(
        "sessions/rooms.html", event=event, form=RoomForm(formdata=None), day_form=form
    ), 400


@bp.post("/manage/events/<int:event_id>/days/<int:day_id>/delete")
@organiser_required
def remove_day(event, day_id):
    day = owned_or_404(EventDay, day_id, event)
    date = format_day(day.date, event)
    try:
        days.remove_day(event, day)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("%(date)s was removed.", date=date), "success")
    return redirect(url_for("sessions.rooms_and_days", event_id=event.id))
