"""Pages of participants and the public: a session's page (asking to intervene, withdrawing,
one's own written statement; the record once the session is over) and the live view with its
polled JSON (304 while nothing changed)."""

from __future__ import annotations

import json
from collections import OrderedDict

from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from eventapp import versions
from eventapp.auth.permissions import (
    RUN,
    can_act_on_session,
    ensure_participant,
    is_participant,
)
from eventapp.common import DomainError, attach_error
from eventapp.events.services import PUBLIC_STATUSES, may_see_event
from eventapp.extensions import db
from eventapp.interventions import services
from eventapp.interventions.blueprint import bp
from eventapp.interventions.eligibility import eligibility, language_choices
from eventapp.interventions.forms import RequestForm, StatementForm
from eventapp.interventions.models import (
    Intervention,
    SessionQueueState,
)
from eventapp.interventions.participants import TOKEN_ARG, current_participant
from eventapp.interventions.services import Actor
from eventapp.people import Audience
from eventapp.sessions.models import EventSession


def _public_session(slug: str, session_id: int) -> EventSession:
    session = db.session.get(EventSession, session_id)
    if session is None or session.event.slug != slug:
        abort(404)
    if not may_see_event(session.event, current_user):
        abort(404)
    return session


def _back(session: EventSession, participant=None):
    args = {TOKEN_ARG: participant.token} if participant and participant.token else {}
    return redirect(
        url_for(
            "interventions.session_page", slug=session.event.slug, session_id=session.id, **args
        )
        + "#my-interventions"
    )


def _session_page(
    session: EventSession,
    form: RequestForm | None = None,
    status: int = 200,
    refused: StatementForm | None = None,
):
    """The public page of a session. `refused`: a statement form refused as stale, shown in
    its intervention's place with the typed text (its `intervention_id`) and the saved one."""
    participant = current_participant(session.event)
    state = db.session.get(SessionQueueState, session.id)
    may = eligibility(session, participant)
    form = _request_form(session, may, form)
    if participant and participant.token:
        form.t.data = participant.token
    over = services.is_over(session, state)
    # A public page: fellow participants and the public see people only as they consented.
    audience = Audience.PARTICIPANTS if participant else Audience.PUBLIC
    rows = services.session_interventions(session, audience) if over else []
    return render_template(
        "interventions/session.html",
        session=session,
        event=session.event,
        state=state,
        participant=participant,
        mine=services.participant_interventions(session, participant and participant.email),
        form=form,
        statement_form=refused or StatementForm(t=participant.token if participant else None),
        refused=refused,
        list_open=(state.list_open if state else True) and not over,
        may=may,
        over=over,
        rows=rows,
        stats=services.session_statistics(session, rows) if over else None,
        can_run=can_act_on_session(current_user, session, RUN),
    ), status


def _request_form(session: EventSession, may, form: RequestForm | None = None) -> RequestForm:
    """The request form offering only the ways this participant may speak in and the
    session's own languages (when it lists some). Choices the service refuses are explained
    by it (eventapp.interventions.eligibility), not with a bare "not a valid choice"."""
    form = form or RequestForm()
    form.mode.choices = may.choices()
    form.mode.validate_choice = False
    form.language.choices = language_choices(session)
    form.language.validate_choice = False
    return form


@bp.get("/e/<slug>/sessions/<int:session_id>/")
def session_page(slug, session_id):
    return _session_page(_public_session(slug, session_id))


@bp.post("/e/<slug>/sessions/<int:session_id>/request")
def request_to_speak(slug, session_id):
    session = _public_session(slug, session_id)
    participant = current_participant(session.event)
    form = _request_form(session, eligibility(session, participant))
    if not is_participant(participant):  # refused with the form's own message, 403
        attach_error(form, DomainError(str(services.PARTICIPANTS_ONLY)))
        return _session_page(session, form, 403)
    if not form.validate_on_submit():
        return _session_page(session, form, 400)
    try:
        services.request_intervention(session, participant, form.data)
    except DomainError as error:
        db.session.rollback()
        attach_error(form, error)
        return _session_page(session, form, 400 if participant else 403)
    db.session.commit()
    flash(
        _("Your request to intervene was received. You will see here when it is your turn."),
        "success",
    )
    return _back(session, participant)


@bp.post("/e/<slug>/sessions/<int:session_id>/interventions/<int:intervention_id>/withdraw")
def withdraw(slug, session_id, intervention_id):
    session = _public_session(slug, session_id)
    participant = current_participant(session.event)
    ensure_participant(participant)
    try:
        services.withdraw_own(session, participant, intervention_id)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Your request was withdrawn."), "success")
    return _back(session, participant)


@bp.post("/e/<slug>/sessions/<int:session_id>/interventions/<int:intervention_id>/statement")
def own_statement(slug, session_id, intervention_id):
    session = _public_session(slug, session_id)
    participant = current_participant(session.event)
    ensure_participant(participant)
    intervention = db.session.get(Intervention, intervention_id)
    if (
        participant is None
        or intervention is None
        or intervention.session_id != session.id
        or intervention.participant_email != participant.email
    ):
        flash(_("You can only write the statement of your own intervention."), "danger")
        return _back(session, participant)
    form = StatementForm()
    if form.validate_on_submit():
        try:
            services.save_statement(
                session,
                Actor.for_participant(participant),
                intervention.id,
                form.statement.data,
                participant.name,
                seen_stamp=request.form.get("version", ""),
            )
        except versions.EditConflict:
            db.session.rollback()
            intervention = db.session.get(Intervention, intervention.id)
            versions.explain(form, intervention, version=intervention.updated_at.isoformat())
            form.intervention_id = intervention.id
            return _session_page(session, status=409, refused=form)
        db.session.commit()
        flash(_("Your written statement was saved."), "success")
    else:
        flash(_("The statement is too long."), "danger")
    return _back(session, participant)


@bp.get("/e/<slug>/sessions/<int:session_id>/live")
def live_page(slug, session_id):
    session = _public_session(slug, session_id)
    return render_template(
        "interventions/live.html",
        session=session,
        event=session.event,
        snapshot=services.live_snapshot(session),
    )


# Bodies of the live JSON by ETag, per worker. The ETag is computed from the database on every
# poll, so a cached body is never served for a state that changed (the cache only saves the
# rendering when 300 screens fetch the same new state).
_LIVE_BODIES: OrderedDict[str, bytes] = OrderedDict()
_LIVE_BODIES_MAX = 256


def _live_body(etag: str, session: EventSession, language: str) -> bytes:
    body = _LIVE_BODIES.get(etag)
    if body is None:
        with force_locale(language):
            data = services.live_snapshot(session, with_now=False)
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        _LIVE_BODIES[etag] = body
        while len(_LIVE_BODIES) > _LIVE_BODIES_MAX:
            _LIVE_BODIES.popitem(last=False)
    return body


@bp.get("/live/sessions/<int:session_id>.json")
def live_poll(session_id):
    """Polled every 2 s by every screen: one query, answered 304 when nothing changed."""
    language = request.args.get("lang", "ar")
    if language not in ("ar", "en"):
        language = "ar"
    head = services.live_head(session_id)
    if head is None:
        abort(404)
    session, event_status, state = head
    # A draft's queue is seen only by those who run it (the rule: events.services).
    if event_status not in PUBLIC_STATUSES and not may_see_event(
        session.event, staff=can_act_on_session(current_user, session)
    ):
        abort(404)
    etag = services.live_etag(session, state, language)
    if request.if_none_match.contains(etag):
        response = make_response("", 304)
    else:
        response = make_response(_live_body(etag, session, language))
        response.mimetype = "application/json"
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    # The screens' clocks tick from the server's time, sent fresh with every answer.
    response.headers["X-Server-Time"] = services.iso_now()
    return response
