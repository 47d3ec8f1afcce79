"""Home page, the language switch and the health check."""

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

from eventapp.events import services as event_services
from eventapp.extensions import db
from eventapp.main import health
from eventapp.urls import safe_next_url

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    # Published and archived events (the latter marked): events.services decides.
    return render_template("public/home.html", events=event_services.public_events())


@bp.get("/healthz")
def healthz():
    """For the load balancer and monitoring (eventapp/main/health.py says what it checks)."""
    body, code = health.report()
    return jsonify(body), code


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
