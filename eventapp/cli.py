"""`flask users ...` and `flask demo ...`: the command line shares the services of the views."""

import click
from flask import current_app
from flask.cli import AppGroup

from eventapp.auth import services as auth_services
from eventapp.extensions import db

users_cli = AppGroup("users", help="Accounts.")
demo_cli = AppGroup("demo", help="Demo data built from the seed documents.")


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
    from eventapp.demo import DEMO_ACCOUNTS, database_has_events, load_demo

    if if_empty and database_has_events():
        click.echo("The database already has events; demo data not loaded.")
    else:
        load_demo()
        click.echo("Demo data loaded.")
    click.echo(f"Demo accounts (password for all: {DEMO_ACCOUNTS['password']}):")
    for email, role in DEMO_ACCOUNTS["accounts"]:
        click.echo(f"  {email:36} {role}")
    current_app.logger.info("demo data ready")


def init_app(app) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
