"""Request ids (header, logs, error pages), JSON logs and the error-reporting hook: what the
service says about itself, with no personal data in it (gunicorn's logs: tests/security/
test_logs.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import sentry_sdk
from flask import Flask
from sqlalchemy.exc import OperationalError

from eventapp import create_app, observability


def _failing_app(tmp_path: Path, log_format: str) -> Flask:
    """An app (errors handled as in production) with routes that fail."""
    app = create_app(
        {
            "TESTING": False,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'app.db'}",
            "MAIL_FOLDER": str(tmp_path / "mail"),
            "LOG_FORMAT": log_format,
        }
    )

    @app.get("/boom")
    def boom():
        raise RuntimeError("failed for someone@example.org on /r/SECRETtok1")

    @app.get("/database-gone")
    def database_gone():
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    return app


def test_request_id_round_trip(client):
    sent = client.raw.get("/", headers={"X-Request-ID": "lb-2f9c-41"})
    assert sent.headers["X-Request-ID"] == "lb-2f9c-41"
    made = client.raw.get("/")
    assert len(made.headers["X-Request-ID"]) == 32
    assert made.headers["X-Request-ID"] != client.raw.get("/").headers["X-Request-ID"]
    for unsafe in ("<script>", "a" * 65, "id with spaces", "x\u202ey"):
        answered = client.raw.get("/", headers={"X-Request-ID": unsafe}).headers["X-Request-ID"]
        assert answered != unsafe and len(answered) == 32
    # Static files, served by WhiteNoise before the app, carry it too.
    assert client.raw.get("/static/css/multaqa.css").headers["X-Request-ID"]


def test_404_page_shows_the_reference(client):
    page = client.raw.get("/no/such/page", headers={"X-Request-ID": "ref-404"})
    assert page.status_code == 404
    text = page.get_data(as_text=True)
    assert 'المرجع: <code dir="ltr">ref-404</code>' in text


def test_500_and_503_pages_show_the_reference_and_json_log_lines_carry_it(tmp_path):
    client = _failing_app(tmp_path, "json").test_client()
    errors = io.StringIO()
    page = client.get(
        "/boom",
        headers={"X-Request-ID": "ref-500"},
        errors_stream=errors,
    )
    assert page.status_code == 500 and page.headers["X-Request-ID"] == "ref-500"
    assert 'المرجع: <code dir="ltr">ref-500</code>' in page.get_data(as_text=True)
    lines = [json.loads(line) for line in errors.getvalue().splitlines() if line.startswith("{")]
    assert lines and all(line["request_id"] == "ref-500" for line in lines)
    record = lines[0]
    assert {"time", "level", "logger", "message", "request_id"} <= set(record)
    assert (record["level"], record["logger"]) == ("ERROR", "eventapp")
    assert record["message"] == "Exception on /boom [GET]"
    assert "RuntimeError: failed for …@… on /r/…" in record["exc_info"]
    assert "SECRETtok1" not in errors.getvalue() and "someone@" not in errors.getvalue()

    page = client.get("/database-gone", headers={"X-Request-ID": "ref-503"})
    assert page.status_code == 503
    assert '<code dir="ltr">ref-503</code>' in page.get_data(as_text=True)


def test_text_log_lines_print_the_request_id(tmp_path):
    errors = io.StringIO()
    _failing_app(tmp_path, "text").test_client().get(
        "/boom", headers={"X-Request-ID": "ref-text"}, errors_stream=errors
    )
    first = errors.getvalue().splitlines()[0]
    assert " ERROR [ref-text] eventapp: Exception on /boom [GET]" in first
    assert "SECRETtok1" not in errors.getvalue()


def test_log_lines_outside_a_request_say_so(tmp_path, capsys):
    app = _failing_app(tmp_path, "json")
    app.logger.warning("mail to someone@example.org not sent")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["request_id"] == "-" and line["message"] == "mail to …@… not sent"


def test_error_reports_strip_personal_data():
    event = {
        "request": {
            "url": "https://multaqa.example/r/SECRETa1/erase",
            "query_string": "t=SECRETb2&lang=ar",
            "headers": {"Referer": "https://multaqa.example/e/x/my/SECRETc3/"},
        },
        "exception": {"values": [{"value": "refused <someone@example.org>"}]},
        "breadcrumbs": {"values": [{"message": "GET /auth/reset/SECRETd4", "data": {"n": 1}}]},
    }
    scrubbed = observability.scrub_event(event, {})
    dumped = json.dumps(scrubbed, ensure_ascii=False)
    assert "SECRET" not in dumped and "someone@" not in dumped
    assert scrubbed["request"]["url"] == "https://multaqa.example/r/…/erase"
    assert scrubbed["request"]["query_string"] == "t=…&lang=ar"
    assert scrubbed["breadcrumbs"]["values"][0]["data"] == {"n": 1}


def test_error_reports_start_only_with_a_dsn_and_without_personal_data(monkeypatch):
    started = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: started.append(options))
    for dsn in ("", "https://key@sentry.example/1"):
        app = Flask("eventapp")
        app.config.update(LOG_FORMAT="text", SENTRY_DSN=dsn)
        observability.init_app(app)
    assert len(started) == 1
    options = started[0]
    assert options["dsn"] == "https://key@sentry.example/1"
    assert options["send_default_pii"] is False
    assert options["include_local_variables"] is False
    assert options["max_request_body_size"] == "never"
    assert options["before_send"] is observability.scrub_event
