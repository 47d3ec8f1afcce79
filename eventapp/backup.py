"""Backup and restore of the whole database: `flask backup create` and `flask backup restore`.

SQLite is copied with its online backup API (a consistent copy while the app runs); PostgreSQL
with pg_dump and pg_restore in their custom format. Either file carries the alembic revision of
the schema it was made from, and a restore refuses a file whose revision differs from this
installation's migrations: restoring it would leave tables the code does not expect.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from eventapp.extensions import db

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
PG_DUMP_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message says why and what to do."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    size: int


def schema_head() -> str:
    """The alembic revision this installation's migrations lead to."""
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def database_revision() -> str | None:
    """The alembic revision the connected database is at (None when it was never migrated)."""
    with db.engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:  # no alembic_version table: a database made without migrations
            return None


def create_backup(path: str | os.PathLike) -> BackupInfo:
    """Write a consistent copy of the database to `path` (refuses to overwrite a file)."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists; choose a new file name.")
    revision = database_revision()
    if revision is None:
        raise BackupError("The database has no schema revision: run `flask db upgrade` first.")
    path.parent.mkdir(parents=True, exist_ok=True)
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(_sqlite_file(url), path)
    elif url.get_backend_name() == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path)],
            url,
        )
    else:
        raise BackupError(f"Backups of {url.get_backend_name()} databases are not supported.")
    path.chmod(0o600)  # it holds personal data
    return BackupInfo(path, revision, path.stat().st_size)


def backup_revision(path: str | os.PathLike) -> str:
    """The schema revision recorded in a backup file, or BackupError if it is not one of ours."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    with path.open("rb") as f:
        magic = f.read(16)
    revision = None
    if magic.startswith(SQLITE_MAGIC):
        with closing(_sqlite_readonly(path)) as connection:
            try:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.DatabaseError:
                row = None
        revision = row[0] if row else None
    elif magic.startswith(PG_DUMP_MAGIC):
        listing = _run(
            ["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)], None
        )
        match = re.search(r"^COPY [^\n]*alembic_version[^\n]*\n([^\n\\]+)\n", listing, re.M)
        revision = match.group(1).strip() if match else None
    else:
        raise BackupError(f"{path} is not a Multaqa backup (neither SQLite nor pg_dump).")
    if not revision:
        raise BackupError(f"{path} holds no schema revision: it is not a Multaqa backup.")
    return revision


def restore_backup(path: str | os.PathLike) -> BackupInfo:
    """Replace the whole database with the backup at `path`, after checking it fits."""
    path = Path(path)
    revision = backup_revision(path)
    head = schema_head()
    if revision != head:
        raise BackupError(
            f"{path} was made with schema revision {revision}, but this installation's schema "
            f"is {head}. Restore it with the Multaqa version that made it, then upgrade."
        )
    url = db.engine.url
    with path.open("rb") as f:
        magic = f.read(16)
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the tables we replace
    if url.get_backend_name() == "sqlite":
        if not magic.startswith(SQLITE_MAGIC):
            raise BackupError(f"{path} is a PostgreSQL backup; this installation uses SQLite.")
        _sqlite_copy(path, _sqlite_file(url))
    else:
        if not magic.startswith(PG_DUMP_MAGIC):
            raise BackupError(f"{path} is a SQLite backup; this installation uses PostgreSQL.")
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                str(path),
            ],
            url,
        )
    db.engine.dispose()
    return BackupInfo(path, revision, path.stat().st_size)


def _sqlite_file(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(url.database)


def _sqlite_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup API: page by page, consistent even while others write."""
    with closing(_sqlite_readonly(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _run(command: list[str], url: URL | None) -> str:
    """Run a PostgreSQL client with the connection taken from `url`; the password goes in the
    environment, never on the command line (where `ps` would show it)."""
    env = dict(os.environ)
    if url is not None:
        url = make_url(url)
        for flag, value in (
            ("--host", url.host),
            ("--port", url.port),
            ("--username", url.username),
        ):
            if value:
                command.insert(1, f"{flag}={value}")
        command.insert(1, f"--dbname={url.database}")
        if url.password:
            env["PGPASSWORD"] = str(url.password)
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed (Debian package postgresql-client)."
        ) from error
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")
    return result.stdout
