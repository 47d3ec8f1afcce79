"""The database goes away: everyone gets a translated 503 with Retry-After, /healthz says so,
and the app serves again by itself when the database comes back."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from eventapp import create_app
from eventapp.extensions import db
from tests import factories
from tests.conftest import WebClient, redis_runs


class TcpForwarder:
    """A loopback port in front of PostgreSQL that can be cut and restored, as a network
    failure or a database restart would."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = None
        self.connections: list[socket.socket] = []
        self.listener = None
        self.restore()

    def restore(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port or 0))
        self.port = self.listener.getsockname()[1]
        self.listener.listen()
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() on Linux
        self.listener.close()
        for connection in self.connections:
            connection.close()
        self.connections.clear()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            server = socket.create_connection(self.upstream)
            self.connections += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, target) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)


class Outage:
    """cut() makes the database unreachable for the app; restore() brings it back."""

    def __init__(self, url: str, tmp_path: Path):
        self.url = url
        if url.startswith("sqlite"):
            self.folder = tmp_path / "db"
            self.folder.mkdir()
            self.app_url = f"sqlite:///{self.folder / 'multaqa.db'}"
            self.forwarder = None
        else:
            parsed = make_url(url)
            self.forwarder = TcpForwarder((parsed.host or "127.0.0.1", parsed.port or 5432))
            self.app_url = parsed.set(host="127.0.0.1", port=self.forwarder.port).render_as_string(
                hide_password=False
            )

    def cut(self) -> None:
        # Requests in these tests share the test's app context and so its session: end it as
        # the end of a request in production would, so it holds no connection across the cut.
        db.session.remove()
        if self.forwarder:
            self.forwarder.cut()
        else:  # the database file's folder disappears: SQLite cannot open it
            shutil.move(self.folder, str(self.folder) + "-away")
            db.engine.dispose()  # an open connection would keep reading the moved file

    def restore(self) -> None:
        if self.forwarder:
            self.forwarder.restore()
        else:
            shutil.move(str(self.folder) + "-away", self.folder)


@pytest.fixture
def outage(empty_database_url, tmp_path):
    return Outage(empty_database_url, tmp_path)


@pytest.fixture
def outage_app(outage, tmp_path):
    os.environ.setdefault("SECRET_KEY", "test-secret")
    app = create_app(
        {
            "TESTING": False,  # errors are handled as in production
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": outage.app_url,
            "MAIL_FOLDER": str(tmp_path / "mail"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        db.create_all()
        user = factories.make_user("someone@example.org")
        db.session.commit()
        app.config["_user_email"] = user.email
        yield app
        db.session.remove()
        db.engine.dispose()


def test_everyone_gets_a_translated_503_and_the_app_recovers(outage_app, outage):
    visitor = WebClient(outage_app.test_client())
    member = WebClient(outage_app.test_client())
    assert visitor.get("/").status_code == 200
    member.get("/auth/login")
    response = member.post(
        "/auth/login", {"email": "someone@example.org", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert outage_app.test_client().get("/healthz").get_json() == {
        "status": "ok",
        "database": "ok",
    }

    outage.cut()
    try:
        for client, url in ((visitor, "/"), (member, "/manage/"), (visitor, "/e/some-event/")):
            response = client.get(url)
            assert response.status_code == 503, (url, response.get_data(as_text=True)[:300])
            assert response.headers["Retry-After"] == "30"
            page = response.get_data(as_text=True)
            assert "يتعذّر على ملتقى الوصول إلى قاعدة بياناته الآن" in page, url
            assert 'lang="ar" dir="rtl"' in page
        health = outage_app.test_client().get("/healthz")
        assert health.status_code == 503 and health.get_json()["database"] == "unavailable"
    finally:
        outage.restore()

    # Back by itself: no restart, the member is still signed in.
    assert visitor.get("/").status_code == 200
    assert member.get("/manage/").status_code == 200
    assert outage_app.test_client().get("/healthz").status_code == 200


def test_healthz_checks_redis_when_configured(outage_app):
    """Redis down: pages still work (200), jobs and mail wait: "degraded" (issue 17)."""
    outage_app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    response = outage_app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "degraded",
        "database": "ok",
        "redis": "unavailable",
        "worker": "unavailable",
    }
    if redis_runs():
        outage_app.config["REDIS_URL"] = "redis://127.0.0.1:6379/0"
        assert outage_app.test_client().get("/healthz").get_json()["redis"] == "ok"
