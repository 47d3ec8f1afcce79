"""Privacy: a participant's data for download, their erasure, and the purge of an event's
personal data.

Interventions and personal agendas belong to other capabilities (interventions, agendas),
reached through the signals of eventapp.signals (answered by eventapp.interventions.public and
eventapp.agendas.answers); where one is absent, nobody answers and there is nothing of it to
download or erase.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from eventapp import signals
from eventapp.common import utcnow
from eventapp.events.models import Event
from eventapp.extensions import db
from eventapp.mail import backends as mail_backends
from eventapp.mail import records
from eventapp.people import FormOfAddress
from eventapp.registration.changes import delete_registration
from eventapp.registration.models import (
    Certificate,
    Invitation,
    ListVisibility,
    Registration,
    RegistrationSettings,
    ReportNaming,
    SessionAttendance,
)
from eventapp.registration.settings import lock_event, questions_for

# Interventions keep their statement, anonymised, when their author erases their data or the
# event is purged: the record of what was said belongs to the event. No setting of the event
# decides otherwise yet; `keep_statements=False` removes them too.
KEEP_STATEMENTS = True


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
        "category": registration.category,
        "birth_year": registration.birth_year,
        "mode": registration.mode.value,
        "time_zone": registration.time_zone,
        "days": [d.date.isoformat() for d in registration.days],
        "accessibility_needs": registration.accessibility_needs,
        "interpretation_needs": registration.interpretation_needs,
        "list_visibility": registration.list_visibility.value,
        "report_naming": registration.report_naming.value,
        "form_of_address": registration.form_of_address.value,
        "answers": {questions.get(k, k): v for k, v in (registration.answers or {}).items()},
        "checked_in": [c.day.date.isoformat() for c in registration.checkins],
        "check_ins": [
            {
                "day": c.day.date.isoformat(),
                "at": c.checked_in_at.isoformat() + "Z",
                "how": c.how.value,
            }
            for c in registration.checkins
        ],
        "sessions_attended": _sessions_attended(registration),
        "organiser_note": registration.organiser_note,
        "interventions": _personal_interventions(registration),
        "starred_sessions": _personal_stars(registration),
        "mails": _personal_mails(registration),
        "invitations": _personal_invitations(registration),
    }


def _invitations_naming(registration: Registration):
    """The invitations of the event that name the person: the one they registered with, and
    any sent to their e-mail (a condition on Invitation; both addresses are stored normalised)."""
    named = Invitation.id == registration.invitation_id
    if registration.email:
        named = named | (Invitation.email == registration.email)
    return (Invitation.event_id == registration.event_id) & named


def _personal_invitations(registration: Registration) -> list[dict]:
    rows = db.session.scalars(
        select(Invitation).where(_invitations_naming(registration)).order_by(Invitation.id)
    ).all()
    return [
        {
            "email": i.email,
            "name_ar": i.name_ar,
            "name_en": i.name_en,
            "form_of_address": i.form_of_address.value,
            "label": i.label if i.max_uses == 1 else None,
            "made_at": i.created_at.isoformat() + "Z",
        }
        for i in rows
    ]


def _sessions_attended(registration: Registration) -> list[dict]:
    """The sessions they were present in (at the door, or joined remotely): no links."""
    rows = db.session.scalars(
        select(SessionAttendance)
        .where(SessionAttendance.registration_id == registration.id)
        .options(joinedload(SessionAttendance.session))
        .order_by(SessionAttendance.at)
    ).all()
    return [
        {"session": a.session.title, "how": a.how.value, "at": a.at.isoformat() + "Z"} for a in rows
    ]


def _personal_mails(registration: Registration) -> list[dict]:
    """The outbox's record of the messages about this event addressed to them (the files of
    the development mail folder are copies of the same messages)."""
    return [
        {
            "subject": m.subject,
            "created": m.created_at.isoformat() + "Z",
            "status": m.status.value,
            "sent": m.sent_at.isoformat() + "Z" if m.sent_at else None,
        }
        for m in records.messages_to(registration.email, registration.event_id)
    ]


def _personal_interventions(registration: Registration) -> list[dict]:
    found = signals.answer(
        signals.personal_interventions_asked, registration.event, email=registration.email
    )
    return found or []


def _personal_stars(registration: Registration) -> list[dict]:
    found = signals.answer(
        signals.personal_stars_asked, registration.event, registration_id=registration.id
    )
    return found or []


def erase_registration(registration: Registration) -> list[Registration]:
    """The participant's right to erasure: their registration (and its check-ins), their
    interventions' name, e-mail and organisation (statements kept as "a participant"), their
    starred sessions, the invitations of the event that named them (the one they registered
    with, and any sent to their e-mail), the event's messages to them in the outbox (sent or
    waiting) and the mails addressed to them in the development mail folder. Returns the
    people promoted from the waiting list. The caller commits."""
    event, email = registration.event, registration.email
    signals.participant_erased.send(
        event, email=email, registration_id=registration.id, keep_statements=KEEP_STATEMENTS
    )
    _forget_invitations(_invitations_naming(registration))
    promoted = delete_registration(registration)  # its check-ins go with it (cascade)
    records.erase_messages_to(email, event.id)
    mail_backends.delete_folder_messages_to(current_app.config, email)
    return promoted


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
        registration.birth_year = None
        registration.organisation_name = None
        registration.accessibility_needs = None
        registration.interpretation_needs = None
        registration.answers = {}
        registration.organiser_note = None
        registration.list_visibility = ListVisibility.NOBODY
        registration.report_naming = ReportNaming.ANONYMOUS
        registration.form_of_address = FormOfAddress.UNSPECIFIED
        registration.link_version += 1
        registration.version += 1  # an edit form opened before may not write the data back
    _forget_invitations(Invitation.event_id == event.id)
    # Certificates keep their serial (the count of those issued), not the name printed.
    db.session.execute(
        Certificate.__table__.update()
        .where(Certificate.event_id == event.id)
        .values(name_ar=None, name_en=None)
    )
    signals.event_purged.send(event, keep_statements=KEEP_STATEMENTS)
    records.erase_event_messages(event.id)
    settings.purged_at = utcnow()
    db.session.flush()
    return len(registrations)


def _forget_invitations(where) -> None:
    """Invitations keep their use (code, category, counts), not the person invited; the label
    of a personal one (for one use) may name them too."""
    personal = Invitation.max_uses == 1
    db.session.execute(
        Invitation.__table__.update()
        .where(where)
        .values(
            email=None,
            name_ar=None,
            name_en=None,
            form_of_address=FormOfAddress.UNSPECIFIED,
            label=sa.case((personal, None), else_=Invitation.label),
        )
    )


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
