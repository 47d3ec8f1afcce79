"""An event's registration settings, the lock every decision about a place is taken under,
the window the public form is open in, the days a category may attend and the form's questions.

Every decision about a place (confirm, waitlist, refuse, promote) is taken while the event's
`registration_settings` row is locked (`lock_event`), so many workers writing at the same time
can never give away more places than there are.
"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from eventapp.events import services as event_services
from eventapp.events.models import AttendanceMode, Event, EventDay
from eventapp.extensions import db
from eventapp.i18n import format_day
from eventapp.registration.models import Question, RegistrationSettings

# The settings an organiser sets as they are (the days, categories and day limits need more).
SETTINGS_FIELDS = (
    "is_open",
    "opens_on",
    "closes_on",
    "offer_in_person",
    "offer_remote",
    "capacity_in_person",
    "capacity_remote",
    "requires_approval",
    "invitation_only",
    "member_limit",
    "member_categories",
    "min_age",
    "max_age",
    "waitlist_enabled",
    "ask_accessibility",
    "ask_interpretation",
    "purge_after_days",
    "remote_instructions_ar",
    "remote_instructions_en",
    "technical_check_at",
    "technical_check_link",
)


@functools.cache
def _event_for_registration_statement():
    return (
        select(Event, RegistrationSettings)
        .outerjoin(RegistrationSettings, RegistrationSettings.event_id == Event.id)
        .options(joinedload(Event.days))
        .where(Event.slug == bindparam("slug"))
    )


def event_for_registration(slug: str) -> tuple[Event | None, RegistrationSettings | None]:
    """The event with its days, and its registration settings (None before they exist), in
    one statement: every sign-up needs all three."""
    row = db.session.execute(_event_for_registration_statement(), {"slug": slug}).unique().first()
    return (row[0], row[1]) if row else (None, None)


def existing_settings(event: Event) -> RegistrationSettings | None:
    return db.session.scalar(
        select(RegistrationSettings).where(RegistrationSettings.event_id == event.id)
    )


def settings_for(event: Event) -> RegistrationSettings:
    """The event's settings row, created with defaults that suit its attendance mode."""
    settings = db.session.scalar(
        select(RegistrationSettings)
        .where(RegistrationSettings.event_id == event.id)
        .options(selectinload(RegistrationSettings.day_capacities))
    )
    if settings is None:
        settings = RegistrationSettings(
            event_id=event.id,
            offer_in_person=event.attendance_mode != AttendanceMode.ONLINE,
            offer_remote=event.attendance_mode != AttendanceMode.IN_PERSON,
            category_days={},
            public_categories=[],
        )
        db.session.add(settings)
        db.session.flush()
    return settings


def lock_event(event: Event) -> RegistrationSettings:
    """Lock the event's settings row for the rest of the transaction and return it fresh.

    PostgreSQL: SELECT ... FOR UPDATE. SQLite has no row locks: the transaction is started with
    BEGIN IMMEDIATE, which takes the database's write lock before anything is read.
    """
    connection = db.session.connection()
    row_lock = connection.dialect.name != "sqlite"
    if not row_lock:
        raw = connection.connection.dbapi_connection
        if not raw.in_transaction:  # nothing written yet: take the write lock first
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    parameters = {"event_id": event.id}
    settings = db.session.scalar(_lock_statement(row_lock), parameters)
    if settings is None:
        settings_for(event)
        settings = db.session.scalar(_lock_statement(row_lock), parameters)
    return settings


@functools.cache
def _lock_statement(row_lock: bool):
    """Built once (every sign-up runs it): the settings row, read afresh, locked if asked."""
    stmt = select(RegistrationSettings).where(
        RegistrationSettings.event_id == bindparam("event_id")
    )
    if row_lock:
        stmt = stmt.with_for_update()
    return stmt.execution_options(populate_existing=True)


def event_today(event: Event) -> dt.date:
    return today_in(event.timezone)


def today_in(timezone: str) -> dt.date:
    return dt.datetime.now(ZoneInfo(timezone)).date()


def window_refusal(event: Event, settings: RegistrationSettings) -> str | None:
    """Why the public form is closed now, or None when it is open."""
    today = event_today(event)
    refusal = event_services.participation_refusal(event)
    if refusal:
        return refusal
    if not settings.is_open:
        return _("Registration for this event is not open.")
    if settings.opens_on and today < settings.opens_on:
        return _(
            "Registration opens on %(date)s.",
            date=_day_label_date(settings.opens_on, event),
        )
    if settings.closes_on and today > settings.closes_on:
        return _(
            "Registration closed on %(date)s.", date=_day_label_date(settings.closes_on, event)
        )
    if today > event.last_day:
        return _("This event has ended.")
    return None


def _day_label_date(value: dt.date, event: Event) -> str:
    return format_day(value, event, "long")


def day_label(day: EventDay | None) -> str:
    """A day as "12 March", in the event's digits."""
    return format_day(day.date, day.event, "d MMMM") if day else ""


def allowed_days(event: Event, settings: RegistrationSettings, category, invitation=None):
    """The days this category (and invitation) may attend, in order."""
    allowed = [d for d in event.days]
    by_category = settings.days_for_category(category) if category else None
    if by_category:
        allowed = [d for d in allowed if d.id in by_category]
    if invitation is not None and invitation.day_ids:
        allowed = [d for d in allowed if d.id in invitation.day_ids]
    return allowed


def questions_for(event: Event) -> list[Question]:
    """The event's own questions, in order."""
    return list(
        db.session.scalars(
            select(Question).where(Question.event_id == event.id).order_by(Question.position)
        )
    )
