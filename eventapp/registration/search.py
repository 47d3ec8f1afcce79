"""Finding registrations by what an organiser types or scans: one rule for the organisers' list,
its exports and the door. Text matches a name, the e-mail, the organisation (typed, or the
directory's name or acronym) or the check-in code (as typed, or read from the QR code's URL)."""

from __future__ import annotations

import dataclasses
import re

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from eventapp.events.models import Event
from eventapp.registration.models import Mode, Registration, Status, registration_days
from eventapp.search_text import any_folded_like
from eventapp.speakers.models import Organisation

_CODE = re.compile(r"([A-Za-z0-9]{8})/?$")


def code_from_text(text: str) -> str:
    """The check-in code from what was typed or scanned: the code itself or the QR's URL."""
    text = (text or "").strip().replace(" ", "").replace("-", "")
    match = _CODE.search(text.split("?")[0])
    return match.group(1).upper() if match else ""


def matching(stmt: Select, text: str) -> Select:
    """`stmt` (a select of registrations) narrowed to those `text` names."""
    searched = (
        Registration.name_ar,
        Registration.name_en,
        Registration.email,
        Registration.organisation_name,
        Organisation.name_ar,
        Organisation.name_en,
        Organisation.acronym,
    )
    codes = {text.strip().upper(), code_from_text(text)} - {""}
    return stmt.outerjoin(Registration.organisation).where(
        or_(
            any_folded_like(searched, text),
            func.upper(Registration.checkin_code).in_(codes),
        )
    )


@dataclasses.dataclass
class Filters:
    q: str = ""
    status: str = ""
    category: str = ""
    mode: str = ""
    day: int = 0
    organisation: str = ""


def filtered(event: Event, filters: Filters) -> Select:
    """The event's registrations that pass the filters, in the order they came, with what the
    list and the exports show loaded."""
    stmt = (
        select(Registration)
        .where(Registration.event_id == event.id)
        .options(
            selectinload(Registration.days),
            selectinload(Registration.organisation),
            selectinload(Registration.checkins),
        )
        .order_by(Registration.created_at, Registration.id)
    )
    if filters.q.strip():
        stmt = matching(stmt, filters.q)
    if filters.status in {s.value for s in Status}:
        stmt = stmt.where(Registration.status == Status(filters.status))
    if filters.category:
        stmt = stmt.where(Registration.category == filters.category[:40])
    if filters.mode in {m.value for m in Mode}:
        stmt = stmt.where(Registration.mode == Mode(filters.mode))
    if filters.day:
        stmt = stmt.where(
            Registration.id.in_(
                select(registration_days.c.registration_id).where(
                    registration_days.c.day_id == filters.day
                )
            )
        )
    if filters.organisation.startswith("o") and filters.organisation[1:].isdigit():
        stmt = stmt.where(Registration.organisation_id == int(filters.organisation[1:]))
    elif filters.organisation.startswith("t:"):
        stmt = stmt.where(
            func.lower(Registration.organisation_name) == filters.organisation[2:].lower()
        )
    return stmt
