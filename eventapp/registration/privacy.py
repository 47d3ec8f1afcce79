"""Privacy: a participant's data for download, and the purge of an event's personal data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from eventapp.common import utcnow
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.registration.models import (
    Invitation,
    ListVisibility,
    Registration,
    RegistrationSettings,
    ReportNaming,
)
from eventapp.registration.services import lock_event, questions_for


def personal_data(registration: Registration) -> dict:
    """Everything held about a person for this event, for them to download."""
    questions = {str(q.id): q.label for q in questions_for(registration.event)}
    return {
        "event": {"slug": registration.event.slug, "title": registration.event.title},
        "registered_at": registration.created_at.isoformat() + "Z",
        "status": registration.status.value,
        "name_ar": registration.name_ar,
        "name_en": registration.name_en,
        "email": registration.email,
        "organisation": registration.organisation_label,
        "position": registration.position,
        "category": registration.category.value,
        "mode": registration.mode.value,
        "days": [d.date.isoformat() for d in registration.days],
        "accessibility_needs": registration.accessibility_needs,
        "interpretation_needs": registration.interpretation_needs,
        "list_visibility": registration.list_visibility.value,
        "report_naming": registration.report_naming.value,
        "answers": {questions.get(k, k): v for k, v in (registration.answers or {}).items()},
        "checked_in": [c.day.date.isoformat() for c in registration.checkins],
        "organiser_note": registration.organiser_note,
    }


def purge_event(event: Event) -> int:
    """Erase personal data of an event's registrations; keep counts (category, mode, days)."""
    settings = lock_event(event)
    registrations = db.session.scalars(
        select(Registration).where(
            Registration.event_id == event.id, Registration.email.is_not(None)
        )
    ).all()
    for registration in registrations:
        registration.name_ar = None
        registration.name_en = None
        registration.email = None
        registration.position = None
        registration.organisation_name = None
        registration.accessibility_needs = None
        registration.interpretation_needs = None
        registration.answers = {}
        registration.organiser_note = None
        registration.list_visibility = ListVisibility.NOBODY
        registration.report_naming = ReportNaming.ANONYMOUS
        registration.link_version += 1
    db.session.execute(
        Invitation.__table__.update()
        .where(Invitation.event_id == event.id)
        .values(email=None, name_ar=None, name_en=None)
    )
    settings.purged_at = utcnow()
    db.session.flush()
    return len(registrations)


def events_due_for_purge(today: dt.date | None = None) -> list[Event]:
    """Events whose purge delay after their last day has passed and that still hold data."""
    today = today or dt.date.today()
    rows = db.session.execute(
        select(Event, RegistrationSettings)
        .join(RegistrationSettings, RegistrationSettings.event_id == Event.id)
        .where(RegistrationSettings.purge_after_days.is_not(None))
    ).all()
    due = []
    for event, settings in rows:
        if event.last_day + dt.timedelta(days=settings.purge_after_days) < today:
            has_data = db.session.scalar(
                select(func.count())
                .select_from(Registration)
                .where(Registration.event_id == event.id, Registration.email.is_not(None))
            )
            if has_data:
                due.append(event)
    return due
