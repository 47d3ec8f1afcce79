"""Multaqa (ملتقى): Arabic-first event management. `create_app` builds the application."""

from __future__ import annotations

import importlib
import logging
import time
from pathlib import Path

from flask import Flask
from sqlalchemy import event as sa_event
from sqlalchemy.exc import DisconnectionError

from eventapp import (
    audit,
    background,
    cache,
    cli,
    errors,
    i18n,
    inputs,
    observability,
    personal_links,
    ratelimits,
    reports,
    search_text,
    security,
    static_files,
)
from eventapp.auth import cookies
from eventapp.auth.permissions import permissions_for_templates
from eventapp.config import load_config
from eventapp.events import answers, content_version
from eventapp.extensions import babel, csrf, db, login_manager, migrate
from eventapp.mail import setup as mail_setup

ROOT = Path(__file__).resolve().parent.parent

# One blueprint per capability; each package's views.py defines `bp`.
CAPABILITIES = (
    "main",
    "auth",
    "speakers",
    "events",
    "sessions",
    "agendas",
    "api",
    "interventions",
    "outcomes",
    "registration",
    "members",
    "organisers",
    "audit",
)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
    )
    app.config.update(load_config(Path(app.instance_path)))
    if config:
        app.config.update(config)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=";".join(_catalogue_folders()),
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    _import_models()
    _sqlite_pragmas(app)
    search_text.init_app(app)  # SQLite: the search folding function on every connection
    _ping_connections_after_idle(app)
    cache.init_app(app)
    content_version.register()  # what an event shows changed: the key of caches and ETags
    answers.register()  # the events layer answers what the permission helpers ask of it
    audit.register()  # the audit trail, written in the flush of every change

    inputs.register_converters(app)
    inputs.init_app(app)
    background.init_app(app, create_app)  # jobs run outside the request: settings, factory
    for name in CAPABILITIES:
        views = importlib.import_module(f"eventapp.{name}.views")
        app.register_blueprint(views.bp)
    app.context_processor(permissions_for_templates)

    errors.init_app(app)
    ratelimits.init_app(app)  # after the blueprints: it wraps their views
    security.init_app(app)
    # Flask logs "Exception on <path>" and the development server every request line: never
    # with a participant's secret in them.
    personal_links.protect_logs(app.logger, logging.getLogger("werkzeug"))
    reports.init_app(app)
    mail_setup.init_app(app)  # the outbox: settings, `flask mail` and `flask jobs`
    cli.init_app(app)
    static_files.init_app(app)  # WhiteNoise in front: fingerprinted, compressed, cached
    observability.init_app(app)  # logs, error reports, the request id (of static files too)
    cookies.init_app(app)  # Secure cookies over HTTPS; ProxyFix when TRUSTED_PROXIES is set
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    return app


def _catalogue_folders() -> list[str]:
    """translations/<part>/ for each part of the product (see scripts/translations.py)."""
    folders = sorted(p for p in (ROOT / "translations").iterdir() if (p / "babel.cfg").exists())
    return [str(p) for p in folders]


def _import_models() -> None:
    """Every model is registered before the first query or migration."""
    for name in (
        "audit",
        "mail",
        "auth",
        "speakers",
        "members",
        "events",
        "sessions",
        "agendas",
        "interventions",
        "outcomes",
        "registration",
    ):
        importlib.import_module(f"eventapp.{name}.models")


def _sqlite_pragmas(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

        @sa_event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()


# A pooled connection unused for longer than this is checked before it is handed out.
IDLE_SECONDS_BEFORE_PING = 1.0


def _ping_connections_after_idle(app: Flask) -> None:
    """Before a pooled connection that sat idle is used, ask the server if it is still there
    (it may have restarted or closed it); if not, the pool opens a new one, and the user never
    sees the error. A connection put back a moment ago is not asked: under load that is every
    checkout, and the ping would cost one round trip per request (SQLAlchemy's pool_pre_ping
    pings on every checkout).
    """
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return  # a file, not a server: nothing goes away while idle
    with app.app_context():
        engine = db.engine

    @sa_event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @sa_event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, record, _proxy):
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < IDLE_SECONDS_BEFORE_PING:
            return  # new, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and checks out another (new) one.
            raise DisconnectionError(f"connection lost while idle: {error}") from error
