"""`flask registration ...`: commands a scheduler (cron, systemd timer) can call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask import current_app

from eventapp.events.services import event_by_slug
from eventapp.extensions import db
from eventapp.registration import imports, invitations, privacy
from eventapp.registration.blueprint import bp
from eventapp.registration.checks import RegistrationError


@bp.cli.command("purge")
@click.option("--dry-run", is_flag=True, help="List the events without deleting anything.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Pretend today is this date.")
def purge(dry_run, today):
    """Delete personal data of events whose purge delay (set per event) has passed."""
    day = today.date() if today else dt.date.today()
    due = privacy.events_due_for_purge(day)
    if not due:
        click.echo("No event is due for purging.")
        return
    for event in due:
        if dry_run:
            click.echo(f"would purge {event.slug}")
            continue
        count = privacy.purge_event(event)
        db.session.commit()
        click.echo(f"purged {event.slug}: {count} registrations anonymised")


@bp.cli.command("import-invitations")
@click.argument("slug")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--all-or-nothing", is_flag=True, help="Import nothing if a line is refused.")
def import_invitations_command(slug, csv_file, all_or_nothing):
    """Create personal invitations for an event from a CSV file (see the README): the valid
    lines are imported, each refused line is listed with its number and reason."""
    event = event_by_slug(slug)
    if event is None:
        raise click.ClickException(f"No event has the address {slug}.")
    # The same job as the web page's, run here rather than in the background.
    current_app.config["REPORTS_INLINE"] = True
    try:
        job = imports.start_import(
            event, csv_file.name, csv_file.read_bytes(), all_or_nothing, None, None
        )
    except RegistrationError as error:
        raise click.ClickException(error.message) from None
    for refusal in job.refused:
        click.echo(invitations.refusal_text(refusal), err=True)
    if job.error:
        raise click.ClickException(job.error)
    click.echo(f"{job.imported} invitations created, {len(job.refused)} lines refused.")
    if job.refused:
        raise SystemExit(1)
