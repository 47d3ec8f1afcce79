"""Translated error pages with the request id to quote; no traceback ever reaches a user."""

import contextlib

from flask import current_app, g, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError

from eventapp import observability
from eventapp.extensions import db, login_manager

MESSAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Not allowed", "You do not have permission to do this."),
    404: ("Not found", "The page you asked for does not exist or is not public."),
    405: ("Not allowed", "This action is not available here."),
    409: ("Conflict", "Someone else changed this at the same time. Reload and try again."),
    413: ("Too large", "The file you sent is too large."),
    429: ("Too many requests", "Please wait a moment and try again."),
    500: ("Something went wrong", "An unexpected error happened. It has been logged."),
    503: (
        "Temporarily unavailable",
        "Multaqa cannot reach its database right now, so nothing was saved. Please try again "
        "in a minute.",
    ),
}
# Seconds a client is asked to wait before trying again when the database is unreachable.
RETRY_AFTER_SECONDS = 30


def _wants_json() -> bool:
    """The JSON API, the live JSON polled by screens, and scripts that ask for JSON."""
    return (
        request.path.startswith(("/api/", "/live/"))
        or request.accept_mimetypes.best == "application/json"
    )


def render_error(code: int, message: str | None = None):
    title, text = MESSAGES.get(code, MESSAGES[500])
    if _wants_json():
        return {"error": _(title), "message": message or _(text)}, code
    return render_template(
        "errors/error.html",
        code=code,
        title=_(title),
        message=message or _(text),
        reference=observability.request_id(),  # a participant can quote it; the logs carry it
    ), code


def init_app(app) -> None:
    for code in MESSAGES:
        if code != 500:
            app.register_error_handler(code, lambda e, c=code: render_error(c))

    @app.errorhandler(CSRFError)
    def csrf_error(_e):
        return render_error(400, _("Your form expired. Reload the page and send it again."))

    @app.errorhandler(500)
    def server_error(_e):
        db.session.rollback()
        return render_error(500)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error):
        """The database is down, restarting or unreachable: say so, for everyone, with a 503.
        The pool drops the broken connections, so the next request after it comes back works."""
        current_app.logger.error("database unavailable: %s", error.orig or error)
        with contextlib.suppress(Exception):  # over a lost connection this may fail too
            db.session.rollback()
        # The page must not ask the database who is signed in: show it as to a visitor.
        g._login_user = login_manager.anonymous_user()
        body, code = render_error(503)
        return body, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}


# Listed for pybabel: the titles and texts above are translated at render time.
def _messages_for_extraction():
    _("Bad request"), _("The request could not be understood.")
    _("Not allowed"), _("You do not have permission to do this.")
    _("Not found"), _("The page you asked for does not exist or is not public.")
    _("This action is not available here.")
    _("Conflict"), _("Someone else changed this at the same time. Reload and try again.")
    _("Too large"), _("The file you sent is too large.")
    _("Too many requests"), _("Please wait a moment and try again.")
    _("Something went wrong"), _("An unexpected error happened. It has been logged.")
    _("Temporarily unavailable")
    _(
        "Multaqa cannot reach its database right now, so nothing was saved. Please try again "
        "in a minute."
    )
