"""The organisers' part of the outbox: messages of their event not delivered, sent again."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_babel import ngettext

from eventapp.auth.permissions import organiser_required
from eventapp.extensions import db
from eventapp.mail import cli, outbox

bp = Blueprint("mail", __name__)


def init_app(app) -> None:
    outbox.configure(app)
    app.register_blueprint(bp)
    app.cli.add_command(cli.mail_cli)
    app.cli.add_command(cli.jobs_cli)


@bp.app_template_global()
def undelivered_mail(event) -> dict:
    """For the event dashboard: messages that failed at least once, and those given up."""
    return outbox.undelivered_counts(event.id)


@bp.post("/manage/events/<int:event_id>/mail/retry")
@organiser_required
def send_again(event):
    # CSRFProtect has checked the token of this POST before the view runs.
    ids = outbox.send_again(event.id)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d message is being sent again.",
            "%(num)d messages are being sent again.",
            len(ids),
        ),
        "info",
    )
    return redirect(url_for("events.dashboard", event_id=event.id))
