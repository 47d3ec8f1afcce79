"""Home page and the language switch."""

import redis
from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
)
from flask_login import current_user
from sqlalchemy import text

from eventapp.events import services as event_services
from eventapp.extensions import db
from eventapp.urls import safe_next_url

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    # Published and archived events (the latter marked): events.services decides.
    return render_template("public/home.html", events=event_services.public_events())


@bp.get("/healthz")
def healthz():
    """For the load balancer and monitoring: 200 when the database (and Redis, when
    configured) answer, else 503 naming what failed. No personal data, no session."""
    checks = {"database": _check(lambda: db.session.execute(text("SELECT 1")))}
    if current_app.config.get("REDIS_URL"):
        checks["redis"] = _check(_ping_redis)
    healthy = all(v == "ok" for v in checks.values())
    return jsonify(status="ok" if healthy else "unavailable", **checks), 200 if healthy else 503


def _check(probe) -> str:
    try:
        probe()
    except Exception as error:  # any failure is "unavailable"; the log says which
        current_app.logger.warning("health check failed: %s", error)
        return "unavailable"
    return "ok"


def _ping_redis() -> None:
    client = redis.Redis.from_url(
        current_app.config["REDIS_URL"], socket_timeout=1, socket_connect_timeout=1
    )
    try:
        client.ping()
    finally:
        client.close()


@bp.get("/lang/<language>")
def set_language(language: str):
    if language not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = language
    session.permanent = True
    if current_user.is_authenticated and current_user.locale != language:
        current_user.locale = language
        db.session.commit()
    return redirect(safe_next_url(request.args.get("next")))
