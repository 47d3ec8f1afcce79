"""Places: the confirmed places in use (counted under the event's lock), confirming or
waitlisting one registration, and the waiting list moving up while places are free."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter

from flask_babel import gettext as _
from sqlalchemy import Integer, bindparam, func, null, select, union_all
from sqlalchemy import cast as sa_cast
from sqlalchemy.orm import selectinload

from eventapp.common import utcnow
from eventapp.events.models import Event, EventDay
from eventapp.extensions import db
from eventapp.registration.checks import RegistrationError
from eventapp.registration.models import (
    DayCapacity,
    Mode,
    Registration,
    RegistrationSettings,
    Status,
    registration_days,
)
from eventapp.registration.settings import day_label


@functools.cache
def _usage_statement():
    """Built once. One statement, so that it costs one round trip under the lock: the confirmed
    count per mode, then for each day with its own limit, the limit and its in-person count."""
    confirmed = (Registration.event_id == bindparam("event_id")) & (
        Registration.status == Status.CONFIRMED
    )
    per_mode = (
        select(
            Registration.mode,
            sa_cast(null(), Integer).label("day_id"),
            sa_cast(null(), Integer).label("day_limit"),
            func.count().label("used"),
        )
        .where(confirmed)
        .group_by(Registration.mode)
    )
    per_limited_day = (
        select(
            sa_cast(null(), Registration.mode.type),
            DayCapacity.day_id,
            DayCapacity.capacity,
            func.count(Registration.id),
        )
        .select_from(DayCapacity)
        .outerjoin(registration_days, registration_days.c.day_id == DayCapacity.day_id)
        .outerjoin(
            Registration,
            (Registration.id == registration_days.c.registration_id)
            & confirmed
            & (Registration.mode == Mode.IN_PERSON),
        )
        .where(DayCapacity.settings_id == bindparam("settings_id"))
        .group_by(DayCapacity.day_id, DayCapacity.capacity)
    )
    return union_all(per_mode, per_limited_day)


@dataclasses.dataclass
class Usage:
    """Confirmed places in use, counted under the lock, kept current while deciding."""

    settings: RegistrationSettings
    by_mode: Counter
    by_day: Counter  # in-person confirmed per day id (days with their own limit)
    day_limits: dict  # day id -> in-person limit of that day

    @classmethod
    def load(cls, settings: RegistrationSettings) -> Usage:
        by_mode, by_day, day_limits = Counter(), Counter(), {}
        rows = db.session.execute(
            _usage_statement(), {"event_id": settings.event_id, "settings_id": settings.id}
        )
        for mode, day_id, day_limit, used in rows:
            if day_id is None:
                by_mode[Mode(mode)] = used
            else:
                by_day[day_id], day_limits[day_id] = used, day_limit
        return cls(settings, by_mode, by_day, day_limits)

    def refusal(self, mode: Mode, day_ids) -> str | None:
        """Why these days in this mode do not fit, or None when a place is free."""
        s = self.settings
        capacity = s.capacity_in_person if mode == Mode.IN_PERSON else s.capacity_remote
        if capacity is not None and self.by_mode[mode] >= capacity:
            if mode == Mode.IN_PERSON:
                return _("All in-person places are taken.")
            return _("All places for remote participation are taken.")
        if mode == Mode.IN_PERSON:
            for day_id in day_ids:
                limit = self.day_limits.get(day_id)
                if limit is not None and self.by_day[day_id] >= limit:
                    day = db.session.get(EventDay, day_id)
                    return _("All in-person places on %(day)s are taken.", day=day_label(day))
        return None

    def take(self, mode: Mode, day_ids) -> None:
        self.by_mode[mode] += 1
        if mode == Mode.IN_PERSON:
            for day_id in day_ids:
                self.by_day[day_id] += 1

    def release(self, mode: Mode, day_ids) -> None:
        self.by_mode[mode] -= 1
        if mode == Mode.IN_PERSON:
            for day_id in day_ids:
                self.by_day[day_id] -= 1

    def free_places(self, mode: Mode) -> int | None:
        s = self.settings
        capacity = s.capacity_in_person if mode == Mode.IN_PERSON else s.capacity_remote
        return None if capacity is None else max(capacity - self.by_mode[mode], 0)


def set_status(registration: Registration, status: Status) -> None:
    registration.status = status
    now = utcnow()
    if status == Status.CONFIRMED:
        registration.confirmed_at = now
    elif status == Status.WAITLISTED:
        registration.waitlisted_at = now
    elif status == Status.CANCELLED:
        registration.cancelled_at = now


def give_place(usage: Usage, registration: Registration, day_ids, *, override=False) -> None:
    """Confirm when a place is free, else waitlist (if on), else refuse with the reason."""
    reason = None if override else usage.refusal(registration.mode, day_ids)
    if reason is None:
        set_status(registration, Status.CONFIRMED)
        usage.take(registration.mode, day_ids)
    elif usage.settings.waitlist_enabled:
        set_status(registration, Status.WAITLISTED)
    else:
        raise RegistrationError(reason + " " + _("Registration is full."))


def promote_waitlist(event: Event, usage: Usage, exclude=()) -> list[Registration]:
    """Confirm waiting people in order while places are free (call under the lock)."""
    waiting = db.session.scalars(
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == Status.WAITLISTED,
            Registration.id.not_in(list(exclude) or [0]),
        )
        .options(selectinload(Registration.days))
        .order_by(Registration.waitlisted_at, Registration.id)
    ).all()
    promoted = []
    for registration in waiting:
        if all(usage.free_places(m) == 0 for m in Mode):
            break
        day_ids = [d.id for d in registration.days]
        if usage.refusal(registration.mode, day_ids) is None:
            set_status(registration, Status.CONFIRMED)
            usage.take(registration.mode, day_ids)
            promoted.append(registration)
    return promoted
