"""Messages to account holders: a link to set a password (reset, invitation) and a new role.

They go to the outbox (eventapp.mail) in the caller's transaction: the caller commits."""

from __future__ import annotations

import datetime as dt

from flask import current_app, url_for
from flask_babel import force_locale, format_timedelta
from flask_babel import gettext as _

from eventapp.i18n import current_language
from eventapp.mail import queue_mail
from eventapp.mail.message import eml_bytes
from eventapp.reports.text import isolate

# The two kinds of link that set a password: auth.services signs them, this module words them.
RESET = "reset"
INVITATION = "invitation"


def _language(user) -> str:
    return user.locale or current_language()


def _duration(seconds: int) -> str:
    """ "60 minutes", "7 days", in the current language."""
    return format_timedelta(dt.timedelta(seconds=seconds), threshold=1.5)


def send_password_link(user, kind: str, token: str, **invitation) -> None:
    event = invitation.get("event")
    queue_mail(
        *password_link_message(user, kind, token, **invitation),
        event_id=event.id if event is not None else None,
    )


def password_link_message(
    user, kind: str, token: str, *, event=None, organisation=None, role=None, by=None
) -> tuple[str, str, str]:
    """(to, subject, text) of a link to set a password: a reset, or an invitation to the team
    of an event or of an organiser organisation (its staff)."""
    with force_locale(_language(user)):
        link = url_for("auth.reset_password", token=token, _external=True)
        if kind == INVITATION:
            duration = _duration(current_app.config["ACCOUNT_INVITATION_MAX_AGE"])
            team = event.title if event is not None else organisation.name
            subject = _("Invitation to the team of %(event)s", event=isolate(team))
            text = _(
                "%(person)s added you to the team of «%(event)s» as %(role)s on Multaqa.\n\n"
                "Open this link within %(duration)s to choose your password and sign in:\n"
                "%(link)s\n\n"
                "If you did not expect this message, you can ignore it.",
                person=isolate(by.name),
                event=isolate(team),
                role=role.label,
                duration=duration,
                link=link,
            )
        else:
            duration = _duration(current_app.config["PASSWORD_RESET_MAX_AGE"])
            subject = _("Choose a new password for Multaqa")
            text = _(
                "Someone, probably you, asked to reset the password of your Multaqa account.\n\n"
                "Open this link within %(duration)s to choose a new password (it works "
                "once):\n%(link)s\n\n"
                "If it was not you, ignore this message: your password stays as it is.",
                duration=duration,
                link=link,
            )
    return user.email, subject, text


def write_unsent(message: tuple[str, str, str]) -> None:
    """The work of writing a message to the mail folder, thrown away: an answer that must not
    tell whether a message was sent takes as long either way."""
    eml_bytes(current_app.config.get("MAIL_DEFAULT_SENDER") or "multaqa@localhost", *message)


def send_role_notice(user, event, role, session=None, *, by, organisation=None) -> None:
    """A role given to an account that has a password: in an event (`event`, perhaps a
    `session` of it) or, with event None, in the staff of an organiser `organisation`."""
    team = event.title if event is not None else organisation.name
    with force_locale(_language(user)):
        link = url_for("auth.login", _external=True)
        what = (
            f"{role.label} — {isolate(session.title)}" if session is not None else str(role.label)
        )
        subject = _("You have a role in %(event)s", event=isolate(team))
        text = _(
            "%(person)s gave you a role in «%(event)s» on Multaqa: %(role)s.\n\n"
            "Sign in to see it:\n%(link)s",
            person=isolate(by.name),
            event=isolate(team),
            role=what,
            link=link,
        )
    queue_mail(user.email, subject, text, event_id=event.id if event is not None else None)
