"""The timetable editor: rooms, sessions and the people in each session."""

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from eventapp.auth.permissions import (
    READ_ONLY_METHODS,
    can_manage_event,
    can_read_event,
    ensure,
    organiser_required,
)
from eventapp.common import save_or_explain, select_choices
from eventapp.extensions import db
from eventapp.i18n import event_date
from eventapp.inputs import bounded_int, owned_or_404
from eventapp.sessions import services
from eventapp.sessions.forms import MoveSessionForm, RoomForm, SessionForm, SessionPersonForm
from eventapp.sessions.models import EventSession, Room, SessionPerson, SessionRoleKind
from eventapp.speakers.services import person_choices
from eventapp.versions import status_of

bp = Blueprint("sessions", __name__, url_prefix="/manage")


def _placement_choices(form, event) -> None:
    form.day_id.choices = select_choices((d.id, event_date(d.date, event)) for d in event.days)
    form.room_id.choices = select_choices(
        [(0, _("— no room —"))] + [(r.id, r.label) for r in event.rooms]
    )


def _session_for_organiser(session_id: int) -> EventSession:
    """The session of an event the user organises; its organisation's viewers read it (GET)."""
    session = db.session.get(EventSession, session_id) or abort(404)
    if request.method in READ_ONLY_METHODS:
        ensure(can_read_event(current_user, session.event))
    else:
        ensure(can_manage_event(current_user, session.event))
    return session


@bp.route("/events/<int:event_id>/rooms", methods=["GET", "POST"])
@organiser_required
def rooms_and_days(event):
    form = RoomForm()
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.save_room(event, None, form.data),
            _("The room was added."),
            url_for("sessions.rooms_and_days", event_id=event.id),
        )
    ):
        return done
    return render_template("sessions/rooms.html", event=event, form=form)


@bp.route("/events/<int:event_id>/rooms/<int:room_id>", methods=["GET", "POST"])
@organiser_required
def edit_room(event, room_id):
    room = owned_or_404(Room, room_id, event)
    form = RoomForm(obj=room)
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.save_room(event, room, form.data),
            _("Saved."),
            url_for("sessions.rooms_and_days", event_id=event.id),
            versioned=room,
        )
    ):
        return done
    return render_template("sessions/room_form.html", event=event, form=form, room=room), status_of(
        form
    )


@bp.post("/events/<int:event_id>/rooms/<int:room_id>/delete")
@organiser_required
def delete_room(event, room_id):
    room = owned_or_404(Room, room_id, event)
    services.delete_room(room)
    db.session.commit()
    flash(_("The room was deleted; its sessions have no room now."), "success")
    return redirect(url_for("sessions.rooms_and_days", event_id=event.id))


@bp.get("/events/<int:event_id>/timetable")
@organiser_required
def timetable(event):
    return _timetable_page(event, request.args.get("day", type=bounded_int))


def _timetable_page(event, day_id, refused=None):
    """The timetable of one day. `refused`: a move form refused as stale, shown with the saved
    placement next to the one typed, which its session's move form keeps."""
    sessions = services.timetable(event)
    days = services.sessions_by_day(event, sessions)
    current = next((d for d, _s in days if d.id == day_id), days[0][0] if days else None)
    move_form = refused or MoveSessionForm(formdata=None)
    _placement_choices(move_form, event)
    return render_template(
        "sessions/timetable.html",
        event=event,
        days=days,
        current_day=current,
        day_sessions=next((s for d, s in days if d is current), []),
        clashes=services.person_clashes(sessions),
        move_form=move_form,
        refused=refused,
    ), status_of(move_form)


@bp.route("/events/<int:event_id>/sessions/new", methods=["GET", "POST"])
@organiser_required
def new_session(event):
    form = SessionForm()
    _placement_choices(form, event)
    if request.method == "GET":
        form.day_id.data = request.args.get("day", type=bounded_int)
        form.start_time.data = dt.time(9, 0)
        form.end_time.data = dt.time(10, 30)
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.save_session(event, None, form.data),
            _("The session was added."),
            lambda s: url_for("sessions.timetable", event_id=event.id, day=s.day_id),
        )
    ):
        return done
    form.offer_empty_channel_rows()
    return render_template(
        "sessions/session_form.html", event=event, form=form, session=None
    ), status_of(form)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit_session(session_id):
    session = _session_for_organiser(session_id)
    event = session.event
    form = SessionForm(obj=session)
    _placement_choices(form, event)
    if request.method == "GET":
        form.kind.data = session.kind.value
        form.room_id.data = session.room_id or 0
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.save_session(event, session, form.data),
            _("Saved."),
            lambda s: url_for("sessions.timetable", event_id=event.id, day=s.day_id),
            versioned=session,
        )
    ):
        return done
    form.offer_empty_channel_rows()
    return render_template(
        "sessions/session_form.html", event=event, form=form, session=session
    ), status_of(form)


@bp.post("/sessions/<int:session_id>/move")
def move_session(session_id):
    session = _session_for_organiser(session_id)
    event = session.event
    form = MoveSessionForm()
    _placement_choices(form, event)
    if not form.validate_on_submit():
        flash(_("Give a day and a start time to move the session."), "danger")
    elif done := save_or_explain(
        form,
        lambda: services.move_session(
            session, form.day_id.data, form.start_time.data, form.room_id.data
        ),
        _("The session was moved."),
        lambda _moved: url_for("sessions.timetable", event_id=event.id, day=session.day_id),
        versioned=session,
    ):
        return done
    elif getattr(form, "conflict", None) is not None:
        form.session_id = session.id
        return _timetable_page(event, session.day_id, refused=form)
    else:
        flash(" ".join(form.form_errors + [e for f in form for e in f.errors]), "danger")
    return redirect(url_for("sessions.timetable", event_id=event.id, day=session.day_id))


@bp.post("/sessions/<int:session_id>/delete")
def delete_session(session_id):
    session = _session_for_organiser(session_id)
    event_id, day_id = session.event_id, session.day_id
    services.delete_session(session)
    db.session.commit()
    flash(_("The session was deleted."), "success")
    return redirect(url_for("sessions.timetable", event_id=event_id, day=day_id))


@bp.route("/sessions/<int:session_id>/people", methods=["GET", "POST"])
def session_people(session_id):
    session = _session_for_organiser(session_id)
    form = SessionPersonForm()
    form.person_id.choices = [SelectChoice(0, _("— choose —")), *person_choices()]
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.add_person(
                session, form.person_id.data, SessionRoleKind(form.role.data)
            ),
            _("Added."),
            url_for("sessions.session_people", session_id=session.id),
        )
    ):
        return done
    return render_template("sessions/people.html", session=session, event=session.event, form=form)


@bp.post("/sessions/<int:session_id>/people/<int:entry_id>/<any(up,down,delete):action>")
def change_session_person(session_id, entry_id, action):
    session = _session_for_organiser(session_id)
    entry = db.session.get(SessionPerson, entry_id)
    if entry is None or entry.session_id != session.id:
        abort(404)
    if action == "delete":
        services.remove_person(entry)
    else:
        services.move_person(entry, -1 if action == "up" else 1)
    db.session.commit()
    return redirect(url_for("sessions.session_people", session_id=session.id))
