"""Pages of the people who run a session: the facilitator's console and its actions, adding and
correcting an intervention, the session's report and the event's overview."""

from __future__ import annotations

import datetime as dt

from flask import (
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventapp import versions
from eventapp.auth.permissions import (
    REPORT,
    RUN,
    can_act_on_session,
    can_manage_event,
    organiser_required,
    session_permission,
)
from eventapp.common import DomainError, attach_error
from eventapp.extensions import db
from eventapp.inputs import bounded_int
from eventapp.interventions import services
from eventapp.interventions.blueprint import bp
from eventapp.interventions.forms import InterventionForm
from eventapp.interventions.models import (
    INTERRUPT_REASONS,
    NOT_AIRED_REASONS,
    REJECT_REASONS,
    Intervention,
    SessionQueueState,
)
from eventapp.interventions.services import Actor, StaleQueue
from eventapp.people import Audience
from eventapp.reports.text import isolate
from eventapp.sessions.services import timetable
from eventapp.speakers.services import organisation_choices, person_choices


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
    rows = services.session_interventions(session, Audience.STAFF)
    return render_template(
        "interventions/console.html",
        console=view,
        stats=services.statistics(rows, now=dt.datetime.now(dt.UTC)),
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
    "receive_written": _l("Marked as received in writing."),
    "read_on_behalf": _l("Marked as read out on behalf of its author."),
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
            by=form.get("by"),
        )
        return str(CONSOLE_MESSAGES[action])
    if action == "call_next":
        called = services.call_next(session, actor, version)
        return _("%(name)s is on air now.", name=isolate(called.speaker_name))
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
    if "person_id" in form:
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
    del form.person_id  # chosen when the intervention is added; this form does not show it
    _choices(form)
    seen = request.form.get("version", "") if request.method == "POST" else None
    if request.method == "GET":
        form.version.data = item.updated_at.isoformat()  # the copy this form shows
        form.mode.data = item.mode.value
        form.organisation_id.data = item.organisation_id or 0
        if item.organisation_id:
            form.organisation_name.data = ""  # the directory entry is chosen above
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
        except versions.EditConflict:
            db.session.rollback()
            item = db.session.get(Intervention, item.id)
            limit = item.time_limit_seconds
            versions.explain(
                form,
                item,
                {"time_limit": round(limit / 60, 1) if limit else None},
                version=item.updated_at.isoformat(),
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(form, error)
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
    ), versions.status_of(form)


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
