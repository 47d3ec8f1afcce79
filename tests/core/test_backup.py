"""`flask backup create` and `flask backup restore`: a round trip gives back every record."""

import hashlib
import sqlite3
import time
from contextlib import closing

import flask_migrate
import pytest
from sqlalchemy import inspect, select, text

from eventapp import create_app
from eventapp.backup import schema_head
from eventapp.demo import load_demo
from eventapp.events.models import Event
from eventapp.extensions import db


@pytest.fixture
def demo_app(empty_database_url, tmp_path):
    """An installation of its own, migrated the way production is, with the demo loaded."""
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": empty_database_url,
            "MAIL_FOLDER": str(tmp_path / "mail"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        flask_migrate.upgrade()
        load_demo()
        db.session.commit()
        yield app
        db.session.remove()
        db.engine.dispose()


def snapshot() -> dict[str, tuple[int, str]]:
    """Every table's row count and a hash of its rows in primary-key order."""
    db.session.remove()
    figures = {}
    with db.engine.connect() as connection:
        for name in sorted(inspect(connection).get_table_names()):
            table = db.metadata.tables.get(name)
            order = ", ".join(c.name for c in table.primary_key) if table is not None else "1"
            rows = connection.execute(text(f'SELECT * FROM "{name}" ORDER BY {order}')).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
            figures[name] = (len(rows), digest)
    return figures


def cli(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_round_trip_gives_back_every_record(demo_app, tmp_path, capsys):
    before = snapshot()
    # 3 seeds, the programme and the hybrid conference
    assert before["events"][0] == 10 and before["alembic_version"][0] == 1
    path = tmp_path / "backups" / "multaqa.backup"

    started = time.perf_counter()
    result = cli(demo_app, "backup", "create", str(path))
    created_in = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output and path.stat().st_mode & 0o077 == 0

    # What happens after the backup is what a restore must undo.
    event = db.session.scalars(select(Event).order_by(Event.id)).first()
    event.title_ar = "عنوان تغيّر بعد النسخة الاحتياطية"
    db.session.execute(text("DELETE FROM event_roles"))
    db.session.commit()
    assert snapshot() != before

    started = time.perf_counter()
    result = cli(demo_app, "backup", "restore", str(path), "--yes")
    restored_in = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    after = snapshot()
    assert after == before

    # The restored database takes new rows (PostgreSQL's sequences came back with the data).
    db.session.add(Event(**_event_fields(db.session.get(Event, 1))))
    db.session.commit()

    with capsys.disabled():
        rows = sum(count for count, _ in before.values())
        print(
            f"\n[backup round trip, {db.engine.url.get_backend_name()}] {len(before)} tables, "
            f"{rows} rows, file {path.stat().st_size:,} bytes, create {created_in:.2f} s, "
            f"restore {restored_in:.2f} s"
        )


def _event_fields(event: Event) -> dict:
    columns = {c.key for c in inspect(Event).column_attrs} - {"id"}
    fields = {key: getattr(event, key) for key in columns}
    fields["slug"] = event.slug + "-copy"
    return fields


def test_restore_refuses_a_backup_of_another_schema(demo_app, tmp_path):
    head = schema_head()
    path = tmp_path / "old.backup"
    db.session.execute(text("UPDATE alembic_version SET version_num = '0004_outcomes'"))
    db.session.commit()
    assert cli(demo_app, "backup", "create", str(path)).exit_code == 0
    db.session.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
    db.session.commit()
    before = snapshot()

    result = cli(demo_app, "backup", "restore", str(path), "--yes")

    assert result.exit_code != 0
    assert "schema revision 0004_outcomes" in result.output and head in result.output
    assert snapshot() == before


def test_restore_refuses_what_is_not_a_backup(demo_app, tmp_path):
    before = snapshot()
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a database")
    no_revision = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(no_revision)) as other:
        other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")

    for path, says in (
        (not_a_backup, "is not a Multaqa backup"),
        (tmp_path / "missing.backup", "does not exist"),
        (no_revision, "holds no schema revision"),
    ):
        result = cli(demo_app, "backup", "restore", str(path), "--yes")
        assert result.exit_code != 0 and says in result.output, result.output
    assert snapshot() == before


def test_create_refuses_to_overwrite(demo_app, tmp_path):
    path = tmp_path / "taken.backup"
    path.write_text("keep me")
    result = cli(demo_app, "backup", "create", str(path))
    assert result.exit_code != 0 and "already exists" in result.output
    assert path.read_text() == "keep me"
