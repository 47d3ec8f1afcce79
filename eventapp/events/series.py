"""Series of events of one organiser organisation (an annual conference, a training cycle,
youth workshops) and their editions: the events that name the series."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from eventapp.auth.models import OrganisationRoleKind
from eventapp.auth.permissions import organisation_roles
from eventapp.common import DomainError, select_choices
from eventapp.events.models import Event, EventSeries, EventStatus
from eventapp.extensions import db

SERIES_FIELDS = ("title_ar", "title_en", "description_ar", "description_en")
YEAR = re.compile(r"(?<![0-9٠-٩])((?:19|20)[0-9]{2}|[١٢][٩٠][٠-٩]{2})(?![0-9٠-٩])")


def _clean(value):
    if isinstance(value, str):
        return value.strip() or None
    return value


def series_of(organisation_id: int | None) -> list[EventSeries]:
    if organisation_id is None:
        return []
    return db.session.scalars(
        select(EventSeries)
        .where(EventSeries.organisation_id == organisation_id)
        .order_by(EventSeries.title_ar, EventSeries.title_en, EventSeries.id)
    ).all()


def series_choices(user, event: Event | None) -> list[SelectChoice]:
    """The event form's series: those of the event's organiser (a new event: those of the
    organisations the user organises for), and none."""
    if event is not None:
        found = series_of(event.organiser_id)
    else:
        managed = [
            org_id
            for org_id, role in organisation_roles(user).items()
            if role in (OrganisationRoleKind.OWNER, OrganisationRoleKind.STAFF)
        ]
        found = db.session.scalars(
            select(EventSeries)
            .where(EventSeries.organisation_id.in_(managed))
            .order_by(EventSeries.organisation_id, EventSeries.id)
        ).all()
    return select_choices([(0, _("— none —"))] + [(s.id, s.title) for s in found])


def series_by_slug(organisation_id: int, slug: str) -> EventSeries | None:
    return db.session.scalar(
        select(EventSeries).where(
            EventSeries.organisation_id == organisation_id, EventSeries.slug == slug
        )
    )


def save_series(organisation, series: EventSeries | None, data: dict) -> EventSeries:
    """Create or update a series of the organisation; its address is unique in it."""
    slug = (data.get("slug") or "").strip().lower()
    clash = db.session.scalar(
        select(EventSeries.id).where(
            EventSeries.organisation_id == organisation.id,
            EventSeries.slug == slug,
            EventSeries.id != (series.id if series else -1),
        )
    )
    if clash:
        raise DomainError(_("Another series of this organisation uses this address."), "slug")
    if not _clean(data.get("title_ar")) and not _clean(data.get("title_en")):
        raise DomainError(_("Give the title in Arabic or English."), "title_ar")
    series = series or EventSeries(organisation_id=organisation.id)
    series.slug = slug
    for field in SERIES_FIELDS:
        setattr(series, field, _clean(data.get(field)))
    db.session.add(series)
    db.session.flush()
    return series


def assign(event: Event, series_id: int | None) -> None:
    """Put the event in a series of its organiser (none: 0 or None)."""
    if not series_id:
        event.series = None
        return
    series = db.session.get(EventSeries, series_id)
    if series is None or series.organisation_id != event.organiser_id:
        raise DomainError(_("Choose a series of the event's organiser."), "series_id")
    event.series = series


def public_editions(series: EventSeries) -> list[Event]:
    """The editions the public may see (published and archived), newest first."""
    return db.session.scalars(
        select(Event)
        .where(
            Event.series_id == series.id,
            Event.status.in_((EventStatus.PUBLISHED, EventStatus.ARCHIVED)),
        )
        .order_by(Event.first_day.desc())
    ).all()


def without_year(text: str | None) -> str | None:
    """A title or address without its year ("Annual conference 2025" -> "Annual conference")."""
    if not text:
        return text
    cleaned = re.sub(r"\s{2,}", " ", YEAR.sub("", text)).strip(" -–—")
    return cleaned or text


def bump_year(text: str | None, years: int = 1) -> str | None:
    """The same text with each year in it moved on (Western or Arabic-Indic digits)."""
    if not text:
        return text

    def bump(match):
        value = match.group(1)
        arabic = not value.isascii()
        number = int(value.translate(_TO_LATIN)) + years
        return str(number).translate(_TO_ARABIC) if arabic else str(number)

    return YEAR.sub(bump, text)


_TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_TO_ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def series_from_event(event: Event) -> EventSeries:
    """A new series of the event's organiser named after the event, without its year."""
    if event.organiser_id is None:
        raise DomainError(_("Only an event with an organiser can start a series."))
    base = without_year(event.slug) or event.slug
    slug, n = base, 1
    while series_by_slug(event.organiser_id, slug) is not None:
        n += 1
        slug = f"{base}-{n}"
    series = EventSeries(
        organisation_id=event.organiser_id,
        slug=slug[:80],
        title_ar=without_year(event.title_ar),
        title_en=without_year(event.title_en),
        description_ar=event.description_ar,
        description_en=event.description_en,
    )
    db.session.add(series)
    db.session.flush()
    return series
