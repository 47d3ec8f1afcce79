"""PDF reports: short ones rendered in the request, long ones in the background.

A ``ReportJob`` row records each background rendering. Its ``content_hash`` is the hash of the
report's input data, so a finished PDF is served again, without rendering, for as long as the
outcome it shows is unchanged. The job function takes only the job id, renders, writes the
file under ``instance/reports/`` and updates the row; eventapp.background runs it (in the
request for tests, in a process pool in development, on the RQ queue in production).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from eventapp import background
from eventapp.common import utcnow
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.outcomes.models import JobStatus, ReportJob, ReportKind
from eventapp.outcomes.reportdata import session_report_data
from eventapp.outcomes.summarydata import outcome_summary_data
from eventapp.reports import html_to_pdf
from eventapp.sessions.models import EventSession

log = logging.getLogger(__name__)

TEMPLATES = {
    ReportKind.SESSION_REPORT: "reports/session_report.html",
    ReportKind.OUTCOME_SUMMARY: "reports/outcome_summary.html",
}
# A job still "running" after this long lost its worker (the RQ job timeout is 900 s), and one
# still "queued" after QUEUED_STALE_AFTER was never taken (no worker, or the queue lost it): it
# is marked failed, and a new request starts another. Neither ever blocks the report.
STALE_AFTER = dt.timedelta(minutes=15)
QUEUED_STALE_AFTER = dt.timedelta(minutes=5)
# Why a job failed, at the start of its `error` (the rest is the technical detail, for logs).
QUEUE_FAILED = "queue unavailable"
LOST = "lost"
FAILURE_MESSAGES = {
    QUEUE_FAILED: _l(
        "The report could not be sent to the background worker (the job queue did not answer). "
        "Try again in a moment; if it fails again, tell the administrator."
    ),
    LOST: _l(
        "No background worker prepared this report in time. Try again; if it fails again, "
        "tell the administrator that the job worker does not seem to be running."
    ),
}
RENDER_FAILED = _l(
    "The report could not be prepared. The outcome itself is safe and unchanged: try again, "
    "and if it fails again, tell the administrator."
)
OUTCOMES_CSS = (Path(__file__).resolve().parent / "report.css").read_text(encoding="utf-8")


# Data and rendering


def build_data(kind: ReportKind, event, session, language: str, options: str) -> dict:
    hijri = True if "hijri" in options.split(",") else None
    if kind == ReportKind.SESSION_REPORT:
        return session_report_data(session, language, hijri)
    group_by = "theme" if "theme" in options.split(",") else "addressee"
    return outcome_summary_data(event, language, hijri, group_by)


def content_hash(data: dict) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_html(kind: ReportKind, data: dict) -> str:
    with force_locale(data["lang"]):
        return render_template(
            TEMPLATES[kind], created=utcnow().isoformat(timespec="seconds") + "Z", **data
        )


def render(kind: ReportKind, data: dict) -> bytes:
    """The PDF of a report, through eventapp.reports (its fonts, fetcher and base CSS)."""
    return html_to_pdf(report_html(kind, data), stylesheets=[OUTCOMES_CSS])


def filename(kind: ReportKind, event, session, language: str) -> str:
    stem = event.slug if session is None else f"{event.slug}-session-{session.id}"
    prefix = "outcome-summary" if kind == ReportKind.OUTCOME_SUMMARY else "session-report"
    return f"{prefix}-{stem}-{language}.pdf"


# Jobs


def _folder() -> Path:
    folder = Path(current_app.config["REPORTS_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def is_stale(job: ReportJob) -> bool:
    """Queued or running for too long: its worker never came or died."""
    if job.status == JobStatus.QUEUED:
        return utcnow() - job.created_at >= QUEUED_STALE_AFTER
    if job.status == JobStatus.RUNNING:
        return utcnow() - (job.started_at or job.created_at) >= STALE_AFTER
    return False


def expire_if_stale(job: ReportJob) -> None:
    """Mark a job its worker abandoned as failed (it may then be asked for again)."""
    if is_stale(job):
        _fail(job.id, f"{LOST}: {job.status.value} since {job.started_at or job.created_at}")
        db.session.refresh(job)


def _usable(job: ReportJob) -> bool:
    if job.status == JobStatus.DONE:
        return bool(job.file_path) and Path(job.file_path).is_file()
    if job.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        expire_if_stale(job)
        return job.status != JobStatus.FAILED
    return False


def request_report(kind: ReportKind, event, session, language: str, options: str, user):
    """The job for this report: a kept PDF or one in progress if current, else a new one."""
    data = build_data(kind, event, session, language, options)
    digest = content_hash(data)
    candidates = db.session.scalars(
        select(ReportJob)
        .where(
            ReportJob.kind == kind,
            ReportJob.event_id == event.id,
            ReportJob.session_id == (session.id if session else None),
            ReportJob.language == language,
            ReportJob.options == options,
            ReportJob.content_hash == digest,
        )
        .order_by(ReportJob.id.desc())
    ).all()
    for job in candidates:
        if _usable(job):
            return job
    job = ReportJob(
        kind=kind,
        event_id=event.id,
        session_id=session.id if session else None,
        language=language,
        options=options,
        content_hash=digest,
        requested_by_id=user.id if user and user.is_authenticated else None,
    )
    db.session.add(job)
    db.session.commit()
    try:
        dispatch(job.id)
    except Exception as error:  # Redis down or hanging: the job fails now, it never blocks
        log.exception("report job %s could not be queued", job.id)
        _fail(job.id, f"{QUEUE_FAILED}: {type(error).__name__}: {error}")
        db.session.refresh(job)
    return job


def dispatch(job_id: int) -> None:
    background.dispatch(
        "eventapp.outcomes.jobs:run_job", job_id, failed="eventapp.outcomes.jobs:_fail"
    )


def _fail(job_id: int, message: str) -> None:
    background.record_failure(ReportJob, job_id, message)


def run_job(job_id: int) -> None:
    """Render one job's PDF and record the result (inside an app context)."""
    job = background.start(ReportJob, job_id, progress=5)
    if job is None:
        return
    try:
        event = db.session.get(Event, job.event_id)
        session = db.session.get(EventSession, job.session_id) if job.session_id else None
        data = build_data(job.kind, event, session, job.language, job.options)
        background.save(job, progress=20, content_hash=content_hash(data))
        html = report_html(job.kind, data)
        background.save(job, progress=35)
        pdf = html_to_pdf(html, stylesheets=[OUTCOMES_CSS])
        background.save(job, progress=95)
        name = f"{job.kind.value}-{job.event_id}-{job.session_id or 0}-{job.language}"
        path = _folder() / f"{name}-{job.content_hash[:20]}.pdf"
        partial = path.with_suffix(f".{job.id}.part")
        partial.write_bytes(pdf)
        os.replace(partial, path)
        background.save(
            job, status=JobStatus.DONE, progress=100, file_path=str(path), finished_at=utcnow()
        )
        _forget_older(job)
    except Exception as error:  # the job records any failure; the worker keeps running
        log.exception("report job %s failed", job_id)
        _fail(job_id, f"{type(error).__name__}: {error}")


def _forget_older(job: ReportJob) -> None:
    """Older PDFs of the same report are out of date: delete their files."""
    older = db.session.scalars(
        select(ReportJob).where(
            ReportJob.kind == job.kind,
            ReportJob.event_id == job.event_id,
            ReportJob.session_id == job.session_id,
            ReportJob.language == job.language,
            ReportJob.options == job.options,
            ReportJob.id != job.id,
            ReportJob.status == JobStatus.DONE,
        )
    ).all()
    for other in older:
        if other.file_path and other.file_path != job.file_path:
            Path(other.file_path).unlink(missing_ok=True)
        db.session.delete(other)
    db.session.commit()


def failure_message(job: ReportJob) -> str | None:
    """Why the job failed, in the reader's language (the technical detail stays in the log)."""
    if job.status != JobStatus.FAILED:
        return None
    reason = (job.error or "").split(":", 1)[0]
    return str(FAILURE_MESSAGES.get(reason, RENDER_FAILED))


def job_state(job: ReportJob) -> dict:
    return {
        "id": job.id,
        "status": job.status.value,
        "label": job.status.label,
        "progress": job.progress,
        "error": failure_message(job),
        "no_worker": job.status == JobStatus.QUEUED and not background.worker_running(),
    }
