"""Multaqa (ملتقى): Arabic-first event management. `create_app` builds the application."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from flask import Flask

from eventapp import i18n
from eventapp.config import load_config
from eventapp.extensions import babel, csrf, db, login_manager, migrate

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
    from eventapp.agendas import changes

    changes.register()  # agenda change tracking: content version, caches, ETags

    for name in CAPABILITIES:
        views = importlib.import_module(f"eventapp.{name}.views")
        app.register_blueprint(views.bp)

    from eventapp import cli, errors, reports
    from eventapp.auth.permissions import permissions_for_templates

    app.context_processor(permissions_for_templates)

    errors.init_app(app)
    reports.init_app(app)
    cli.init_app(app)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    return app


def _catalogue_folders() -> list[str]:
    """translations/<part>/ for each part of the product (see scripts/translations.py)."""
    folders = sorted(p for p in (ROOT / "translations").iterdir() if (p / "babel.cfg").exists())
    return [str(p) for p in folders]


def _import_models() -> None:
    """Every model is registered before the first query or migration."""
    for name in (
        "auth",
        "speakers",
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
    from sqlalchemy import event

    with app.app_context():
        engine = db.engine

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()
