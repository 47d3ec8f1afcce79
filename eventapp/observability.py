"""What the service says about itself: a request id on every request and every log line, logs
as text or JSON (LOG_FORMAT=json) without personal data, and the optional error reports
(Sentry, when SENTRY_DSN is set).

The request id comes from an incoming X-Request-ID header when it looks safe (letters, digits
and "-", at most 64), else it is made here. It goes back in the X-Request-ID response header
(gunicorn's access log prints it from there), into every log line written during the request,
into the error report, and onto the error pages, so that a participant can quote it.

Every log line and error report has the secrets of personal addresses masked ("…", as
`personal_links.redact` does) and every e-mail address replaced by "…@…".
"""

from __future__ import annotations

import logging
import re
import uuid

from flask import Flask, has_request_context, request
from flask.logging import default_handler, wsgi_errors_stream
from pythonjsonlogger.json import JsonFormatter

from eventapp.personal_links import MASK, redact

HEADER = "X-Request-ID"
_ENVIRON_KEY = "multaqa.request_id"
_SAFE_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
# An SMTP refusal, for one, quotes the address it refused.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
JSON_FIELDS = ("levelname", "name", "message", "request_id")
JSON_RENAMED = {"levelname": "level", "name": "logger"}


def scrub(text: str) -> str:
    """`text` without the secrets of personal addresses and without e-mail addresses."""
    return _EMAIL.sub(f"{MASK}@{MASK}", redact(text))


def _scrubbed(value):
    """`value` (text, or dicts and lists of them, as in a JSON log line or an error report)
    with every text scrubbed."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: _scrubbed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrubbed(item) for item in value]
    return value


# --- the request id -----------------------------------------------------------------------------


class RequestIdMiddleware:
    """Gives each request its id (kept in the WSGI environ) and sends it back in X-Request-ID,
    for every response, static files included."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _SAFE_ID.fullmatch(incoming) else uuid.uuid4().hex
        environ[_ENVIRON_KEY] = request_id

        def start_with_id(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() != HEADER.lower()]
            return start_response(status, [*headers, (HEADER, request_id)], exc_info)

        return self.wsgi_app(environ, start_with_id)


def request_id() -> str | None:
    """The id of the request being served, or None outside a request."""
    return request.environ.get(_ENVIRON_KEY) if has_request_context() else None


# --- logs ---------------------------------------------------------------------------------------


class RequestIdFilter(logging.Filter):
    """Gives every record a `request_id` ("-" outside a request) unless it already has one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id() or "-"
        return True


class _ScrubbedText(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _ScrubbedJson(JsonFormatter):
    def process_log_record(self, log_data: dict) -> dict:
        return _scrubbed(log_data)  # each value, before it is quoted as JSON


def formatter(json_lines: bool) -> logging.Formatter:
    """One JSON object a line (time, level, logger, message, request_id and any extra fields),
    or a line of text; both with personal data masked, the traceback included."""
    if json_lines:
        return _ScrubbedJson(
            list(JSON_FIELDS),
            rename_fields=JSON_RENAMED,
            timestamp="time",
            json_ensure_ascii=False,  # Arabic stays readable
        )
    return _ScrubbedText(TEXT_FORMAT)


class _LogHandler(logging.StreamHandler):
    """The app's log lines: to the WSGI server's error stream in a request, else stderr."""

    def __init__(self, json_lines: bool) -> None:
        super().__init__(wsgi_errors_stream)
        self.setFormatter(formatter(json_lines))
        self.addFilter(RequestIdFilter())


def _configure_logs(app: Flask) -> None:
    """One handler on the app's logger ("eventapp"), which every module's logger (eventapp.*)
    passes its records to; it replaces Flask's default handler and an earlier app's own."""
    logger = app.logger
    logger.removeHandler(default_handler)
    for handler in [h for h in logger.handlers if isinstance(h, _LogHandler)]:
        logger.removeHandler(handler)
    logger.addHandler(_LogHandler(app.config["LOG_FORMAT"] == "json"))


# --- error reports ------------------------------------------------------------------------------


def scrub_event(event: dict, _hint: dict | None = None) -> dict:
    """Sentry's `before_send`: every text of the report (URLs, query strings, Referer,
    messages, breadcrumbs) scrubbed; the request id added as a tag."""
    event = _scrubbed(event)
    if request_id():
        event.setdefault("tags", {})["request_id"] = request_id()
    return event


def _start_error_reports(dsn: str) -> None:
    # Only installations that report errors load sentry-sdk (it hooks into Flask on import).
    import sentry_sdk  # noqa: PLC0415
    from sentry_sdk.integrations.flask import FlaskIntegration  # noqa: PLC0415

    if sentry_sdk.get_client().is_active():
        return  # once per process (create_app may run more than once)
    sentry_sdk.init(
        dsn=dsn,
        integrations=[FlaskIntegration()],
        send_default_pii=False,  # no cookies, no user, no client address
        include_local_variables=False,  # a frame's variables may hold a participant's data
        max_request_body_size="never",  # nor may the forms
        before_send=scrub_event,
    )


def init_app(app: Flask) -> None:
    """Logs, error reports, and the request id (called after static_files.init_app, so that
    the static files get an id too)."""
    _configure_logs(app)
    if app.config["SENTRY_DSN"]:
        _start_error_reports(app.config["SENTRY_DSN"])
    app.wsgi_app = RequestIdMiddleware(app.wsgi_app)
