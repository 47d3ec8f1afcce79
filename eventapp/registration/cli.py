"""`flask registration ...`: commands a scheduler (cron, systemd timer) can call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from eventapp.events.services import event_by_slug
from eventapp.extensions import db
from eventapp.registration import privacy
from eventapp.registration.views import bp


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
def import_invitations_command(slug, csv_file):
    """Create personal invitations for an event from a CSV file (see the README)."""
    from eventapp.registration.invitations import import_invitations

    event = event_by_slug(slug)
    if event is None:
        raise click.ClickException(f"No event has the address {slug}.")
    created, errors = import_invitations(event, csv_file.read_bytes())
    if errors:
        db.session.rollback()
        raise click.ClickException("\n".join(errors))
    db.session.commit()
    click.echo(f"{len(created)} invitations created.")
