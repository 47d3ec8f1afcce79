"""Migration 0020_search: PostgreSQL gets the function `search_fold`, the text of the code's
rule (eventapp/search_text.py); SQLite needs none (the app registers it on each connection)."""

import importlib.util

import flask_migrate
import sqlalchemy as sa

from eventapp import ROOT, create_app
from eventapp.extensions import db
from eventapp.search_text import POSTGRES_FUNCTION, fold


def _migration():
    path = ROOT / "migrations" / "versions" / "0020_search.py"
    spec = importlib.util.spec_from_file_location("migration_0020_search", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_creates_the_codes_function():
    migration = _migration()
    assert migration.down_revision == "0019_hybrid"
    assert migration.FUNCTION == POSTGRES_FUNCTION


def test_after_upgrade_searches_fold_and_downgrade_removes_the_function(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        flask_migrate.upgrade()
        query = sa.select(sa.func.search_fold("مُحَمَّد  MÜLLER ٢٠٢٦"))
        assert db.session.scalar(query) == fold("محمد muller 2026") == "محمد muller 2026"
        db.session.rollback()
        flask_migrate.downgrade(revision="0019_hybrid")
        if db.engine.dialect.name == "postgresql":
            exists = sa.text("SELECT count(*) FROM pg_proc WHERE proname = 'search_fold'")
            assert db.session.scalar(exists) == 0
        db.session.remove()
        db.engine.dispose()
