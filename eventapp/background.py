"""Background jobs: long work (a 40-page PDF, an import of 15,000 invitations) runs outside the
request, and a page follows its progress.

Each kind of job is a row (``ReportJob``, ``ImportJob`` ...) with a ``status`` (JobStatus),
a ``progress`` (0-100) and an ``error``, and a function that takes the row's id and does the
work inside an app context. ``dispatch(target, job_id, failed=...)`` runs it:

- tests (``REPORTS_INLINE=True``): at once, in the request;
- production (``REDIS_URL`` set): on an RQ queue (``REPORTS_QUEUE``), served by
  ``flask --app wsgi reports worker``, one worker for every kind of job;
- development: a ``ProcessPoolExecutor`` of spawned processes (``REPORTS_WORKERS``, 1 by
  default, at most 2), created on first use.

``target`` and ``failed`` name functions as "package.module:function" so that another process
can import them; ``failed(job_id, message)`` records a job whose worker process died.
The settings keep their first names (REPORTS_*): they now apply to every kind of job.

This module sits below the app and never imports it: an RQ worker runs inside the app that
its command (``flask jobs worker``) made, and a pool process builds its app with the factory
that create_app hands to ``init_app``.

What goes to Redis is the target's name, the job id and the fingerprint of the database (a
hash of its driver, host, port and name: never a password, a URL or a key). The web app records
that fingerprint in Redis as it queues a job; the worker refuses to start when its own differs,
and fails a job that names another database than its own, so that a worker started with other
settings never works on an empty database of its own. The pool (no Redis) is handed the
settings in memory.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.engine import make_url

from eventapp.common import LabelledEnum, utcnow
from eventapp.extensions import db

log = logging.getLogger(__name__)


class JobStatus(LabelledEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @classmethod
    def _labels(cls):
        return {
            "queued": _l("Waiting"),
            "running": _l("Being prepared"),
            "done": _l("Ready"),
            "failed": _l("Failed"),
        }


BUSY = (JobStatus.QUEUED, JobStatus.RUNNING)


def init_app(app, app_factory) -> None:
    """The job settings, and the factory a pool process makes its app with (create_app hands
    itself down: this module may not import it)."""
    configure(app)
    app.extensions["multaqa.app_factory"] = app_factory


def configure(app) -> None:
    """Defaults for the job settings (each can be set in the environment)."""
    env = os.environ.get
    app.config.setdefault("REPORTS_INLINE", env("REPORTS_INLINE") == "1")
    app.config.setdefault(
        "REPORTS_FOLDER", env("REPORTS_FOLDER") or str(Path(app.instance_path) / "reports")
    )
    app.config.setdefault("REPORTS_WORKERS", int(env("REPORTS_WORKERS") or 1))
    app.config.setdefault("REPORTS_QUEUE", env("REPORTS_QUEUE") or "multaqa-reports")


def job_state(job) -> dict:
    """What a progress page polls: status, its label, progress and the error of a failure."""
    return {
        "id": job.id,
        "status": job.status.value,
        "label": job.status.label,
        "progress": job.progress,
        "error": job.error if job.status == JobStatus.FAILED else None,
    }


def save(job, **values) -> None:
    """Set a job's columns and commit (the progress page reads them from another request)."""
    for key, value in values.items():
        setattr(job, key, value)
    db.session.commit()


def start(model, job_id: int, progress: int = 1):
    """The job of this model marked running, or None if it is gone or already over."""
    job = db.session.get(model, job_id)
    if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED):
        return None
    save(job, status=JobStatus.RUNNING, started_at=utcnow(), progress=progress)
    return job


def record_failure(model, job_id: int, message: str, **values) -> None:
    """Mark a job of this model failed (unless it finished), after rolling its work back."""
    db.session.rollback()
    job = db.session.get(model, job_id)
    if job is not None and job.status != JobStatus.DONE:
        save(job, status=JobStatus.FAILED, error=message[:2000], finished_at=utcnow(), **values)


def settings_for_pool() -> dict:
    """What a pool process needs to open the same database and folder (handed in memory)."""
    config = current_app.config
    return {
        "SQLALCHEMY_DATABASE_URI": config["SQLALCHEMY_DATABASE_URI"],
        "REPORTS_FOLDER": config["REPORTS_FOLDER"],
        "SECRET_KEY": config["SECRET_KEY"],
    }


def _function(target: str):
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def dispatch(target: str, job_id: int, *, failed: str, timeout: int = 900) -> None:
    """Run ``target(job_id)`` in the request, on the RQ queue or in the process pool."""
    config = current_app.config
    if config.get("REPORTS_INLINE"):
        _function(target)(job_id)
    elif config.get("REDIS_URL"):
        enqueue_for_worker(_queue(), target, job_id, job_timeout=timeout, result_ttl=0)
    else:
        factory = current_app.extensions["multaqa.app_factory"]
        future = _executor().submit(run_in_process, factory, target, job_id, settings_for_pool())
        app = current_app._get_current_object()
        future.add_done_callback(lambda f: _after_pool_job(app, failed, job_id, f))


def enqueue_for_worker(queue, target: str, job_id: int, *, delay=None, **options):
    """Put ``target(job_id)`` on an RQ queue for ``flask jobs worker`` (any kind of job: reports,
    imports, mail): its arguments are the target's name, the id and the database's fingerprint,
    never a setting; the fingerprint is recorded for the worker's check at start. ``delay``: a
    timedelta before it may run."""
    fingerprint = database_fingerprint(current_app.config["SQLALCHEMY_DATABASE_URI"])
    record_database(queue.connection, fingerprint)
    job = ("eventapp.background.run_in_worker", target, job_id, fingerprint)
    if delay is not None:
        return queue.enqueue_in(delay, *job, **options)
    return queue.enqueue(*job, **options)


def database_fingerprint(url: str) -> str:
    """Which database a URL names, as a short hash of its driver, host, port and name: the
    same for the web app and the worker of one installation, whatever user or password each
    connects with; nothing secret (no user, no password)."""
    parts = make_url(url)
    name = parts.database or ""
    if parts.get_backend_name() == "sqlite" and name and name != ":memory:":
        name = str(Path(name).resolve())
    named = f"{parts.drivername}://{parts.host or ''}:{parts.port or ''}/{name}"
    return hashlib.sha256(named.encode("utf-8")).hexdigest()[:16]


def shown_database(url: str) -> str:
    """A database URL as an administrator may see it in a message (no password)."""
    return make_url(url).render_as_string(hide_password=True)


# Kept a month after the last job queued: a worker started later checks against it.
DATABASE_KEY_SECONDS = 30 * 24 * 3600


def database_key() -> str:
    """Where the web app records its database's fingerprint (one per installation's queue)."""
    return f"multaqa:database:{current_app.config['REPORTS_QUEUE']}"


def record_database(connection, fingerprint: str) -> None:
    connection.set(database_key(), fingerprint, ex=DATABASE_KEY_SECONDS)


def recorded_database(connection) -> str | None:
    """The fingerprint the web app recorded, or None if it queued nothing for a month."""
    value = connection.get(database_key())
    return value.decode("ascii") if value else None


class WrongDatabase(RuntimeError):
    """A job queued by a web app on another database than this worker's."""


def _queue():
    # Only installations with Redis use RQ, which takes a fifth of a second to import.
    from redis import Redis  # noqa: PLC0415
    from rq import Queue  # noqa: PLC0415

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
        from rq import Worker  # noqa: PLC0415  (as in _queue: RQ only with Redis)

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


def _after_pool_job(app, failed: str, job_id: int, future) -> None:
    """If the worker process died, the row would stay "running": record the failure."""
    error = future.exception()
    if error is None:
        return
    global _pool
    log.error("job %s failed in the pool: %r", job_id, error)
    with app.app_context():
        _function(failed)(job_id, repr(error))
    if type(error).__name__ == "BrokenProcessPool":
        with _pool_lock:
            _pool = None


def run_in_worker(target: str, job_id: int, fingerprint: str) -> None:
    """Entry point in an RQ worker, which runs inside the app its command made (`flask jobs
    worker`), on its own settings: the job names only the database it was queued on."""
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    if fingerprint != database_fingerprint(url):
        # Failed in the queue (RQ's failed jobs, the worker's log): the job's row is in a
        # database this worker cannot see; the web app reports it lost after a while.
        raise WrongDatabase(
            _(
                "This job was queued by a web application on another database than this "
                "worker's (%(database)s). Start the worker with the web application's "
                "DATABASE_URL.",
                database=shown_database(url),
            )
        )
    # A forked work horse must not reuse the parent's database connections.
    db.engine.dispose(close=False)
    _function(target)(job_id)


def run_in_process(app_factory, target: str, job_id: int, settings: dict) -> None:
    """Entry point in a pool process: open the app with these settings, then run the job."""
    app = _process_app(app_factory, settings)
    with app.app_context():
        _function(target)(job_id)
        db.session.remove()


_process_apps: dict = {}


def _process_app(app_factory, settings: dict):
    """One app per settings in a pool process (pool processes are reused)."""
    key = json.dumps(settings, sort_keys=True)
    if key not in _process_apps:
        _process_apps[key] = app_factory(settings)
    return _process_apps[key]
