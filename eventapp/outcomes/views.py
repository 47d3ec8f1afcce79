"""Screens for session outcomes, the event outcome, recommendation follow-up and the PDFs."""

from __future__ import annotations

import datetime as dt

import click
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
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
from eventapp.events.services import event_by_slug, may_see_event
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.outcomes import exports, followup, jobs, services
from eventapp.outcomes.forms import (
    FollowUpForm,
    NextStepForm,
    ProgressNoteForm,
    PublishForm,
    RecommendationForm,
    SessionOutcomeForm,
    event_outcome_form,
)
from eventapp.outcomes.markdown import markdown_html
from eventapp.outcomes.models import (
    SESSION_SECTIONS,
    JobStatus,
    NextStep,
    OutcomeStatus,
    ProgressNote,
    Recommendation,
    ReportJob,
    ReportKind,
)
from eventapp.reports import pdf_file_response, pdf_response
from eventapp.versions import status_of

bp = Blueprint("outcomes", __name__, cli_group="reports")


@bp.record_once
def _setup(state) -> None:
    jobs.configure(state.app)
    state.app.jinja_env.filters["markdown"] = markdown_html
    try:
        from eventapp import reports
    except ImportError:  # the renderer lands separately; screens work without it
        return
    reports.init_app(state.app)
    state.app.jinja_env.filters["textdir"] = reports.text_direction_of


def _language() -> str:
    lang = request.values.get("lang", "")
    return lang if lang in jobs.reportdata.LANGUAGES else "ar"


def _options() -> str:
    options = []
    if request.values.get("hijri") in ("1", "y", "on"):
        options.append("hijri")
    if request.values.get("group") == "theme":
        options.append("theme")
    return ",".join(options)


# Overview


@bp.get("/manage/events/<int:event_id>/outcomes")
@login_required
def overview(event_id):
    event = db.session.get(Event, event_id) or abort(404)
    manager = can_manage_event(current_user, event)
    rows = [
        row
        for row in services.outcomes_overview(event)
        if manager or can_act_on_session(current_user, row["session"], REPORT)
    ]
    ensure(manager or bool(rows))
    return render_template(
        "outcomes/overview.html",
        event=event,
        rows=rows,
        manager=manager,
        event_outcome=services.event_outcome(event) if manager else None,
    )


# Session outcome


def _session_page(session, form, conflict=None, status=200):
    outcome = services.session_outcome(session)
    recs, steps = services.session_items(session.id)
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
            rec_form=RecommendationForm(formdata=None),
            step_form=NextStepForm(formdata=None),
            suggestions=services.suggestions(event.id),
            editable=editable,
            manager=can_manage_event(current_user, event),
            sections=SESSION_SECTIONS,
        ),
        status,
    )


@bp.route("/manage/sessions/<int:session_id>/outcome", methods=["GET", "POST"])
@session_permission(REPORT)
def session_outcome(session):
    outcome = services.session_outcome(session)
    if request.method == "GET":
        data = services.sections_of(outcome)
        form = SessionOutcomeForm(
            formdata=None, data={**data, "version": outcome.version if outcome else 0}
        )
        return _session_page(session, form)
    form = SessionOutcomeForm()
    if not form.validate():
        return _session_page(session, form, status=422)
    try:
        services.save_session_outcome(session, form.data, form.version.data, current_user)
    except services.OutcomeConflict as conflict:
        db.session.rollback()
        # The user's text stays in the form; the version moves on so the next save can win.
        form.version.data = conflict.version
        form.version.raw_data = [str(conflict.version)]
        return _session_page(session, form, conflict=conflict, status=409)
    except DomainError as error:
        db.session.rollback()
        attach_error(form, error)
        return _session_page(session, form, status=422)
    db.session.commit()
    flash(_("The outcome was saved."), "success")
    return redirect(url_for("outcomes.session_outcome", session_id=session.id))


@bp.post("/manage/sessions/<int:session_id>/outcome/<any(submit,approve,return):action>")
@session_permission(REPORT)
def outcome_status(session, action):
    if action in ("approve", "return"):
        ensure(can_manage_event(current_user, session.event))
    try:
        if action == "submit":
            services.submit_outcome(session, current_user)
            message = _("The outcome was sent to the organisers for approval.")
        elif action == "approve":
            services.approve_outcome(session, current_user)
            message = _("The outcome was approved.")
        else:
            services.return_to_draft(session, current_user)
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
    items = services.revisions(session.event_id, session.id)
    return render_template(
        "outcomes/revisions.html",
        event=session.event,
        session=session,
        items=_with_changes(items, SESSION_SECTIONS),
        back=url_for("outcomes.session_outcome", session_id=session.id),
    )


def _with_changes(items, sections):
    """Each revision with the per-section diff against the one before it."""
    result = []
    for index, revision in enumerate(items):
        previous = items[index + 1].snapshot if index + 1 < len(items) else {}
        result.append(
            {
                "revision": revision,
                "note": services.REVISION_NOTES.get(revision.note or ""),
                "diffs": services.section_diffs(previous, revision.snapshot, sections),
            }
        )
    return result


# Recommendations and next steps (of a session, or of the event when session is None)


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
            services.move_item(item, -1 if action == "up" else 1)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
    return redirect(back + anchor)


@bp.post("/manage/sessions/<int:session_id>/outcome/recommendations")
@session_permission(REPORT)
def add_session_recommendation(session):
    return _add_recommendation(session.event, session)


@bp.post("/manage/events/<int:event_id>/outcome/recommendations")
@organiser_required
def add_event_recommendation(event):
    return _add_recommendation(event, None)


def _add_recommendation(event, session):
    form = RecommendationForm()
    back = _outcome_url(event.id, session)
    if form.validate() and (
        done := save_or_explain(
            form,
            lambda: services.add_recommendation(event, session, form.data),
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
        suggestions=services.suggestions(event.id),
    ), 422


@bp.route("/manage/recommendations/<int:rec_id>/edit", methods=["GET", "POST"])
@login_required
def edit_recommendation(rec_id):
    rec = db.session.get(Recommendation, rec_id) or abort(404)
    session, back = _item_scope(rec)
    conflict = None
    if request.method == "GET":
        form = RecommendationForm(obj=rec)
        form.priority.data = rec.priority.value
        form.version.data = str(rec.version)
    else:
        form = RecommendationForm()
        if form.validate():
            try:
                # A missing or mangled version can only be stale: it is a conflict.
                services.update_recommendation(rec, form.data, versions.loaded(form))
            except services.RecommendationConflict as error:
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
        suggestions=services.suggestions(rec.event_id),
    ), (409 if conflict else 200)


@bp.post("/manage/recommendations/<int:rec_id>/<any(up,down,delete):action>")
@login_required
def change_recommendation(rec_id, action):
    rec = db.session.get(Recommendation, rec_id) or abort(404)
    return _change_item(rec, action, services.delete_recommendation, "#recommendations")


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
            lambda: services.add_next_step(event, session, form.data),
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
                lambda: services.update_next_step(step, form.data),
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
    return _change_item(step, action, services.delete_next_step, "#next-steps")


# Event outcome


def _event_page(event, form, conflict=None, status=200):
    recs, steps = services.event_items(event.id)
    outcome = services.event_outcome(event)
    return (
        render_template(
            "outcomes/event_outcome.html",
            event=event,
            form=form,
            outcome=outcome,
            conflict=conflict,
            recommendations=recs,
            steps=steps,
            rec_form=RecommendationForm(formdata=None),
            step_form=NextStepForm(formdata=None),
            publish_form=PublishForm(published=outcome.published if outcome else False),
            suggestions=services.suggestions(event.id),
        ),
        status,
    )


@bp.route("/manage/events/<int:event_id>/outcome", methods=["GET", "POST"])
@organiser_required
def event_outcome(event):
    outcome = services.event_outcome(event)
    if request.method == "GET":
        data = {
            **services.event_outcome_values(event),
            "version": outcome.version if outcome else 0,
        }
        return _event_page(event, event_outcome_form(event, data=data))
    form = event_outcome_form(event, formdata=request.form)
    if not form.validate():
        return _event_page(event, form, status=422)
    try:
        services.save_event_outcome(event, form.data, form.version.data, current_user)
    except services.OutcomeConflict as conflict:
        db.session.rollback()
        form.version.data = conflict.version
        form.version.raw_data = [str(conflict.version)]
        return _event_page(event, form, conflict=conflict, status=409)
    except DomainError as error:
        db.session.rollback()
        attach_error(form, error)
        return _event_page(event, form, status=422)
    db.session.commit()
    flash(_("The event outcome was saved."), "success")
    return redirect(url_for("outcomes.event_outcome", event_id=event.id))


@bp.post("/manage/events/<int:event_id>/outcome/publish")
@organiser_required
def publish_outcome(event):
    form = PublishForm()
    if form.validate():
        try:
            services.set_published(event, form.published.data, current_user)
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
    items = services.revisions(event.id, None)
    return render_template(
        "outcomes/revisions.html",
        event=event,
        session=None,
        items=_with_changes(items, ("summary", "conclusions")),
        back=url_for("outcomes.event_outcome", event_id=event.id),
    )


# Follow-up


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


@bp.route("/manage/events/<int:event_id>/recommendations/<int:rec_id>", methods=["GET", "POST"])
@organiser_required
def recommendation(event, rec_id):
    recs = followup.consolidated(event)
    rec = next((r for r in recs if r.id == rec_id), None) or abort(404)
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
    return render_template(
        "outcomes/recommendation.html", event=event, rec=rec, form=form, note_form=note_form
    ), status_of(form, 422 if request.method == "POST" else 200)


@bp.post("/manage/events/<int:event_id>/recommendations/<int:rec_id>/notes")
@organiser_required
def add_note(event, rec_id):
    recs = followup.consolidated(event)
    rec = next((r for r in recs if r.id == rec_id), None) or abort(404)
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
    return render_template(
        "outcomes/recommendation.html", event=event, rec=rec, form=form, note_form=note_form
    ), 422


@bp.post("/manage/events/<int:event_id>/recommendations/<int:rec_id>/notes/<int:note_id>/delete")
@organiser_required
def delete_note(event, rec_id, note_id):
    note = db.session.get(ProgressNote, note_id)
    if note is None or note.recommendation_id != rec_id or note.recommendation.event_id != event.id:
        abort(404)
    followup.delete_progress_note(note)
    db.session.commit()
    return redirect(url_for("outcomes.recommendation", event_id=event.id, rec_id=rec_id))


# PDFs


@bp.get("/manage/sessions/<int:session_id>/report.pdf")
@session_permission(REPORT)
def session_report(session):
    """Short: rendered in the request. A failed rendering is told, never a server error: the
    outcome it shows is read only, so it stays as it was."""
    language = _language()
    data = jobs.build_data(ReportKind.SESSION_REPORT, session.event, session, language, _options())
    try:
        pdf = jobs.render(ReportKind.SESSION_REPORT, data)
    except Exception:  # WeasyPrint refused the content (e.g. nesting too deep): say so
        current_app.logger.exception("session report %s could not be rendered", session.id)
        flash(str(jobs.RENDER_FAILED), "danger")
        return redirect(url_for("outcomes.session_outcome", session_id=session.id))
    name = jobs.filename(ReportKind.SESSION_REPORT, session.event, session, language)
    return pdf_response(pdf, name)


@bp.post("/manage/events/<int:event_id>/outcome/summary")
@organiser_required
def request_summary(event):
    job = jobs.request_report(
        ReportKind.OUTCOME_SUMMARY, event, None, _language(), _options(), current_user
    )
    return redirect(url_for("outcomes.job_page", job_id=job.id))


@bp.app_template_global()
def event_outcome_published(event) -> bool:
    """For the public event page's link to the outcome summary."""
    outcome = services.event_outcome(event)
    return bool(outcome is not None and outcome.published)


@bp.get("/e/<slug>/outcome")
def public_summary(slug):
    """The published outcome summary: a kept PDF at once, else the page that waits for it."""
    event = event_by_slug(slug)
    if not may_see_event(event, current_user):  # archived: the outcome is its public record
        abort(404)
    outcome = services.event_outcome(event)
    if outcome is None or not outcome.published:
        abort(404)
    job = jobs.request_report(
        ReportKind.OUTCOME_SUMMARY, event, None, _language(), _options(), current_user
    )
    if job.status == JobStatus.DONE:
        return redirect(url_for("outcomes.job_download", job_id=job.id))
    return redirect(url_for("outcomes.job_page", job_id=job.id))


def _job_or_404(job_id: int) -> ReportJob:
    job = db.session.get(ReportJob, job_id) or abort(404)
    event = db.session.get(Event, job.event_id)
    if can_manage_event(current_user, event):
        return job
    if job.kind == ReportKind.OUTCOME_SUMMARY and may_see_event(event):
        outcome = services.event_outcome(event)
        if outcome is not None and outcome.published:
            return job
    if job.session_id and current_user.is_authenticated:
        from eventapp.sessions.models import EventSession

        if can_act_on_session(current_user, db.session.get(EventSession, job.session_id), REPORT):
            return job
    abort(404)


@bp.get("/reports/<int:job_id>")
def job_page(job_id):
    job = _job_or_404(job_id)
    jobs.expire_if_stale(job)
    event = db.session.get(Event, job.event_id)
    return render_template(
        "outcomes/job.html",
        job=job,
        event=event,
        state=jobs.job_state(job),
        options=job.options.split(","),
    )


@bp.get("/reports/<int:job_id>/status")
def job_status(job_id):
    job = _job_or_404(job_id)
    jobs.expire_if_stale(job)
    state = jobs.job_state(job)
    if job.status == JobStatus.DONE:
        state["download"] = url_for("outcomes.job_download", job_id=job.id)
    response = jsonify(state)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/reports/<int:job_id>/download")
def job_download(job_id):
    job = _job_or_404(job_id)
    if job.status != JobStatus.DONE or not job.file_path:
        return redirect(url_for("outcomes.job_page", job_id=job.id))
    event = db.session.get(Event, job.event_id)
    try:
        return pdf_file_response(
            job.file_path, jobs.filename(job.kind, event, None, job.language)
        )
    except FileNotFoundError:
        abort(404)


# CLI


@bp.cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
def worker(burst):
    """Run the background jobs (RQ on REDIS_URL): report PDFs and mail; as `flask jobs worker`."""
    from eventapp.mail.cli import run_worker

    run_worker(burst)
