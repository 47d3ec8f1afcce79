"""/healthz with Redis: the job worker's heartbeat; Redis or the worker missing is "degraded"
(200: pages still work), only the database missing is 503 (tests/core/test_database_outage.py)."""

from __future__ import annotations

import uuid

import pytest
from redis import Redis
from rq import Worker

from tests.conftest import redis_runs

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def queues(app):
    """Redis configured, with queues of this test's own (no other worker serves them)."""
    if not redis_runs():
        pytest.skip("needs Redis on 127.0.0.1:6379")
    keys = ("REDIS_URL", "MAIL_QUEUE", "REPORTS_QUEUE")
    saved = {key: app.config[key] for key in keys}
    names = [f"health-test-{kind}-{uuid.uuid4().hex[:8]}" for kind in ("mail", "reports")]
    app.config.update(REDIS_URL=REDIS_URL, MAIL_QUEUE=names[0], REPORTS_QUEUE=names[1])
    yield names
    app.config.update(saved)


def test_no_worker_is_degraded_then_a_live_worker_is_ok(client, queues):
    response = client.raw.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "degraded",
        "database": "ok",
        "redis": "ok",
        "worker": "unavailable",
    }

    worker = Worker(queues, connection=Redis.from_url(REDIS_URL))
    worker.register_birth()  # what `flask jobs worker` does, with its first heartbeat
    try:
        body = client.raw.get("/healthz").get_json()
        assert body["status"] == "ok" and body["worker"] == "ok"
        assert 0 <= body["worker_heartbeat_seconds"] < 60
    finally:
        worker.register_death()
    assert client.raw.get("/healthz").get_json()["worker"] == "unavailable"


def test_a_worker_of_one_queue_only_is_not_enough(client, queues):
    worker = Worker(queues[:1], connection=Redis.from_url(REDIS_URL))
    worker.register_birth()
    try:
        assert client.raw.get("/healthz").get_json()["status"] == "degraded"
    finally:
        worker.register_death()
