"""What /healthz answers: the database, and with REDIS_URL, Redis and the job worker.

503 only when the database does not answer (no page can be served). Redis down, or no job
worker with a recent heartbeat, is 200 with "status": "degraded": pages work, but report jobs
and mail wait. The answer holds no personal data; the log says what failed.
"""

from __future__ import annotations

import datetime as dt

import redis
from flask import current_app
from sqlalchemy import text

from eventapp.extensions import db

OK, UNAVAILABLE = "ok", "unavailable"


def report() -> tuple[dict, int]:
    """The JSON body and the status code of /healthz."""
    checks = {"database": _check(lambda: db.session.execute(text("SELECT 1")))}
    if current_app.config.get("REDIS_URL"):
        checks.update(_job_checks())
    if checks["database"] != OK:
        return {"status": UNAVAILABLE, **checks}, 503
    healthy = all(checks[name] == OK for name in ("redis", "worker") if name in checks)
    return {"status": OK if healthy else "degraded", **checks}, 200


def _check(probe) -> str:
    try:
        probe()
    except Exception as error:  # any failure is "unavailable"; the log says which
        current_app.logger.warning("health check failed: %s", error)
        return UNAVAILABLE
    return OK


def _job_checks() -> dict:
    """Redis, and the job worker serving the mail and report queues."""
    connection = redis.Redis.from_url(
        current_app.config["REDIS_URL"], socket_timeout=1, socket_connect_timeout=1
    )
    try:
        if _check(connection.ping) != OK:
            return {"redis": UNAVAILABLE, "worker": UNAVAILABLE}  # no worker can take a job
        return {"redis": OK, **_worker(connection)}
    finally:
        connection.close()


def _worker(connection) -> dict:
    """Says "ok" when each queue has a live worker, with the seconds since its last heartbeat
    (the longer of the queues).
    RQ forgets a worker that missed its heartbeats for its time to live (7 to 8 minutes)."""
    # RQ takes a fifth of a second to import: only installations with Redis pay it.
    from rq import Queue, Worker  # noqa: PLC0415

    config = current_app.config
    heartbeats = []
    for name in (config["MAIL_QUEUE"], config["REPORTS_QUEUE"]):
        workers = Worker.all(queue=Queue(name, connection=connection))
        beats = [worker.last_heartbeat for worker in workers if worker.last_heartbeat]
        if not beats:
            current_app.logger.warning("health check: no job worker serves %s", name)
            return {"worker": UNAVAILABLE}
        heartbeats.append(max(beats))
    age = dt.datetime.now(dt.UTC) - min(heartbeats)
    return {"worker": OK, "worker_heartbeat_seconds": max(0, round(age.total_seconds()))}
