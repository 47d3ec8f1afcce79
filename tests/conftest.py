"""Test fixtures: a real database (SQLite file, or PostgreSQL when DATABASE_URL is set),
the real app with CSRF on, and small factories."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import flask_babel
import pytest
from flask import g
from sqlalchemy import event as sa_event
from sqlalchemy import text

from eventapp import create_app
from eventapp.extensions import db
from tests import factories

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def database_url(tmp_root: Path, name: str = "multaqa") -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_root / (name + '.db')}"


def is_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def redis_runs() -> bool:
    """Whether a Redis answers on 127.0.0.1:6379 (the tests that need one skip without it)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    tmp_root = tmp_path_factory.mktemp("multaqa")
    os.environ.setdefault("SECRET_KEY", "test-secret")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": _driver_url(database_url(tmp_root)),
            "WTF_CSRF_ENABLED": True,
            "MAIL_FOLDER": str(tmp_root / "mail"),
            # Mail is sent in the request, so a test reads it at once (tests/mail tries the
            # sending thread of production without Redis).
            "MAIL_INLINE": True,
            "SERVER_NAME": None,
            # Fast hashes keep the suite quick; the product uses scrypt.
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            # Off except in the rate-limit tests (the `rate_limited` fixture turns them on).
            "RATE_LIMITS_ENABLED": False,
        }
    )
    with app.app_context():
        db.drop_all()
        _drop_alembic_version()
        db.create_all()  # tests only: the product's schema comes from the migrations
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _driver_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _drop_alembic_version() -> None:
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()


@pytest.fixture(autouse=True)
def _app_context(app):
    """Each test runs in one app context and leaves an empty database behind."""
    with app.app_context():
        yield
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()


@pytest.fixture
def reports_inline(app, tmp_path):
    """Background reports run in the request, into a folder of the test's own."""
    saved = {k: app.config.get(k) for k in ("REPORTS_INLINE", "REPORTS_FOLDER", "REDIS_URL")}
    app.config.update(REPORTS_INLINE=True, REPORTS_FOLDER=str(tmp_path / "reports"), REDIS_URL="")
    yield
    app.config.update(saved)


@pytest.fixture
def client(app):
    return WebClient(app.test_client())


class WebClient:
    """The Flask test client with CSRF tokens taken from the pages, as a browser would."""

    TOKEN = re.compile(
        r'name="csrf_token" type="hidden" value="([^"]+)"|'
        r'name="csrf_token" value="([^"]+)"'
    )

    def __init__(self, client):
        self.raw = client
        self.token: str | None = None

    def _remember_token(self, response) -> None:
        match = self.TOKEN.search(response.get_data(as_text=True))
        if match:
            self.token = match.group(1) or match.group(2)

    @staticmethod
    def _fresh_request_state() -> None:
        """Requests reuse the test's app context: forget what a previous request cached in it
        (signed-in user, locale), as a new request in production would."""
        g.__dict__.clear()
        flask_babel.refresh()

    def get(self, url, **kwargs):
        self._fresh_request_state()
        response = self.raw.get(url, **kwargs)
        self._remember_token(response)
        return response

    def post(self, url, data=None, *, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf and "csrf_token" not in data:
            if self.token is None:
                self.get("/auth/login")
                if self.token is None:
                    self.get("/manage/")
            data["csrf_token"] = self.token
        self._fresh_request_state()
        response = self.raw.post(url, data=data, **kwargs)
        self._remember_token(response)
        return response

    VERSION = re.compile(r'name="version"(?: type="hidden")? value="([^"]*)"')

    def version(self, url: str, index: int = 0) -> str:
        """The version an edit form was loaded with (its hidden field), as a browser sends
        it back: GET the page and read it (`index`: the n-th form on the page)."""
        return self.VERSION.findall(self.get(url).get_data(as_text=True))[index]

    def login(self, user, password: str = factories.PASSWORD):
        self.get("/auth/login")
        response = self.post("/auth/login", {"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.get("/manage/")
        return response

    def switch_language(self, language: str):
        self._fresh_request_state()
        return self.raw.get(f"/lang/{language}?next=/")


@pytest.fixture
def make_user():
    return factories.make_user


@pytest.fixture
def make_organisation():
    return factories.make_organisation


@pytest.fixture
def make_person():
    return factories.make_person


@pytest.fixture
def make_event():
    return factories.make_event


@pytest.fixture
def make_session():
    return factories.make_session


@pytest.fixture
def organiser(make_user):
    return make_user("organiser@example.org", name="منظمة الفعالية")


@pytest.fixture
def event(make_event, organiser):
    return make_event(organiser=organiser)


class QueryCounter:
    """Counts the SQL statements sent while it is active: `with QueryCounter() as counter:`.

    Connection set-up (SQLite PRAGMAs) and savepoints are not the page's queries."""

    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def _record(self, _conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(("PRAGMA", "SAVEPOINT", "RELEASE")):
            self.statements.append(statement)

    def __enter__(self):
        self.statements = []
        sa_event.listen(db.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc):
        sa_event.remove(db.engine, "before_cursor_execute", self._record)


@pytest.fixture
def count_queries():
    """`with count_queries() as counter:` then `counter.count`."""
    return QueryCounter


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
