"""An event's days: chosen dates, not always a range (a training of four Saturdays is four
days). The event's `first_day` and `last_day` are always the first and the last of its days
(the check constraint `days_in_order` keeps them in order).

- At creation, the event form's first and last day make one day per date of the range.
- Editing the first or last day keeps the chosen dates: days outside the new span go (refused
  while they have sessions), the typed first and last day become days, and an event whose days
  are a range (no gap) stays a range when it is extended.
- `add_day` and `remove_day` make any other pattern; a day that has sessions, or that a
  capability still uses (registration: participants who chose it, check-ins), is not removed.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from eventapp import signals
from eventapp.common import DomainError
from eventapp.events.models import Event, EventDay
from eventapp.extensions import db
from eventapp.i18n import format_day

MAX_RANGE_DAYS = 61  # days made at once from a first and a last day
MAX_SPAN_DAYS = 366  # from an event's first to its last day (a training cycle over a year)


def fit_span(event: Event) -> None:
    """first_day and last_day become the first and last of the event's days."""
    dates = [d.date for d in event.days]
    if dates:
        event.first_day, event.last_day = min(dates), max(dates)


def _is_range(dates: list[dt.date]) -> bool:
    return bool(dates) and (max(dates) - min(dates)).days + 1 == len(set(dates))


def _range(first: dt.date, last: dt.date) -> list[dt.date]:
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise DomainError(_("An event may last at most 61 days."), "last_day")
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def sync_days(event: Event) -> None:
    """Make the days agree with the first and last day just set on the event (see above)."""
    first, last = event.first_day, event.last_day
    have = sorted(d.date for d in event.days)
    if not have:
        wanted = set(_range(first, last))
    else:
        if (last - first).days > MAX_SPAN_DAYS:
            raise DomainError(_("The first and last day may be at most a year apart."), "last_day")
        wanted = {d for d in have if first <= d <= last} | {first, last}
        if _is_range(have):
            wanted |= set(_range(first, last))
    for day in list(event.days):
        if day.date not in wanted:
            field = "first_day" if day.date < first else "last_day"
            if day.sessions:
                raise DomainError(
                    _(
                        "%(date)s still has sessions. Move or delete them before shortening "
                        "the event.",
                        date=format_day(day.date, event),
                    ),
                    field,
                )
            in_use = signals.answer(signals.day_in_use_asked, event, day=day)
            if in_use:
                raise DomainError(in_use, field)
            event.days.remove(day)
    kept = {day.date for day in event.days}
    for date in sorted(wanted - kept):
        event.days.append(EventDay(date=date))
    fit_span(event)


def add_day(event: Event, date: dt.date | None) -> EventDay:
    """A day on a chosen date; refused when it is a day already or too far from the others."""
    if date is None:
        raise DomainError(_("Choose a date."), "date")
    if any(d.date == date for d in event.days):
        raise DomainError(
            _("%(date)s is a day of this event already.", date=format_day(date, event)), "date"
        )
    dates = [d.date for d in event.days] + [date]
    if (max(dates) - min(dates)).days > MAX_SPAN_DAYS:
        raise DomainError(_("The first and last day may be at most a year apart."), "date")
    day = EventDay(date=date)
    event.days.append(day)
    fit_span(event)
    db.session.flush()
    db.session.expire(event, ["days"])  # reload in date order
    return day


def removal_refusal(event: Event, day: EventDay) -> str | None:
    """Why this day may not be removed now, or None."""
    if len(event.days) == 1:
        return _("An event keeps at least one day.")
    if day.sessions:
        return _(
            "%(date)s still has sessions. Move or delete them first.",
            date=format_day(day.date, event),
        )
    return signals.answer(signals.day_in_use_asked, event, day=day)


def remove_day(event: Event, day: EventDay) -> None:
    refusal = removal_refusal(event, day)
    if refusal:
        raise DomainError(refusal)
    event.days.remove(day)
    fit_span(event)
    db.session.flush()
