"""The outbox's part of the application: its settings and the `flask mail` and `flask jobs`
commands. The organisers' page part (undelivered messages, "send again") is in events/views.py:
core may not import the permission helpers."""

from __future__ import annotations

from eventapp.mail import cli, outbox


def init_app(app) -> None:
    outbox.configure(app)
    app.cli.add_command(cli.mail_cli)
    app.cli.add_command(cli.jobs_cli)
