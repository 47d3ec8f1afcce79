"""Jobs in Redis carry ids and the fingerprint of the database, never a password, a URL or the
SECRET_KEY; the worker refuses to start on another database than the web app's and fails a job
queued for another database."""

from __future__ import annotations

from flask import current_app
from redis import Redis
from rq import Queue, SimpleWorker

from eventapp import background
from tests.ops.conftest import REDIS_URL


def remember(job_id: int) -> None:
    """A job target: records in Redis that it ran (a worker runs it in a forked process)."""
    Redis.from_url(REDIS_URL).rpush(_done_key(), job_id)


def _done_key() -> str:
    return f"{current_app.config['REPORTS_QUEUE']}:done"


def _done(connection) -> list[int]:
    return [int(value) for value in connection.lrange(_done_key(), 0, -1)]


def forget(job_id: int, message: str) -> None:
    """A job's failure recorder (the pool's; unused on the queue)."""


def _dispatch(job_id: int) -> None:
    background.dispatch("tests.ops.test_jobs:remember", job_id, failed="tests.ops.test_jobs:forget")


def _everything_in_redis(connection) -> bytes:
    """Every value of the test's Redis database, as bytes."""
    values = []
    for key in connection.scan_iter("*"):
        kind = connection.type(key)
        if kind == b"hash":
            values.extend(v for pair in connection.hgetall(key).items() for v in pair)
        elif kind == b"string":
            values.append(connection.get(key))
        elif kind == b"list":
            values.extend(connection.lrange(key, 0, -1))
    return b"\n".join(values)


def test_the_fingerprint_names_the_database_not_who_connects():
    same = background.database_fingerprint
    assert same("postgresql+psycopg://multaqa:s3cret@db:5432/multaqa") == same(
        "postgresql+psycopg://other:different@db:5432/multaqa"
    )
    assert same("postgresql+psycopg://m:p@db:5432/multaqa") != same(
        "postgresql+psycopg://m:p@db:5432/multaqa_test"
    )
    assert same("postgresql+psycopg://m:p@db/multaqa") != same("postgresql+psycopg://m:p@db2/multaqa")
    assert "s3cret" not in same("postgresql+psycopg://multaqa:s3cret@db:5432/multaqa")


def test_a_queued_job_carries_ids_and_the_fingerprint_only(app, redis_jobs):
    app.config["SECRET_KEY"], secret = "a-secret-key-that-must-stay-home", app.config["SECRET_KEY"]
    try:
        _dispatch(41)
    finally:
        app.config["SECRET_KEY"] = secret
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    fingerprint = background.database_fingerprint(url)
    [job] = Queue(app.config["REPORTS_QUEUE"], connection=redis_jobs).jobs
    assert job.func_name == "eventapp.background.run_in_worker"
    assert job.args == ("tests.ops.test_jobs:remember", 41, fingerprint)
    stored = _everything_in_redis(redis_jobs)
    assert b"a-secret-key-that-must-stay-home" not in stored
    assert url.encode() not in stored and b"SQLALCHEMY" not in stored
    assert background.recorded_database(redis_jobs) == fingerprint

    SimpleWorker([job.origin], connection=redis_jobs).work(burst=True)
    assert _done(redis_jobs) == [41]


def test_a_queued_message_carries_its_id_and_the_fingerprint_only(app, redis_jobs):
    from eventapp.extensions import db
    from eventapp.mail import queue_mail
    from eventapp.mail.outbox import SEND_JOB, dispatch_ready

    with app.test_request_context():
        row = queue_mail("layla@example.org", "تأكيد التسجيل", "مرحبًا")
        db.session.commit()
        message_id = row.id
        dispatch_ready()
    fingerprint = background.database_fingerprint(app.config["SQLALCHEMY_DATABASE_URI"])
    [job] = Queue(app.config["MAIL_QUEUE"], connection=redis_jobs).jobs
    assert job.func_name == "eventapp.background.run_in_worker"
    assert job.args == (SEND_JOB, message_id, fingerprint)
    assert app.config["SECRET_KEY"].encode() not in _everything_in_redis(redis_jobs)
    assert background.recorded_database(redis_jobs) == fingerprint


def _queue_for_another_database(app, connection):
    queue = Queue(app.config["REPORTS_QUEUE"], connection=connection)
    return queue.enqueue(
        "eventapp.background.run_in_worker", "tests.ops.test_jobs:remember", 42, "0123456789abcdef"
    )


def test_a_job_queued_for_another_database_fails_with_a_message(app, redis_jobs):
    job = _queue_for_another_database(app, redis_jobs)
    SimpleWorker([job.origin], connection=redis_jobs).work(burst=True)
    job.refresh()
    assert job.is_failed and _done(redis_jobs) == []
    # Outside a command the app speaks Arabic; `flask jobs worker` English (below).
    assert "غير قاعدة بيانات هذا العامل" in job.latest_result().exc_string


def _worker(app, *args):
    return app.test_cli_runner().invoke(args=["jobs", "worker", "--burst", *args])


def test_the_worker_refuses_to_start_on_another_database(app, redis_jobs):
    background.record_database(redis_jobs, "0123456789abcdef")
    result = _worker(app)
    assert result.exit_code == 1
    assert "is not the one the web application queues jobs for" in result.output
    assert "password" not in result.output.lower()


def test_the_worker_starts_on_the_web_apps_database(app, redis_jobs):
    first = _worker(app)  # nothing queued yet: it starts, and checks each job
    assert first.exit_code == 0, first.output
    assert "each job's database will be checked" in first.output
    _dispatch(43)
    stray = _queue_for_another_database(app, redis_jobs)
    again = _worker(app)
    assert again.exit_code == 0, again.output
    assert _done(redis_jobs) == [43]
    stray.refresh()
    assert stray.is_failed
    assert "another database than this worker's" in stray.latest_result().exc_string


def test_the_worker_needs_redis(app, redis_jobs):
    app.config["REDIS_URL"] = ""
    assert "Set REDIS_URL" in _worker(app).output
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    result = _worker(app)
    assert result.exit_code == 1 and "Redis does not answer" in result.output
    app.config["REDIS_URL"] = REDIS_URL
