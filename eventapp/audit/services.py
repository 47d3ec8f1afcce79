"""Reading the audit trail: filters, pages, and the words shown for its codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from eventapp.audit.models import AuditEntry
from eventapp.audit.recording import CLI, PARTICIPANT, PUBLIC, SYSTEM, USER
from eventapp.auth.models import User
from eventapp.extensions import db
from eventapp.people import Audience, shown

PER_PAGE = 50

ENTITY_LABELS = {
    "event": _l("Event"),
    "day": _l("Day"),
    "partner": _l("Organisation taking part"),
    "goal": _l("Objective or expected output"),
    "room": _l("Room"),
    "session": _l("Session"),
    "session_person": _l("Person in a session"),
    "role": _l("Team role"),
    "registration_settings": _l("Registration settings"),
    "day_capacity": _l("Limit of places on a day"),
    "question": _l("Question of the registration form"),
    "invitation": _l("Invitation"),
    "registration": _l("Registration"),
    "check_in": _l("Check-in"),
    "session_outcome": _l("Session outcome"),
    "event_outcome": _l("Event outcome"),
    "goal_assessment": _l("Assessment of an objective"),
    "day_summary": _l("Summary of a day"),
    "recommendation": _l("Recommendation"),
    "follow_up_note": _l("Follow-up note"),
    "next_step": _l("Next step"),
    "general_assembly": _l("General assembly settings"),
    "session_vote": _l("Vote on an agenda item"),
    "certificate_settings": _l("Certificate rule and signatories"),
    "certificate": _l("Certificate issued"),
    # exports of personal data (explicit entries)
    "registrations": _l("List of registrations"),
    "invitation_links": _l("Invitation links"),
    "badges": _l("Badges"),
    "certificates": _l("Certificates of attendance"),
    "personal_data": _l("A participant's own data"),
}

ACTION_LABELS = {
    "create": _l("Created"),
    "update": _l("Changed"),
    "delete": _l("Deleted"),
    "export": _l("Exported"),
    "check_in": _l("Checked in"),
    "undo_check_in": _l("Check-in undone"),
}

ACTOR_LABELS = {
    USER: _l("Account"),
    PARTICIPANT: _l("Participant (personal link)"),
    PUBLIC: _l("Visitor of the public site"),
    CLI: _l("Command line"),
    SYSTEM: _l("System"),
}

# The fields most often changed; any other is shown by its name in the database.
FIELD_LABELS = {
    "status": _l("Status"),
    "title_ar": _l("Title (Arabic)"),
    "title_en": _l("Title (English)"),
    "description_ar": _l("Description (Arabic)"),
    "description_en": _l("Description (English)"),
    "name": _l("Name"),
    "date": _l("Date"),
    "days": _l("Days"),
    "mode": _l("Attendance"),
    "category": _l("Category"),
    "capacity": _l("Capacity"),
    "start_time": _l("Start"),
    "end_time": _l("End"),
    "room_id": _l("Room"),
    "day_id": _l("Day"),
    "kind": _l("Type"),
    "role": _l("Role"),
    "first_day": _l("First day"),
    "last_day": _l("Last day"),
    "is_open": _l("Registration open"),
    "text": _l("Text"),
    "summary": _l("Summary"),
    "format": _l("Format"),
    "rows": _l("Rows"),
    "video_link": _l("Video link"),
}


@dataclasses.dataclass
class Filters:
    entity_type: str | None = None
    action: str | None = None
    actor: str | None = None  # "user:<id>" or an actor label
    since: dt.date | None = None  # in the reader's time zone
    until: dt.date | None = None


def _utc(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """Midnight starting `day` in `zone`, as the naive UTC the table holds."""
    local = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def entries_query(event_id: int | None, filters: Filters, zone: ZoneInfo) -> sa.Select:
    """The entries of one event (None: of everything), newest first."""
    query = sa.select(AuditEntry)
    if event_id is not None:
        query = query.where(AuditEntry.event_id == event_id)
    if filters.entity_type:
        query = query.where(AuditEntry.entity_type == filters.entity_type)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.actor:
        kind, _sep, account = filters.actor.partition(":")
        if kind == USER and account.isdigit():
            query = query.where(AuditEntry.actor_user_id == int(account))
        else:
            query = query.where(AuditEntry.actor_label == kind)
    if filters.since:
        query = query.where(AuditEntry.at >= _utc(filters.since, zone))
    if filters.until:
        query = query.where(AuditEntry.at < _utc(filters.until + dt.timedelta(days=1), zone))
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def page_of_entries(event_id: int | None, filters: Filters, zone: ZoneInfo, page: int):
    return db.paginate(
        entries_query(event_id, filters, zone), page=page, per_page=PER_PAGE, error_out=False
    )


def actors_of(event_id: int | None) -> list[tuple[str, str]]:
    """(filter value, label) of everyone who appears in the trail (of one event)."""
    where = [AuditEntry.event_id == event_id] if event_id is not None else []
    accounts = db.session.execute(
        sa.select(User.id, User.name)
        .where(User.id.in_(sa.select(AuditEntry.actor_user_id).where(*where).distinct()))
        .order_by(User.name)
    ).all()
    labels = db.session.scalars(
        sa.select(AuditEntry.actor_label).where(AuditEntry.actor_label != USER, *where).distinct()
    ).all()
    return [(f"{USER}:{i}", name) for i, name in accounts] + [
        (label, str(ACTOR_LABELS.get(label, label))) for label in sorted(labels)
    ]


def account_names(entries) -> dict[int, str]:
    """Names of the accounts that acted in `entries` (one query)."""
    ids = {e.actor_user_id for e in entries if e.actor_user_id is not None}
    if not ids:
        return {}
    rows = db.session.execute(sa.select(User.id, User.name).where(User.id.in_(ids))).all()
    return {i: shown(name, None, Audience.STAFF).name for i, name in rows}
