"""The PDFs of outcomes: the session report (rendered in the request), the event outcome
summary (rendered in the background: requested by organisers, or by the public once
published) and the pages of its jobs (progress, status for polling, download)."""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from eventapp.auth.permissions import (
    REPORT,
    can_act_on_session,
    can_read_event,
    organiser_required,
    session_permission,
)
from eventapp.events.models import Event
from eventapp.events.services import event_by_slug, may_see_event
from eventapp.extensions import db
from eventapp.outcomes import jobs
from eventapp.outcomes.blueprint import bp
from eventapp.outcomes.event_outcomes import event_outcome
from eventapp.outcomes.models import JobStatus, ReportJob, ReportKind
from eventapp.outcomes.reportdata import LANGUAGES
from eventapp.reports import pdf_file_response, pdf_response
from eventapp.sessions.models import EventSession


def _language() -> str:
    lang = request.values.get("lang", "")
    return lang if lang in LANGUAGES else "ar"


def _options() -> str:
    options = []
    if request.values.get("hijri") in ("1", "y", "on"):
        options.append("hijri")
    if request.values.get("group") == "theme":
        options.append("theme")
    return ",".join(options)


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
    """Whether the event's outcome summary is public (also for the public event page's link)."""
    outcome = event_outcome(event)
    return bool(outcome is not None and outcome.published)


@bp.get("/e/<slug>/outcome")
def public_summary(slug):
    """The published outcome summary: a kept PDF at once, else the page that waits for it."""
    event = event_by_slug(slug)
    if not may_see_event(event, current_user):  # archived: the outcome is its public record
        abort(404)
    if not event_outcome_published(event):
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
    if can_read_event(current_user, event):  # its organisers, and its organisation's viewers
        return job
    if (
        job.kind == ReportKind.OUTCOME_SUMMARY
        and may_see_event(event)
        and event_outcome_published(event)
    ):
        return job
    if job.session_id and current_user.is_authenticated:
        session = db.session.get(EventSession, job.session_id)
        if can_act_on_session(current_user, session, REPORT):
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
        return pdf_file_response(job.file_path, jobs.filename(job.kind, event, None, job.language))
    except FileNotFoundError:
        abort(404)
