"""The outbox's part of the application: its settings and the `flask mail` and `flask jobs`
commands. The organisers' page part (undelivered messages, "send again") is in events/views.py:
core may not import the permission helpers."""

from __future__ import annotations

import os

from eventapp.mail import cli, outbox


def init_app(app) -> None:
    configure(app)
    app.cli.add_command(cli.mail_cli)
    app.cli.add_command(cli.jobs_cli)


def configure(app) -> None:
    env = os.environ.get
    app.config.setdefault("MAIL_USE_SSL", env("MAIL_USE_SSL") == "1")
    app.config.setdefault("MAIL_TIMEOUT", float(env("MAIL_TIMEOUT") or 10))
    app.config.setdefault("MAIL_SSL_CAFILE", env("MAIL_SSL_CAFILE") or None)
    app.config.setdefault("MAIL_MAX_ATTEMPTS", int(env("MAIL_MAX_ATTEMPTS") or 8))
    app.config.setdefault("MAIL_RETRY_SECONDS", int(env("MAIL_RETRY_SECONDS") or 60))
    app.config.setdefault("MAIL_KEEP_DAYS", int(env("MAIL_KEEP_DAYS") or 30))
    app.config.setdefault("MAIL_QUEUE", env("MAIL_QUEUE") or "multaqa-mail")
    # Send in the request itself instead of the sending thread (tests read the mail at once).
    app.config.setdefault("MAIL_INLINE", env("MAIL_INLINE") == "1")
    app.after_request(outbox.after_request)
