"""Pooled database connections: idle ones are checked before use, busy ones are not."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

import eventapp
from eventapp.extensions import db
from tests.conftest import is_postgres

pytestmark = pytest.mark.skipif(
    not is_postgres(), reason="connections to a server: PostgreSQL only (CI runs both)"
)


def _backend_pid() -> int:
    pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
    db.session.commit()
    return pid


def test_a_connection_the_server_closed_while_idle_is_replaced_unseen(monkeypatch):
    db.session.remove()
    db.engine.dispose()  # the pool holds one connection from here on
    first = _backend_pid()
    db.session.remove()
    # The server closes it while it sits in the pool (a restart, an idle timeout).
    outside = create_engine(db.engine.url, poolclass=NullPool)
    with outside.connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    outside.dispose()
    monkeypatch.setattr(eventapp, "IDLE_SECONDS_BEFORE_PING", 0.0)  # as if idle for long
    assert _backend_pid() != first  # a new connection, and no error


def test_a_connection_used_a_moment_ago_is_not_pinged(monkeypatch):
    pings = []
    dialect = db.engine.dialect
    real_ping = dialect.do_ping
    monkeypatch.setattr(dialect, "do_ping", lambda c: pings.append(c) or real_ping(c))
    for _ in range(3):
        _backend_pid()
        db.session.remove()
    assert pings == []
    monkeypatch.setattr(eventapp, "IDLE_SECONDS_BEFORE_PING", 0.0)
    _backend_pid()
    assert len(pings) == 1
