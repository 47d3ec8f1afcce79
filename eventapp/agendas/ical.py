"""iCalendar feeds (RFC 5545) of the agenda: the whole event, one session, a personal feed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from eventapp import cache
from eventapp.agendas import services
from eventapp.content_versions import version_key
from eventapp.reports.text import isolate
from eventapp.sessions.services import session_video_links
from eventapp.urls import public_host


def _description(session: dict) -> str:
    lines = []
    if session["description"]:
        lines.append(session["description"])
    if session["guiding_question"]:
        lines.append(_("Guiding question:") + " " + session["guiding_question"])
    for person in session["people"]:
        # Calendars show plain text: isolate marks keep an English name in order in Arabic.
        line = f"{person['role_label']}: {isolate(person['name'])}"
        if person["organisation"]:
            line += f" — {isolate(person['organisation'])}"
        lines.append(line)
    if session.get("video_link"):  # only in a remote participant's own feed
        lines.append(_("Join remotely:") + " " + isolate(session["video_link"], "ltr"))
    return "\n".join(lines)


def _vevent(snap: dict, session: dict, host: str, url: str | None, day: dict | None) -> VEvent:
    event = snap["event"]
    zone = ZoneInfo(event["timezone"])
    item = VEvent()
    item.add("uid", f"multaqa-session-{session['id']}@{host}")
    item.add("dtstamp", dt.datetime.fromisoformat(event["changed_at"].replace("Z", "+00:00")))
    item.add("sequence", event["version"])
    item.add("dtstart", dt.datetime.fromisoformat(session["starts_at"]).astimezone(zone))
    item.add("dtend", dt.datetime.fromisoformat(session["ends_at"]).astimezone(zone))
    item.add("summary", session["title"])
    description = _description(session)
    if description:
        item.add("description", description)
    place = [session["room"]["name"]] if session["room"] else []
    # The room, then the day's place (its own venue and city, else the event's).
    day = day or {"venue": event["venue"], "city": event["city"]}
    for part in (day["venue"], day["city"]):
        if part and part not in place:
            place.append(part)
    if place:
        item.add("location", "، ".join(place) if snap["language"] == "ar" else ", ".join(place))
    item.add("categories", [session["kind_label"]])
    if url:
        item.add("url", url)
    if session["kind"] == "break":
        item.add("transp", "TRANSPARENT")
    return item


def calendar(
    snap: dict,
    sessions: list[dict],
    *,
    host: str,
    name: str | None = None,
    session_url=None,
) -> bytes:
    """A VCALENDAR with one VEVENT per session, times with their VTIMEZONE."""
    cal = Calendar()
    cal.add("prodid", "-//Multaqa//Agenda//" + snap["language"].upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or snap["event"]["title"])
    cal.add("x-wr-timezone", snap["event"]["timezone"])
    days = {d["id"]: d for d in snap["days"]}
    for session in sessions:
        url = session_url(session) if session_url else None
        cal.add_component(_vevent(snap, session, host, url, days.get(session["day_id"])))
    # VTIMEZONE rules around the event only, not the library's default 1970-2038.
    first = dt.date.fromisoformat(snap["event"]["first_day"])
    last = dt.date.fromisoformat(snap["event"]["last_day"])
    cal.add_missing_timezones(
        first_date=first - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366)
    )
    return cal.to_ical()


def session_url(event):
    """Each session's place in the public agenda, for the entries' URL."""
    return lambda s: url_for(
        "agendas.agenda", slug=event.slug, _external=True, _anchor=f"session-{s['id']}"
    )


def event_calendar(event, language: str, *, video: bool = False) -> bytes:
    """The whole event's sessions as iCalendar, cached while the agenda is unchanged.

    Served at /e/<slug>/agenda.ics and attached to registration e-mails; with `video` (a
    remote participant's own copy, never the public feed) each entry says how to join.
    """
    snap = services.snapshot(event, language)
    key = ("ics", *version_key(event), language, public_host(), video)

    def build():
        shown = services.with_video_links(snap, session_video_links(event)) if video else snap
        return calendar(
            shown, shown["sessions"], host=public_host(), session_url=session_url(event)
        )

    with force_locale(language):
        return cache.cached(key, build)
