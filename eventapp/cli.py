"""`flask users ...`, `flask demo ...`, `flask backup ...` and `flask reports worker`: the
command line shares the services of the views."""

import os

import click
from flask import current_app
from flask.cli import AppGroup

from eventapp import backup
from eventapp.auth import services as auth_services
from eventapp.common import utcnow
from eventapp.demo import DEMO_ACCOUNTS, database_has_events, load_demo
from eventapp.demo.hybrid import REMOTE_PARTICIPANT, remote_participant_link
from eventapp.extensions import db
from eventapp.mail.cli import worker as jobs_worker

users_cli = AppGroup("users", help="Accounts.")
demo_cli = AppGroup("demo", help="Demo data built from the seed documents.")
backup_cli = AppGroup("backup", help="Back up and restore the whole database.")
reports_cli = AppGroup("reports", help="Report PDFs.")
# `flask reports worker`, the name the report worker first had, is `flask jobs worker`.
reports_cli.add_command(jobs_worker, "worker")


@users_cli.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", default="Administrator")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_admin(email, name, password):
    """Create an administrator account (the first account of a new installation)."""
    try:
        auth_services.create_user(email, name, password, is_admin=True)
    except auth_services.AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Administrator {email} created.")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has events.")
def load(if_empty):
    """Load the three demo events and their accounts."""
    if if_empty and database_has_events():
        click.echo("The database already has events; demo data not loaded.")
    else:
        load_demo()
        click.echo("Demo data loaded.")
    click.echo(f"Demo accounts (password for all: {DEMO_ACCOUNTS['password']}):")
    for email, role in DEMO_ACCOUNTS["accounts"]:
        click.echo(f"  {email:36} {role}")
    base_url = current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000"
    link = remote_participant_link(base_url)
    if link:  # fictional participant: their personal page, as a remote participant sees it
        click.echo(f"Personal link of the remote participant {REMOTE_PARTICIPANT}:\n  {link}")
    current_app.logger.info("demo data ready")


@backup_cli.command("create")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def backup_create(path):
    """Write a backup of the database to PATH (default: instance/backups/<time>.<kind>)."""
    if path is None:
        kind = "sqlite" if db.engine.url.get_backend_name() == "sqlite" else "pgdump"
        stamp = utcnow().strftime("%Y%m%d-%H%M%S")
        path = os.path.join(current_app.instance_path, "backups", f"multaqa-{stamp}.{kind}")
    try:
        info = backup.create_backup(path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written to {info.path} ({info.size:,} bytes, schema {info.revision}).")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
def backup_restore(path, yes):
    """Replace the whole database with the backup in PATH (stop the app first)."""
    try:
        revision = backup.backup_revision(path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    if not yes:
        click.confirm(
            f"Replace every record of {db.engine.url.render_as_string(hide_password=True)} "
            f"with the backup {path} (schema {revision})?",
            abort=True,
        )
    try:
        info = backup.restore_backup(path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {info.path} (schema {info.revision}).")


def init_app(app) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(reports_cli)
