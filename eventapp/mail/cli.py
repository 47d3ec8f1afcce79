"""`flask mail retry`, `flask mail purge` and `flask jobs worker` (one worker for every job
kind: the report PDFs and the mail)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from eventapp import background
from eventapp.extensions import db
from eventapp.mail import records, retries

mail_cli = AppGroup("mail", help="The outbox of e-mail messages.")
jobs_cli = AppGroup("jobs", help="Background jobs.")


@mail_cli.command("retry")
def retry():
    """Send every message whose next attempt is due (run it every few minutes without Redis)."""
    sent, waiting = retries.retry_due()
    click.echo(f"{sent} sent, {waiting} not sent (will be retried or given up)")


@mail_cli.command("purge")
def purge():
    """Forget messages sent or given up more than MAIL_KEEP_DAYS ago."""
    count = records.purge_old()
    db.session.commit()
    click.echo(f"{count} old messages forgotten")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
def worker(burst):
    """Run the background jobs of every kind (RQ on REDIS_URL): report PDFs and mail."""
    run_worker(burst)


def run_worker(burst: bool = False) -> None:
    # RQ takes a fifth of a second to import: only the worker and Redis installations pay it.
    from redis import Redis  # noqa: PLC0415
    from redis.exceptions import RedisError  # noqa: PLC0415
    from rq import Worker  # noqa: PLC0415

    config = current_app.config
    if not config.get("REDIS_URL"):
        raise click.ClickException(
            "Set REDIS_URL to use the job worker (the same as the web application's)."
        )
    connection = Redis.from_url(config["REDIS_URL"])
    try:
        recorded = background.recorded_database(connection)
    except RedisError as error:
        raise click.ClickException(f"Redis does not answer at REDIS_URL: {error}") from error
    _refuse_another_database(recorded)
    queues = [config["MAIL_QUEUE"], config.get("REPORTS_QUEUE") or "multaqa-reports"]
    if not burst:
        retries.schedule_sweep()
    Worker(queues, connection=connection).work(burst=burst, with_scheduler=True)


def _refuse_another_database(recorded: str | None) -> None:
    """Stop before serving jobs with a database the web application does not use (a worker
    started without DATABASE_URL would open an empty SQLite file of its own)."""
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    if recorded is None:
        click.echo(
            "The web application has not queued a job yet: each job's database will be "
            "checked as it comes."
        )
    elif recorded != background.database_fingerprint(url):
        raise click.ClickException(
            f"This worker's database ({background.shown_database(url)}) is not the one the "
            "web application queues jobs for. Start the worker with the same DATABASE_URL "
            "(and REDIS_URL) as the web application, e.g. from the same environment file."
        )
