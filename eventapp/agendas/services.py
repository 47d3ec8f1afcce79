"""The agenda as plain data: one snapshot per (event, content version, language).

Pages, the JSON API, iCalendar feeds and the PDF all read the same snapshot (built in build.py),
cached (eventapp/cache.py) until the event changes (eventapp/events/content_version.py). The
snapshot holds dicts, lists and strings only, never model objects.
"""

from __future__ import annotations

from flask_babel import force_locale

from eventapp import cache
from eventapp.agendas.build import build_snapshot
from eventapp.content_versions import version_key
from eventapp.events.models import Event
from eventapp.i18n import current_language
from eventapp.search_text import fold


def snapshot(event: Event, language: str | None = None) -> dict:
    """The cached snapshot of the event's agenda in `language` (default: the reader's)."""
    language = language or current_language()
    key = ("snapshot", *version_key(event), language)
    if language == current_language():
        return cache.cached(key, lambda: build_snapshot(event))
    with force_locale(language):
        return cache.cached(key, lambda: build_snapshot(event))


def with_video_links(snap: dict, links: dict[int, str]) -> dict:
    """A copy of the snapshot whose sessions carry "video_link" (from
    sessions.services.session_video_links), for one remote participant's own agenda, feed or
    e-mail. The snapshot is shared by every reader and cached, so it never holds the links:
    a room's video link is for the event's staff and its remote participants, not the public
    (auth.permissions.may_join_remotely)."""
    sessions = {s["id"]: {**s, "video_link": links.get(s["id"])} for s in snap["sessions"]}
    days = [{**d, "sessions": [sessions[s["id"]] for s in d["sessions"]]} for d in snap["days"]]
    return {**snap, "sessions": list(sessions.values()), "days": days}


# Reading the snapshot


def find_session(snap: dict, session_id: int) -> dict | None:
    return next((s for s in snap["sessions"] if s["id"] == session_id), None)


def find_speaker(snap: dict, person_id: int) -> dict | None:
    return next((p for p in snap["speakers"] if p["id"] == person_id), None)


def sessions_of(snap: dict, ids) -> list[dict]:
    wanted = set(ids)
    return [s for s in snap["sessions"] if s["id"] in wanted]


def filter_sessions(
    sessions: list[dict],
    *,
    day: int | None = None,
    room: int | None = None,
    kind: str | None = None,
    query: str = "",
) -> list[dict]:
    words = fold(query).split()
    return [
        s
        for s in sessions
        if (day is None or s["day_id"] == day)
        and (room is None or (s["room"] and s["room"]["id"] == room))
        and (not kind or s["kind"] == kind)
        and all(w in s["search"] for w in words)
    ]


def filtered_days(snap: dict, **filters) -> list[dict]:
    """The days with only the sessions that pass the filters (a chosen day alone)."""
    days = []
    for d in snap["days"]:
        if filters.get("day") is not None and d["id"] != filters["day"]:
            continue
        days.append({**d, "sessions": filter_sessions(d["sessions"], **filters)})
    return days
