"""Remote participation as a journey: the sessions a remote participant may join (with the
joining link, the interpretation channels and the times in their own zone), the personal
calendar that carries them, and the "joined" click that counts them present.

Joining links and channels are private (only staff and the confirmed remote participant
themself see them): whatever this module returns goes to that participant's own page, e-mail
or calendar, never to a public page, a log or the audit trail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from eventapp.common import DomainError, utcnow
from eventapp.extensions import db
from eventapp.i18n import offered_zones
from eventapp.i18n import zone_name as zone_label
from eventapp.registration.links import joins_remotely
from eventapp.registration.models import (
    Attendance,
    CheckIn,
    Registration,
    RegistrationSettings,
    SessionAttendance,
    SessionSignup,
    SignupStatus,
)
from eventapp.sessions.models import EventSession, SessionKind
from eventapp.urls import public_host

# "Joined" may be clicked from this long before a session starts until it ends.
JOIN_EARLY = dt.timedelta(minutes=15)


def time_zones() -> tuple[str, ...]:
    """The IANA time zone names a participant may choose, sorted."""
    return offered_zones()


def valid_time_zone(name: str | None) -> bool:
    return bool(name) and name in time_zones()


def zone_of(registration: Registration) -> ZoneInfo:
    """The participant's own zone (what they chose), else the event's."""
    if valid_time_zone(registration.time_zone):
        return ZoneInfo(registration.time_zone)
    return registration.event.zone


def zone_name(registration: Registration) -> str:
    return str(zone_of(registration).key)


def web_link(value: str | None) -> str | None:
    """The value if it is an http(s) address (safe to link or redirect to), else None."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value.strip()
    return None


@dataclass
class Channel:
    language: str
    channel: str  # a link or a channel number ("Channel 2")
    link: str | None  # the channel when it is an http(s) address


@dataclass
class RemoteSession:
    """A session as a remote participant joins it. Times are aware: `starts_at`/`ends_at` in
    the participant's zone, `event_starts_at`/`event_ends_at` in the event's."""

    id: int
    title: str
    kind: str
    room: str | None
    day_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    event_starts_at: dt.datetime
    event_ends_at: dt.datetime
    link: str | None
    channels: list[Channel] = field(default_factory=list)
    joined: bool = False

    @property
    def other_day(self) -> bool:
        """Whether the participant's date differs from the event's (shown with the time)."""
        return self.starts_at.date() != self.event_starts_at.date()


def session_link(session: EventSession) -> str | None:
    """The session's joining link: its own, else its room's (http(s) only)."""
    own = web_link(session.video_link)
    if own:
        return own
    return web_link(session.room.video_link) if session.room is not None else None


def join_window(session: EventSession) -> tuple[dt.datetime, dt.datetime]:
    """From 15 minutes before the session's start to its end (aware, the event's zone)."""
    return session.starts_at - JOIN_EARLY, session.ends_at


def _signed_up(registration: Registration) -> set[int]:
    return set(
        db.session.scalars(
            select(SessionSignup.session_id).where(
                SessionSignup.registration_id == registration.id,
                SessionSignup.status == SignupStatus.CONFIRMED,
            )
        )
    )


def _joinable(registration: Registration) -> list[EventSession]:
    day_ids = [d.id for d in registration.days]
    if not day_ids:
        return []
    sessions = db.session.scalars(
        select(EventSession)
        .where(
            EventSession.event_id == registration.event_id,
            EventSession.day_id.in_(day_ids),
            EventSession.kind != SessionKind.BREAK,
        )
        .options(
            joinedload(EventSession.day),
            joinedload(EventSession.room),
            selectinload(EventSession.channels),
        )
    ).all()
    signed_up = _signed_up(registration) if any(s.signup_required for s in sessions) else set()
    sessions = [s for s in sessions if not s.signup_required or s.id in signed_up]
    return sorted(sessions, key=lambda s: (s.day.date, s.start_time, s.id))


def may_join(registration: Registration, session: EventSession) -> bool:
    """A confirmed remote participant, registered for the session's day (and signed up, for a
    session that requires it)."""
    if not joins_remotely(registration) or session.event_id != registration.event_id:
        return False
    if session.kind == SessionKind.BREAK:
        return False
    if session.day_id not in {d.id for d in registration.days}:
        return False
    return not session.signup_required or session.id in _signed_up(registration)


def remote_sessions(registration: Registration) -> list[RemoteSession]:
    """The sessions this participant may join remotely, in order; [] for anyone who does not
    join remotely (in person, not confirmed)."""
    if not joins_remotely(registration):
        return []
    zone = zone_of(registration)
    sessions = _joinable(registration)
    joined = set(
        db.session.scalars(
            select(SessionAttendance.session_id).where(
                SessionAttendance.registration_id == registration.id
            )
        )
    )
    return [
        RemoteSession(
            id=s.id,
            title=s.title,
            kind=s.kind.value,
            room=s.room.label if s.room is not None else None,
            day_id=s.day_id,
            starts_at=s.starts_at.astimezone(zone),
            ends_at=s.ends_at.astimezone(zone),
            event_starts_at=s.starts_at,
            event_ends_at=s.ends_at,
            link=session_link(s),
            channels=[
                Channel(c.language_label, c.channel, web_link(c.channel))
                for c in s.channels
                if c.channel
            ],
            joined=s.id in joined,
        )
        for s in sessions
    ]


@dataclass
class TechnicalCheck:
    at: dt.datetime  # aware, the participant's zone
    event_at: dt.datetime  # aware, the event's zone
    link: str | None


def technical_check(
    registration: Registration, settings: RegistrationSettings | None
) -> TechnicalCheck | None:
    if settings is None or settings.technical_check_at is None:
        return None
    event_at = settings.technical_check_at.replace(tzinfo=registration.event.zone)
    return TechnicalCheck(
        at=event_at.astimezone(zone_of(registration)),
        event_at=event_at,
        link=web_link(settings.technical_check_link),
    )


def journey(
    registration: Registration,
    settings: RegistrationSettings | None,
    token: str | None = None,
    *,
    external: bool = False,
    now: dt.datetime | None = None,
) -> dict | None:
    """What a confirmed remote participant's page and e-mail show them (None for anyone
    else): the sessions they may join, the technical check, the instructions, where to ask to
    speak in each session (its page, which knows them by their personal link's token)."""
    if not joins_remotely(registration):
        return None
    sessions = remote_sessions(registration)
    now = now or utcnow().replace(tzinfo=dt.UTC)
    speak = "interventions.session_page" in current_app.view_functions and token
    event = registration.event
    return {
        "sessions": sessions,
        # Named in the reader's language ("Riyadh time"), not as identifiers ("Asia/Riyadh").
        "zone": zone_label(zone_of(registration), event=event),
        "event_zone": zone_label(event.zone, event=event),
        "same_zone": zone_name(registration) == event.zone.key,
        "check": technical_check(registration, settings),
        "instructions": (settings.remote_instructions if settings else "") or "",
        "speak_urls": {
            s.id: url_for(
                "interventions.session_page",
                slug=event.slug,
                session_id=s.id,
                t=token,
                _external=external,
            )
            for s in sessions
        }
        if speak
        else {},
        "open_now": {
            s.id for s in sessions if s.event_starts_at - JOIN_EARLY <= now <= s.event_ends_at
        },
        "ended": {s.id for s in sessions if now > s.event_ends_at},
    }


# Joining: the click that counts a remote participant present


class NotJoinable(DomainError):
    """The participant may not join this session (in person, not registered for its day)."""


class OutsideWindow(DomainError):
    """Too early or too late to join (or no link to join by yet): nothing was recorded."""


def record_joined(
    registration: Registration, session: EventSession, now: dt.datetime | None = None
) -> str:
    """Record that the participant joined the session remotely (their presence in it, and on
    its day unless they were counted that day already) and return the joining link.

    Idempotent and safe when clicked twice at once: the unique constraints decide, the loser
    of the race finds the winner's row."""
    if not may_join(registration, session):
        raise NotJoinable(_("You cannot join this session remotely."))
    now = now or utcnow().replace(tzinfo=dt.UTC)
    opens, closes = join_window(session)
    if now < opens:
        raise OutsideWindow(
            _("This session has not started yet: you can join from 15 minutes before it starts.")
        )
    if now > closes:
        raise OutsideWindow(_("This session has ended: it can no longer be joined."))
    link = session_link(session)
    if link is None:
        raise OutsideWindow(_("This session has no joining link yet. Please ask the organisers."))
    at = now.astimezone(dt.UTC).replace(tzinfo=None)
    _insert_once(
        SessionAttendance(
            session_id=session.id,
            registration_id=registration.id,
            how=Attendance.JOINED,
            at=at,
        ),
        select(SessionAttendance.id).where(
            SessionAttendance.session_id == session.id,
            SessionAttendance.registration_id == registration.id,
        ),
    )
    _insert_once(
        CheckIn(
            registration_id=registration.id,
            day_id=session.day_id,
            checked_in_at=at,
            how=Attendance.JOINED,
        ),
        select(CheckIn.id).where(
            CheckIn.registration_id == registration.id, CheckIn.day_id == session.day_id
        ),
    )
    return link


def _insert_once(row, existing) -> None:
    if db.session.scalar(existing) is not None:
        return
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # clicked twice at once: the other click recorded it
        pass


# The remote participant's own calendar


def remote_calendar(
    registration: Registration,
    sessions: list[RemoteSession],
    check: TechnicalCheck | None = None,
) -> bytes:
    """The sessions this participant may join as iCalendar, times in their own zone (with its
    VTIMEZONE; calendar apps convert them), each with the joining link and the channels."""
    event = registration.event
    zone = zone_of(registration)
    host = public_host()
    cal = Calendar()
    cal.add("prodid", "-//Multaqa//Remote participation//" + (registration.locale or "ar").upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", event.title)
    cal.add("x-wr-timezone", zone.key)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for s in sessions:
        item = CalendarEvent()
        # The agenda's ids: importing this file updates the agenda's entries, not doubles them.
        item.add("uid", f"multaqa-session-{s.id}@{host}")
        item.add("dtstamp", stamp)
        item.add("sequence", getattr(event, "version", 0) or 0)
        item.add("dtstart", s.starts_at)
        item.add("dtend", s.ends_at)
        item.add("summary", s.title)
        lines = []
        if s.link:
            lines.append(_("Join remotely:") + " " + s.link)
            item.add("url", s.link)
        for c in s.channels:
            lines.append(_("Interpretation, %(language)s:", language=c.language) + " " + c.channel)
        if s.room:
            item.add("location", s.room)
        if lines:
            item.add("description", "\n".join(lines))
        cal.add_component(item)
    if check is not None:
        item = CalendarEvent()
        item.add("uid", f"multaqa-technical-check-{event.id}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", check.at)
        item.add("dtend", check.at + dt.timedelta(minutes=30))
        item.add("summary", _("Technical check") + " — " + event.title)
        if check.link:
            item.add("description", _("Technical check:") + " " + check.link)
            item.add("url", check.link)
        cal.add_component(item)
    cal.add_missing_timezones(
        first_date=event.first_day - dt.timedelta(days=366),
        last_date=event.last_day + dt.timedelta(days=366),
    )
    return cal.to_ical()
