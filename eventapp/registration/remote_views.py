"""The remote participant's "joined" click, from their personal page: counts them present in
the session (and on its day), then sends them on to the session's joining link (a page that
opens it). On the blueprint of views.py."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from eventapp.extensions import db
from eventapp.registration import remote, services
from eventapp.registration.blueprint import bp
from eventapp.registration.forms import ResendForm
from eventapp.registration.services import RegistrationError
from eventapp.sessions.models import EventSession


def _refused(message: str, status: int):
    abort(Response(render_template("registration/link_error.html", message=message), status))


@bp.post("/r/<token>/sessions/<int:session_id>/joined")
def joined(token, session_id):
    try:
        registration = services.read_token(token)
    except RegistrationError as error:
        _refused(error.message, 404)
    session = db.session.get(EventSession, session_id)
    if session is None or session.event_id != registration.event_id:
        abort(404)
    back = url_for("registration.personal", token=token, _anchor="remote-participation")
    form = ResendForm()  # only its CSRF token is used
    del form.email
    if not form.validate_on_submit():
        flash(_("Your form expired. Reload the page and send it again."), "warning")
        return redirect(back)
    try:
        link = remote.record_joined(registration, session)
    except (remote.NotJoinable, remote.OutsideWindow) as error:  # nothing recorded
        db.session.rollback()
        flash(error.message, "danger" if isinstance(error, remote.NotJoinable) else "warning")
        return redirect(back)
    db.session.commit()
    # On to the joining link (an http(s) address only: remote.web_link), from a page: the
    # content security policy's form-action 'self' stops a form's redirect to another site.
    return render_template(
        "registration/joining.html",
        event=registration.event,
        session=session,
        link=link,
        back=back,
    )
