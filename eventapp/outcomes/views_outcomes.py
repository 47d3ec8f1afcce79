"""Screens of the outcomes themselves: the overview of an event's outcomes, a session's outcome
(written, sent for approval, approved or returned) and the event's outcome (with the choice to
publish its summary), each with its history of revisions."""

from __future__ import annotations

from functools import partial

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp.auth.permissions import (
    REPORT,
    can_act_on_session,
    can_manage_event,
    ensure,
    organiser_required,
    session_permission,
)
from eventapp.common import DomainError, attach_error
from eventapp.events import assembly
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.outcomes import event_outcomes, items, revisions, session_outcomes, votes
from eventapp.outcomes.blueprint import bp
from eventapp.outcomes.forms import (
    NextStepForm,
    PublishForm,
    SessionOutcomeForm,
    event_outcome_form,
    recommendation_form,
)
from eventapp.outcomes.models import EVENT_TEXTS, SESSION_SECTIONS, SESSION_TEXTS, OutcomeStatus
from eventapp.outcomes.revisions import OutcomeConflict


@bp.get("/manage/events/<int:event_id>/outcomes")
@login_required
def overview(event_id):
    event = db.session.get(Event, event_id) or abort(404)
    manager = can_manage_event(current_user, event)
    rows = [
        row
        for row in session_outcomes.outcomes_overview(event)
        if manager or can_act_on_session(current_user, row["session"], REPORT)
    ]
    ensure(manager or bool(rows))
    return render_template(
        "outcomes/overview.html",
        event=event,
        rows=rows,
        manager=manager,
        event_outcome=event_outcomes.event_outcome(event) if manager else None,
    )


def _save_outcome(form, save, page, saved: str, back: str):
    """Save an outcome's form: on a conflict the user's text stays in the form (409), a refusal
    is said on it (422); saved, back to the outcome's page."""
    try:
        save()
    except OutcomeConflict as conflict:
        db.session.rollback()
        # The user's text stays in the form; the version moves on so the next save can win.
        form.version.data = conflict.version
        form.version.raw_data = [str(conflict.version)]
        return page(form, conflict=conflict, status=409)
    except DomainError as error:
        db.session.rollback()
        attach_error(form, error)
        return page(form, status=422)
    db.session.commit()
    flash(saved, "success")
    return redirect(back)


# Session outcome


def _session_page(session, form, conflict=None, status=200):
    outcome = session_outcomes.session_outcome(session)
    recs, steps = session_outcomes.session_items(session.id)
    event = session.event
    editable = outcome is None or outcome.status != OutcomeStatus.APPROVED
    return (
        render_template(
            "outcomes/session_outcome.html",
            event=event,
            session=session,
            outcome=outcome,
            form=form,
            conflict=conflict,
            recommendations=recs,
            steps=steps,
            rec_form=recommendation_form(formdata=None),
            step_form=NextStepForm(formdata=None),
            suggestions=items.suggestions(event.id),
            editable=editable,
            manager=can_manage_event(current_user, event),
            sections=SESSION_SECTIONS,
            assembly=assembly.assembly_of(event),
            vote=votes.vote_of(session),
        ),
        status,
    )


@bp.route("/manage/sessions/<int:session_id>/outcome", methods=["GET", "POST"])
@session_permission(REPORT)
def session_outcome(session):
    page = partial(_session_page, session)
    if request.method == "GET":
        outcome = session_outcomes.session_outcome(session)
        data = revisions.sections_of(outcome)
        return page(
            SessionOutcomeForm(
                formdata=None, data={**data, "version": outcome.version if outcome else 0}
            )
        )
    form = SessionOutcomeForm()
    if not form.validate():
        return page(form, status=422)
    return _save_outcome(
        form,
        lambda: session_outcomes.save_session_outcome(
            session, form.data, form.version.data, current_user
        ),
        page,
        _("The outcome was saved."),
        url_for("outcomes.session_outcome", session_id=session.id),
    )


@bp.post("/manage/sessions/<int:session_id>/outcome/<any(submit,approve,return):action>")
@session_permission(REPORT)
def outcome_status(session, action):
    if action in ("approve", "return"):
        ensure(can_manage_event(current_user, session.event))
    try:
        if action == "submit":
            session_outcomes.submit_outcome(session, current_user)
            message = _("The outcome was sent to the organisers for approval.")
        elif action == "approve":
            session_outcomes.approve_outcome(session, current_user)
            message = _("The outcome was approved.")
        else:
            session_outcomes.return_to_draft(session, current_user)
            message = _("The outcome is a draft again and can be changed.")
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("outcomes.session_outcome", session_id=session.id))


@bp.get("/manage/sessions/<int:session_id>/outcome/revisions")
@session_permission(REPORT)
def session_revisions(session):
    history = revisions.history(session.event_id, session.id)
    return render_template(
        "outcomes/revisions.html",
        event=session.event,
        session=session,
        items=revisions.with_changes(history, SESSION_TEXTS),
        back=url_for("outcomes.session_outcome", session_id=session.id),
    )


# Event outcome


def _event_page(event, form, conflict=None, status=200):
    recs, steps = items.event_items(event.id)
    outcome = event_outcomes.event_outcome(event)
    return (
        render_template(
            "outcomes/event_outcome.html",
            event=event,
            form=form,
            outcome=outcome,
            conflict=conflict,
            recommendations=recs,
            steps=steps,
            rec_form=recommendation_form(formdata=None),
            step_form=NextStepForm(formdata=None),
            publish_form=PublishForm(published=outcome.published if outcome else False),
            suggestions=items.suggestions(event.id),
            editable=outcome is None or outcome.status != OutcomeStatus.APPROVED,
            manager=can_manage_event(current_user, event),
            history=event_outcomes.status_history(event),
        ),
        status,
    )


@bp.route("/manage/events/<int:event_id>/outcome", methods=["GET", "POST"])
@organiser_required
def event_outcome(event):
    page = partial(_event_page, event)
    if request.method == "GET":
        outcome = event_outcomes.event_outcome(event)
        data = {
            **event_outcomes.event_outcome_values(event),
            "version": outcome.version if outcome else 0,
        }
        return page(event_outcome_form(event, data=data))
    form = event_outcome_form(event, formdata=request.form)
    if not form.validate():
        return page(form, status=422)
    return _save_outcome(
        form,
        lambda: event_outcomes.save_event_outcome(
            event, form.data, form.version.data, current_user
        ),
        page,
        _("The event outcome was saved."),
        url_for("outcomes.event_outcome", event_id=event.id),
    )


@bp.post("/manage/events/<int:event_id>/outcome/<any(submit,approve,return):action>")
@organiser_required
def event_outcome_status(event, action):
    """As a session's outcome: sent for approval, approved, or returned (reopened) by the
    event's organisers, who write it."""
    try:
        if action == "submit":
            event_outcomes.submit_outcome(event, current_user)
            message = _("The outcome was sent to the organisers for approval.")
        elif action == "approve":
            event_outcomes.approve_outcome(event, current_user)
            message = _("The outcome was approved.")
        else:
            was_published = bool(
                (outcome := event_outcomes.event_outcome(event)) and outcome.published
            )
            event_outcomes.return_to_draft(event, current_user)
            message = (
                _(
                    "The outcome is a draft again and can be changed. Its summary is no "
                    "longer public: publish it again once it is approved."
                )
                if was_published
                else _("The outcome is a draft again and can be changed.")
            )
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("outcomes.event_outcome", event_id=event.id))


@bp.post("/manage/events/<int:event_id>/outcome/publish")
@organiser_required
def publish_outcome(event):
    form = PublishForm()
    if form.validate():
        try:
            event_outcomes.set_published(event, form.published.data, current_user)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(
                _("The outcome summary is now public.")
                if form.published.data
                else _("The outcome summary is no longer public."),
                "success",
            )
    return redirect(url_for("outcomes.event_outcome", event_id=event.id))


@bp.get("/manage/events/<int:event_id>/outcome/revisions")
@organiser_required
def event_revisions(event):
    history = revisions.history(event.id, None)
    return render_template(
        "outcomes/revisions.html",
        event=event,
        session=None,
        items=revisions.with_changes(history, EVENT_TEXTS),
        back=url_for("outcomes.event_outcome", event_id=event.id),
    )
