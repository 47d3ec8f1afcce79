"""Check-in at the door, day by day: by QR code, typed code, or name."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from eventapp.common import DomainError
from eventapp.events.models import Event, EventDay
from eventapp.extensions import db
from eventapp.registration.models import CheckIn, Registration, Status
from eventapp.registration.search import code_from_text, matching
from eventapp.registration.settings import day_label, event_today
from eventapp.reports.text import isolate


def find_by_code(event: Event, text: str) -> Registration | None:
    code = code_from_text(text)
    if not code:
        return None
    return db.session.scalar(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.checkin_code == code)
        .options(selectinload(Registration.days), selectinload(Registration.checkins))
    )


def default_day(event: Event) -> EventDay:
    """Today if the event is on, else its first day."""
    today = event_today(event)
    return next((d for d in event.days if d.date == today), event.days[0])


def check_in(registration: Registration, day: EventDay, user=None) -> tuple[CheckIn, bool]:
    """Record the arrival; returns (check-in, True if they had already checked in that day)."""
    if registration.status != Status.CONFIRMED:
        raise DomainError(
            _(
                "%(name)s is not confirmed (%(status)s): do not let in without the organisers.",
                name=isolate(registration.name),
                status=registration.status.label,
            )
        )
    if day.id not in {d.id for d in registration.days}:
        raise DomainError(
            _(
                "%(name)s is registered for %(days)s, not for %(day)s.",
                name=isolate(registration.name),
                days=", ".join(day_label(d) for d in registration.days),
                day=day_label(day),
            )
        )
    existing = registration.checked_in_on(day.id)
    if existing is not None:
        return existing, True
    checkin = CheckIn(
        registration_id=registration.id, day_id=day.id, by_user_id=getattr(user, "id", None)
    )
    try:
        with db.session.begin_nested():
            db.session.add(checkin)
    except IntegrityError:  # scanned at two doors at once
        existing = db.session.scalar(
            select(CheckIn).where(
                CheckIn.registration_id == registration.id, CheckIn.day_id == day.id
            )
        )
        return existing, True
    db.session.refresh(registration, ["checkins"])
    return checkin, False


def undo_check_in(registration: Registration, day: EventDay) -> None:
    existing = registration.checked_in_on(day.id)
    if existing is not None:
        registration.checkins.remove(existing)
        db.session.flush()


def search(event: Event, text: str, limit: int = 20) -> list[Registration]:
    """Confirmed and other registrations by name, organisation, e-mail or code (for the door)."""
    if not text.strip():
        return []
    stmt = select(Registration).where(
        Registration.event_id == event.id, Registration.email.is_not(None)
    )
    return db.session.scalars(
        matching(stmt, text)
        .options(
            selectinload(Registration.days),
            selectinload(Registration.checkins),
            selectinload(Registration.organisation),
        )
        .order_by(func.coalesce(Registration.name_ar, Registration.name_en))
        .limit(limit)
    ).all()


def recent(event: Event, day: EventDay, limit: int = 10) -> list[CheckIn]:
    return db.session.scalars(
        select(CheckIn)
        .where(CheckIn.day_id == day.id)
        .options(selectinload(CheckIn.registration).selectinload(Registration.organisation))
        .order_by(CheckIn.checked_in_at.desc(), CheckIn.id.desc())
        .limit(limit)
    ).all()
