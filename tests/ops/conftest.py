"""A Redis database of these tests' own (number 11) with queue names of each test's own,
emptied of their keys afterwards; an app as gunicorn serves it behind nginx."""

from __future__ import annotations

import contextlib
import uuid

import pytest
from redis import Redis
from rq import Queue

from eventapp import create_app
from eventapp.config import public_url_settings
from eventapp.extensions import db

REDIS_URL = "redis://127.0.0.1:6379/11"
JOB_KEYS = ("REPORTS_INLINE", "REDIS_URL", "REPORTS_QUEUE", "MAIL_QUEUE")


@pytest.fixture
def redis_jobs(app):
    """Jobs go to Redis (no worker runs unless the test starts one); yields the connection."""
    tag = uuid.uuid4().hex[:8]
    saved = {key: app.config.get(key) for key in JOB_KEYS}
    app.config.update(
        REPORTS_INLINE=False,
        REDIS_URL=REDIS_URL,
        REPORTS_QUEUE=f"multaqa-ops-test-{tag}",
        MAIL_QUEUE=f"multaqa-ops-mail-{tag}",
    )
    connection = Redis.from_url(REDIS_URL)
    try:
        yield connection
    finally:
        for key in connection.scan_iter("rq:job:*"):
            if tag.encode() in (connection.hget(key, "origin") or b""):
                connection.delete(key, b"rq:results:" + key.split(b":", 2)[2])
        for name in (app.config["REPORTS_QUEUE"], app.config["MAIL_QUEUE"]):
            Queue(name, connection=connection).delete(delete_jobs=True)
        for key in connection.scan_iter(f"*{tag}*"):
            connection.delete(key)
        app.config.update(saved)


@contextlib.contextmanager
def app_behind_proxy(app, public_url: str = "", **config):
    """Another app on the test database, as gunicorn serves it behind one proxy (nginx)."""
    proxied = create_app(
        {**app.config, **public_url_settings(public_url), "TRUSTED_PROXIES": 1, **config}
    )
    try:
        yield proxied
    finally:
        with proxied.app_context():
            db.engine.dispose()
