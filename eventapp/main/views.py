"""Home page and the language switch."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, session
from flask_login import current_user
from sqlalchemy import select

from eventapp.events.models import Event, EventStatus
from eventapp.extensions import db
from eventapp.urls import safe_next_url

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    events = db.session.scalars(
        select(Event).where(Event.status == EventStatus.PUBLISHED).order_by(Event.first_day.desc())
    ).all()
    return render_template("public/home.html", events=events)


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
