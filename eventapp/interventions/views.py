"""Interventions: the participant's requests, the facilitator's console, the live view."""

from __future__ import annotations

import json
from collections import OrderedDict

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventapp.auth.permissions import (
    REPORT,
    RUN,
    can_act_on_session,
    can_manage_event,
    ensure_participant,
    is_participant,
    organiser_required,
    session_permission,
)
from eventapp.common import DomainError, attach_error
from eventapp.events.services import PUBLIC_STATUSES, may_see_event
from eventapp.extensions import db
from eventapp.inputs import bounded_int
from eventapp.interventions import services
from eventapp.interventions.forms import InterventionForm, RequestForm, StatementForm
from eventapp.interventions.models import (
    INTERRUPT_REASONS,
    NOT_AIRED_REASONS,
    REJECT_REASONS,
    Intervention,
    SessionQueueState,
)
from eventapp.interventions.participants import TOKEN_ARG, current_participant
from eventapp.interventions.services import Actor, StaleQueue
from eventapp.people import Audience
from eventapp.sessions.models import EventSession
from eventapp.sessions.services import timetable
from eventapp.speakers.services import organisation_choices, person_choices

bp = Blueprint("interventions", __name__)


# Participants and the public


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


def _session_page(session: EventSession, form: RequestForm | None = None, status: int = 200):
    participant = current_participant(session.event)
    state = db.session.get(SessionQueueState, session.id)
    form = form or RequestForm()
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
        statement_form=StatementForm(t=participant.token if participant else None),
        list_open=(state.list_open if state else True) and not over,
        over=over,
        rows=rows,
        stats=services.session_statistics(session, rows) if over else None,
        can_run=can_act_on_session(current_user, session, RUN),
    ), status


@bp.get("/e/<slug>/sessions/<int:session_id>/")
def session_page(slug, session_id):
    return _session_page(_public_session(slug, session_id))


@bp.post("/e/<slug>/sessions/<int:session_id>/request")
def request_to_speak(slug, session_id):
    session = _public_session(slug, session_id)
    participant = current_participant(session.event)
    form = RequestForm()
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
        services.save_statement(
            session,
            Actor.for_participant(participant),
            intervention.id,
            form.statement.data,
            participant.name,
        )
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


# The facilitator's console


def _actor() -> Actor:
    return Actor.for_user(current_user)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _version() -> int | None:
    return request.form.get("version", type=bounded_int)


@bp.get("/manage/sessions/<int:session_id>/console")
@session_permission(RUN)
def console(session):
    view = services.console(session)
    db.session.commit()  # the queue state row, created on first use
    return render_template(
        "interventions/console.html",
        console=view,
        session=session,
        event=session.event,
        interrupt_reasons=INTERRUPT_REASONS,
        not_aired_reasons=NOT_AIRED_REASONS,
        reject_reasons=REJECT_REASONS,
        can_manage=can_manage_event(current_user, session.event),
    )


CONSOLE_MESSAGES = {
    "approve": _l("The request was approved."),
    "reject": _l("The request was rejected."),
    "ready": _l("Marked ready in the queue."),
    "call": _l("On air now."),
    "deliver": _l("Marked as delivered."),
    "interrupt": _l("Marked as interrupted."),
    "not_aired": _l("Marked as not aired."),
    "requeue": _l("Back in the queue."),
    "withdraw": _l("Withdrawn."),
}


def _console_action(session, action: str, version: int | None) -> str:
    """Run one console action; returns the confirmation shown to the facilitator."""
    actor, form = _actor(), request.form
    intervention_id = form.get("intervention_id", type=bounded_int)
    if action in services.TRANSITIONS:
        services.change_status(
            session,
            actor,
            intervention_id,
            action,
            seen_version=version,
            reason=form.get("reason") or None,
            note=form.get("note"),
        )
        return str(CONSOLE_MESSAGES[action])
    if action == "call_next":
        called = services.call_next(session, actor, version)
        return _("%(name)s is on air now.", name=called.speaker_name)
    if action in ("up", "down", "first"):
        services.move(session, actor, intervention_id, action, version)
        return _("The order was changed.")
    if action in ("open_list", "close_list"):
        services.set_list_open(session, actor, action == "open_list", version)
        return _("The list is open.") if action == "open_list" else _("The list is closed.")
    if action == "technical":
        services.note_technical(session, actor, form.get("note", ""), intervention_id, version)
        return _("The technical note was recorded.")
    if action == "default_limit":
        services.set_default_limit(session, actor, form.get("minutes"), version)
        return _("The default speaking time was changed.")
    if action == "end_session":
        services.end_session(session, actor, version)
        return _("The session was ended.")
    if action == "reopen_session":
        if not can_manage_event(current_user, session.event):
            abort(403)
        services.reopen_session(session, actor, version)
        return _("The session was reopened.")
    raise DomainError(_("Unknown action."))


@bp.post("/manage/sessions/<int:session_id>/console")
@session_permission(RUN)
def console_action(session):
    action = request.form.get("action", "")
    try:
        message = _console_action(session, action, _version())
    except StaleQueue as error:
        db.session.rollback()
        if _wants_json():
            return jsonify(error="stale", message=error.message), 409
        flash(error.message, "warning")
    except (DomainError, ValueError) as error:
        db.session.rollback()
        text = getattr(error, "message", None) or _("Check the values you entered.")
        if _wants_json():
            return jsonify(error="refused", message=text), 400
        flash(text, "danger")
    else:
        db.session.commit()
        if _wants_json():
            state = db.session.get(SessionQueueState, session.id)
            return jsonify(ok=True, message=message, version=state.version)
        flash(message, "success")
    return redirect(url_for("interventions.console", session_id=session.id))


def _choices(form: InterventionForm) -> None:
    form.person_id.choices = [(0, _("— none —"))] + person_choices()
    form.organisation_id.choices = organisation_choices(_("— none —"))


@bp.route("/manage/sessions/<int:session_id>/interventions/new", methods=["GET", "POST"])
@session_permission(RUN)
def add(session):
    form = InterventionForm()
    _choices(form)
    if form.validate_on_submit():
        try:
            # Adding never conflicts with another change: it takes the next place in the queue.
            services.add_intervention(session, _actor(), form.data)
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The intervention was added to the queue."), "success")
            return redirect(url_for("interventions.console", session_id=session.id))
    return render_template(
        "interventions/form.html", form=form, session=session, event=session.event, item=None
    )


@bp.route(
    "/manage/sessions/<int:session_id>/interventions/<int:intervention_id>",
    methods=["GET", "POST"],
)
@session_permission(REPORT)
def edit(session, intervention_id):
    """Details (facilitators and organisers) and the written statement (also rapporteurs)."""
    item = db.session.get(Intervention, intervention_id)
    if item is None or item.session_id != session.id:
        abort(404)
    can_run = can_act_on_session(current_user, session, RUN)
    form = InterventionForm(obj=item)
    _choices(form)
    seen = request.form.get("version") if request.method == "POST" else None
    form.version.data = item.updated_at.isoformat()  # the copy this form shows
    if request.method == "GET":
        form.mode.data = item.mode.value
        form.organisation_id.data = item.organisation_id or 0
        if item.organisation_id:
            form.organisation_name.data = ""  # the directory entry is chosen above
        form.person_id.data = item.person_id or 0
        if item.time_limit_seconds:
            form.time_limit.data = round(item.time_limit_seconds / 60, 1)
    if form.validate_on_submit():
        try:
            if can_run:
                services.update_details(session, _actor(), item.id, form.data, seen)
                seen = None  # checked once for the whole form
            if (form.statement.data or "") != (item.statement or ""):
                services.save_statement(
                    session, _actor(), item.id, form.statement.data, seen_stamp=seen
                )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
            form.version.data = db.session.get(Intervention, item.id).updated_at.isoformat()
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            if can_run:
                return redirect(url_for("interventions.console", session_id=session.id))
            return redirect(url_for("interventions.report", session_id=session.id))
    return render_template(
        "interventions/form.html",
        form=form,
        session=session,
        event=session.event,
        item=item,
        can_run=can_run,
    )


@bp.get("/manage/sessions/<int:session_id>/interventions")
@session_permission(REPORT)
def report(session):
    """All interventions of a session with their status, statements, figures and history."""
    rows = services.session_interventions(session, Audience.STAFF)
    return render_template(
        "interventions/report.html",
        session=session,
        event=session.event,
        rows=rows,
        stats=services.session_statistics(session, rows),
        history=services.history(session),
        can_run=can_act_on_session(current_user, session, RUN),
    )


@bp.get("/manage/events/<int:event_id>/interventions")
@organiser_required
def overview(event):
    sessions = [s for s in timetable(event) if s.kind.value != "break"]
    rows = services.event_interventions(event, Audience.STAFF)
    return render_template(
        "interventions/overview.html",
        event=event,
        sessions=[(s, services.statistics(rows.get(s.id, []))) for s in sessions],
    )


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
