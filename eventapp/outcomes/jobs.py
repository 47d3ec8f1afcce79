"""PDF reports: short ones rendered in the request, long ones in the background.

A ``ReportJob`` row records each background rendering. Its ``content_hash`` is the hash of the
report's input data, so a finished PDF is served again, without rendering, for as long as the
outcome it shows is unchanged. The job function takes only the job id (and the settings to
open the same database), creates its own app when it runs in another process, renders,
writes the file under ``instance/reports/`` and updates the row:

- development: a ``ProcessPoolExecutor`` (spawned processes, 1 worker by default), created
  on first use;
- production (``REDIS_URL`` set): an RQ queue, served by ``flask --app wsgi reports worker``;
- tests (``REPORTS_INLINE=True``): the same function, run at once in the request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from flask import current_app, has_app_context, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from eventapp.common import utcnow
from eventapp.extensions import db
from eventapp.outcomes import reportdata
from eventapp.outcomes.models import JobStatus, ReportJob, ReportKind

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


def configure(app) -> None:
    """Defaults for the report settings (each can be set in the environment)."""
    env = os.environ.get
    app.config.setdefault("REPORTS_INLINE", env("REPORTS_INLINE") == "1")
    app.config.setdefault(
        "REPORTS_FOLDER", env("REPORTS_FOLDER") or str(Path(app.instance_path) / "reports")
    )
    app.config.setdefault("REPORTS_WORKERS", int(env("REPORTS_WORKERS") or 1))
    app.config.setdefault("REPORTS_QUEUE", env("REPORTS_QUEUE") or "multaqa-reports")


# Data and rendering


def build_data(kind: ReportKind, event, session, language: str, options: str) -> dict:
    hijri = True if "hijri" in options.split(",") else None
    if kind == ReportKind.SESSION_REPORT:
        return reportdata.session_report_data(session, language, hijri)
    group_by = "theme" if "theme" in options.split(",") else "addressee"
    return reportdata.outcome_summary_data(event, language, hijri, group_by)


def content_hash(data: dict) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_html(kind: ReportKind, data: dict) -> str:
    from flask_babel import force_locale

    with force_locale(data["lang"]):
        return render_template(
            TEMPLATES[kind], created=utcnow().isoformat(timespec="seconds") + "Z", **data
        )


def render(kind: ReportKind, data: dict) -> bytes:
    """The PDF of a report, through eventapp.reports (its fonts, fetcher and base CSS)."""
    from eventapp.reports import html_to_pdf

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


def settings_for_worker() -> dict:
    """What another process needs to open the same database and folder."""
    config = current_app.config
    return {
        "SQLALCHEMY_DATABASE_URI": config["SQLALCHEMY_DATABASE_URI"],
        "REPORTS_FOLDER": config["REPORTS_FOLDER"],
        "SECRET_KEY": config["SECRET_KEY"],
    }


def dispatch(job_id: int) -> None:
    config = current_app.config
    if config.get("REPORTS_INLINE"):
        run_job(job_id)
    elif config.get("REDIS_URL"):
        _queue().enqueue(
            "eventapp.outcomes.jobs.run_job_in_worker",
            job_id,
            settings_for_worker(),
            job_timeout=900,
            result_ttl=0,
        )
    else:
        future = _executor().submit(run_job_in_worker, job_id, settings_for_worker())
        app = current_app._get_current_object()
        future.add_done_callback(lambda f: _after_pool_job(app, job_id, f))


def _queue():
    from redis import Redis
    from rq import Queue

    config = current_app.config
    # A Redis that hangs costs seconds, never the request.
    connection = Redis.from_url(config["REDIS_URL"], socket_timeout=3, socket_connect_timeout=3)
    return Queue(config["REPORTS_QUEUE"], connection=connection)


def worker_running() -> bool:
    """Whether a worker serves the queue (the process pool and inline jobs always do)."""
    config = current_app.config
    if config.get("REPORTS_INLINE") or not config.get("REDIS_URL"):
        return True
    try:
        from rq import Worker

        queue = _queue()
        return Worker.count(connection=queue.connection, queue=queue) > 0
    except Exception:  # Redis does not answer: no worker can take the job either
        return False


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ProcessPoolExecutor:
    """One small pool per web process, created on first use (spawned: no inherited state)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=max(1, min(2, int(current_app.config["REPORTS_WORKERS"]))),
                mp_context=multiprocessing.get_context("spawn"),
            )
        return _pool


def shutdown_pool() -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


def _after_pool_job(app, job_id: int, future) -> None:
    """If the worker process died, the row would stay "running": mark it failed."""
    error = future.exception()
    if error is None:
        return
    global _pool
    log.error("report job %s failed in the pool: %r", job_id, error)
    with app.app_context():
        _fail(job_id, repr(error))
    if type(error).__name__ == "BrokenProcessPool":
        with _pool_lock:
            _pool = None


def run_job_in_worker(job_id: int, settings: dict) -> None:
    """Entry point in a pool process or an RQ worker: open the app, then run the job."""
    if has_app_context():
        # An RQ worker started by `flask reports worker`: a forked work horse must not reuse
        # the parent's database connections.
        db.engine.dispose(close=False)
        run_job(job_id)
        return
    app = _worker_app(settings)
    with app.app_context():
        run_job(job_id)
        db.session.remove()


_worker_apps: dict = {}


def _worker_app(settings: dict):
    """One app per settings in a worker process (pool processes are reused)."""
    key = json.dumps(settings, sort_keys=True)
    if key not in _worker_apps:
        from eventapp import create_app

        _worker_apps[key] = create_app(settings)
    return _worker_apps[key]


def _set(job: ReportJob, **values) -> None:
    for key, value in values.items():
        setattr(job, key, value)
    db.session.commit()


def _fail(job_id: int, message: str) -> None:
    db.session.rollback()
    job = db.session.get(ReportJob, job_id)
    if job is not None and job.status != JobStatus.DONE:
        _set(job, status=JobStatus.FAILED, error=message[:2000], finished_at=utcnow())


def run_job(job_id: int) -> None:
    """Render one job's PDF and record the result (inside an app context)."""
    from eventapp.events.models import Event
    from eventapp.sessions.models import EventSession

    job = db.session.get(ReportJob, job_id)
    if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED):
        return
    try:
        _set(job, status=JobStatus.RUNNING, started_at=utcnow(), progress=5)
        event = db.session.get(Event, job.event_id)
        session = db.session.get(EventSession, job.session_id) if job.session_id else None
        data = build_data(job.kind, event, session, job.language, job.options)
        _set(job, progress=20, content_hash=content_hash(data))
        html = report_html(job.kind, data)
        _set(job, progress=35)
        from eventapp.reports import html_to_pdf

        pdf = html_to_pdf(html, stylesheets=[OUTCOMES_CSS])
        _set(job, progress=95)
        name = f"{job.kind.value}-{job.event_id}-{job.session_id or 0}-{job.language}"
        path = _folder() / f"{name}-{job.content_hash[:20]}.pdf"
        partial = path.with_suffix(f".{job.id}.part")
        partial.write_bytes(pdf)
        os.replace(partial, path)
        _set(job, status=JobStatus.DONE, progress=100, file_path=str(path), finished_at=utcnow())
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
        "no_worker": job.status == JobStatus.QUEUED and not worker_running(),
    }
