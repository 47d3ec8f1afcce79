"""Secrets of personal addresses never reach the logs: gunicorn's access and error logs (run
for real on a free port) and the app's own log records show them as "…"."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from eventapp.personal_links import redact

ROOT = Path(__file__).resolve().parents[2]
SECRETS = [f"SECRET{n}x" for n in range(1, 10)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@contextmanager
def _gunicorn(tmp_path: Path, *options: str, stdout=None, **settings: str):
    """gunicorn (1 worker, the project's gunicorn.conf.py) serving a fresh SQLite database on a
    free port, with these command-line options and settings; yields its base URL."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'logs.db'}",
        "SECRET_KEY": "log-test",
        "MAIL_FOLDER": str(tmp_path / "mail"),
        "REDIS_URL": "",
        **settings,
    }
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from eventapp import create_app; from eventapp.extensions "
            "import db; app = create_app(); app.app_context().push(); db.create_all()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            *options,
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=stdout,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(base + "/")
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_gunicorn_logs_mask_personal_tokens(tmp_path):
    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    options = ("--access-logfile", str(access), "--error-logfile", str(errors))
    with _gunicorn(tmp_path, *options) as base:
        s = SECRETS
        codes = [
            _get(f"{base}/r/{s[0]}"),
            _get(f"{base}/r/{s[1]}/data.json"),
            _get(f"{base}/e/some-event/my/{s[2]}/agenda.ics"),
            _get(f"{base}/c/1/{s[3]}"),
            _get(f"{base}/e/some-event/sessions/1/?t={s[4]}&lang=en"),
            _get(f"{base}/e/some-event/i/{s[5]}"),
            _get(f"{base}/auth/reset/{s[6]}"),
            _get(f"{base}/manage/events/1/checkin/{s[7]}"),  # login redirect: next= holds it
            _get(f"{base}/", headers={"Referer": f"{base}/r/{s[8]}"}),
        ]
        assert all(code < 500 for code in codes), codes
    log = access.read_text() + errors.read_text()
    assert "GET /r/… HTTP/1.1" in log
    assert "/e/some-event/my/…/agenda.ics" in log
    assert "GET /c/1/… HTTP/1.1" in log
    assert "t=…&lang=en" in log
    leaked = [secret for secret in SECRETS if secret in log]
    assert leaked == [], log


def test_gunicorn_writes_an_access_log_by_default_as_json_lines_with_the_request_id(tmp_path):
    """gunicorn.conf.py: the access log on standard output unless told otherwise; with
    LOG_FORMAT=json each line is an object carrying the request id, never the client's address."""
    output = tmp_path / "stdout.log"
    with open(output, "wb") as out, _gunicorn(tmp_path, stdout=out, LOG_FORMAT="json") as base:
        assert _get(f"{base}/healthz?t={SECRETS[0]}", {"X-Request-ID": "gw-77"}) == 200
    lines = [json.loads(line) for line in output.read_text().splitlines()]
    assert lines and all(line["request_id"] for line in lines)
    ours = [line for line in lines if line["request_id"] == "gw-77"]
    assert len(ours) == 1, lines
    assert ours[0]["message"] == "GET /healthz?t=… HTTP/1.1"
    assert (ours[0]["method"], ours[0]["path"], ours[0]["status"]) == ("GET", "/healthz", 200)
    assert SECRETS[0] not in output.read_text() and "127.0.0.1" not in output.read_text()


def test_app_log_records_mask_personal_tokens(app, caplog):
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        app.logger.error("Exception on %s [%s]", "/r/SECRETabc/erase", "POST")
        logging.getLogger("werkzeug").error('"GET /e/x/my/SECRETdef/ HTTP/1.1" 200 -')
    text = caplog.text
    assert "SECRETabc" not in text and "SECRETdef" not in text
    assert "Exception on /r/…/erase [POST]" in text


def test_redaction_leaves_other_addresses_alone():
    for text in ("/e/london/agenda?day=3", "/manage/events/3/checkin/5/6", "/static/js/a.js"):
        assert redact(text) == text
