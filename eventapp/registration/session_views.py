"""Sessions that require sign-up, as pages: the participant's choices on their personal page,
the organiser's change of a participant's sign-ups, and the session's door. On the blueprint
of views.py."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from eventapp.auth.permissions import organiser_required
from eventapp.common import DomainError
from eventapp.extensions import db
from eventapp.inputs import owned_or_404
from eventapp.registration import checkin, figures, services, session_door, session_signups
from eventapp.registration.blueprint import bp
from eventapp.registration.forms import CheckinForm
from eventapp.registration.models import Registration, SignupStatus, Status
from eventapp.registration.services import RegistrationError
from eventapp.reports.text import isolate
from eventapp.sessions.models import EventSession


@bp.app_template_global()
def personal_sessions(registration) -> list[dict]:
    """The sessions requiring sign-up on the registration's days, with the places left and the
    participant's sign-up (and place on the waiting list): the personal and manage pages."""
    if registration is None or registration.status != Status.CONFIRMED:
        return []
    sessions = session_signups.signup_sessions(
        registration.event, [d.id for d in registration.days]
    )
    places = session_signups.places_by_session(sessions)
    mine = session_signups.current_signups(registration)
    rows = []
    for session in sessions:
        signup = mine.get(session.id)
        rows.append(
            {
                "session": session,
                "places": places[session.id],
                "signup": signup,
                "position": session_signups.waiting_position(signup) if signup else None,
            }
        )
    return rows


@bp.app_template_global()
def door_sessions(event, day) -> list:
    """The day's sessions that require sign-up: each has its own door page."""
    return session_signups.signup_sessions(event, [day.id])


@bp.app_template_global()
def session_signup_statistics(event) -> list[dict]:
    """The statistics page's figures of the sessions that require sign-up."""
    return figures.session_signup_figures(event)


@bp.app_template_global()
def form_signup_sessions(event) -> list:
    """The registration form's sessions that require sign-up, with their places:
    [(session, SessionPlaces)]."""
    sessions = session_signups.signup_sessions(event)
    places = session_signups.places_by_session(sessions)
    return [(s, places[s.id]) for s in sessions]


def _act(registration, session, action) -> tuple[str, str]:
    """Join or leave; (flash category, message)."""
    if action == "leave":
        session_signups.cancel(registration, session)
        return "success", _("You left “%(session)s”.", session=session.title)
    signup = session_signups.sign_up(registration, session)
    if signup.status == SignupStatus.WAITLISTED:
        return "warning", _(
            "“%(session)s” is full: you are on its waiting list and will be told as soon as a "
            "place is free.",
            session=session.title,
        )
    return "success", _("You have a place in “%(session)s”.", session=session.title)


@bp.post("/r/<token>/sessions/<int:session_id>")
def personal_session(token, session_id):
    try:
        registration = services.read_token(token)
    except RegistrationError:
        abort(404)
    session = owned_or_404(EventSession, session_id, registration.event)
    if FlaskForm().validate_on_submit():
        try:
            flash(*reversed(_act(registration, session, request.form.get("action"))))
            db.session.commit()
        except RegistrationError as error:
            db.session.rollback()
            flash(error.message, "danger")
    return redirect(url_for("registration.personal", token=token) + "#my-sessions")


@bp.post(
    "/manage/events/<int:event_id>/registrations/<int:registration_id>/sessions/<int:session_id>"
)
@organiser_required
def manage_session_signup(event, registration_id, session_id):
    registration = owned_or_404(Registration, registration_id, event)
    session = owned_or_404(EventSession, session_id, event)
    if FlaskForm().validate_on_submit():
        try:
            _act(registration, session, request.form.get("action"))
            db.session.commit()
            flash(_("Saved."), "success")
        except RegistrationError as error:
            db.session.rollback()
            flash(error.message, "danger")
    return redirect(
        url_for("registration.edit", event_id=event.id, registration_id=registration.id)
        + "#my-sessions"
    )


def _door_page(event, session, *, form=None, found=None, outcome=None, status=200):
    return render_template(
        "registration/session_door.html",
        event=event,
        session=session,
        form=form or CheckinForm(),
        found=found,
        outcome=outcome,
        may_admit=session_door.may_admit_anyway(session),
        figures=session_door.door_figures(session),
    ), status


@bp.route("/manage/events/<int:event_id>/sessions/<int:session_id>/door", methods=["GET", "POST"])
@organiser_required
def session_door_page(event, session_id):
    session = owned_or_404(EventSession, session_id, event)
    form = CheckinForm()
    if form.validate_on_submit():
        found = checkin.find_by_code(event, form.code.data)
        if found is None:
            matches = checkin.search(event, form.code.data)
            found = matches[0] if len(matches) == 1 else None
        if found is None:
            form.code.errors.append(
                _("Nobody with this code or name is registered for this event.")
            )
            return _door_page(event, session, form=form, status=404)
        return _check(event, session, found, admit=bool(request.form.get("admit")))
    return _door_page(event, session, form=form)


@bp.post("/manage/events/<int:event_id>/sessions/<int:session_id>/door/<int:registration_id>")
@organiser_required
def session_door_admit(event, session_id, registration_id):
    session = owned_or_404(EventSession, session_id, event)
    registration = owned_or_404(Registration, registration_id, event)
    if not FlaskForm().validate_on_submit():
        abort(400)
    return _check(event, session, registration, admit=bool(request.form.get("admit")))


def _check(event, session, registration, *, admit):
    try:
        _entry, already = session_door.check_in_session(
            registration, session, current_user, admit=admit
        )
    except DomainError as error:
        db.session.rollback()
        return _door_page(
            event, session, found=registration, outcome=("danger", error.message), status=409
        )
    db.session.commit()
    if already:
        message = _("%(name)s is already in the session.", name=isolate(registration.name))
        return _door_page(event, session, found=registration, outcome=("warning", message))
    return _door_page(
        event,
        session,
        found=registration,
        outcome=("success", _("%(name)s is checked in. Welcome!", name=isolate(registration.name))),
    )
