"""Settings read from the environment. SQLite in instance/ is the embedded default."""

import datetime as dt
import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

# Rate limits, by endpoint: who is counted -> limits in Flask-Limiter's notation. Applied in one
# place, eventapp/ratelimits.py, which refuses to start on an endpoint that does not exist.
#   "address": the client's IP address (the proxy's X-Forwarded-For once ProxyFix trusts it);
#   "email":   the e-mail address typed in the form (kept as a keyed hash, never in clear);
#   "account": the signed-in account, else the address.
# An endpoint that takes POST is counted on POST only (its GET shows the form); the others on
# GET and HEAD. Set RATE_LIMITS='{"endpoint": {"address": "..."}}' to change entries (JSON,
# merged over these) and RATE_LIMITS_ENABLED=0 to turn every limit off. A venue puts a whole
# room behind one address (NAT): the address limits below let 100 people act at once.
DEFAULT_RATE_LIMITS: dict[str, dict[str, str]] = {
    # Staff sign in a few times a day; the per-address limit still lets 30 colleagues behind one
    # address sign in within ten minutes. The per-e-mail limit is what stops guessing one
    # account's password from many addresses: ten tries per quarter of an hour, 100 a day.
    "auth.login": {
        "address": "30 per 10 minutes;200 per day",
        "email": "10 per 15 minutes;100 per day",
    },
    # "Forgot my password" sends a mail to the address typed: one mailbox gets at most 3 an
    # hour whoever asks. Setting the new password (the signed link) is rare too.
    "auth.forgot_password": {
        "address": "20 per 10 minutes;100 per day",
        "email": "3 per hour;10 per day",
    },
    "auth.reset_password": {"address": "20 per 10 minutes;100 per day"},
    # Adding a team member sends an invitation or a notice to the address typed: an organiser
    # builds a team of a few dozen in one sitting, not hundreds.
    "events.team": {"account": "60 per hour;200 per day", "email": "5 per hour;20 per day"},
    # A room of 100 registering at once from the venue's address, some sending the form twice
    # after a mistake; one mailbox gets at most 5 sign-ups in 10 minutes (each sends a mail).
    "registration.register": {
        "address": "200 per 10 minutes;2000 per day",
        "email": "5 per 10 minutes;20 per day",
    },
    # "Send my link again": rare, and each one is a mail to the address typed, so one
    # mailbox gets at most 3 an hour whoever asks.
    "registration.resend": {
        "address": "30 per 10 minutes;200 per day",
        "email": "3 per hour;10 per day",
    },
    # Asking to intervene: a full room of 100 asking within five minutes from one address.
    "interventions.request_to_speak": {"address": "200 per 5 minutes;1000 per hour"},
    # The live JSON is polled every 2 s by every open live view, console and session page, and
    # costs one query (304) while nothing changes: 6000 a minute is 200 screens behind one
    # address; staff are counted by their account.
    "interventions.live_poll": {"account": "6000 per minute"},
    # PDFs: the public agenda is kept rendered per version of the event (a room downloading it
    # at once is cheap); badges, certificates and session reports are rendered in the request
    # (0.3 s to several seconds of CPU each): a dozen a minute is more than a person reads.
    "agendas.agenda_pdf": {"account": "300 per 5 minutes;2000 per hour"},
    "registration.badges": {"account": "10 per minute;100 per hour"},
    "registration.certificates": {"account": "10 per minute;100 per hour"},
    "registration.my_certificate": {"address": "10 per minute;100 per hour"},
    # Checking a certificate by its code: an employer checks a few, nobody needs thousands
    # (the codes are unguessable, and the limit keeps anyone from trying).
    "registration.verify": {"address": "30 per minute;300 per hour"},
    "outcomes.session_report": {"account": "12 per minute;120 per hour"},
    # Starting the outcome summary (a background job; a finished one is kept and reused).
    "outcomes.request_summary": {"account": "5 per minute;30 per hour"},
}


def _rate_limits() -> dict[str, dict[str, str]]:
    """The table above, with the entries of RATE_LIMITS (JSON) from the environment over it."""
    table = {endpoint: dict(limits) for endpoint, limits in DEFAULT_RATE_LIMITS.items()}
    extra = os.environ.get("RATE_LIMITS", "").strip()
    if extra:
        for endpoint, limits in json.loads(extra).items():
            table.setdefault(endpoint, {}).update(limits)
    return table


def cache_settings(redis_url: str) -> dict:
    """Flask-Caching's settings (eventapp/cache.py): a simple cache in each process by default,
    Redis shared by every worker when REDIS_URL is set (JSON only, entries kept 6 hours)."""
    if not redis_url:
        return {
            "CACHE_TYPE": "eventapp.cache.ProcessCache",
            "CACHE_THRESHOLD": 256,
            "CACHE_DEFAULT_TIMEOUT": 0,
        }
    return {
        "CACHE_TYPE": "eventapp.cache.JSONRedisCache",
        "CACHE_REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "multaqa:agenda:",
        "CACHE_DEFAULT_TIMEOUT": 6 * 3600,
        # A slow or absent Redis must not hold up a page: give up after half a second.
        "CACHE_OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
    }


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


def public_url_settings(public_url: str) -> dict:
    """PUBLIC_URL (https://multaqa.example.org: the address people use, at the root of its
    host) as Flask's settings for external URLs: links in e-mails and jobs are made from it,
    never from the Host header a proxy passes on. Flask 3.1 still serves a request whatever
    its Host (SERVER_NAME no longer restricts routing)."""
    if not public_url:
        return {"PUBLIC_URL": ""}
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        raise ValueError(
            f"PUBLIC_URL must be an address like https://multaqa.example.org, not {public_url!r}"
        )
    return {
        "PUBLIC_URL": f"{parts.scheme}://{parts.netloc}",
        "SERVER_NAME": parts.netloc,
        "PREFERRED_URL_SCHEME": parts.scheme,
    }


def _secure_cookies(public_url: str) -> bool:
    """SESSION_COOKIE_SECURE=1 or 0 when set, else Secure whenever PUBLIC_URL is https."""
    chosen = os.environ.get("SESSION_COOKIE_SECURE", "").strip()
    if chosen:
        return chosen == "1"
    return public_url.startswith("https://")


def load_config(instance_path: Path) -> dict:
    public_url = os.environ.get("PUBLIC_URL", "").strip()
    return {
        **public_url_settings(public_url),
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        # Idle pooled connections are pinged before use: see _ping_connections_after_idle.
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "BABEL_DEFAULT_LOCALE": "ar",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "LANGUAGES": ("ar", "en"),
        # The language of what `flask ...` commands print (the pages follow their reader).
        "CLI_LANGUAGE": os.environ.get("MULTAQA_CLI_LANGUAGE", "").strip() or "en",
        "WTF_CSRF_TIME_LIMIT": None,
        # Cookies are HttpOnly and SameSite=Lax; Secure whenever the request came over HTTPS
        # (eventapp/auth/cookies.py), always with SESSION_COOKIE_SECURE=1 or an https PUBLIC_URL.
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": _secure_cookies(public_url),
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
        "REMEMBER_COOKIE_DURATION": dt.timedelta(days=30),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _secure_cookies(public_url),
        # Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto/-Host/-Port
        # (werkzeug's ProxyFix trusts that many). 0: the headers are ignored.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0") or 0),
        # Links e-mailed to set a password: a reset lasts an hour, an invitation a week.
        "PASSWORD_RESET_MAX_AGE": int(os.environ.get("PASSWORD_RESET_MAX_AGE", 60 * 60)),
        "ACCOUNT_INVITATION_MAX_AGE": int(
            os.environ.get("ACCOUNT_INVITATION_MAX_AGE", 60 * 60 * 24 * 7)
        ),
        # Uploads: a request larger than this is refused whole (413, translated page); each
        # upload form states and checks its own, smaller limit (IMPORT_MAX_BYTES: the CSV of
        # invitations) with a message next to the field. Never a silent cut.
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 8 * 1024 * 1024)),
        "IMPORT_MAX_BYTES": int(os.environ.get("IMPORT_MAX_BYTES", 5 * 1024 * 1024)),
        # Redis, when set: rate-limit counters, report jobs and the cache (cache_settings).
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "RATE_LIMITS": _rate_limits(),
        "RATE_LIMITS_ENABLED": os.environ.get("RATE_LIMITS_ENABLED", "1") != "0",
        # Counters in memory (per worker process) unless Redis is there to share them.
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
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
        # Logs: "text" (the default) or "json", one object a line; both carry the request id.
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text").strip().lower(),
        # Error reports go to Sentry when set (eventapp/observability.py); nothing is sent else.
        "SENTRY_DSN": os.environ.get("SENTRY_DSN", "").strip(),
        # Fingerprinted and compressed copies of the static files (eventapp/static_files.py).
        "STATIC_BUILD_FOLDER": os.environ.get("STATIC_BUILD_FOLDER")
        or str(instance_path / "static-build"),
    }
