"""Screens of the follow-up after the event (organisers): every recommendation numbered once,
filtered and exported (CSV, XLSX), each with its status, responsible body, due date and the
notes of its progress."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from eventapp.auth.permissions import can_read_organisation, organiser_required
from eventapp.common import DomainError, attach_error, save_or_explain
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.outcomes import exports, followup, programme, tracker
from eventapp.outcomes.blueprint import bp
from eventapp.outcomes.forms import FollowUpForm, ProgressNoteForm
from eventapp.outcomes.models import ProgressNote
from eventapp.versions import status_of


@bp.get("/manage/events/<int:event_id>/recommendations")
@organiser_required
def follow_up(event):
    filters = followup.Filters.from_args(request.args)
    everything = followup.consolidated(event)
    recs = followup.filtered(event, filters)
    return render_template(
        "outcomes/follow_up.html",
        event=event,
        recs=recs,
        total=len(everything),
        filters=filters,
        choices=followup.filter_choices(everything),
        counts=followup.status_counts(everything),
        today=dt.date.today(),
        is_overdue=followup.is_overdue,
        # The organisation's list and taking up from it: its staff only.
        programme_reader=bool(
            event.organiser
            and event.organiser.slug
            and can_read_organisation(current_user, event.organiser)
        ),
    )


@bp.get("/manage/events/<int:event_id>/recommendations.<any(csv,xlsx):fmt>")
@organiser_required
def export_follow_up(event, fmt):
    recs = followup.filtered(event, followup.Filters.from_args(request.args))
    language = current_language()
    name = f"recommendations-{event.slug}-{dt.date.today().isoformat()}.{fmt}"
    if fmt == "csv":
        body, mimetype = exports.to_csv(recs, language), "text/csv; charset=utf-8"
    else:
        body = exports.to_xlsx(recs, language, event.title)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _page(event, rec, form, note_form):
    """A recommendation's page: its follow-up, notes, the history of the earlier ones it takes
    up (their notes read-only), the later events that took it up, its public follow-up."""
    return render_template(
        "outcomes/recommendation.html",
        event=event,
        rec=rec,
        form=form,
        note_form=note_form,
        history=tracker.history(rec),
        taken_up_in=tracker.taken_up_in(rec),
        publishable=programme.publishable(event),
    )


def _numbered_or_404(event, rec_id: int):
    """The event's recommendation with its number in the consolidated list, or 404."""
    recs = followup.consolidated(event)
    return next((r for r in recs if r.id == rec_id), None) or abort(404)


@bp.route("/manage/events/<int:event_id>/recommendations/<int:rec_id>", methods=["GET", "POST"])
@organiser_required
def recommendation(event, rec_id):
    rec = _numbered_or_404(event, rec_id)
    form = FollowUpForm(obj=rec) if request.method == "GET" else FollowUpForm()
    if request.method == "GET":
        form.status.data = rec.status.value
    note_form = ProgressNoteForm(formdata=None, prefix="note")
    if (
        request.method == "POST"
        and form.validate()
        and (
            done := save_or_explain(
                form,
                lambda: followup.update_follow_up(rec, form.data, current_user),
                _("Saved."),
                url_for("outcomes.recommendation", event_id=event.id, rec_id=rec.id),
                versioned=rec,
            )
        )
    ):
        return done
    return _page(event, rec, form, note_form), status_of(
        form, 422 if request.method == "POST" else 200
    )


@bp.post("/manage/events/<int:event_id>/recommendations/<int:rec_id>/notes")
@organiser_required
def add_note(event, rec_id):
    rec = _numbered_or_404(event, rec_id)
    note_form = ProgressNoteForm(prefix="note")
    if note_form.validate():
        try:
            followup.add_progress_note(
                rec,
                note_form.noted_on.data,
                note_form.text.data,
                current_user,
                note_form.status.data,
            )
        except DomainError as error:
            db.session.rollback()
            attach_error(note_form, error)
        else:
            db.session.commit()
            flash(_("The progress note was added."), "success")
            return redirect(url_for("outcomes.recommendation", event_id=event.id, rec_id=rec.id))
    form = FollowUpForm(obj=rec)
    form.status.data = rec.status.value
    return _page(event, rec, form, note_form), 422


@bp.post("/manage/events/<int:event_id>/recommendations/<int:rec_id>/notes/<int:note_id>/delete")
@organiser_required
def delete_note(event, rec_id, note_id):
    note = db.session.get(ProgressNote, note_id)
    if note is None or note.recommendation_id != rec_id or note.recommendation.event_id != event.id:
        abort(404)
    followup.delete_progress_note(note)
    db.session.commit()
    return redirect(url_for("outcomes.recommendation", event_id=event.id, rec_id=rec_id))
