"""An organisation becomes an organiser, and its page: slug, names, description, website, logo;
the events of its dashboard and of its public page."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import func, select

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.auth.permissions import can_edit_organisation
from eventapp.common import DomainError
from eventapp.events.models import Event, EventSeries, EventStatus
from eventapp.events.services import PUBLIC_STATUSES
from eventapp.extensions import db
from eventapp.organisers.logos import read_logo
from eventapp.speakers.models import Organisation, OrganisationKind

# Addresses the manage pages use for themselves ("/manage/o/new").
RESERVED_SLUGS = frozenset({"new"})
PAGE_FIELDS = ("description_ar", "description_en", "website")


def _clean(value):
    return value.strip() or None if isinstance(value, str) else value


def organiser_by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def organisations_to_promote(user) -> list[Organisation]:
    """Directory organisations that are not organisers yet and that the user may edit."""
    candidates = db.session.scalars(
        select(Organisation)
        .where(Organisation.slug.is_(None))
        .order_by(func.coalesce(Organisation.name_ar, Organisation.name_en))
    ).all()
    return [o for o in candidates if can_edit_organisation(user, o)]


def _check_slug(slug: str, organisation: Organisation | None) -> str:
    slug = (slug or "").strip().lower()
    if slug in RESERVED_SLUGS:
        raise DomainError(_("This address is reserved: choose another."), "slug")
    clash = db.session.scalar(
        select(Organisation.id).where(
            Organisation.slug == slug,
            Organisation.id != (organisation.id if organisation and organisation.id else -1),
        )
    )
    if clash:
        raise DomainError(_("Another organisation already uses this address."), "slug")
    return slug


def create_organiser(user, data: dict, logo_upload=None) -> Organisation:
    """Make a directory organisation (an existing one the user may edit, or a new one) an
    organiser with its page; the user becomes its owner."""
    organisation = None
    if data.get("organisation_id"):
        organisation = db.session.get(Organisation, data["organisation_id"])
        if (
            organisation is None
            or organisation.is_organiser
            or not can_edit_organisation(user, organisation)
        ):
            raise DomainError(_("Choose an organisation from the list."), "organisation_id")
    else:
        organisation = Organisation(kind=OrganisationKind.NGO, created_by_id=user.id)
    save_page(organisation, data, logo_upload)
    db.session.add(
        OrganisationStaff(organisation=organisation, user=user, role=OrganisationRoleKind.OWNER)
    )
    db.session.flush()
    return organisation


def save_page(organisation: Organisation, data: dict, logo_upload=None) -> Organisation:
    """The organiser's page: address, names (a blank name keeps the one saved), description,
    website and logo (PNG or JPEG; `remove_logo` takes it away)."""
    organisation.slug = _check_slug(data.get("slug"), organisation)
    for field in ("name_ar", "name_en"):
        if _clean(data.get(field)):
            setattr(organisation, field, _clean(data.get(field)))
    if not organisation.name_ar and not organisation.name_en:
        raise DomainError(_("Give the name in Arabic or English."), "name_ar")
    for field in PAGE_FIELDS:
        setattr(organisation, field, _clean(data.get(field)))
    logo = read_logo(logo_upload)
    if logo is not None:
        organisation.logo, organisation.logo_type = logo
    elif data.get("remove_logo"):
        organisation.logo, organisation.logo_type = None, None
    db.session.add(organisation)
    db.session.flush()
    return organisation


def logo_of(organisation: Organisation) -> tuple[bytes, str] | None:
    """The logo's bytes and content type (the column is deferred: read only here)."""
    row = db.session.execute(
        select(Organisation.logo, Organisation.logo_type).where(Organisation.id == organisation.id)
    ).one()
    return (row.logo, row.logo_type) if row.logo and row.logo_type else None


def events_of(organisation: Organisation) -> list[Event]:
    return db.session.scalars(
        select(Event).where(Event.organiser_id == organisation.id).order_by(Event.first_day.desc())
    ).all()


def events_by_status(organisation: Organisation) -> list[tuple[EventStatus, list[Event]]]:
    """The organisation's events for its staff: drafts, published, archived (each newest first)."""
    events = events_of(organisation)
    return [(status, [e for e in events if e.status == status]) for status in EventStatus]


def public_events(organisation: Organisation, today: dt.date | None = None) -> dict:
    """What the public sees of the organisation's events: never a draft. ``upcoming``
    (published, not over yet, soonest first), ``past`` (published and over, or archived,
    newest first) and ``all`` (both, newest first)."""
    today = today or dt.date.today()
    shown = [e for e in events_of(organisation) if e.status in PUBLIC_STATUSES]
    upcoming = [e for e in shown if e.status == EventStatus.PUBLISHED and e.last_day >= today]
    past = [e for e in shown if e not in upcoming]
    return {"upcoming": list(reversed(upcoming)), "past": past, "all": shown}


def series_of(organisation: Organisation) -> list[EventSeries]:
    return db.session.scalars(
        select(EventSeries)
        .where(EventSeries.organisation_id == organisation.id)
        .order_by(func.coalesce(EventSeries.title_ar, EventSeries.title_en))
    ).all()
