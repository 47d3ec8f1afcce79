"""Mail settings for one test, restored after it; a self-signed certificate for 127.0.0.1."""

from __future__ import annotations

import contextlib
import subprocess

import pytest

MAIL_KEYS = (
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USE_TLS",
    "MAIL_USE_SSL",
    "MAIL_TIMEOUT",
    "MAIL_SSL_CAFILE",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_MAX_ATTEMPTS",
    "MAIL_RETRY_SECONDS",
    "REDIS_URL",
    "MAIL_QUEUE",
    "MAIL_INLINE",
)


@contextlib.contextmanager
def mail_settings(app, **values):
    saved = {key: app.config.get(key) for key in MAIL_KEYS}
    app.config.update(values)
    try:
        yield
    finally:
        app.config.update(saved)


def smtp_settings(port: int, **values) -> dict:
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_TIMEOUT": 1.5, **values}


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


@pytest.fixture
def mailbox_folder(app):
    from tests.registration.conftest import mail_folder

    return mail_folder(app)
