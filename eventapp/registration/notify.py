"""What a participant receives: the e-mails, the event's .ics and the check-in QR code.

Messages go to the outbox (eventapp.mail) in the transaction of the change they tell about:
call these before the commit."""

from __future__ import annotations

import datetime as dt
import io

import segno
from flask import render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from PIL import Image, ImageOps

from eventapp import signals
from eventapp.cache import ProcessCache
from eventapp.content_versions import version_key
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.mail import queue_mail
from eventapp.mail.outbox import queue_composed, register_composer
from eventapp.registration import remote
from eventapp.registration.links import joins_remotely, make_token
from eventapp.registration.models import Registration, Status
from eventapp.registration.settings import existing_settings
from eventapp.reports.text import isolate
from eventapp.sessions.models import EventSession
from eventapp.sessions.services import room_video_links


def checkin_url(registration: Registration) -> str:
    """What the QR code holds: the organisers' check-in address for this person.

    Scanned with any phone camera by a signed-in organiser, it opens the check-in page;
    typed or read by a scanner into the check-in field, its last part is the code.
    """
    return url_for(
        "registration.checkin_short",
        event_id=registration.event_id,
        code=registration.checkin_code,
        _external=True,
    )


def qr_svg(registration: Registration) -> str:
    return segno.make(checkin_url(registration), error="m").svg_inline(scale=4, border=2)


# segno's modules (1 dark, 0 light) as 8-bit grey pixels (0 black, 255 white).
_GREY = bytes.maketrans(b"\x00\x01", b"\xff\x00")


def qr_png(registration: Registration, scale: int = 4) -> bytes:
    """The check-in QR code as PNG (mailed with every confirmed sign-up, printed on badges).

    A fixed mask skips segno's evaluation of all eight (5x faster, still a valid code), and
    Pillow (WeasyPrint's own dependency) writes the PNG in C, where segno's writer is pure
    Python: together they were a fifth of a sign-up's CPU. Same pixels as segno's PNG."""
    code = segno.make(checkin_url(registration), error="m", mask=4)
    size = len(code.matrix)
    image = Image.frombytes("L", (size, size), b"".join(code.matrix).translate(_GREY))
    image = ImageOps.expand(image, border=2, fill=255).convert("1")
    image = image.resize((image.width * scale, image.height * scale), Image.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def event_ics(event: Event, *, video: bool = False) -> bytes:
    """The event's sessions as iCalendar: the agenda's own feed (agendas answers, cached while
    the agenda is unchanged, so each confirmation costs no rendering); one all-day entry before
    the programme has sessions, or where agendas is absent. With `video` (for a participant
    who joins remotely: see links.joins_remotely), the entries carry the rooms' video links."""
    sessions = signals.answer(
        signals.event_calendar_asked, event, language=current_language(), video=video
    )
    return sessions if sessions is not None else _all_day_ics(event, video)


def personal_ics(registration: Registration) -> bytes:
    """The participant's own calendar: for a confirmed remote participant, the sessions they
    may join in their own time zone with the joining links and channels (and the technical
    check); for anyone else (or before the programme has sessions), the event's calendar."""
    if joins_remotely(registration):
        sessions = remote.remote_sessions(registration)
        if sessions:
            settings = existing_settings(registration.event)
            check = remote.technical_check(registration, settings)
            return remote.remote_calendar(registration, sessions, check)
    return event_ics(registration.event, video=joins_remotely(registration))


_kept_all_day_ics = ProcessCache(threshold=64)


def _all_day_ics(event: Event, video: bool = False) -> bytes:
    """The event as one all-day entry, made once per version of the event, language and
    whether it carries the video links."""
    key = (*version_key(event), current_language(), video)
    kept = _kept_all_day_ics.get(key)
    if kept is None:
        kept = _make_all_day_ics(event, room_video_links(event) if video else ())
        _kept_all_day_ics.set(key, kept)
    return kept


def _make_all_day_ics(event: Event, video_rooms=()) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Multaqa//registration//AR")
    calendar.add("version", "2.0")
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.id}@multaqa")
    entry.add("dtstamp", dt.datetime.now(dt.UTC))
    entry.add("summary", event.title)
    entry.add("dtstart", event.first_day)
    entry.add("dtend", event.last_day + dt.timedelta(days=1))
    place = ", ".join(p for p in (event.venue, event.city) if p)
    if place:
        entry.add("location", place)
    entry.add("url", url_for("events.public_event", slug=event.slug, _external=True))
    if video_rooms:
        entry.add(
            "description",
            "\n".join(_("Join remotely:") + f" {room}: {link}" for room, link in video_rooms),
        )
    calendar.add_component(entry)
    return calendar.to_ical()


def _title(registration: Registration) -> str:
    """The event's title inside a subject: isolated, so that an English title keeps its
    place in an Arabic subject (and an Arabic one in an English subject)."""
    return isolate(registration.event.title)


SUBJECTS = {
    "registered": lambda r: {
        Status.CONFIRMED: _("Your registration is confirmed: %(event)s", event=_title(r)),
        Status.WAITLISTED: _("You are on the waiting list: %(event)s", event=_title(r)),
        Status.PENDING: _("We received your registration: %(event)s", event=_title(r)),
    }.get(r.status, _("Your registration: %(event)s", event=_title(r))),
    "promoted": lambda r: _(
        "A place is free: your registration is confirmed: %(event)s", event=_title(r)
    ),
    "status": lambda r: _(
        "Your registration is now: %(status)s (%(event)s)",
        status=r.status.label,
        event=_title(r),
    ),
    "session_promoted": lambda r: _(
        "A place is free: you are signed up for a session: %(event)s", event=_title(r)
    ),
    "changed": lambda r: _("Your registration was changed: %(event)s", event=_title(r)),
    "cancelled": lambda r: _("Your registration is cancelled: %(event)s", event=_title(r)),
    "link": lambda r: _("Your personal link: %(event)s", event=_title(r)),
    "already": lambda r: _("You are registered already: %(event)s", event=_title(r)),
}


def send_registration_mail(registration: Registration, kind: str, **details) -> None:
    """Queue one message to the participant, in the language they registered in: the outbox
    row is written in the caller's transaction; the message itself is written after the
    commit (not while the transaction holds the event's lock) from the registration as saved."""
    if not registration.email:
        return
    if registration.id is None:
        db.session.flush()
    queue_composed(
        "registration",
        {"registration_id": registration.id, "kind": kind, **details},
        to=registration.email,
        event_id=registration.event_id,
        keep=registration,
    )


def _compose_queued(recipe: dict) -> dict | None:
    """The outbox's composer for registration messages (None: the registration is gone)."""
    registration = db.session.get(Registration, recipe["registration_id"])
    if registration is None or not registration.email:
        return None
    return compose(registration, recipe["kind"], session_id=recipe.get("session_id"))


register_composer("registration", _compose_queued)


def compose(registration: Registration, kind: str, session_id=None) -> dict:
    """The message to a participant, in the language they registered in (`session_id`: the
    session a "session_promoted" message is about)."""
    with force_locale(registration.locale or "ar"):
        link = url_for("registration.personal", token=make_token(registration), _external=True)
        session = db.session.get(EventSession, session_id) if session_id else None
        subject, text, html = render_message(registration, kind, link, session=session)
        attachments = []
        if registration.status == Status.CONFIRMED and kind != "cancelled":
            attachments.append(("event.ics", "text/calendar", personal_ics(registration)))
            if not joins_remotely(registration):  # a remote participant has no door to pass
                attachments.append(("checkin-qr.png", "image/png", qr_png(registration)))
    return {
        "to": registration.email,
        "subject": subject,
        "text": text,
        "html": html,
        "attachments": attachments,
    }


def render_message(
    registration: Registration, kind: str, link: str, session=None
) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a message to a participant, in the current language."""
    event = registration.event
    # The joining links, channels and instructions: for a confirmed remote participant only.
    journey = None
    if kind != "cancelled" and joins_remotely(registration):
        journey = remote.journey(
            registration, existing_settings(event), make_token(registration), external=True
        )
    context = {
        "r": registration,
        "event": event,
        "kind": kind,
        "link": link,
        "session": session,
        "lang": current_language(),
        "remote": journey,
    }
    return (
        SUBJECTS[kind](registration),
        render_template("registration/mail/message.txt", **context),
        render_template("registration/mail/message.html", **context),
    )


def send_no_registration_mail(event: Event, email: str) -> None:
    """The answer to a request for the personal link of an address that holds no current
    registration for the event: mailed to that address, so the page that asked says the same
    for every address and costs about the same (one message) either way."""
    with force_locale(current_language()):
        context = {
            "event": event,
            "lang": current_language(),
            "form_url": url_for("registration.register", slug=event.slug, _external=True),
        }
        deliver(
            {
                "event_id": event.id,
                "to": email,
                "subject": _("Your request: %(event)s", event=isolate(event.title)),
                "text": render_template("registration/mail/no_registration.txt", **context),
                "html": render_template("registration/mail/no_registration.html", **context),
                "attachments": [],
            }
        )


def send_not_eligible_mail(event: Event, email: str, reason: str) -> None:
    """Why the address could not register (not on the roll the event is open to): mailed to
    it, so the page after the form is the same for every address (see eligibility)."""
    with force_locale(current_language()):
        context = {"event": event, "lang": current_language(), "reason": reason}
        deliver(
            {
                "event_id": event.id,
                "to": email.strip().lower(),
                "subject": _("Your registration: %(event)s", event=isolate(event.title)),
                "text": render_template("registration/mail/not_eligible.txt", **context),
                "html": render_template("registration/mail/not_eligible.html", **context),
                "attachments": [],
            }
        )


def deliver(message: dict | None) -> None:
    """Into the outbox, in the current transaction: sent after the commit, retried until it
    goes (a mail server that is down or hangs never reaches the person)."""
    if message is not None:
        queue_mail(**message)


def send_many(registrations, kind: str) -> None:
    for registration in registrations:
        send_registration_mail(registration, kind)
