"""Settings read from the environment. SQLite in instance/ is the embedded default."""

import datetime as dt
import os
import secrets
from pathlib import Path


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance_path / 'multaqa.db'}"
    # psycopg 3 is the driver we install; accept the common short forms.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one kept in instance/ so sessions survive restarts."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_config(instance_path: Path) -> dict:
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        # Idle pooled connections are pinged before use: see _ping_connections_after_idle.
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "BABEL_DEFAULT_LOCALE": "ar",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "LANGUAGES": ("ar", "en"),
        "WTF_CSRF_TIME_LIMIT": None,
        # Cookies are HttpOnly and SameSite=Lax; Secure whenever the request came over HTTPS
        # (eventapp/auth/cookies.py), always with SESSION_COOKIE_SECURE=1.
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE") == "1",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
        "REMEMBER_COOKIE_DURATION": dt.timedelta(days=30),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE") == "1",
        # Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto/-Host/-Port
        # (werkzeug's ProxyFix trusts that many). 0: the headers are ignored.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0") or 0),
        # Links e-mailed to set a password: a reset lasts an hour, an invitation a week.
        "PASSWORD_RESET_MAX_AGE": int(os.environ.get("PASSWORD_RESET_MAX_AGE", 60 * 60)),
        "ACCOUNT_INVITATION_MAX_AGE": int(
            os.environ.get("ACCOUNT_INVITATION_MAX_AGE", 60 * 60 * 24 * 7)
        ),
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        # AGENDA_CACHE=0 renders the public agenda afresh on every request (benchmarks).
        "AGENDA_CACHE": os.environ.get("AGENDA_CACHE", "1") != "0",
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": os.environ.get("MAIL_USE_TLS") == "1",
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "multaqa@localhost"),
        # Without an SMTP server, mail is written as .eml files to this folder.
        "MAIL_FOLDER": os.environ.get("MAIL_FOLDER", str(instance_path / "mail")),
    }
