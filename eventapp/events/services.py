"""Events, their days, partners and goals: the rules every view, API and CLI share."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from eventapp.auth.models import EventRole, EventRoleKind, OrganisationRoleKind, OrganisationStaff
from eventapp.auth.permissions import can_manage_event, can_manage_organisation
from eventapp.auth.services import grant_role
from eventapp.common import DomainError, move_in_list
from eventapp.events import days, series
from eventapp.events.models import (
    AttendanceMode,
    Event,
    EventDay,
    EventGoal,
    EventKind,
    EventOrganisation,
    EventStatus,
    GoalKind,
    PartnerRole,
)
from eventapp.extensions import db
from eventapp.sessions.models import EventSession, SessionPerson
from eventapp.speakers.models import Organisation

EVENT_FIELDS = (
    "slug",
    "title_ar",
    "title_en",
    "description_ar",
    "description_en",
    "venue_ar",
    "venue_en",
    "city_ar",
    "city_en",
    "country",
    "first_day",
    "last_day",
)
EVENT_FLAGS = ("show_hijri", "use_arabic_digits")


def _clean(value):
    if isinstance(value, str):
        return value.strip() or None
    return value


def events_for(user) -> list[Event]:
    """The events a user works on: those where they hold an event role, and every event of
    the organiser organisations whose staff they are (viewers too); all of them for an admin."""
    stmt = select(Event).order_by(Event.first_day.desc())
    if not user.is_admin:
        stmt = stmt.where(
            or_(
                Event.id.in_(select(EventRole.event_id).where(EventRole.user_id == user.id)),
                Event.organiser_id.in_(
                    select(OrganisationStaff.organisation_id).where(
                        OrganisationStaff.user_id == user.id
                    )
                ),
            )
        )
    return db.session.scalars(stmt).all()


def staff_organisations(user) -> list[Organisation]:
    """The organiser organisations whose staff the user is (any role), by name."""
    return db.session.scalars(
        select(Organisation)
        .join(OrganisationStaff, OrganisationStaff.organisation_id == Organisation.id)
        .where(OrganisationStaff.user_id == user.id)
        .order_by(func.coalesce(Organisation.name_ar, Organisation.name_en))
    ).all()


def organisers_for(user, current: Organisation | None = None) -> list[Organisation]:
    """The organiser organisations `user` may choose as the one running an event: those they
    manage (owners and staff), all organisers for an admin; `current` (the event's) stays."""
    stmt = select(Organisation).where(Organisation.slug.is_not(None))
    if not user.is_admin:
        managed = [
            organisation_id
            for organisation_id, role in db.session.execute(
                select(OrganisationStaff.organisation_id, OrganisationStaff.role).where(
                    OrganisationStaff.user_id == user.id
                )
            )
            if role in (OrganisationRoleKind.OWNER, OrganisationRoleKind.STAFF)
        ]
        if current is not None:
            managed.append(current.id)
        stmt = stmt.where(Organisation.id.in_(managed))
    stmt = stmt.order_by(func.coalesce(Organisation.name_ar, Organisation.name_en))
    return db.session.scalars(stmt).all()


def set_organiser(event: Event, organiser_id: int | None, user) -> None:
    """The organisation that runs the event: an organiser the user manages (keeping the
    current one is always allowed)."""
    if not organiser_id or organiser_id == event.organiser_id:
        return
    organisation = db.session.get(Organisation, organiser_id)
    if (
        organisation is None
        or not organisation.is_organiser
        or not can_manage_organisation(user, organisation)
    ):
        raise DomainError(
            _("Choose an organisation whose events you may organise."), "organiser_id"
        )
    event.organiser_id = organisation.id
    event.organiser = organisation
    db.session.flush()


# What the public may see of an event, by its status: the one rule every public page, feed,
# PDF and the API follow (may_see_event, participation_refusal).
# - published: everything public; registration and interventions as their own settings say;
# - archived: the public record stays (event page, agenda and its PDF and calendars, speakers,
#   organisations, sessions, live view, the outcome summary once published, the API) with an
#   "archived" notice on pages and a flag in the API; registration and interventions are
#   closed;
# - draft: nothing (404), except for the event's staff (its organisers and administrators; the
#   facilitators of a session for that session's live queue), who preview it.
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.ARCHIVED)


def may_see_event(event: Event | None, user=None, *, staff: bool | None = None) -> bool:
    """Whether this reader may see the event's public pages (see PUBLIC_STATUSES above).

    ``user`` is the reader (None: the public, e.g. the API, which answers as to anyone);
    ``staff`` overrides the question "is this reader the event's staff" when the caller knows
    it better (a session's facilitators)."""
    if event is None:
        return False
    if event.status in PUBLIC_STATUSES:
        return True
    if staff is None:
        staff = user is not None and can_manage_event(user, event)
    return bool(staff)


def participation_refusal(event: Event) -> str | None:
    """Why nobody may register for or intervene in this event now, by its status; None when
    its status allows it (the registration and queue settings may still refuse)."""
    if event.status == EventStatus.ARCHIVED:
        return _("This event is archived: registration and interventions are closed.")
    if event.status != EventStatus.PUBLISHED:
        return _("Registration for this event is not open.")
    return None


def public_event(slug: str) -> Event | None:
    """A published or archived event by its address (what anyone may see, with no reader)."""
    return db.session.scalar(
        select(Event).where(Event.slug == slug, Event.status.in_(PUBLIC_STATUSES))
    )


def public_events() -> list[Event]:
    """Published and archived events, newest first (archived ones carry their flag)."""
    return db.session.scalars(
        select(Event).where(Event.status.in_(PUBLIC_STATUSES)).order_by(Event.first_day.desc())
    ).all()


def session_assignments(user) -> list[EventRole]:
    """The sessions a user facilitates or reports on, with their events, in time order."""
    return db.session.scalars(
        select(EventRole)
        .where(EventRole.user_id == user.id, EventRole.session_id.is_not(None))
        .join(EventRole.session)
        .join(EventSession.day)
        .options(
            joinedload(EventRole.session).joinedload(EventSession.day),
            joinedload(EventRole.event),
        )
        .order_by(EventDay.date.desc(), EventSession.start_time)
    ).all()


def event_by_slug(slug: str) -> Event | None:
    return db.session.scalar(select(Event).where(Event.slug == slug))


def event_for_page(slug: str) -> Event | None:
    """An event with what its public page shows, loaded in a fixed number of queries."""
    return db.session.scalar(
        select(Event)
        .where(Event.slug == slug)
        .options(
            selectinload(Event.days),
            selectinload(Event.goals),
            selectinload(Event.partners).selectinload(EventOrganisation.organisation),
        )
    )


def save_event(event: Event | None, data: dict, user=None) -> Event:
    """Create or update an event; its days follow its first and last day (events.days). With
    `user`: its organising organisation (`organiser_id`, one the user manages), then its series
    (`series_id`, one of that organisation's)."""
    first_day, last_day = data["first_day"], data["last_day"]
    if last_day < first_day:
        raise DomainError(_("The event must end on or after the day it starts."), "last_day")
    slug = data["slug"].strip().lower()
    clash = db.session.scalar(
        select(Event.id).where(Event.slug == slug, Event.id != (event.id if event else -1))
    )
    if clash:
        raise DomainError(_("Another event already uses this address."), "slug")

    timezone = data.get("timezone") or "UTC"
    try:
        ZoneInfo(timezone)
    except (ValueError, ZoneInfoNotFoundError):
        raise DomainError(_("Choose a time zone from the list."), "timezone") from None

    event = event or Event()
    for field in EVENT_FIELDS:
        setattr(event, field, _clean(data.get(field)))
    for flag in EVENT_FLAGS:
        setattr(event, flag, bool(data.get(flag)))
    event.timezone = timezone
    event.slug = slug
    event.kind = EventKind(data["kind"])
    event.attendance_mode = AttendanceMode(data.get("attendance_mode") or "in_person")
    db.session.add(event)
    days.sync_days(event)
    if user is not None:
        set_organiser(event, data.get("organiser_id"), user)
    if data.get("series_id") is not None:  # 0: in no series; None: as it was
        series.assign(event, data["series_id"])
    db.session.flush()
    return event


DAY_FIELDS = (
    "title_ar",
    "title_en",
    "notes_ar",
    "notes_en",
    "venue_ar",
    "venue_en",
    "city_ar",
    "city_en",
)


def update_day(day: EventDay, data: dict) -> EventDay:
    for field in DAY_FIELDS:
        setattr(day, field, _clean(data.get(field)))
    db.session.flush()
    return day


def create_event(user, data: dict) -> Event:
    """A new event, in draft, run by the organisation `data["organiser_id"]` (one the user
    manages) when given. Its owners and staff organise it through the organisation, so that
    leaving the staff ends it; anyone else creating an event is given its organiser role."""
    event = save_event(None, data, user)
    if event.organiser is None or not can_manage_organisation(user, event.organiser):
        grant_role(user, event, EventRoleKind.ORGANISER)
    return event


def set_status(event: Event, status: EventStatus) -> None:
    event.status = status
    db.session.flush()


def dashboard_figures(event: Event) -> dict:
    sessions = db.session.scalar(
        select(func.count()).select_from(EventSession).where(EventSession.event_id == event.id)
    )
    people = db.session.scalar(
        select(func.count(func.distinct(SessionPerson.person_id)))
        .join(SessionPerson.session)
        .where(EventSession.event_id == event.id)
    )
    per_day = dict(
        db.session.execute(
            select(EventSession.day_id, func.count())
            .where(EventSession.event_id == event.id)
            .group_by(EventSession.day_id)
        ).all()
    )
    return {
        "sessions_per_day": per_day,
        "days": len(event.days),
        "rooms": len(event.rooms),
        "sessions": sessions,
        "people": people,
        "partners": len(event.partners),
        "objectives": len(event.objectives()),
        "expected_outputs": len(event.expected_outputs()),
    }


# Goals: objectives and expected outputs, ordered.


def add_goal(event: Event, kind: GoalKind, text_ar: str | None, text_en: str | None) -> EventGoal:
    position = max((g.position for g in event.goals if g.kind == kind), default=0) + 1
    goal = EventGoal(kind=kind, text_ar=_clean(text_ar), text_en=_clean(text_en), position=position)
    event.goals.append(goal)
    db.session.flush()
    return goal


def update_goal(goal: EventGoal, text_ar: str | None, text_en: str | None) -> None:
    if not _clean(text_ar) and not _clean(text_en):
        raise DomainError(_("Write it in Arabic or English."), "text_ar")
    goal.text_ar, goal.text_en = _clean(text_ar), _clean(text_en)
    db.session.flush()


def move_goal(goal: EventGoal, step: int) -> None:
    siblings = [g for g in goal.event.goals if g.kind == goal.kind]
    move_in_list(siblings, goal, step)
    db.session.expire(goal.event, ["goals"])  # reload in the new order


def delete_goal(goal: EventGoal) -> None:
    siblings = [g for g in goal.event.goals if g.kind == goal.kind and g is not goal]
    goal.event.goals.remove(goal)
    for number, entry in enumerate(sorted(siblings, key=lambda g: g.position), start=1):
        entry.position = number
    db.session.flush()


# Organisations running the event.


def add_partner(event: Event, organisation_id: int, role: PartnerRole) -> EventOrganisation:
    if any(p.organisation_id == organisation_id and p.role == role for p in event.partners):
        raise DomainError(_("This organisation already has this role."), "organisation_id")
    partner = EventOrganisation(
        organisation_id=organisation_id,
        role=role,
        position=max((p.position for p in event.partners), default=0) + 1,
    )
    event.partners.append(partner)
    db.session.flush()
    return partner


def move_partner(partner: EventOrganisation, step: int) -> None:
    move_in_list(partner.event.partners, partner, step)
    db.session.expire(partner.event, ["partners"])  # reload in the new order
