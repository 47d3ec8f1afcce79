"""JSON API v1: /api/v1/events/... Read-only, for published events, in Arabic or English.

Every response comes from the agenda snapshot (eventapp.agendas.services), so the API shows
exactly what the public agenda shows: never a private field such as a person's e-mail.
"""

from __future__ import annotations

import hashlib
import json

from flask import Blueprint, Response, abort, current_app, request
from flask_babel import force_locale

from eventapp import cache
from eventapp.agendas import services
from eventapp.agendas.http import conditional
from eventapp.api.openapi import openapi_document
from eventapp.events import services as event_services
from eventapp.extensions import csrf
from eventapp.i18n import current_language
from eventapp.inputs import bounded_int
from eventapp.urls import public_root

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

# Never in the API: the search text, and (should a snapshot ever carry them) the rooms' video
# links, which are for staff and remote participants only.
_HIDDEN = {"search", "video_link"}


def _json(data, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status=status, mimetype="application/json")


def _language() -> str:
    language = request.args.get("lang", "")
    return language if language in current_app.config["LANGUAGES"] else current_language()


def _event(slug):
    """Published and archived events; a draft is 404 here for everyone (the API answers as to
    the public: events.services.may_see_event with no reader)."""
    event = event_services.public_event(slug)
    if not event_services.may_see_event(event):
        abort(404)
    return event


def _public(session: dict) -> dict:
    return {k: v for k, v in session.items() if k not in _HIDDEN}


def _day(d: dict, with_sessions: bool = False) -> dict:
    day = {k: v for k, v in d.items() if k != "sessions"}
    day["session_ids"] = [s["id"] for s in d["sessions"]]
    if with_sessions:
        day["sessions"] = [_public(s) for s in d["sessions"]]
    return day


def _int(name: str) -> int | None:
    if not request.args.get(name):
        return None
    number = request.args.get(name, type=bounded_int)
    if number is None:
        abort(400)
    return number


def _respond(slug: str, name: str, render, *parts):
    """Load the event, then answer 304 or the JSON built from the snapshot in `lang`."""
    event = _event(slug)
    language = _language()

    def build():
        with force_locale(language):
            snap = services.snapshot(event, language)
            return _json(render(snap))

    response = conditional(event, build, "api", name, language, *parts, personal=False)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.content_language = language
    return response


@bp.get("/events")
def events():
    found = event_services.public_events()
    data = {
        "events": [
            {
                "slug": e.slug,
                "title_ar": e.title_ar,
                "title_en": e.title_en,
                "first_day": e.first_day.isoformat(),
                "last_day": e.last_day.isoformat(),
                "timezone": e.timezone,
                "kind": e.kind.value,
                "version": e.content_version,
                "archived": e.is_archived,
            }
            for e in found
        ]
    }
    response = _json(data)
    response.set_etag(hashlib.sha1(response.get_data()).hexdigest()[:24])
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response.make_conditional(request)


@bp.get("/events/<slug>")
def event(slug):
    return _respond(
        slug,
        "event",
        lambda snap: {
            "event": snap["event"],
            "language": snap["language"],
            "days": [_day(d) for d in snap["days"]],
            "rooms": snap["rooms"],
        },
    )


@bp.get("/events/<slug>/days")
def days(slug):
    return _respond(
        slug, "days", lambda snap: {"days": [_day(d, with_sessions=True) for d in snap["days"]]}
    )


@bp.get("/events/<slug>/rooms")
def rooms(slug):
    return _respond(slug, "rooms", lambda snap: {"rooms": snap["rooms"]})


@bp.get("/events/<slug>/sessions")
def sessions(slug):
    filters = {
        "day": _int("day"),
        "room": _int("room"),
        "kind": request.args.get("kind") or None,
        "query": request.args.get("q", "")[:100],
    }
    return _respond(
        slug,
        "sessions",
        lambda snap: {
            "sessions": [_public(s) for s in services.filter_sessions(snap["sessions"], **filters)]
        },
        sorted((k, str(v)) for k, v in filters.items() if v),
    )


@bp.get("/events/<slug>/sessions/<int:session_id>")
def session(slug, session_id):
    def render(snap):
        found = services.find_session(snap, session_id) or abort(404)
        return {"session": _public(found)}

    return _respond(slug, "session", render, session_id)


@bp.get("/events/<slug>/speakers")
def speakers(slug):
    return _respond(slug, "speakers", lambda snap: {"speakers": snap["speakers"]})


@bp.get("/events/<slug>/speakers/<int:person_id>")
def speaker(slug, person_id):
    def render(snap):
        person = services.find_speaker(snap, person_id) or abort(404)
        return {
            "speaker": person,
            "sessions": [_public(s) for s in services.sessions_of(snap, person["sessions"])],
        }

    return _respond(slug, "speaker", render, person_id)


@bp.get("/events/<slug>/organisations")
def organisations(slug):
    return _respond(slug, "organisations", lambda snap: {"organisations": snap["organisations"]})


@bp.get("/openapi.json")
def openapi():
    key = ("openapi", public_root())
    return _json(cache.cached(key, lambda: openapi_document(public_root())))
