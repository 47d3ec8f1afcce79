"""Screens of the recommendations and next steps listed under an outcome, of a session (its
writers) or of the event itself (its organisers): add, edit, move up or down, delete; each
action goes back to the outcome page it came from."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventapp import versions
from eventapp.auth.permissions import (
    REPORT,
    can_act_on_session,
    can_manage_event,
    ensure,
    organiser_required,
    session_permission,
)
from eventapp.common import DomainError, attach_error, save_or_explain
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.outcomes import items
from eventapp.outcomes.blueprint import bp
from eventapp.outcomes.forms import NextStepForm, recommendation_form
from eventapp.outcomes.models import NextStep, Recommendation
from eventapp.versions import status_of


def _outcome_url(event_id: int, session) -> str:
    """The page an item is edited from: its session's outcome, or the event's."""
    if session is not None:
        return url_for("outcomes.session_outcome", session_id=session.id)
    return url_for("outcomes.event_outcome", event_id=event_id)


def _item_scope(item):
    """The session (or event) an item belongs to, after checking the user's right."""
    if item.session_id is not None:
        session = item.session
        ensure(can_act_on_session(current_user, session, REPORT))
        return session, _outcome_url(item.event_id, session)
    event = db.session.get(Event, item.event_id)
    ensure(can_manage_event(current_user, event))
    return None, _outcome_url(event.id, None)


def _change_item(item, action: str, delete, anchor: str):
    """Move an item up or down its list, or delete it; back to the page it is edited from."""
    _session, back = _item_scope(item)
    try:
        if action == "delete":
            delete(item)
        else:
            items.move_item(item, -1 if action == "up" else 1)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
    return redirect(back + anchor)


# Recommendations


@bp.post("/manage/sessions/<int:session_id>/outcome/recommendations")
@session_permission(REPORT)
def add_session_recommendation(session):
    return _add_recommendation(session.event, session)


@bp.post("/manage/events/<int:event_id>/outcome/recommendations")
@organiser_required
def add_event_recommendation(event):
    return _add_recommendation(event, None)


def _add_recommendation(event, session):
    form = recommendation_form()
    back = _outcome_url(event.id, session)
    if form.validate() and (
        done := save_or_explain(
            form,
            lambda: items.add_recommendation(event, session, form.data),
            _("The recommendation was added."),
            back + "#recommendations",
        )
    ):
        return done
    return render_template(
        "outcomes/recommendation_form.html",
        event=event,
        session=session,
        form=form,
        rec=None,
        back=back,
        suggestions=items.suggestions(event.id),
    ), 422


@bp.route("/manage/recommendations/<int:rec_id>/edit", methods=["GET", "POST"])
@login_required
def edit_recommendation(rec_id):
    rec = db.session.get(Recommendation, rec_id) or abort(404)
    session, back = _item_scope(rec)
    conflict = None
    if request.method == "GET":
        form = recommendation_form(obj=rec)
        form.priority.data = rec.priority.value
        form.addressee_kind.data = rec.addressee_kind.value if rec.addressee_kind else ""
        form.addressee_organisation_id.data = rec.addressee_organisation_id or 0
        form.version.data = str(rec.version)
    else:
        form = recommendation_form()
        if form.validate():
            try:
                # A missing or mangled version can only be stale: it is a conflict.
                items.update_recommendation(rec, form.data, versions.loaded(form))
            except items.RecommendationConflict as error:
                db.session.rollback()
                conflict = error
                db.session.refresh(rec)
                form.version.data = str(rec.version)
            except DomainError as error:
                db.session.rollback()
                attach_error(form, error)
            else:
                db.session.commit()
                flash(_("Saved."), "success")
                return redirect(back + "#recommendations")
    return render_template(
        "outcomes/recommendation_form.html",
        event=rec.event,
        session=session,
        form=form,
        rec=rec,
        back=back,
        conflict=conflict,
        suggestions=items.suggestions(rec.event_id),
    ), (409 if conflict else 200)


@bp.post("/manage/recommendations/<int:rec_id>/<any(up,down,delete):action>")
@login_required
def change_recommendation(rec_id, action):
    rec = db.session.get(Recommendation, rec_id) or abort(404)
    return _change_item(rec, action, items.delete_recommendation, "#recommendations")


# Next steps


@bp.post("/manage/sessions/<int:session_id>/outcome/steps")
@session_permission(REPORT)
def add_session_step(session):
    return _add_step(session.event, session)


@bp.post("/manage/events/<int:event_id>/outcome/steps")
@organiser_required
def add_event_step(event):
    return _add_step(event, None)


def _add_step(event, session):
    form = NextStepForm()
    back = _outcome_url(event.id, session)
    if form.validate() and (
        done := save_or_explain(
            form,
            lambda: items.add_next_step(event, session, form.data),
            _("The next step was added."),
            back + "#next-steps",
        )
    ):
        return done
    return render_template(
        "outcomes/step_form.html", event=event, session=session, form=form, step=None, back=back
    ), 422


@bp.route("/manage/steps/<int:step_id>/edit", methods=["GET", "POST"])
@login_required
def edit_step(step_id):
    step = db.session.get(NextStep, step_id) or abort(404)
    session, back = _item_scope(step)
    form = NextStepForm(obj=step) if request.method == "GET" else NextStepForm()
    if (
        request.method == "POST"
        and form.validate()
        and (
            done := save_or_explain(
                form,
                lambda: items.update_next_step(step, form.data),
                _("Saved."),
                back + "#next-steps",
                versioned=step,
            )
        )
    ):
        return done
    event = db.session.get(Event, step.event_id)
    return render_template(
        "outcomes/step_form.html", event=event, session=session, form=form, step=step, back=back
    ), status_of(form)


@bp.post("/manage/steps/<int:step_id>/<any(up,down,delete):action>")
@login_required
def change_step(step_id, action):
    step = db.session.get(NextStep, step_id) or abort(404)
    return _change_item(step, action, items.delete_next_step, "#next-steps")
